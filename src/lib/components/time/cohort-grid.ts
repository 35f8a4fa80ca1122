// Pure helpers of the cohort heatmap: one cell per (cohort, k), the measure it is coloured by, its extent.
import type { Cohort } from '$lib/analysis';

/** What the cells show: retention share, active customers, net revenue, revenue per cohort customer. */
export const COHORT_MEASURES = ['retention', 'active', 'revenue', 'perCustomer'] as const;
export type CohortMeasure = (typeof COHORT_MEASURES)[number];

/** One cell of the matrix. */
export interface CohortCell {
  /** Row index (cohort, oldest first) and column (months since the first order). */
  row: number;
  k: number;
  month: string;
  size: number;
  active: number;
  retention: number;
  revenue: number;
  perCustomer: number;
}

export function cohortCells(cohorts: readonly Cohort[]): CohortCell[] {
  return cohorts.flatMap((c, row) =>
    c.active.map((active, k) => ({
      row,
      k,
      month: c.month,
      size: c.size,
      active,
      retention: c.retention[k],
      revenue: c.revenue[k],
      perCustomer: c.revenue[k] / c.size
    }))
  );
}

/**
 * Colour domain of a measure: over months 1 and later when there are any, since month 0 is the
 * whole cohort (100 %) and would wash out the rest; month-0 cells then take the darkest colour.
 */
export function cohortExtent(
  cells: readonly CohortCell[],
  measure: CohortMeasure
): [number, number] {
  const later = cells.filter((c) => c.k > 0);
  const values = (later.length ? later : cells).map((c) => c[measure]);
  if (!values.length) return [0, 1];
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values);
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}

/** A cell's key, e.g. `3|1` for the fourth cohort one month after its first order. */
export const cohortKey = (c: { row: number; k: number }) => `${c.row}|${c.k}`;

/** The cell a key moves to (rows are cohorts, oldest first; Home/End along a row); null: not a move key. */
export function cohortMove(
  c: { row: number; k: number },
  key: string,
  cells: readonly { row: number }[]
): string | null {
  const next = (
    {
      ArrowUp: { row: c.row - 1, k: c.k },
      ArrowDown: { row: c.row + 1, k: c.k },
      ArrowLeft: { row: c.row, k: c.k - 1 },
      ArrowRight: { row: c.row, k: c.k + 1 },
      Home: { row: c.row, k: 0 },
      End: { row: c.row, k: cells.filter((x) => x.row === c.row).length - 1 }
    } as Record<string, { row: number; k: number }>
  )[key];
  return next ? cohortKey(next) : null;
}
