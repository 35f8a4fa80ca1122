// The flow customers' CSV of the migration view.
import type { MigrationCustomer, MigrationSnapshot } from '$lib/analysis/migration';
import { toCsv } from '$lib/export/csv';

/** Header of the flow customers' CSV (language-independent, like the customer export). */
export const FLOW_CSV_HEADER = [
  'customer_id',
  'customer_name',
  'group_a',
  'group_b',
  'r_score_a',
  'f_score_a',
  'm_score_a',
  'recency_days_a',
  'frequency_a',
  'monetary_a',
  'r_score_b',
  'f_score_b',
  'm_score_b',
  'recency_days_b',
  'frequency_b',
  'monetary_b',
  'revenue_between'
];

const snapshotCells = (s: MigrationSnapshot | null) => [
  s?.r ?? null,
  s?.f ?? null,
  s?.m ?? null,
  s?.recencyDays ?? null,
  s?.frequency ?? null,
  s?.monetary ?? null
];

/** The customers of a flow as CSV text (BOM, formula-safe); group names in the UI language. */
export function flowCustomersCsv(
  rows: readonly MigrationCustomer[],
  groupA: string,
  groupB: string
): string {
  return toCsv(
    FLOW_CSV_HEADER,
    rows.map((c) => [
      c.customerId,
      c.customerName,
      groupA,
      groupB,
      ...snapshotCells(c.a),
      ...snapshotCells(c.b),
      c.revenueBetween
    ])
  );
}
