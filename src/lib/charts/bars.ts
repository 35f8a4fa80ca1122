// Bar geometry (pure): single, stacked and grouped bars on a band axis, or interval bars (histograms).
import { scaleBand } from 'd3-scale';
import type { PositionScale } from './scales';

/** One drawn rectangle, in plot-area pixels. */
export interface BarRect {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Index of the datum in `data`. */
  index: number;
  /** Series key (stacked/grouped), undefined for single bars. */
  key: string | undefined;
  value: number;
}

export interface BarLayout<T> {
  /** Bars stand up (category on x) or lie down (category on y). */
  orientation: 'vertical' | 'horizontal';
  /** The axis the bars sit along (band, or continuous with `interval`). */
  base: PositionScale;
  /** The axis the values grow along. */
  values: PositionScale;
  /** Category of each datum, on a band `base`. */
  category?: (d: T) => string;
  /** [from, to] of each datum on a continuous `base` (histogram bins). */
  interval?: (d: T) => readonly [number, number];
  /** Series to stack or group; omit for one bar per datum. */
  keys?: readonly string[];
  /** The datum's value (for `key` when there are series). */
  value: (d: T, key?: string) => number;
  mode?: 'stacked' | 'grouped';
  /** Padding between grouped bars, as a share of their step. */
  groupPadding?: number;
  /** Pixels left between interval bars. */
  gap?: number;
}

/** Pixel of `v` with the value clamped into the scale's domain (so 0 on a log axis is its floor). */
function clampedPixel(scale: PositionScale, v: number): number {
  const [a, b] = scale.domain as number[];
  return scale.map(Math.min(Math.max(v, Math.min(a, b)), Math.max(a, b)));
}

/** Lays out every bar; data with missing positions or non-finite values are skipped. */
export function layoutBars<T>(data: readonly T[], o: BarLayout<T>): BarRect[] {
  const keys: readonly (string | undefined)[] = o.keys?.length ? o.keys : [undefined];
  const grouped = o.mode === 'grouped' && keys.length > 1;
  const gap = o.gap ?? 1;
  const rects: BarRect[] = [];
  const place = (
    index: number,
    start: number,
    size: number,
    key: string | undefined,
    lo: number,
    hi: number,
    value: number
  ) => {
    const p0 = clampedPixel(o.values, lo);
    const p1 = clampedPixel(o.values, hi);
    if (!Number.isFinite(p0) || !Number.isFinite(p1) || !Number.isFinite(start)) return;
    const along = { at: Math.min(p0, p1), size: Math.abs(p1 - p0) };
    rects.push(
      o.orientation === 'vertical'
        ? { x: start, y: along.at, width: size, height: along.size, index, key, value }
        : { x: along.at, y: start, width: along.size, height: size, index, key, value }
    );
  };

  data.forEach((d, index) => {
    let start: number;
    let size: number;
    if (o.interval) {
      const [i0, i1] = o.interval(d);
      const a = o.base.map(i0);
      const b = o.base.map(i1);
      size = Math.max(0, Math.abs(b - a) - gap);
      start = Math.min(a, b) + gap / 2;
    } else {
      start = o.base.map(o.category ? o.category(d) : String(index));
      size = o.base.bandwidth || 1;
    }
    if (grouped) {
      const inner = scaleBand<string>()
        .domain(keys as string[])
        .range([0, size])
        .padding(o.groupPadding ?? 0.1);
      for (const key of keys as string[]) {
        const v = o.value(d, key);
        if (Number.isFinite(v))
          place(index, start + (inner(key) ?? 0), inner.bandwidth(), key, 0, v, v);
      }
      return;
    }
    // Stacks grow away from zero on both sides, so negative parts never overlap positive ones.
    let up = 0;
    let down = 0;
    for (const key of keys) {
      const v = o.value(d, key);
      if (!Number.isFinite(v) || v === 0) continue;
      if (v > 0) place(index, start, size, key, up, (up += v), v);
      else place(index, start, size, key, down, (down += v), v);
    }
  });
  return rects;
}
