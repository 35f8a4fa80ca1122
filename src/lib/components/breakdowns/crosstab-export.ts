// A two-way table as an export table (pure): the row headings, one column per column heading, the
// row totals, then a totals row — raw numbers, rounded on export for what they are (DOMAIN §9).
import {
  crossValue,
  type CrossMeasure,
  type Crosstab,
  type ShareBase
} from '$lib/analysis/crosstab';
import type { NumberKind } from '$lib/export/csv';
import type { TableColumn } from '$lib/export/tables';

/** What one exported sheet shows, and the words it needs (already translated). */
export interface CrosstabSheet {
  measure: CrossMeasure;
  base: ShareBase;
  /** First header cell, e.g. `省份 \ 行业`. */
  corner: string;
  rowLabels: string[];
  colLabels: string[];
  total: string;
}

/** Columns and row objects for `tableToCsv` / `tableCells`. */
export function crosstabExport(
  t: Crosstab,
  s: CrosstabSheet
): { columns: TableColumn[]; rows: Record<string, unknown>[] } {
  const kind: NumberKind = s.base !== 'none' ? 'rate' : s.measure === 'revenue' ? 'money' : 'int';
  const columns: TableColumn[] = [
    { key: 'label', label: s.corner },
    ...s.colLabels.map((label, j) => ({ key: `c${j}`, label, kind })),
    { key: 'total', label: s.total, kind }
  ];
  const line = (i: number, label: string) => {
    const row: Record<string, unknown> = { label };
    s.colLabels.forEach((_, j) => (row[`c${j}`] = crossValue(t, i, j, s.measure, s.base)));
    row.total = crossValue(t, i, -1, s.measure, s.base);
    return row;
  };
  return {
    columns,
    rows: [...s.rowLabels.map((label, i) => line(i, label)), line(-1, s.total)]
  };
}
