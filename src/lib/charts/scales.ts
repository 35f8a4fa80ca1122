// Position scales built from plain specs (d3-scale underneath), nice extents and tick counts.
import { extent as d3Extent } from 'd3-array';
import {
  scaleBand,
  scaleLinear,
  scaleLog,
  scalePoint,
  scaleSqrt,
  scaleSymlog,
  scaleUtc,
  type ScaleContinuousNumeric,
  type ScaleTime
} from 'd3-scale';

/** A value a position scale accepts: numbers, category names or UTC dates. */
export type ScaleValue = number | string | Date;

/** Options shared by the continuous scales. */
interface ContinuousOptions {
  /** Round the domain to nice tick values (default true; a number sets the tick count used). */
  nice?: boolean | number;
  /** Keep out-of-domain values at the edge. */
  clamp?: boolean;
  /** Flip the direction (e.g. recency: fewer days to the right). */
  reverse?: boolean;
}

/** What `Chart` needs to build one axis' scale; plain data, so it can be $derived. */
export type ScaleSpec =
  | ({ type: 'linear' | 'sqrt' | 'symlog'; domain: readonly [number, number] } & ContinuousOptions)
  | ({ type: 'log'; domain: readonly [number, number]; base?: number } & ContinuousOptions)
  | ({ type: 'utc'; domain: readonly [Date, Date] } & ContinuousOptions)
  | {
      type: 'band';
      domain: readonly string[];
      /** Inner and outer padding as a share of the step (default 0.2 / 0.1). */
      paddingInner?: number;
      paddingOuter?: number;
      reverse?: boolean;
    }
  | { type: 'point'; domain: readonly string[]; padding?: number; reverse?: boolean };

export type ScaleType = ScaleSpec['type'];

/** A built position scale: one small interface whatever the d3 scale behind it. */
export interface PositionScale {
  readonly type: ScaleType;
  /** Pixel range as given (start, end). */
  readonly range: readonly [number, number];
  /** The (niced) domain. */
  readonly domain: readonly ScaleValue[];
  /** Band width in pixels; 0 for continuous and point scales. */
  readonly bandwidth: number;
  /** True for linear/log/sqrt/symlog/utc. */
  readonly continuous: boolean;
  /** Pixel of a value (the band's start for band scales); NaN when a category is unknown. */
  map(value: ScaleValue): number;
  /** Pixel of a value's centre (middle of its band; same as `map` otherwise). */
  center(value: ScaleValue): number;
  /** Tick values: nice numbers/dates for continuous scales, the categories otherwise. */
  ticks(count?: number): ScaleValue[];
  /** Domain value at a pixel (continuous), or the category whose band/point is nearest. */
  invert(pixel: number): ScaleValue | undefined;
}

type Continuous = ScaleContinuousNumeric<number, number> | ScaleTime<number, number>;

function niceCount(nice: boolean | number | undefined): number | undefined {
  if (nice === false) return undefined;
  return typeof nice === 'number' ? nice : 10;
}

function continuousOf(spec: Extract<ScaleSpec, { domain: readonly [unknown, unknown] }>) {
  let s: Continuous;
  switch (spec.type) {
    case 'linear':
      s = scaleLinear().domain([...spec.domain]);
      break;
    case 'sqrt':
      s = scaleSqrt().domain([...spec.domain]);
      break;
    case 'symlog':
      s = scaleSymlog().domain([...spec.domain]);
      break;
    case 'log': {
      // A log axis cannot reach 0: a non-positive start becomes 1 (or a tenth of the end below 1).
      const [lo, hi] = spec.domain;
      const start = lo > 0 ? lo : Math.min(1, hi / 10);
      s = scaleLog()
        .base(spec.base ?? 10)
        .domain([start, Math.max(hi, start * 10)]);
      break;
    }
    case 'utc':
      s = scaleUtc().domain([...spec.domain]);
      break;
  }
  const count = niceCount(spec.nice);
  if (count !== undefined) s.nice(count);
  if (spec.clamp) s.clamp(true);
  return s;
}

/**
 * Straight arithmetic for unclamped linear and log scales: the same numbers as d3 (tested), without
 * its generic interpolation — it matters when 100,000 dots are positioned per draw.
 */
function fastMap(spec: ScaleSpec, s: Continuous): ((v: ScaleValue) => number) | undefined {
  if ((spec.type !== 'linear' && spec.type !== 'log') || spec.clamp) return undefined;
  const [d0, d1] = s.domain() as number[];
  const [r0, r1] = s.range();
  if (spec.type === 'linear') {
    if (d0 === d1) return undefined;
    const k = (r1 - r0) / (d1 - d0);
    return (v) => r0 + ((v as number) - d0) * k;
  }
  if (!(d0 > 0 && d1 > 0) || d0 === d1) return undefined;
  const l0 = Math.log(d0);
  const k = (r1 - r0) / (Math.log(d1) - l0);
  return (v) => ((v as number) > 0 ? r0 + (Math.log(v as number) - l0) * k : NaN);
}

/** Builds a scale for `spec` over the pixel range [start, end]. */
export function buildScale(spec: ScaleSpec, range: readonly [number, number]): PositionScale {
  const r: [number, number] = spec.reverse ? [range[1], range[0]] : [range[0], range[1]];
  if (spec.type === 'band' || spec.type === 'point') {
    const s =
      spec.type === 'band'
        ? scaleBand<string>()
            .domain(spec.domain)
            .range(r)
            .paddingInner(spec.paddingInner ?? 0.2)
            .paddingOuter(spec.paddingOuter ?? 0.1)
        : scalePoint<string>()
            .domain(spec.domain)
            .range(r)
            .padding(spec.padding ?? 0.5);
    const bandwidth = s.bandwidth();
    const map = (v: ScaleValue) => s(String(v)) ?? NaN;
    return {
      type: spec.type,
      range,
      domain: s.domain(),
      bandwidth,
      continuous: false,
      map,
      center: (v) => map(v) + bandwidth / 2,
      ticks: () => s.domain(),
      invert(pixel) {
        let best: string | undefined;
        let bestDistance = Infinity;
        for (const c of s.domain()) {
          const d = Math.abs((s(c) ?? NaN) + bandwidth / 2 - pixel);
          if (d < bestDistance) [best, bestDistance] = [c, d];
        }
        return best;
      }
    };
  }
  const s = continuousOf(spec).range(r);
  const map =
    fastMap(spec, s) ??
    ((v: ScaleValue) => (s as (x: number | Date) => number)(v as number | Date));
  return {
    type: spec.type,
    range,
    domain: s.domain(),
    bandwidth: 0,
    continuous: true,
    map,
    center: map,
    ticks: (count = 5) => {
      const all = (s.ticks as (n: number) => (number | Date)[])(count);
      return spec.type === 'log' ? thinLogTicks(all as number[], count) : all;
    },
    invert: (pixel) => s.invert(pixel)
  };
}

/**
 * d3's log ticks mark every integer multiple of each power (1, 2, 3 … 9, 10, 20 …). When that is
 * more than about `count`, keep the 1-2-5 ones, then only the powers themselves.
 */
export function thinLogTicks(ticks: readonly number[], count: number): number[] {
  const leading = (v: number) => Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
  let kept = [...ticks];
  for (const digits of [[1, 2, 5], [1]]) {
    if (kept.length <= count * 1.5) break;
    kept = ticks.filter((v) => digits.includes(leading(v)));
  }
  return kept;
}

/** How many ticks fit along `pixels` with about `spacing` px between them (at least 2). */
export function tickCount(pixels: number, spacing = 80): number {
  return Math.max(2, Math.floor(Math.abs(pixels) / spacing));
}

/** The step between consecutive numeric ticks (0 when there are fewer than two). */
export function tickStep(ticks: readonly ScaleValue[]): number {
  if (ticks.length < 2 || typeof ticks[0] !== 'number' || typeof ticks[1] !== 'number') return 0;
  return Math.abs(ticks[1] - ticks[0]);
}

/**
 * A domain for numbers: their extent, optionally including zero, widened when empty or flat, and
 * rounded outward to nice ticks. `[3, 97]` → `[0, 100]`.
 */
export function niceExtent(
  values: Iterable<number | null | undefined>,
  options: { zero?: boolean; count?: number } = {}
): [number, number] {
  let [lo, hi] = d3Extent(values, (v) => (v != null && Number.isFinite(v) ? v : undefined));
  if (lo === undefined || hi === undefined) return [0, 1];
  if (options.zero) [lo, hi] = [Math.min(0, lo), Math.max(0, hi)];
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    [lo, hi] = [lo - pad, hi + pad];
  }
  const [a, b] = scaleLinear()
    .domain([lo, hi])
    .nice(options.count ?? 10)
    .domain();
  return [a, b];
}
