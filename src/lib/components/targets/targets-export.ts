// The Targets table as an export (CSV and XLSX): one row per key, then teams, then the company
// total, raw numbers rounded by kind (money 2 decimals, ratios 4).
import type { TargetsView } from '$lib/db';
import type { KeyResult } from '$lib/analysis/targets';
import { tableCells, type TableColumn } from '$lib/export/tables';
import type { ExportCell } from '$lib/export/csv';

/** Column ids of the export, in order; labels come from `targets.col.<id>`. */
export const EXPORT_COLUMNS = [
  ['key', undefined],
  ['team', undefined],
  ['rank', 'int'],
  ['target', 'money'],
  ['actual', 'money'],
  ['attainment', 'rate'],
  ['shortfall', 'money'],
  ['forecast', 'money'],
  ['forecastAttainment', 'rate'],
  ['newCustomers', 'int'],
  ['newCustomerTarget', 'number'],
  ['marketSize', 'money'],
  ['marketShare', 'rate'],
  ['actualByOrders', 'money']
] as const satisfies readonly (readonly [string, TableColumn['kind']])[];

export type ExportColumn = (typeof EXPORT_COLUMNS)[number][0];

/** Header labels and every row's cells, ready for `toCsv` or `toXlsx`. */
export function targetsExport(
  view: TargetsView,
  label: (column: ExportColumn) => string,
  words: { total: string; dimension: string }
): { header: string[]; rows: ExportCell[][] } {
  const columns: TableColumn[] = EXPORT_COLUMNS.map(([key, kind]) => ({
    key,
    label: key === 'key' ? words.dimension : label(key),
    kind
  }));
  const row = (r: KeyResult) => ({ ...r, team: r.isTeam ? r.key : r.parent });
  const total = {
    key: words.total,
    ...view.total,
    forecastAttainment: null,
    marketSize: null,
    marketShare: null
  };
  return {
    header: columns.map((c) => c.label),
    rows: tableCells(columns, [...view.keys.map(row), ...view.teams.map(row), total])
  };
}
