// Canvas drawing of many dots: circle sprites for thousands, snapped squares for tens of thousands.
import type { PositionScale, ScaleValue } from './scales';

/** How dots look; `fill` may vary per datum. */
export interface DotStyle<T> {
  /** Radius in CSS pixels (half the side of a square). */
  r: number;
  opacity: number;
  fill: (d: T) => string;
  /** Dims dots for which this is false. */
  active?: (d: T) => boolean;
  /** `auto`: circles up to `SQUARES_FROM` dots, squares beyond (drawing circles costs ~4× more). */
  shape?: 'auto' | 'circle' | 'square';
}

/** From this many dots, `auto` draws squares: 100k of them then draw well under 200 ms. */
export const SQUARES_FROM = 20_000;

/** Backing pixels per CSS pixel: at least 2, so the 2× PNG export stays sharp. */
export function canvasRatio(): number {
  return Math.max(2, Math.ceil(globalThis.devicePixelRatio ?? 1));
}

/** A filled circle `size` device pixels wide, drawn once, stamped for every dot of its colour. */
function sprite(color: string, size: number): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = c.height = size;
  const g = c.getContext('2d')!;
  g.fillStyle = color;
  g.beginPath();
  g.arc(size / 2, size / 2, size / 2 - 0.5, 0, Math.PI * 2);
  g.fill();
  return c;
}

/**
 * Clears and draws `data` into `canvas`, sized to `width`×`height` CSS pixels. Dots are snapped to
 * device pixels and drawn one by one, so overlaps add up and dense areas look darker.
 */
export function drawDots<T>(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  data: readonly T[],
  xScale: PositionScale,
  yScale: PositionScale,
  x: (d: T) => ScaleValue,
  y: (d: T) => ScaleValue,
  style: DotStyle<T>
) {
  const ratio = canvasRatio();
  canvas.width = Math.max(1, Math.round(width * ratio));
  canvas.height = Math.max(1, Math.round(height * ratio));
  const g = canvas.getContext('2d');
  if (!g) return;
  g.imageSmoothingEnabled = false;
  const shape = style.shape ?? 'auto';
  const squares = shape === 'square' || (shape === 'auto' && data.length >= SQUARES_FROM);
  const size = Math.max(1, Math.round(2 * style.r * ratio));
  const half = size >> 1;
  // Positions and colour buckets first: switching fillStyle per dot costs more than drawing it.
  const n = data.length;
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  const bucketOf = new Int32Array(n).fill(-1);
  const buckets: { on: boolean; color: string }[] = [];
  const bucketIds = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const d = data[i];
    const px = Math.round(xScale.center(x(d)) * ratio) - half;
    const py = Math.round(yScale.center(y(d)) * ratio) - half;
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    const on = style.active ? style.active(d) : true;
    const color = style.fill(d);
    const key = on ? color : `~${color}`;
    let id = bucketIds.get(key);
    if (id === undefined) {
      bucketIds.set(key, (id = buckets.length));
      buckets.push({ on, color });
    }
    xs[i] = px;
    ys[i] = py;
    bucketOf[i] = id;
  }

  // n dots of one colour at one pixel look exactly like one dot at alpha 1 − (1 − a)ⁿ; real data
  // (integer frequencies, equal amounts) piles up a lot, so each pixel is drawn once per colour.
  const w = canvas.width;
  const h = canvas.height;
  // Saturates at 255: by then the pile is opaque at any visible opacity.
  const pile = new Uint8Array(w * h);
  const inside = (i: number) => xs[i] >= 0 && ys[i] >= 0 && xs[i] < w && ys[i] < h;
  // Dimmed dots first, so active ones stay on top.
  const order = buckets.map((_, id) => id).sort((a, b) => +buckets[a].on - +buckets[b].on);
  for (const id of order) {
    const { on, color } = buckets[id];
    const alpha = on ? style.opacity : style.opacity * 0.2;
    const stamp = squares ? undefined : sprite(color, size);
    const draw = (i: number) =>
      stamp ? g.drawImage(stamp, xs[i], ys[i]) : g.fillRect(xs[i], ys[i], size, size);
    for (let i = 0; i < n; i++) {
      if (bucketOf[i] !== id || !inside(i)) continue;
      const at = ys[i] * w + xs[i];
      if (pile[at] < 255) pile[at]++;
    }
    g.fillStyle = color;
    g.globalAlpha = alpha;
    const piled: number[] = [];
    for (let i = 0; i < n; i++) {
      if (bucketOf[i] !== id) continue;
      if (!inside(i)) {
        draw(i); // partly visible at the edge: rare, drawn as is
        continue;
      }
      const at = ys[i] * w + xs[i];
      const count = pile[at];
      if (count === 1) draw(i);
      else if (count > 1) piled.push(i, count);
      pile[at] = 0; // drawn (or queued) once; also leaves the buffer clean for the next colour
    }
    for (let k = 0; k < piled.length; k += 2) {
      g.globalAlpha = 1 - (1 - alpha) ** piled[k + 1];
      draw(piled[k]);
    }
  }
}
