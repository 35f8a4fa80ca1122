// Value-quadrant scatter data (pure): drawable points, axis domains, colours and brushed picks.
import { categoricalColor, NEUTRAL } from '$lib/charts/colors';
import type { RfmPoints } from '$lib/db';

/** At most this many ids go to the customer list from one selection. */
export const DRILL_LIMIT = 5000;

/** The four tiers, each with a fixed colour (low value is the quiet grey). */
export const QUADRANT_COLOR = categoricalColor(['vip', 'growth', 'potential', 'low'], {
  fixed: { vip: '#0072B2', growth: '#009E73', potential: '#E69F00', low: NEUTRAL }
});

/** Darker shades of the tier colours for text on white (4.5:1 contrast or more). */
export const QUADRANT_TEXT: Record<string, string> = {
  vip: '#0072B2',
  growth: '#00765A',
  potential: '#8F5F00',
  low: '#5B6676'
};

/** What the scatter draws: indexes into the points, and the domains of both log axes. */
export interface ScatterData {
  /** Indexes of customers with monetary > 0 (a log axis cannot show the others). */
  drawn: number[];
  /** Customers left out because their monetary is ≤ 0. */
  excluded: number;
  /** Frequency [min, max] over the drawn points (frequency ≥ 1 for scored customers). */
  frequency: [number, number];
  /** Monetary [min, max] over the drawn points. */
  monetary: [number, number];
}

/** Splits the points into drawable and left-out ones and measures their extents. */
export function prepareScatter(points: RfmPoints): ScatterData {
  const drawn: number[] = [];
  let [f0, f1, m0, m1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < points.ids.length; i++) {
    const f = points.frequency[i];
    const m = points.monetary[i];
    if (!(m > 0) || !(f > 0)) continue;
    drawn.push(i);
    if (f < f0) f0 = f;
    if (f > f1) f1 = f;
    if (m < m0) m0 = m;
    if (m > m1) m1 = m;
  }
  if (!drawn.length) [f0, f1, m0, m1] = [1, 10, 1, 10];
  return {
    drawn,
    excluded: points.ids.length - drawn.length,
    frequency: [Math.max(1, f0), Math.max(f1, 1)],
    monetary: [m0, m1]
  };
}

/**
 * A log-axis domain around [lo, hi] with a margin of `pad` (a factor) on both ends, so dots at the
 * extremes are not cut in half by the plot's edge; widened evenly to at least one decade (the scale
 * would otherwise stretch only its top end).
 */
export function paddedLogDomain([lo, hi]: readonly [number, number], pad = 1.2): [number, number] {
  const widen = Math.max(pad, Math.sqrt(10 / (hi / lo)));
  return [lo / widen, hi * widen];
}

/**
 * Ticks for a log axis over `domain`: 1-2-5 in each decade, or only the powers of ten when that
 * would be more than `max` ticks (d3's own log ticks label every integer, which crowds the axis).
 */
export function logTicks([lo, hi]: readonly [number, number], max = 10): number[] {
  const all: { v: number; isPower: boolean }[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const k of [1, 2, 5]) {
      const v = Number((k * 10 ** e).toPrecision(12));
      if (v >= lo && v <= hi) all.push({ v, isPower: k === 1 });
    }
  }
  return (all.length <= max ? all : all.filter((t) => t.isPower)).map((t) => t.v);
}

/** The drawn points whose frequency and monetary lie in the closed ranges given. */
export function selectInRange(
  points: RfmPoints,
  drawn: readonly number[],
  frequency: readonly [number, number],
  monetary: readonly [number, number]
): number[] {
  const [f0, f1] = [Math.min(...frequency), Math.max(...frequency)];
  const [m0, m1] = [Math.min(...monetary), Math.max(...monetary)];
  return drawn.filter((i) => {
    const f = points.frequency[i];
    const m = points.monetary[i];
    return f >= f0 && f <= f1 && m >= m0 && m <= m1;
  });
}

/**
 * Customer ids of a selection for the customer list: all of them, or — above `limit` — the `limit`
 * customers with the highest monetary (ties by id), so the cut is the same every time.
 */
export function pickDrillIds(
  points: RfmPoints,
  selected: readonly number[],
  limit = DRILL_LIMIT
): { ids: string[]; isCapped: boolean } {
  if (selected.length <= limit) return { ids: selected.map((i) => points.ids[i]), isCapped: false };
  const top = [...selected].sort(
    (a, b) =>
      points.monetary[b] - points.monetary[a] ||
      (points.ids[a] < points.ids[b] ? -1 : points.ids[a] > points.ids[b] ? 1 : 0)
  );
  return { ids: top.slice(0, limit).map((i) => points.ids[i]), isCapped: true };
}
