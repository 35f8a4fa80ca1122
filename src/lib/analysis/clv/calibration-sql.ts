// Pure builder of the per-customer, per-day order totals the CLV calibration reads (DOMAIN §2, §6).
import { quoteIdent } from '../sql-ident';
import { DIALECTS, type SqlQuery } from '../sql';

export interface OrderDaysOptions {
  /** Normalized transactions table (e.g. `ds1_transactions`). */
  table: string;
  /** True when `order_id` is mapped: an order is a distinct order id per customer. */
  hasOrderId: boolean;
}

/**
 * One row per customer and calendar day with an order, over the whole table:
 * `customer_id, order_date, amount, largest_order` = the day's net total and its largest single
 * order total, ordered by customer and day. Orders are formed as in `buildCustomerBaseSql` (a
 * distinct order id per customer, each row without one its own order, dated by its earliest row;
 * without an order id every row is an order), so whether a day holds a purchase (an order with
 * total ≥ 0) is decided from `largest_order` by the calibration (`isReturnOrder`), not here.
 */
export function buildOrderDaysSql(options: OrderDaysOptions): SqlQuery {
  const t = quoteIdent(options.table);
  // Each row is an order: the (customer_id, order_date) index serves the grouping directly.
  const orders = options.hasOrderId
    ? `(
  SELECT customer_id, MIN(order_date) AS order_date, SUM(amount) AS amount
  FROM ${t}${DIALECTS.sqlite.fullScan}
  GROUP BY customer_id, order_id, CASE WHEN order_id IS NULL THEN row_no END
) AS orders`
    : t;
  const sql = `SELECT customer_id, order_date, SUM(amount) AS amount, MAX(amount) AS largest_order
FROM ${orders}
GROUP BY customer_id, order_date
ORDER BY customer_id, order_date`;
  return { sql, params: [] };
}
