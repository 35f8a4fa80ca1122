// Pure helpers of the RFM heatmap: what a cell is coloured by, the grid's axes and cell keys.
import type { HeatCell } from '$lib/analysis';
import type { RampName } from '$lib/charts';

/** What the cells' colour can show. */
export const MEASURES = ['count', 'avgMonetary', 'revenue', 'avgRecency'] as const;
export type Measure = (typeof MEASURES)[number];

/** Ramp per measure: money in greens, recency (days, fewer is better) in oranges. */
export const MEASURE_RAMP: Record<Measure, RampName> = {
  count: 'blues',
  avgMonetary: 'greens',
  revenue: 'greens',
  avgRecency: 'oranges'
};

/** The number a cell is coloured by; null for a cell without customers (drawn as empty). */
export function measureOf(cell: HeatCell, measure: Measure): number | null {
  return cell.count === 0 ? null : cell[measure];
}

/** Smallest and largest value of `measure` over the non-empty cells ([0, 1] when all are empty). */
export function measureExtent(cells: readonly HeatCell[], measure: Measure): [number, number] {
  const values = cells.map((c) => measureOf(c, measure)).filter((v): v is number => v !== null);
  return values.length ? [Math.min(...values), Math.max(...values)] : [0, 1];
}

/** Scores 1…bins as band categories; `descending` puts the highest first (R rows, best on top). */
export function scoreDomain(bins: number, descending = false): string[] {
  const scores = Array.from({ length: bins }, (_, i) => String(i + 1));
  return descending ? scores.reverse() : scores;
}

/** A cell's identity, e.g. `5|3` for R 5, F 3. */
export const cellKey = (c: { r: number; f: number }) => `${c.r}|${c.f}`;

/** The cell a key moves to on the R×F grid (R grows upwards, F rightwards); null: not a move key. */
export function heatMove(c: { r: number; f: number }, key: string, bins: number): string | null {
  const next = (
    {
      ArrowUp: { r: c.r + 1, f: c.f },
      ArrowDown: { r: c.r - 1, f: c.f },
      ArrowLeft: { r: c.r, f: c.f - 1 },
      ArrowRight: { r: c.r, f: c.f + 1 },
      Home: { r: c.r, f: 1 },
      End: { r: c.r, f: bins }
    } as Record<string, { r: number; f: number }>
  )[key];
  return next ? cellKey(next) : null;
}
