// RFM scores (DOMAIN §3): ranked quantiles with ties together, NTILE, custom cuts; bin occupancy.
import { Scratch } from './scratch';
import type { BinInfo, BinWarning, CustomCuts, CutProblem, Metric, ScoringMethod } from './types';

/** The three metrics, in R, F, M order. */
export const METRICS: readonly Metric[] = ['recency', 'frequency', 'monetary'];
/** Allowed bin counts (DOMAIN §3). */
export const MIN_BINS = 2;
export const MAX_BINS = 10;
export const DEFAULT_BINS = 5;

/** Throws a RangeError unless `bins` is an integer in 2–10. */
export function assertBins(bins: number): void {
  if (!Number.isInteger(bins) || bins < MIN_BINS || bins > MAX_BINS) {
    throw new RangeError(`bins must be an integer from ${MIN_BINS} to ${MAX_BINS}, got ${bins}`);
  }
}

/**
 * Orders customer ids like SQLite's default BINARY collation, which compares UTF-8 bytes, i.e.
 * Unicode code points. That equals JS `<` (UTF-16 code units) except for characters beyond U+FFFF
 * against U+E000–U+FFFF, which this corrects.
 */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Move surrogates (astral code points) above U+E000–U+FFFF.
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

/** The widest span of whole numbers {@link argsortAscending} counts instead of radix-sorting. */
const COUNTING_SPAN = 1 << 16;

/**
 * Indices of whole `values` within {@link COUNTING_SPAN} of each other in ascending order, ties in
 * index order (a counting sort: one pass to count, one to place); null for other values or none.
 */
function argsortSmallWhole(values: ArrayLike<number>): Uint32Array | null {
  const n = values.length;
  if (n === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (!Number.isInteger(x)) return null;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (!(max - min < COUNTING_SPAN)) return null;
  const order = new Uint32Array(n);
  COUNTS.use(COUNTING_SPAN + 1, ({ counts: starts }) => {
    starts.fill(0, 0, max - min + 2);
    for (let i = 0; i < n; i++) starts[values[i] - min + 1]++;
    for (let k = 1; k < max - min + 2; k++) starts[k] += starts[k - 1];
    for (let i = 0; i < n; i++) order[starts[values[i] - min]++] = i;
  });
  return order;
}

/** The counts of a counting sort or of a radix pass ({@link COUNTING_SPAN} + 1 covers both). */
const COUNTS = new Scratch((n) => ({ counts: new Uint32Array(n) }));
/** A radix sort's keys (the values' bits, as two halves) and the order it is not writing. */
const RADIX = new Scratch((n) => ({
  floats: new Float64Array(n),
  low: new Uint32Array(n),
  high: new Uint32Array(n),
  next: new Uint32Array(n)
}));

/**
 * Indices of `values` in ascending order, ties in index order: an LSD radix sort on the IEEE-754
 * bits (4 passes of 16 bits), several times faster than a comparator sort; whole numbers close
 * together (days, order counts) are counted instead. Values must not be NaN.
 */
export function argsortAscending(values: ArrayLike<number>): Uint32Array {
  const counted = argsortSmallWhole(values);
  if (counted) return counted;
  const n = values.length;
  const sorted = new Uint32Array(n);
  RADIX.use(n, ({ floats, low, high, next: spare }) =>
    COUNTS.use(COUNTING_SPAN + 1, ({ counts }) => {
      floats.set(values);
      // −0 and +0 are equal values, so they must share bits to stay in index order.
      for (let i = 0; i < n; i++) if (floats[i] === 0) floats[i] = 0;
      const bits = new Uint32Array(floats.buffer, floats.byteOffset, 2 * n);
      for (let i = 0; i < n; i++) {
        // Flip negatives entirely and set the sign bit of positives: unsigned order = numeric.
        const isNegative = bits[2 * i + 1] >>> 31 === 1;
        high[i] = isNegative ? ~bits[2 * i + 1] >>> 0 : (bits[2 * i + 1] | 0x80000000) >>> 0;
        low[i] = isNegative ? ~bits[2 * i] >>> 0 : bits[2 * i];
      }
      let order = sorted;
      for (let i = 0; i < n; i++) order[i] = i;
      let next = spare;
      // Each pass is a call of one small function, which V8 optimizes after the first call; with
      // the passes' loops inline here, the later passes ran unoptimized (100k values: 56 ms the
      // first time).
      for (const [key, shift] of [
        [low, 0],
        [low, 16],
        [high, 0],
        [high, 16]
      ] as const) {
        if (radixPass(key, shift, order, next, counts)) [order, next] = [next, order];
      }
      // The result is kept by the caller: it ends in the array made for it, not the lent one.
      if (order !== sorted) sorted.set(order);
    })
  );
  return sorted;
}

/**
 * One pass of {@link argsortAscending}: `order` into `next` by the 16 bits of `key` at `shift`,
 * stable. False (and `next` untouched) when every key has the same digit there.
 */
function radixPass(
  key: Uint32Array,
  shift: number,
  order: Uint32Array,
  next: Uint32Array,
  counts: Uint32Array
): boolean {
  const n = order.length;
  counts.fill(0, 0, 0x10000);
  for (let i = 0; i < n; i++) counts[(key[i] >>> shift) & 0xffff]++;
  // Every key has this digit alike (whole numbers have no low bits): the pass changes nothing.
  if (n === 0 || counts[(key[0] >>> shift) & 0xffff] === n) return false;
  let total = 0;
  for (let d = 0; d < 0x10000; d++) {
    const count = counts[d];
    counts[d] = total;
    total += count;
  }
  for (let p = 0; p < n; p++) {
    const i = order[p];
    next[counts[(key[i] >>> shift) & 0xffff]++] = i;
  }
  return true;
}

/**
 * Calls `group(start, end, at)` for each run of equal values, by positions in ascending order, or
 * in descending order when `isDescending`; `at[position]` is the index there.
 */
function forEachTieGroup(
  values: ArrayLike<number>,
  order: Uint32Array,
  isDescending: boolean,
  group: (start: number, end: number, at: Uint32Array) => void
): void {
  const n = order.length;
  const visit = (at: Uint32Array) => {
    for (let start = 0; start < n;) {
      const value = values[at[start]];
      let end = start + 1;
      while (end < n && values[at[end]] === value) end++;
      group(start, end, at);
      start = end;
    }
  };
  if (!isDescending) return visit(order);
  // An array, not a function of the position: this runs over every customer at each scoring.
  REVERSED.use(n, ({ at }) => {
    for (let p = 0; p < n; p++) at[p] = order[n - 1 - p];
    visit(at);
  });
}

/** The order reversed, for {@link forEachTieGroup} worse-first. */
const REVERSED = new Scratch((n) => ({ at: new Uint32Array(n) }));

/**
 * Ranked quantiles, ties together: score = 1 + floor(bins·L/N), L = customers strictly worse
 * (larger recency; smaller frequency or monetary) = the tie group's first position worse-first.
 */
export function scoreRanked(
  values: ArrayLike<number>,
  metric: Metric,
  bins: number,
  order: Uint32Array = argsortAscending(values)
): Uint8Array {
  const n = values.length;
  const scores = new Uint8Array(n);
  forEachTieGroup(values, order, metric === 'recency', (start, end, at) => {
    const score = 1 + Math.floor((bins * start) / n);
    for (let p = start; p < end; p++) scores[at[p]] = score;
  });
  return scores;
}

/** SQL `NTILE(bins)` group (1-based) of the row at 0-based `position` of `total`: the first
 * `total mod bins` groups get one extra row. */
export function ntileGroup(position: number, total: number, bins: number): number {
  const size = Math.floor(total / bins);
  const big = (total % bins) * (size + 1);
  if (position < big) return Math.floor(position / (size + 1)) + 1;
  return (total % bins) + Math.floor((position - big) / size) + 1;
}

/**
 * Visits every value with its 0-based position in the order by value (ascending, or descending),
 * ties by id ({@link compareIds}). `outcomeAt(position)` must be monotone in the position: ids are
 * then sorted only within tie groups whose first and last positions have different outcomes; the
 * other tie groups are visited with their first position (same outcome).
 */
export function visitInOrder<T>(
  values: ArrayLike<number>,
  ids: readonly string[],
  isDescending: boolean,
  outcomeAt: (position: number) => T,
  visit: (index: number, position: number) => void,
  order: Uint32Array = argsortAscending(values)
): void {
  forEachTieGroup(values, order, isDescending, (start, end, at) => {
    if (outcomeAt(start) === outcomeAt(end - 1)) {
      for (let p = start; p < end; p++) visit(at[p], start);
      return;
    }
    const members = Array.from(at.subarray(start, end));
    members.sort((a, b) => compareIds(ids[a], ids[b]));
    members.forEach((i, k) => visit(i, start + k));
  });
}

/** Equal-size bins: NTILE(bins) over worse-first order, ties by customer id ({@link compareIds}). */
export function scoreNtile(
  values: ArrayLike<number>,
  ids: readonly string[],
  metric: Metric,
  bins: number,
  order: Uint32Array = argsortAscending(values)
): Uint8Array {
  const n = values.length;
  const scores = new Uint8Array(n);
  const groupAt = (position: number) => ntileGroup(position, n, bins);
  const visit = (i: number, position: number) => {
    scores[i] = groupAt(position);
  };
  visitInOrder(values, ids, metric === 'recency', groupAt, visit, order);
  return scores;
}

/** Number of entries of ascending `sorted` that are < x. */
function lowerBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Custom cuts (ascending, bins−1): recency ≤ cuts[0] scores bins; frequency/monetary ≤ cuts[0]
 * score 1; a value equal to a cut belongs to the bin below it. */
export function scoreCustom(
  values: ArrayLike<number>,
  metric: Metric,
  cuts: readonly number[],
  bins: number
): Uint8Array {
  const scores = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const below = lowerBound(cuts, values[i]);
    scores[i] = metric === 'recency' ? bins - below : 1 + below;
  }
  return scores;
}

/** Problems with custom cuts: each metric needs bins−1 finite, strictly ascending numbers. */
export function validateCuts(custom: CustomCuts | undefined, bins: number): CutProblem[] {
  const problems: CutProblem[] = [];
  for (const metric of METRICS) {
    const cuts = custom?.[metric];
    if (!cuts) {
      problems.push({ metric, code: 'missing' });
      continue;
    }
    if (cuts.length !== bins - 1) problems.push({ metric, code: 'count', expected: bins - 1 });
    cuts.forEach((cut, index) => {
      if (!Number.isFinite(cut)) problems.push({ metric, code: 'not_finite', index });
      else if (index > 0 && Number.isFinite(cuts[index - 1]) && !(cut > cuts[index - 1])) {
        // Equal cuts would leave the bin between them unreachable.
        problems.push({ metric, code: 'not_ascending', index });
      }
    });
  }
  return problems;
}

/** Occupancy and value range of each score. */
export function describeBins(
  values: ArrayLike<number>,
  scores: ArrayLike<number>,
  metric: Metric,
  bins: number
): BinInfo {
  const counts = new Array<number>(bins).fill(0);
  const ranges: BinInfo['ranges'] = new Array(bins).fill(null);
  for (let i = 0; i < values.length; i++) {
    const s = scores[i] - 1;
    const x = values[i];
    counts[s]++;
    const range = ranges[s];
    if (!range) ranges[s] = { min: x, max: x };
    else if (x < range.min) range.min = x;
    else if (x > range.max) range.max = x;
  }
  return { metric, ranges, counts };
}

/** A bin is tiny when it holds fewer than 5 customers or fewer than 2 % of them. */
const isTiny = (count: number, total: number) => count < 5 || 50 * count < total;

/** Largest bin count below `bins` whose ranked scores leave no bin empty or tiny. */
function fewerRankedBins(values: ArrayLike<number>, metric: Metric, bins: number) {
  const n = values.length;
  const groups: [start: number, size: number][] = [];
  const order = argsortAscending(values);
  forEachTieGroup(values, order, metric === 'recency', (start, end) =>
    groups.push([start, end - start])
  );
  for (let k = bins - 1; k >= MIN_BINS; k--) {
    const counts = new Array<number>(k).fill(0);
    for (const [start, size] of groups) counts[Math.floor((k * start) / n)] += size;
    if (counts.every((c) => !isTiny(c, n))) return k;
  }
  return undefined;
}

/** Warnings about empty or tiny bins of one metric, with what would help. */
export function warnAboutBins(
  info: BinInfo,
  values: ArrayLike<number>,
  method: ScoringMethod
): BinWarning[] {
  const { metric, counts } = info;
  const bins = counts.length;
  const n = values.length;
  if (n === 0) return [];
  const warnings: BinWarning[] = [];
  const scoresWhere = (test: (c: number) => boolean) =>
    counts.flatMap((c, s) => (test(c) ? [s + 1] : []));
  const advise = (): Pick<BinWarning, 'suggestion' | 'suggestedBins'> => {
    if (method === 'custom') return { suggestion: 'adjust_cuts' };
    const k = method === 'ranked' ? fewerRankedBins(values, metric, bins) : Math.floor(n / 5);
    if (k !== undefined && k >= MIN_BINS && k < bins) {
      return { suggestion: 'fewer_bins', suggestedBins: k };
    }
    return method === 'ranked' ? { suggestion: 'ntile' } : { suggestion: 'fewer_bins' };
  };
  const isFew = n < 5 * bins;
  if (isFew) {
    const all = counts.map((_, s) => s + 1);
    const k = Math.floor(n / 5);
    warnings.push({ metric, code: 'few_customers', bins: all, suggestion: 'fewer_bins' });
    if (k >= MIN_BINS) warnings[0].suggestedBins = k;
  }
  const empty = scoresWhere((c) => c === 0);
  if (empty.length) warnings.push({ metric, code: 'empty_bins', bins: empty, ...advise() });
  const tiny = scoresWhere((c) => c > 0 && isTiny(c, n));
  if (tiny.length && !isFew) warnings.push({ metric, code: 'tiny_bins', bins: tiny, ...advise() });
  return warnings;
}

/** `rfm_code`: the three scores written one after another (a score of 10 is written `10`). */
export function formatRfmCode(r: number, f: number, m: number): string {
  return `${r}${f}${m}`;
}
