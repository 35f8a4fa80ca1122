// The attributes that give an on-screen table cell its raw number, for TableCsvButton and tests.
import type { NumberKind } from '$lib/export/csv';

/** What a numeric `<td>` carries besides its formatted text. */
export interface RawCellAttributes {
  'data-value': number | '';
  'data-kind': NumberKind;
  'data-money'?: '';
}

/**
 * A cell's raw value and kind (`<td {...rawCell(g.revenue, 'money')}>`): the CSV download writes
 * the value rounded for its kind (DOMAIN §9) instead of the formatted text, and a money cell is
 * marked `data-money`. Null (shown as —) exports as an empty cell.
 */
export function rawCell(value: number | null | undefined, kind: NumberKind): RawCellAttributes {
  const isValue = value !== null && value !== undefined && Number.isFinite(value);
  return {
    'data-value': isValue ? value : '',
    'data-kind': kind,
    ...(kind === 'money' && isValue ? { 'data-money': '' as const } : {})
  };
}
