// Detractors (NPS ≤ 6) in the last 90 days (DOMAIN §7b, §7c), from survey files and the orders' own
// NPS column.
import { addDays } from '../dates';
import { joinIdSql } from '../related';
import { quoteIdent } from '../sql-ident';
import { checkDate, type SqlQuery } from '../sql';

/** NPS answers at or below this are detractors (0–6). */
export const DETRACTOR_MAX = 6;
/** The window: the 90 days ending on the as-of date. */
export const DETRACTOR_DAYS = 90;

/** First and last day of the window. */
export function detractorWindow(asOf: string): { from: string; to: string } {
  checkDate(asOf, 'asOf');
  return { from: addDays(asOf, -(DETRACTOR_DAYS - 1)), to: asOf };
}

/** `customer_id, day, nps` of a feedback table's detractor answers in the window. */
export function buildFeedbackDetractorsSql(table: string, asOf: string): SqlQuery {
  const w = detractorWindow(asOf);
  return {
    sql: `SELECT ${joinIdSql('customer_id')} AS customer_id, response_date, nps
FROM ${quoteIdent(table)}
WHERE nps IS NOT NULL AND nps <= ? AND response_date >= ? AND response_date <= ?
ORDER BY customer_id, response_date`,
    params: [DETRACTOR_MAX, w.from, w.to]
  };
}

/** The same from an orders table's `nps` column (one answer per order: rows of an order agree). */
export function buildOrderDetractorsSql(
  table: string,
  asOf: string,
  hasOrderId: boolean
): SqlQuery {
  const w = detractorWindow(asOf);
  const group = hasOrderId
    ? 'GROUP BY customer_id, order_id, CASE WHEN order_id IS NULL THEN row_no END'
    : 'GROUP BY row_no';
  return {
    sql: `SELECT customer_id, day, nps FROM (
  SELECT customer_id, MIN(order_date) AS day, MIN(nps) AS nps
  FROM ${quoteIdent(table)}
  WHERE nps IS NOT NULL AND order_date >= ? AND order_date <= ?
  ${group}
) AS answers
WHERE nps <= ?
ORDER BY customer_id, day`,
    params: [w.from, w.to, DETRACTOR_MAX]
  };
}

/** A customer's latest detractor answer in the window. */
export interface Detractor {
  nps: number;
  date: string;
}

/** Per customer the latest detractor answer (lowest score on a tie) from rows of the builders. */
export function latestDetractors(
  ...sources: readonly (readonly (readonly unknown[])[])[]
): Map<string, Detractor> {
  const out = new Map<string, Detractor>();
  for (const rows of sources)
    for (const [id, day, nps] of rows) {
      const d = { nps: Number(nps), date: String(day).slice(0, 10) };
      const seen = out.get(String(id));
      if (!seen || d.date > seen.date || (d.date === seen.date && d.nps < seen.nps))
        out.set(String(id), d);
    }
  return out;
}
