// The scorecard table as an export: one column per figure and per change, raw numbers rounded by kind.
import type { ScorecardRow, ScorecardMetric } from '$lib/analysis/scorecard';
import type { TableColumn } from '$lib/export/tables';
import type { NumberKind } from '$lib/export/csv';

/** How each compared metric is written. */
export const METRIC_KINDS: Record<ScorecardMetric, NumberKind> = {
  revenue: 'money',
  orders: 'int',
  active: 'int',
  newCustomers: 'int',
  repeatRate: 'rate',
  lapsed: 'int'
};

/** Labels the export needs, already translated. */
export interface ExportLabels {
  dimension: string;
  noValue: string;
  metric: (m: ScorecardMetric | 'valueAtStake' | 'target' | 'attainment') => string;
  vsPrevious: string;
  vsYearAgo: string;
}

/**
 * Columns and rows of the table's CSV/XLSX download: the key, each metric with its growth vs the
 * previous period (and vs a year earlier unless that is the same period), value at stake and
 * target/attainment when shown. Growth is a ratio (0.123 = +12.3 %), blank when there is none.
 */
export function scorecardExport(
  rows: readonly ScorecardRow[],
  labels: ExportLabels,
  show: { yearAgo: boolean; valueAtStake: boolean; targets: boolean }
): { columns: TableColumn[]; rows: Record<string, unknown>[] } {
  const columns: TableColumn[] = [{ key: 'key', label: labels.dimension }];
  for (const [m, kind] of Object.entries(METRIC_KINDS) as [ScorecardMetric, NumberKind][]) {
    const name = labels.metric(m);
    columns.push({ key: m, label: name, kind });
    columns.push({ key: `${m}.prev`, label: `${name} ${labels.vsPrevious}`, kind: 'rate' });
    if (show.yearAgo)
      columns.push({ key: `${m}.year`, label: `${name} ${labels.vsYearAgo}`, kind: 'rate' });
  }
  if (show.valueAtStake)
    columns.push({ key: 'valueAtStake', label: labels.metric('valueAtStake'), kind: 'money' });
  if (show.targets) {
    columns.push({ key: 'target', label: labels.metric('target'), kind: 'money' });
    columns.push({ key: 'attainment', label: labels.metric('attainment'), kind: 'rate' });
  }
  const out = rows.map((r) => {
    const row: Record<string, unknown> = {
      key: r.key ?? labels.noValue,
      valueAtStake: r.valueAtStake,
      target: r.target,
      attainment: r.attainment
    };
    for (const m of Object.keys(METRIC_KINDS) as ScorecardMetric[]) {
      row[m] = r.now[m];
      row[`${m}.prev`] = r.growthPrevious[m];
      row[`${m}.year`] = r.growthYearAgo[m];
    }
    return row;
  });
  return { columns, rows: out };
}
