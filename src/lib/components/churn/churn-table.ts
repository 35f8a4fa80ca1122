// Pure helpers of the churn lists: which columns each list shows and how rows sort.
import type { ChurnKind, ChurnRow } from '$lib/db';

export type ChurnColumn = keyof ChurnRow;

/** Columns shown per list, in order (the export adds the same ones). */
export function churnViewColumns(kind: ChurnKind): ChurnColumn[] {
  const head: ChurnColumn[] = ['customerId', 'customerName', 'segment', 'abc'];
  const rfm: ChurnColumn[] = ['recencyDays', 'frequency', 'monetary'];
  const model: ChurnColumn[] = ['pAlive', 'expected90', 'clv', 'clvAtStake'];
  if (kind === 'spendDrop')
    return [...head, 'recentSpend', 'usualSpend', 'spendShare', ...rfm, 'pAlive'];
  if (kind === 'oneTime') return [...head, ...rfm, 'expected90', 'clv'];
  return [...head, ...rfm, ...model];
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
