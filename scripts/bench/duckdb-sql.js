// The DuckDB side of the bench, as SQL: load the file, one row per customer (DOMAIN §2–3), and the
// R × F grid scored the way the app scores by default (5 ranked bins, ties together, as-of = the
// day after the latest date). Runs in the browser page (DuckDB-WASM) and in Node (checks).

/**
 * Which columns of the file hold what: the same roles the app's mapping step picks for the file.
 * `amount` is a column, or `quantity` × `unitPrice` when the file has no amount column.
 * @typedef {{ customer: string, date: string, orderId?: string, amount?: string,
 *   quantity?: string, unitPrice?: string }} ColumnSpec
 */

/** Bins per axis: the app's default (src/lib/state/rfm.svelte.ts `defaultSettings`). */
export const BINS = 5;

/** @param {string} name */
const q = (name) => `"${name.replaceAll('"', '""')}"`;

/** @param {string} fileName the name the file was registered under */
export function loadSql(fileName) {
  return `CREATE TABLE orders AS SELECT * FROM read_csv('${fileName.replaceAll("'", "''")}')`;
}

/**
 * `customers`: customer_id, last_purchase, recency_days, frequency, monetary (DOMAIN §3). Rows the
 * app rejects (no customer, no date, no amount) are left out; an order is a distinct order id per
 * customer (a row without one stands alone), dated by its earliest row and valued at its rows' sum;
 * an order counts when its amount rounded to 6 decimals is > 0; monetary sums everything.
 * @param {ColumnSpec} spec
 */
export function customersSql(spec) {
  const text = (/** @type {string} */ c) => `NULLIF(TRIM(CAST(${q(c)} AS VARCHAR)), '')`;
  const amount = spec.amount
    ? `CAST(${q(spec.amount)} AS DOUBLE)`
    : `CAST(${q(String(spec.quantity))} AS DOUBLE) * CAST(${q(String(spec.unitPrice))} AS DOUBLE)`;
  const orderId = spec.orderId ? text(spec.orderId) : 'NULL';
  return `CREATE TABLE customers AS
WITH rows AS (
  SELECT ${text(spec.customer)} AS customer_id, ${orderId} AS order_id,
    CAST(${q(spec.date)} AS DATE) AS order_date, ${amount} AS amount, rowid AS row_no
  FROM orders
),
accepted AS (
  SELECT * FROM rows
  WHERE customer_id IS NOT NULL AND order_date IS NOT NULL AND amount IS NOT NULL
),
as_of AS (SELECT MAX(order_date) + 1 AS as_of FROM accepted),
orders_of AS (
  SELECT customer_id, MIN(order_date) AS order_date, SUM(amount) AS amount,
    ROUND(SUM(amount), 6) > 0 AS positive
  FROM accepted
  GROUP BY customer_id, order_id, CASE WHEN order_id IS NULL THEN row_no END
)
SELECT customer_id,
  MAX(order_date) FILTER (WHERE positive) AS last_purchase,
  (SELECT as_of FROM as_of) - MAX(order_date) FILTER (WHERE positive) AS recency_days,
  COUNT(*) FILTER (WHERE positive) AS frequency,
  ROUND(SUM(amount), 6) AS monetary
FROM orders_of
GROUP BY customer_id`;
}

/** The R × F grid: r, f, n for the occupied cells (DOMAIN §3 ranked quantiles, ties together). */
export function gridSql() {
  const score = (/** @type {string} */ order) =>
    `1 + (${BINS} * (RANK() OVER (ORDER BY ${order}) - 1)) // COUNT(*) OVER ()`;
  return `WITH scored AS (
  SELECT ${score('recency_days DESC')} AS r, ${score('frequency ASC')} AS f
  FROM customers
  WHERE frequency > 0
)
SELECT r, f, COUNT(*) AS n FROM scored GROUP BY r, f ORDER BY r, f`;
}

/** The as-of date the recency was counted to, `YYYY-MM-DD`, and the customer counts. */
export function factsSql() {
  return `SELECT CAST(MAX(last_purchase + CAST(recency_days AS INTEGER)) AS VARCHAR) AS as_of,
  COUNT(*) AS customers, COUNT(*) FILTER (WHERE frequency > 0) AS scored
FROM customers`;
}
