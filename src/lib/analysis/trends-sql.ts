// Pure builders of the trends-by-dimension SQL (DOMAIN §5, §7a, §8): dimension values ranked by
// revenue, and per (value or "others", period) revenue, orders, active and new customers.
import type { Grain } from './period';
import { quoteIdent } from './sql-ident';
import { Binder, checkDate, DIALECTS, type SqlQuery } from './sql';

/** The calendar period key (`2025-03`, `2025-Q1`, `2025`) of a `YYYY-MM-DD` text (SQLite). */
export function periodKeySql(x: string, grain: Grain): string {
  if (grain === 'month') return `substr(${x}, 1, 7)`;
  if (grain === 'year') return `substr(${x}, 1, 4)`;
  return `substr(${x}, 1, 4) || '-Q' || ((CAST(substr(${x}, 6, 2) AS INTEGER) + 2) / 3)`;
}

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

export interface TrendSplitOptions {
  table: string;
  asOf: string;
  /** True when `order_id` is mapped (orders formed as in the customer base). */
  hasOrderId: boolean;
  grain: Grain;
  /** The dimension to split by; null: one series for all rows. */
  dimension: string | null;
  /**
   * The values shown on their own (null stands for rows without a value); every other value is
   * summed into "others". Null: every value on its own (no "others").
   */
  top: readonly (string | null)[] | null;
}

/**
 * One row per (series, period) with any order: `is_other, value, period, revenue, orders,
 * positive_revenue, active, new`, ordered by is_other, value, period.
 *
 * Each row counts by its own value (DOMAIN §8): an order is dated by its earliest row and split
 * into one part per series its rows fall in; a part with a positive amount is one order of that
 * series, and its customer is active there. `revenue` is the net sum of the rows (returns
 * included), `positive_revenue` that of the positive parts (for the average order value). A
 * customer is new in the period of their first positive order (DOMAIN §7a), credited to one
 * series only — that of the largest row of that first purchase day's positive orders (ties: the
 * earlier row in the file) — so the series' new customers add up to the total.
 */
export function buildTrendSplitSql(options: TrendSplitOptions): SqlQuery {
  const d = DIALECTS.sqlite;
  const b = new Binder('sqlite');
  const solo = 'CASE WHEN order_id IS NULL THEN row_no END';
  const order = `OVER (PARTITION BY customer_id, order_id, ${solo})`;
  const [orderDate, orderAmount] = options.hasOrderId
    ? [`MIN(order_date) ${order}`, `SUM(amount) ${order}`]
    : ['order_date', 'amount'];
  const value = options.dimension === null ? 'NULL' : quoteIdent(options.dimension);
  let isTop = '1';
  if (options.dimension !== null && options.top !== null) {
    const texts = options.top.filter((v): v is string => v !== null);
    const alts = texts.length ? [`${value} IN (${texts.map((v) => b.bind(v)).join(', ')})`] : [];
    if (texts.length < options.top.length) alts.push(`${value} IS NULL`);
    isTop = alts.length ? alts.join(' OR ') : '0';
  }
  // Bound after the top values: placeholders are numbered in the order they appear.
  const asOf = b.bind(checkDate(options.asOf, 'asOf'));
  const positive = (x: string) => `${d.roundMoney(x)} > 0`;
  const sql = `WITH lines AS (
  SELECT customer_id, order_id, ${solo} AS solo, row_no, amount, ${value} AS value,
    ${orderDate} AS order_date, ${orderAmount} AS order_amount,
    CASE WHEN ${isTop} THEN 1 ELSE 0 END AS is_top
  FROM ${quoteIdent(options.table)}${d.fullScan}
  WHERE order_date <= ${asOf}
),
grouped AS (
  SELECT customer_id, order_id, solo, row_no, amount, order_date, order_amount,
    1 - is_top AS is_other,
    CASE WHEN is_top = 1 THEN value END AS value,
    ${periodKeySql('order_date', options.grain)} AS period
  FROM lines
),
parts AS (
  SELECT customer_id, is_other, value, period, ${d.roundMoney('SUM(amount)')} AS amount
  FROM grouped
  GROUP BY customer_id, order_id, solo, is_other, value, period
),
firsts AS (
  SELECT is_other, value, period,
    ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date, amount DESC, row_no) AS n
  FROM grouped
  WHERE ${positive('order_amount')}
)
SELECT is_other, value, period,
  ${d.roundMoney('SUM(revenue)')} AS revenue,
  SUM(orders) AS orders,
  ${d.roundMoney('SUM(positive_revenue)')} AS positive_revenue,
  COUNT(DISTINCT active_customer) AS active,
  SUM(new) AS new
FROM (
  SELECT is_other, value, period, amount AS revenue,
    CASE WHEN amount > 0 THEN 1 ELSE 0 END AS orders,
    CASE WHEN amount > 0 THEN amount ELSE 0 END AS positive_revenue,
    CASE WHEN amount > 0 THEN customer_id END AS active_customer,
    0 AS new
  FROM parts
  UNION ALL
  SELECT is_other, value, period, 0, 0, 0, NULL, 1 FROM firsts WHERE n = 1
) AS x
GROUP BY is_other, value, period
ORDER BY is_other, value, period`;
  return { sql, params: b.params };
}
