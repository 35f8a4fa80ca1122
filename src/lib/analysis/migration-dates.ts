// The two dates of a segment migration: their defaults and what makes a pair unusable.
import { addDays } from './dates';

/** Days between the two default dates: about six months. */
export const DEFAULT_SPAN_DAYS = 180;

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
