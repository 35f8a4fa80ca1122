// Pure builders of the scorecard's two reads of an orders table (DOMAIN §2, §7a, §8): the purchases
// each dimension value books, and revenue by value and day.
import { quoteIdent } from './sql-ident';
import { Binder, checkDate, DIALECTS, type SqlDialect, type SqlQuery } from './sql';

export interface ScorecardSqlOptions {
  /** Orders table or the filtered view of it (`session.dataset(id, filter).d.table`). */
  table: string;
  /** As-of date `YYYY-MM-DD`; later rows are left out (DOMAIN §2). */
  asOf: string;
  /** SQL name of the dimension column (`DatasetInfo.dimensions[i].name`); null: all rows as one. */
  dimension: string | null;
  dialect?: SqlDialect;
}

/**
 * One row per purchase a dimension value books: `customer_id, value, order_date`, ordered by
 * customer_id, order_date, then the purchase's first row.
 *
 * A purchase is an order (a distinct `order_id` per customer when mapped, else each row; DOMAIN
 * §2) — more exactly, the part of an order on rows carrying one value, since the value is read
 * row by row (§8): an order whose lines carry two values is a purchase for each, one on a single
 * value is one purchase. Its date is its earliest row's, its amount the rounded sum of its rows,
 * and only parts with a positive amount are purchases (returns never count as orders). Rows
 * without a value form purchases of the value null.
 */
export function buildScorecardPurchasesSql(
  options: ScorecardSqlOptions & { hasOrderId: boolean }
): SqlQuery {
  const dialect = options.dialect ?? 'sqlite';
  const d = DIALECTS[dialect];
  const b = new Binder(dialect);
  const scan = `${quoteIdent(options.table)}${d.fullScan}`;
  const value = options.dimension === null ? 'NULL' : quoteIdent(options.dimension);
  const asOf = b.bind(checkDate(options.asOf, 'asOf'));
  const sql = options.hasOrderId
    ? `SELECT customer_id, value, order_date FROM (
  SELECT customer_id, ${value} AS value, MIN(order_date) AS order_date, MIN(row_no) AS first_row
  FROM ${scan}
  WHERE order_date <= ${asOf}
  GROUP BY customer_id, order_id, CASE WHEN order_id IS NULL THEN row_no END, ${value}
  HAVING ${d.roundMoney('SUM(amount)')} > 0
) AS p
ORDER BY customer_id, order_date, first_row`
    : `SELECT customer_id, ${value} AS value, order_date
FROM ${scan}
WHERE order_date <= ${asOf} AND ${d.roundMoney('amount')} > 0
ORDER BY customer_id, order_date, row_no`;
  return { sql, params: b.params };
}

/**
 * Revenue by dimension value and day: `value, order_date, revenue` — every row on or before the
 * as-of date summed by its own value and date (DOMAIN §7a, §8), returns deducted.
 */
export function buildScorecardRevenueSql(options: ScorecardSqlOptions): SqlQuery {
  const dialect = options.dialect ?? 'sqlite';
  const d = DIALECTS[dialect];
  const b = new Binder(dialect);
  const value = options.dimension === null ? 'NULL' : quoteIdent(options.dimension);
  const sql = `SELECT ${value} AS value, order_date, ${d.roundMoney('SUM(amount)')} AS revenue
FROM ${quoteIdent(options.table)}${d.fullScan}
WHERE order_date <= ${b.bind(checkDate(options.asOf, 'asOf'))}
GROUP BY ${value}, order_date
ORDER BY value, order_date`;
  return { sql, params: b.params };
}
