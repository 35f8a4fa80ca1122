// Pure helpers of the migration view: date defaults and checks, the flow customers' CSV.
import type { MigrationCustomer, MigrationSnapshot } from '$lib/analysis/migration';
import { roundRow, toCsv, type NumberKind } from '$lib/export/csv';

/** Days between the two default dates: about six months. */
export const DEFAULT_SPAN_DAYS = 180;

/** `iso` (`YYYY-MM-DD`) moved by `days` calendar days, computed in UTC. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Date B is the current as-of; A is 180 days earlier, but not before the first date in the data. */
export function defaultDates(asOf: string, firstDate: string | null): { a: string; b: string } {
  const a = addDays(asOf, -DEFAULT_SPAN_DAYS);
  return { a: firstDate && a < firstDate ? firstDate : a, b: asOf };
}

/** Why two dates cannot be compared (message key `migration.problem.<code>`), or null. */
export type DateProblem = 'missing' | 'order' | 'a_before_data' | 'b_after_data';

/**
 * Checks A < B, A on or after the first date in the data, and B at most the day after the last
 * (the default as-of). ISO dates compare correctly as text.
 */
export function checkDates(a: string, b: string, first: string, limit: string): DateProblem | null {
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  if (!iso.test(a) || !iso.test(b)) return 'missing';
  if (a >= b) return 'order';
  if (a < first) return 'a_before_data';
  if (b > limit) return 'b_after_data';
  return null;
}

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
