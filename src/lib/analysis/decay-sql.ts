// Pure builder of the per-customer rows behind decay curves by group: first and second purchase
// day and the customer's value in the grouping dimension (DOMAIN §2, §8).
import { quoteIdent } from './sql-ident';
import { Binder, checkDate, DIALECTS, RECENCY_KEY, type SqlQuery } from './sql';

/**
 * How a customer's dimension value is read: `majority` — DOMAIN §8, the value on most of their
 * rows (non-null values; ties go to the most recent row); `first` — the value on their first
 * order: the first row (file order) dated on their first purchase day that has a value.
 */
export type DecayDimensionRule = 'majority' | 'first';

export interface DecayCustomersOptions {
  /** Normalized transactions table (or the filter's view of it). */
  table: string;
  /** As-of date `YYYY-MM-DD`; later rows are excluded. */
  asOf: string;
  /** True when `order_id` is mapped (orders formed as in the customer base). */
  hasOrderId: boolean;
  /** The dimension column to read each customer's value from, or null (no value column). */
  group: { column: string; rule: DecayDimensionRule } | null;
}

/**
 * One row per customer with a positive order on or before `asOf`:
 * `customer_id, first_purchase, second_purchase, group_value`, ordered by customer_id.
 *
 * Orders are formed as in `buildCustomerBaseSql` (a distinct order id per customer, else each row;
 * dated by the earliest row; positive when the rounded total is > 0). A purchase day is a day with
 * a positive order; `second_purchase` is the customer's second distinct purchase day (null when
 * they bought on one day only). `group_value` is null without a group column.
 */
export function buildDecayCustomersSql(options: DecayCustomersOptions): SqlQuery {
  const d = DIALECTS.sqlite;
  const b = new Binder('sqlite');
  const scan = `${quoteIdent(options.table)}${d.fullScan}`;
  const asOf = b.bind(checkDate(options.asOf, 'asOf'));
  const orderKey = 'customer_id, order_id, CASE WHEN order_id IS NULL THEN row_no END';
  const orders = options.hasOrderId
    ? `SELECT customer_id, MIN(order_date) AS order_date, SUM(amount) AS amount
    FROM ${scan}
    WHERE order_date <= ${asOf}
    GROUP BY ${orderKey}`
    : `SELECT customer_id, order_date, amount
    FROM ${scan}
    WHERE order_date <= ${asOf}`;
  let groupCte = '';
  let groupCol = 'NULL';
  let groupJoin = '';
  if (options.group) {
    const col = quoteIdent(options.group.column);
    const rowAsOf = b.bind(options.asOf);
    groupCte =
      options.group.rule === 'majority'
        ? `,
grp AS (
  SELECT customer_id, value FROM (
    SELECT customer_id, ${col} AS value,
      ROW_NUMBER() OVER (
        PARTITION BY customer_id ORDER BY COUNT(*) DESC, MAX(${RECENCY_KEY}) DESC
      ) AS pick
    FROM ${scan}
    WHERE order_date <= ${rowAsOf} AND ${col} IS NOT NULL
    GROUP BY customer_id, ${col}
  ) AS ranked
  WHERE pick = 1
)`
        : `,
grp AS (
  SELECT customer_id, value FROM (
    SELECT r.customer_id, r.${col} AS value,
      ROW_NUMBER() OVER (PARTITION BY r.customer_id ORDER BY r.row_no) AS pick
    FROM ${quoteIdent(options.table)} AS r
    JOIN days AS f ON f.customer_id = r.customer_id AND r.order_date = f.first_purchase
    WHERE r.order_date <= ${rowAsOf} AND r.${col} IS NOT NULL
  ) AS ranked
  WHERE pick = 1
)`;
    groupCol = 'grp.value';
    groupJoin = '\nLEFT JOIN grp ON grp.customer_id = days.customer_id';
  }
  const sql = `WITH orders AS (
  SELECT customer_id, order_date FROM (
    ${orders}
  ) AS o
  WHERE ${d.roundMoney('amount')} > 0
),
numbered AS (
  SELECT customer_id, order_date,
    ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date) AS n
  FROM (SELECT DISTINCT customer_id, order_date FROM orders) AS p
),
days AS (
  SELECT customer_id,
    MIN(CASE WHEN n = 1 THEN order_date END) AS first_purchase,
    MIN(CASE WHEN n = 2 THEN order_date END) AS second_purchase
  FROM numbered
  WHERE n <= 2
  GROUP BY customer_id
)${groupCte}
SELECT days.customer_id, days.first_purchase, days.second_purchase, ${groupCol} AS group_value
FROM days${groupJoin}
ORDER BY days.customer_id`;
  return { sql, params: b.params };
}
