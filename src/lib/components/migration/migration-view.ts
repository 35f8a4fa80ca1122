// Pure helpers of the migration view: date defaults and checks, the flow customers' CSV.
import type { MigrationCustomer, MigrationSnapshot } from '$lib/analysis/migration';
import { toCsv } from '$lib/export/csv';

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
