// Pure helpers of the churn lists: which columns each list shows and how rows sort.
import type { ChurnKind, ChurnRow } from '$lib/db';

export type ChurnColumn = keyof ChurnRow;

/**
 * Columns shown per list, in order: who (name, owner, region) and the money at stake first, so
 * they are on screen at 1280 px; the scores and model figures after.
 */
export function churnViewColumns(kind: ChurnKind): ChurnColumn[] {
  const head: ChurnColumn[] = ['customerId', 'customerName', 'owner', 'region', 'clvAtStake'];
  const who: ChurnColumn[] = ['segment', 'abc'];
  const rfm: ChurnColumn[] = ['recencyDays', 'frequency', 'monetary'];
  if (kind === 'spendDrop')
    return [...head, 'recentSpend', 'usualSpend', 'spendShare', ...who, ...rfm, 'pAlive'];
  if (kind === 'oneTime') return [...head, 'clv', ...who, ...rfm, 'expected90'];
  return [...head, 'clv', 'pAlive', ...who, ...rfm, 'expected90'];
}

/** The value at stake of a whole list (rows without one count 0). */
export function totalAtStake(rows: readonly Pick<ChurnRow, 'clvAtStake'>[]): number {
  return rows.reduce((sum, r) => sum + (r.clvAtStake ?? 0), 0);
}

/** Rows sorted by one column, nulls last whatever the direction, ties by customer id. */
export function sortChurnRows(rows: readonly ChurnRow[], key: ChurnColumn, desc: boolean) {
  const dir = desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) {
      return (
        (typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : 1) *
        dir
      );
    }
    return a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;
  });
}
