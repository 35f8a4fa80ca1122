// Distribution statistics (DOMAIN §4): sum/mean/median, histograms, top shares, Lorenz, Gini.
import { bisect, nice, tickIncrement, ticks } from 'd3-array';
import type { Concentration, Histogram, TopShare } from './types';

/** Σ (values[i] − origin) with Neumaier compensation (many amounts with cents add up without drift). */
function sumAround(values: ArrayLike<number>, origin: number): number {
  let total = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] - origin;
    const t = total + x;
    compensation += Math.abs(total) >= Math.abs(x) ? total - t + x : x - t + total;
    total = t;
  }
  return total + compensation;
}

/** Sum with Neumaier compensation (many amounts with cents add up without drift). */
export function sum(values: ArrayLike<number>): number {
  return sumAround(values, 0);
}

/** Arithmetic mean, null for no values. Computed around the first value, so equal values give
 * exactly that value back (the mean is a class boundary, DOMAIN §3). */
export function mean(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n === 0) return null;
  const origin = values[0];
  return origin + sumAround(values, origin) / n;
}

/** Median, null for no values; for an even count the mean of the two middle values. */
export function median(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Histogram with d3's nice bins: about `bins` of them (default: Sturges' rule). With `log`, bins
 * are even in log10 and values ≤ 0 are left out; edges are always in raw units.
 */
export function histogram(
  values: ArrayLike<number>,
  options: { bins?: number; log?: boolean } = {}
): Histogram {
  const isLog = options.log ?? false;
  const buffer = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isFinite(x) && (!isLog || x > 0)) buffer[n++] = isLog ? Math.log10(x) : x;
  }
  const kept = buffer.subarray(0, n);
  const excluded = values.length - n;
  if (n === 0) return { edges: [], counts: [], excluded, log: isLog };
  const { edges, counts } = binCounts(kept, options.bins ?? sturges(n));
  return { edges: isLog ? edges.map((x) => 10 ** x) : edges, counts, excluded, log: isLog };
}

/** Sturges' bin count for `n` numbers, as d3's `thresholdSturges` (which counts them again). */
function sturges(n: number): number {
  return Math.max(1, Math.ceil(Math.log(n) / Math.LN2) + 1);
}

/**
 * The bins `d3.bin().thresholds(count)` makes of finite `values` (its default domain, niced), as
 * edges and counts: d3's steps, without an array of values per bin (100k values: 60 → 5 ms).
 */
function binCounts(values: Float64Array, count: number): { edges: number[]; counts: number[] } {
  let x0 = Infinity;
  let x1 = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < x0) x0 = values[i];
    if (values[i] > x1) x1 = values[i];
  }
  const max = x1;
  [x0, x1] = nice(x0, x1, count);
  let tz = ticks(x0, x1, count);
  // Aligned with the first tick, values are binned by quantization (as d3 does).
  let step = NaN;
  if (tz[0] <= x0) step = tickIncrement(x0, x1, count);
  // A last threshold on the upper bound: extend the domain by one tick, or drop the threshold.
  if (tz[tz.length - 1] >= x1) {
    if (max >= x1) {
      const s = tickIncrement(x0, x1, count);
      if (Number.isFinite(s)) {
        if (s > 0) x1 = (Math.floor(x1 / s) + 1) * s;
        else if (s < 0) x1 = (Math.ceil(x1 * -s) + 1) / -s;
      }
    } else tz.pop();
  }
  let m = tz.length;
  let a = 0;
  let b = m;
  while (tz[a] <= x0) ++a;
  while (tz[b - 1] > x1) --b;
  if (a || b < m) {
    tz = tz.slice(a, b);
    m = b - a;
  }
  const counts = new Float64Array(m + 1);
  // One loop per way of binning (the test out of the loop: 100k values per histogram).
  if (Number.isFinite(step) && step > 0) {
    for (let i = 0; i < values.length; i++) {
      const x = values[i];
      if (x0 <= x && x <= x1) counts[Math.min(m, Math.floor((x - x0) / step))]++;
    }
  } else if (Number.isFinite(step) && step < 0) {
    for (let i = 0; i < values.length; i++) {
      const x = values[i];
      if (!(x0 <= x && x <= x1)) continue;
      const j = Math.floor((x0 - x) * step);
      counts[Math.min(m, j + (tz[j] <= x ? 1 : 0))]++;
    }
  } else {
    for (let i = 0; i < values.length; i++) {
      const x = values[i];
      if (x0 <= x && x <= x1) counts[bisect(tz, x, 0, m)]++;
    }
  }
  const edges = [x0];
  for (let i = 0; i <= m; i++) edges.push(i < m ? tz[i] : x1);
  return { edges, counts: Array.from(counts) };
}

/**
 * Gini coefficient of non-negative values: G = 2·Σ i·x₍ᵢ₎ / (N·Σx) − (N+1)/N, x ascending,
 * i = 1..N. Null when there are no values or they sum to 0.
 */
export function gini(values: ArrayLike<number>): number | null {
  const sorted = Float64Array.from(values).sort();
  return giniOfSorted(sorted, sum(sorted));
}

function giniOfSorted(sorted: Float64Array, total: number): number | null {
  const n = sorted.length;
  if (n === 0 || !(total > 0)) return null;
  const weighted = new Float64Array(n);
  for (let i = 0; i < n; i++) weighted[i] = (i + 1) * sorted[i];
  return (2 * sum(weighted)) / (n * total) - (n + 1) / n;
}

/**
 * Lorenz curve of non-negative values: [i/N, share of the smallest i values] for i = 0..N. Above
 * `maxPoints` points it keeps evenly spaced i, always [0, 0] and [1, 1].
 */
export function lorenzCurve(values: ArrayLike<number>, maxPoints = 200): [number, number][] {
  const sorted = Float64Array.from(values).sort();
  return lorenzOfSorted(sorted, sum(sorted), maxPoints);
}

function lorenzOfSorted(
  sorted: Float64Array,
  total: number,
  maxPoints: number
): [number, number][] {
  const n = sorted.length;
  if (n === 0 || !(total > 0)) return [];
  const cumulative = new Float64Array(n + 1);
  let running = 0;
  let compensation = 0;
  for (let i = 0; i < n; i++) {
    const x = sorted[i];
    const t = running + x;
    compensation += Math.abs(running) >= Math.abs(x) ? running - t + x : x - t + running;
    running = t;
    cumulative[i + 1] = running + compensation;
  }
  const count = Math.min(n + 1, Math.max(2, maxPoints));
  const points: [number, number][] = [];
  for (let k = 0; k < count; k++) {
    const i = count === n + 1 ? k : Math.round((k * n) / (count - 1));
    points.push([i / n, i === n ? 1 : cumulative[i] / total]);
  }
  return points;
}

/**
 * Revenue concentration over customers with monetary > 0: share of the top customer and of the
 * top 1 %, 10 %, 20 % — the top ceil(k·N/100) customers, so never nobody — plus Lorenz and Gini.
 * `order`: the indices of `monetary` by ascending value, when at hand (saves a sort).
 */
export function concentration(monetary: ArrayLike<number>, order?: Uint32Array): Concentration {
  const positive = new Float64Array(monetary.length);
  let n = 0;
  if (order) {
    for (let p = 0; p < order.length; p++) {
      const m = monetary[order[p]];
      if (m > 0) positive[n++] = m;
    }
  } else for (let i = 0; i < monetary.length; i++) if (monetary[i] > 0) positive[n++] = monetary[i];
  const ascending = order ? positive.subarray(0, n) : positive.subarray(0, n).sort();
  const total = sum(ascending);
  const top = (count: number): TopShare | null =>
    n === 0 ? null : { count, share: sum(ascending.subarray(n - count)) / total };
  // k·N/100 is an exact integer ratio, so no float surprise like 0.1·30 = 3.0000000000000004.
  const topPercent = (k: number) => top(Math.ceil((k * n) / 100));
  return {
    customers: n,
    total,
    top1: top(1),
    top1pct: topPercent(1),
    top10pct: topPercent(10),
    top20pct: topPercent(20),
    lorenz: lorenzOfSorted(ascending, total, 200),
    gini: giniOfSorted(ascending, total)
  };
}
