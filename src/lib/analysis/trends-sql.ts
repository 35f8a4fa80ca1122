// Pure builders of the trends-by-dimension SQL (DOMAIN §5, §7a, §8): dimension values ranked by
// revenue, and the order parts (one per order and value, or "others") the trends are summed from.
import { quoteIdent } from './sql-ident';
import { Binder, checkDate, DIALECTS, type SqlQuery } from './sql';

export interface ValueRankOptions {
  /** Normalized transactions table (or the filter's view of it). */
  table: string;
  asOf: string;
  /** The dimension column. */
  dimension: string;
}

/**
 * Every value of `dimension` with its revenue (net, rows dated on or before `asOf`), largest
 * first, ties by value: `value, revenue`. The top N of this list are the series of a split trend.
 */
export function buildValueRankSql(options: ValueRankOptions): SqlQuery {
  const d = DIALECTS.sqlite;
  const b = new Binder('sqlite');
  const asOf = b.bind(checkDate(options.asOf, 'asOf'));
  const dim = quoteIdent(options.dimension);
  const sql = `SELECT ${dim} AS value, ${d.roundMoney('SUM(amount)')} AS revenue
FROM ${quoteIdent(options.table)}${d.fullScan}
WHERE order_date <= ${asOf}
GROUP BY ${dim}
ORDER BY revenue DESC, value`;
  return { sql, params: b.params };
}

export interface TrendPartsOptions {
  table: string;
  asOf: string;
  /** True when `order_id` is mapped (orders formed as in the customer base). */
  hasOrderId: boolean;
  /** The dimension to split by; null: one series for all rows. */
  dimension: string | null;
  /**
   * The values shown on their own (null stands for rows without a value); every other value is
   * summed into "others". Null: every value on its own (no "others").
   */
  top: readonly (string | null)[] | null;
}

/**
 * The order parts behind a split trend, one row per (order, series): `customer_id, order_id,
 * solo, is_other, value, order_date, amount, first_row, orders, positive_amount,
 * purchase_amount`, ordered by customer and order.
 *
 * Each row counts under its own value (DOMAIN §8), so an order with rows in two series gives two
 * parts; `order_date` is the part's earliest row, `amount` the rounded sum of its rows (returns
 * included), `first_row` its first row number. With order ids, orders are formed as in
 * `buildCustomerBaseSql` (rows without an id stand alone: `solo` is their row number); a part
 * with a positive amount is one order of its series (`orders` 1, `positive_amount` its amount),
 * and `purchase_amount` is its amount (the order is a purchase when its parts sum above 0).
 * Without order ids every row is an order, so the rows of one customer, day and series are summed
 * into one part (`solo` is the day): `orders` counts its positive rows, `positive_amount` and
 * `purchase_amount` sum them. One sorted GROUP BY, about the cost of the customer × month
 * aggregate; `aggregateTrendParts` sums the parts per period.
 */
export function buildTrendPartsSql(options: TrendPartsOptions): SqlQuery {
  const d = DIALECTS.sqlite;
  const b = new Binder('sqlite');
  const value = options.dimension === null ? 'NULL' : quoteIdent(options.dimension);
  /** The test "this row's value is shown on its own", binding the values each time it is written. */
  const isTop = () => {
    if (options.dimension === null || options.top === null) return '1';
    const texts = options.top.filter((v): v is string => v !== null);
    const alts = texts.length ? [`${value} IN (${texts.map((v) => b.bind(v)).join(', ')})`] : [];
    if (texts.length < options.top.length) alts.push(`${value} IS NULL`);
    return alts.length ? alts.join(' OR ') : '0';
  };
  const isOther = `CASE WHEN ${isTop()} THEN 0 ELSE 1 END`;
  const shown = `CASE WHEN ${isTop()} THEN ${value} END`;
  // Bound after the top values: placeholders are numbered in the order they appear.
  const asOf = b.bind(checkDate(options.asOf, 'asOf'));
  const total = d.roundMoney('SUM(amount)');
  const positiveRow = `${d.roundMoney('amount')} > 0`;
  const [orderId, solo, counts] = options.hasOrderId
    ? [
        'order_id',
        'CASE WHEN order_id IS NULL THEN row_no END',
        `CASE WHEN ${total} > 0 THEN 1 ELSE 0 END AS orders,
  CASE WHEN ${total} > 0 THEN ${total} ELSE 0 END AS positive_amount,
  ${total} AS purchase_amount`
      ]
    : [
        'NULL',
        'order_date',
        `SUM(CASE WHEN ${positiveRow} THEN 1 ELSE 0 END) AS orders,
  ${d.roundMoney(`SUM(CASE WHEN ${positiveRow} THEN amount ELSE 0 END)`)} AS positive_amount,
  ${d.roundMoney(`SUM(CASE WHEN ${positiveRow} THEN amount ELSE 0 END)`)} AS purchase_amount`
      ];
  const sql = `SELECT customer_id, order_id, solo, is_other, value,
  MIN(order_date) AS order_date, ${total} AS amount, MIN(row_no) AS first_row,
  ${counts}
FROM (
  SELECT customer_id, ${orderId} AS order_id, ${solo} AS solo, row_no, order_date, amount,
    ${isOther} AS is_other,
    ${shown} AS value
  FROM ${quoteIdent(options.table)}${d.fullScan}
  WHERE order_date <= ${asOf}
) AS r
GROUP BY customer_id, order_id, solo, is_other, value
ORDER BY customer_id, order_id, solo`;
  return { sql, params: b.params };
}
