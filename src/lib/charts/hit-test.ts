// Pointer hit-testing in plot pixels (pure): the nearest datum (quadtree/bisection) and brush selection.
import { bisector } from 'd3-array';
import { quadtree } from 'd3-quadtree';

/** The datum under the pointer and where it is drawn (plot-area pixels). */
export interface Hit<T> {
  datum: T;
  index: number;
  x: number;
  y: number;
}

/** Searches by distance in both directions (scatter), or along one axis only (lines, columns). */
export type NearestMode = 'xy' | 'x' | 'y';

/** A rectangle in plot-area pixels. */
export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Something that answers "which datum is nearest to this pixel?". */
export interface PointIndex<T> {
  find(px: number, py: number): Hit<T> | null;
}

/**
 * Indexes `data` by pixel position once (O(n log n)) so each pointer move is a quick search.
 * Points with non-finite positions are left out; `radius` is the farthest a hit may be.
 */
export function indexPoints<T>(
  data: readonly T[],
  px: (d: T) => number,
  py: (d: T) => number,
  mode: NearestMode = 'xy',
  radius = Infinity
): PointIndex<T> {
  const xs = new Float64Array(data.length);
  const ys = new Float64Array(data.length);
  const kept: number[] = [];
  data.forEach((d, i) => {
    xs[i] = px(d);
    ys[i] = py(d);
    if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) kept.push(i);
  });
  const hit = (i: number | undefined): Hit<T> | null =>
    i === undefined ? null : { datum: data[i], index: i, x: xs[i], y: ys[i] };

  if (mode === 'xy') {
    const tree = quadtree<number>()
      .x((i) => xs[i])
      .y((i) => ys[i])
      .addAll(kept);
    return { find: (x, y) => hit(tree.find(x, y, radius)) };
  }
  const along = mode === 'x' ? xs : ys;
  const sorted = kept.sort((a, b) => along[a] - along[b]);
  const bisect = bisector((i: number) => along[i]).center;
  return {
    find(x, y) {
      if (sorted.length === 0) return null;
      const at = mode === 'x' ? x : y;
      const i = sorted[bisect(sorted, at)];
      return Math.abs(along[i] - at) <= radius ? hit(i) : null;
    }
  };
}

/** The data drawn inside `rect` (edges included); `axis` limits the test to one direction. */
export function pointsInRect<T>(
  data: readonly T[],
  px: (d: T) => number,
  py: (d: T) => number,
  rect: PixelRect,
  axis: NearestMode = 'xy'
): T[] {
  const [xa, xb] = [Math.min(rect.x0, rect.x1), Math.max(rect.x0, rect.x1)];
  const [ya, yb] = [Math.min(rect.y0, rect.y1), Math.max(rect.y0, rect.y1)];
  return data.filter((d) => {
    if (axis !== 'y') {
      const x = px(d);
      if (!(x >= xa && x <= xb)) return false;
    }
    if (axis !== 'x') {
      const y = py(d);
      if (!(y >= ya && y <= yb)) return false;
    }
    return true;
  });
}

/** A brushed region in data units: [from, to] along each brushed axis. */
export interface BrushExtent {
  x?: readonly [number | Date, number | Date];
  y?: readonly [number | Date, number | Date];
}
