// Pure helpers of the decay-by-group view: a stable key per group and the table's columns and rows.
import type { DecayGroup } from '$lib/analysis/decay';
import type { TableColumn } from '$lib/export/tables';

/** A group's key in the colour scale and the DOM (values cannot collide with the two markers). */
export function groupKey(g: Pick<DecayGroup, 'value' | 'isOthers'>): string {
  return g.isOthers ? '\u0000others' : (g.value ?? '\u0000none');
}

/** Months whose retention the table shows: 1, 3 and 6, those the data reaches. */
export function tableMonths(maxK: number): number[] {
  return [1, 3, 6].filter((k) => k <= maxK);
}

/** The table's columns (labels already translated) for export; row objects come from `tableRow`. */
export function decayTableColumns(
  t: (key: string, params?: Record<string, string | number>) => string,
  maxK: number
): TableColumn[] {
  return [
    { key: 'group', label: t('decay.col.group') },
    { key: 'customers', label: t('decay.col.customers'), kind: 'int' },
    ...tableMonths(maxK).map((k): TableColumn => ({
      key: `m${k}`,
      label: t('decay.col.retentionK', { k }),
      kind: 'rate'
    })),
    { key: 'rank', label: t('decay.col.rank'), kind: 'int' },
    { key: 'median', label: t('decay.col.median'), kind: 'number' },
    { key: 'shareEver', label: t('decay.col.shareEver'), kind: 'rate' },
    { key: 'share90', label: t('decay.col.share90'), kind: 'rate' }
  ];
}

/** One group as a row object for `decayTableColumns`. */
export function tableRow(g: DecayGroup, label: string, maxK: number): Record<string, unknown> {
  const row: Record<string, unknown> = {
    group: label,
    customers: g.customers,
    rank: g.rank,
    median: g.medianDaysToSecond,
    shareEver: g.shareSecond,
    share90: g.shareSecond90
  };
  for (const k of tableMonths(maxK)) row[`m${k}`] = g.retention[k];
  return row;
}
