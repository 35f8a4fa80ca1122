// Pure builders of the targets analysis SQL (SQLite): target rows, which dimension the keys match,
// revenue per dimension value in a date window, each customer's first purchase and the key it is
// credited to, and per customer the revenue of two windows (why the shortfall).
import { quoteIdent } from '../sql-ident';
import { checkDate, DIALECTS, type SqlQuery } from '../sql';

const ROUND = DIALECTS.sqlite.roundMoney;

/** A half-open date window `[from, to)` (`to` is the first day left out). */
export interface DateWindow {
  from: string;
  to: string;
}

/** The rows of a targets table (`ds{id}_targets`), in sheet order. */
export function buildTargetRowsSql(table: string): SqlQuery {
  return {
    sql: `SELECT target_key, period, grain, revenue_target, new_customer_target, parent, market_size
FROM ${quoteIdent(table)}
WHERE target_key IS NOT NULL AND period IS NOT NULL AND grain IS NOT NULL
ORDER BY row_no`,
    params: []
  };
}

/**
 * In one pass over the orders, per dimension column: how many distinct target keys (`m{i}`) and
 * how many distinct team keys (`t{i}`) appear among its values. Keys travel as one JSON array.
 */
export function buildDimensionMatchSql(options: {
  table: string;
  columns: readonly string[];
  keys: readonly string[];
  teamKeys: readonly string[];
}): SqlQuery {
  const counts = options.columns.flatMap((c, i) => {
    const col = quoteIdent(c);
    return [
      `COUNT(DISTINCT CASE WHEN ${col} IN (SELECT value FROM k) THEN ${col} END) AS m${i}`,
      `COUNT(DISTINCT CASE WHEN ${col} IN (SELECT value FROM tk) THEN ${col} END) AS t${i}`
    ];
  });
  return {
    sql: `WITH k AS (SELECT value FROM json_each(?)), tk AS (SELECT value FROM json_each(?))
SELECT ${counts.length ? counts.join(',\n  ') : '0'}
FROM ${quoteIdent(options.table)} NOT INDEXED`,
    params: [JSON.stringify(options.keys), JSON.stringify(options.teamKeys)]
  };
}

/** The target keys that appear among a column's values (anywhere in the orders). */
export function buildMatchedValuesSql(options: {
  table: string;
  column: string;
  keys: readonly string[];
}): SqlQuery {
  const col = quoteIdent(options.column);
  return {
    sql: `SELECT DISTINCT ${col} FROM ${quoteIdent(options.table)} NOT INDEXED
WHERE ${col} IN (SELECT value FROM json_each(?))`,
    params: [JSON.stringify(options.keys)]
  };
}

/**
 * Revenue per value of a dimension over the rows dated in `window` (DOMAIN §8: each row counts for
 * its own value; returns deducted): `value, revenue`. Rows without a value come as a NULL value.
 */
export function buildValueRevenueSql(options: {
  table: string;
  column: string;
  window: DateWindow;
}): SqlQuery {
  const col = quoteIdent(options.column);
  return {
    sql: `SELECT ${col} AS value, ${ROUND('SUM(amount)')} AS revenue
FROM ${quoteIdent(options.table)} NOT INDEXED
WHERE order_date >= ? AND order_date < ?
GROUP BY ${col}`,
    params: [
      checkDate(options.window.from, 'window from'),
      checkDate(options.window.to, 'window to')
    ]
  };
}

/** Orders as DOMAIN §2 forms them: a distinct order id per customer, else each row. */
function orderKey(hasOrderId: boolean, alias = ''): string {
  const a = alias ? `${alias}.` : '';
  return hasOrderId
    ? `${a}order_id, CASE WHEN ${a}order_id IS NULL THEN ${a}row_no END`
    : `${a}row_no`;
}

/**
 * Per customer, the first-ever purchase and the dimension value it is credited to:
 * `customer_id, first_day, value`.
 *
 * The first purchase is the day of the customer's earliest order with a positive amount (DOMAIN
 * §2–3; an order is a distinct order id per customer, else a row, dated by its earliest row), over
 * every row of `baseTable` before `asOf` — the whole history, not one period. The orders of that
 * day are "the first order"; when their rows carry several values of the dimension, the customer
 * goes to the value with the largest amount on them (ties: the alphabetically first value; rows
 * without a value lose ties), so each customer is credited once. With a filter, `table` is the
 * filtered view: a customer whose first order has no row passing it is not new in the filtered
 * view, and only the passing rows are weighed.
 *
 * One sort of the rows (by customer, order, value), then window sums over that much smaller set.
 */
export function buildFirstPurchasesSql(options: {
  table: string;
  baseTable: string;
  column: string;
  asOf: string;
  hasOrderId: boolean;
}): SqlQuery {
  const col = quoteIdent(options.column);
  const isFiltered = options.table !== options.baseTable;
  const passes = `row_no IN (SELECT row_no FROM ${quoteIdent(options.table)})`;
  // Order ids are text; a row standing alone is keyed by its negated row number (never equal).
  const okey = options.hasOrderId ? 'COALESCE(order_id, -row_no)' : '-row_no';
  return {
    sql: `WITH ov AS (
  SELECT customer_id, ${okey} AS okey, ${col} AS value, MIN(order_date) AS day,
    SUM(amount) AS amount${
      isFiltered
        ? `,
    SUM(CASE WHEN ${passes} THEN amount ELSE 0 END) AS kept,
    MAX(${passes}) AS passes`
        : ''
    }
  FROM ${quoteIdent(options.baseTable)} NOT INDEXED
  WHERE order_date < ?
  GROUP BY customer_id, okey, value
),
o AS (
  SELECT customer_id, value, ${isFiltered ? 'kept, passes' : 'amount AS kept'},
    MIN(day) OVER w AS day, SUM(amount) OVER w AS total
  FROM ov
  WINDOW w AS (PARTITION BY customer_id, okey)
),
f AS (
  SELECT customer_id, value, kept, ${isFiltered ? 'passes, ' : ''}day,
    MIN(day) OVER (PARTITION BY customer_id) AS first_day
  FROM o
  WHERE ${ROUND('total')} > 0
),
byv AS (
  SELECT customer_id, day, value, SUM(kept) AS amount
  FROM f
  WHERE day = first_day${isFiltered ? ' AND passes = 1' : ''}
  GROUP BY customer_id, value
),
pick AS (
  SELECT customer_id, day, value,
    ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY ${ROUND('amount')} DESC, value IS NULL, value) AS n
  FROM byv
)
SELECT customer_id, day AS first_day, value FROM pick WHERE n = 1 ORDER BY customer_id`,
    params: [checkDate(options.asOf, 'asOf')]
  };
}

/**
 * Per customer of the rows whose dimension value is one of `values`: revenue in the `now` and
 * `then` windows, and whether they bought (an order with a positive amount) in each:
 * `customer_id, now_revenue, then_revenue, bought_now, bought_then`. Windows must not overlap.
 */
export function buildCustomerChangeSql(options: {
  table: string;
  column: string;
  values: readonly string[];
  now: DateWindow;
  then: DateWindow;
  hasOrderId: boolean;
}): SqlQuery {
  const col = quoteIdent(options.column);
  const inNow = `order_date >= ? AND order_date < ?`;
  const inThen = `order_date >= ? AND order_date < ?`;
  const now = [checkDate(options.now.from, 'now from'), checkDate(options.now.to, 'now to')];
  const then = [checkDate(options.then.from, 'then from'), checkDate(options.then.to, 'then to')];
  return {
    sql: `WITH o AS (
  SELECT customer_id, CASE WHEN ${inNow} THEN 1 ELSE 0 END AS is_now, SUM(amount) AS amount
  FROM ${quoteIdent(options.table)} NOT INDEXED
  WHERE ${col} IN (SELECT value FROM json_each(?)) AND ((${inNow}) OR (${inThen}))
  GROUP BY customer_id, is_now, ${orderKey(options.hasOrderId)}
)
SELECT customer_id,
  ${ROUND('SUM(CASE WHEN is_now = 1 THEN amount ELSE 0 END)')} AS now_revenue,
  ${ROUND('SUM(CASE WHEN is_now = 0 THEN amount ELSE 0 END)')} AS then_revenue,
  MAX(CASE WHEN is_now = 1 AND ${ROUND('amount')} > 0 THEN 1 ELSE 0 END) AS bought_now,
  MAX(CASE WHEN is_now = 0 AND ${ROUND('amount')} > 0 THEN 1 ELSE 0 END) AS bought_then
FROM o
GROUP BY customer_id
ORDER BY customer_id`,
    params: [...now, JSON.stringify(options.values), ...now, ...then]
  };
}

/** The first and last order dates of a table: `first_day, last_day`. */
export function buildDateSpanSql(table: string): SqlQuery {
  return {
    sql: `SELECT MIN(order_date) AS first_day, MAX(order_date) AS last_day FROM ${quoteIdent(table)}`,
    params: []
  };
}
