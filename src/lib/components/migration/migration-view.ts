// The flow customers' CSV of the migration view.
import type { MigrationCustomer, MigrationSnapshot } from '$lib/analysis/migration';
import { roundRow, toCsv, type NumberKind } from '$lib/export/csv';

/** Columns of the flow customers' CSV (language-independent, like the customer export). */
const FLOW_COLUMNS: [string, NumberKind | null][] = [
  ['customer_id', null],
  ['customer_name', null],
  ['group_a', null],
  ['group_b', null],
  ['r_score_a', 'int'],
  ['f_score_a', 'int'],
  ['m_score_a', 'int'],
  ['recency_days_a', 'int'],
  ['frequency_a', 'int'],
  ['monetary_a', 'money'],
  ['r_score_b', 'int'],
  ['f_score_b', 'int'],
  ['m_score_b', 'int'],
  ['recency_days_b', 'int'],
  ['frequency_b', 'int'],
  ['monetary_b', 'money'],
  ['revenue_between', 'money']
];

/** Header of the flow customers' CSV. */
export const FLOW_CSV_HEADER = FLOW_COLUMNS.map(([name]) => name);
const FLOW_KINDS = FLOW_COLUMNS.map(([, kind]) => kind);

const snapshotCells = (s: MigrationSnapshot | null) => [
  s?.r ?? null,
  s?.f ?? null,
  s?.m ?? null,
  s?.recencyDays ?? null,
  s?.frequency ?? null,
  s?.monetary ?? null
];

/** The customers of a flow as CSV text (BOM, formula-safe, rounded); group names in the UI language. */
export function flowCustomersCsv(
  rows: readonly MigrationCustomer[],
  groupA: string,
  groupB: string
): string {
  return toCsv(
    FLOW_CSV_HEADER,
    rows.map((c) =>
      roundRow(
        [
          c.customerId,
          c.customerName,
          groupA,
          groupB,
          ...snapshotCells(c.a),
          ...snapshotCells(c.b),
          c.revenueBetween
        ],
        FLOW_KINDS
      )
    )
  );
}
