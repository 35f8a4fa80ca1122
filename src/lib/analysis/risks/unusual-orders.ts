// Unusual orders (DOMAIN §7c): an order far from the customer's own pattern — more than 3.5 robust
// z-scores |x − median| / (1.4826 × MAD) from their orders, or more than 10× their median.
//
// Readings where DOMAIN leaves a choice (said in the view's help text):
// - orders are formed as everywhere (§2: an order id per customer, else a row) and only purchases
//   count (an order with a net total > 0; returns never count as orders); orders up to the as-of date;
// - both tests need a pattern: customers with at least 5 orders;
// - MAD = 0 (more than half the orders have the same amount): the z-score test does not apply (it
//   would flag every order that differs by a cent); the 10× test still does.
import { quoteIdent } from '../sql-ident';
import { checkDate, DIALECTS, type SqlQuery } from '../sql';
import { median } from '../concentration';

export const MIN_ORDERS = 5;
export const Z_LIMIT = 3.5;
export const MAD_SCALE = 1.4826;
export const MEDIAN_TIMES = 10;

/**
 * The purchases (orders with net total > 0) up to `asOf`: customer_id, order_id (NULL when the
 * file has none: a row is an order), order_date (earliest row), amount; by customer, date.
 */
export function buildCustomerOrdersSql(opts: {
  table: string;
  asOf: string;
  hasOrderId: boolean;
}): SqlQuery {
  const d = DIALECTS.sqlite;
  const t = quoteIdent(opts.table);
  const asOf = checkDate(opts.asOf, 'asOf');
  const inner = opts.hasOrderId
    ? `SELECT customer_id, order_id, MIN(order_date) AS order_date, ${d.roundMoney('SUM(amount)')} AS amount
  FROM ${t} WHERE order_date <= ?
  GROUP BY customer_id, order_id, CASE WHEN order_id IS NULL THEN row_no END`
    : `SELECT customer_id, NULL AS order_id, order_date, ${d.roundMoney('amount')} AS amount
  FROM ${t} WHERE order_date <= ?`;
  return {
    sql: `SELECT customer_id, order_id, order_date, amount FROM (
  ${inner}
) AS o WHERE amount > 0
ORDER BY customer_id, order_date, order_id`,
    params: [asOf]
  };
}

/** An order outside its customer's pattern, with the numbers behind it. */
export interface UnusualOrder {
  customerId: string;
  orderId: string | null;
  date: string;
  amount: number;
  /** The customer's purchases and their median amount. */
  orders: number;
  median: number;
  /** Median absolute deviation of the customer's order amounts. */
  mad: number;
  /** |amount − median| / (1.4826 × MAD); null when MAD = 0. */
  z: number | null;
  /** amount / median. */
  times: number;
  /** Which test flagged it: the robust z-score, the 10× median, or both. */
  rule: 'z' | 'times' | 'both';
}

/** The unusual orders of {@link buildCustomerOrdersSql}'s rows, newest first. */
export function unusualOrders(rows: readonly (readonly unknown[])[]): UnusualOrder[] {
  const out: UnusualOrder[] = [];
  let i = 0;
  while (i < rows.length) {
    const id = String(rows[i][0]);
    let j = i;
    while (j < rows.length && String(rows[j][0]) === id) j++;
    const group = rows.slice(i, j);
    i = j;
    if (group.length < MIN_ORDERS) continue;
    const amounts = group.map((r) => Number(r[3]));
    const med = median(amounts)!;
    const mad = median(amounts.map((x) => Math.abs(x - med)))!;
    for (const r of group) {
      const x = Number(r[3]);
      const z = mad > 0 ? Math.abs(x - med) / (MAD_SCALE * mad) : null;
      const isZ = z !== null && z > Z_LIMIT;
      const isTimes = x > MEDIAN_TIMES * med;
      if (!isZ && !isTimes) continue;
      out.push({
        customerId: id,
        orderId: r[1] === null || r[1] === undefined ? null : String(r[1]),
        date: String(r[2]),
        amount: x,
        orders: group.length,
        median: med,
        mad,
        z,
        times: x / med,
        rule: isZ && isTimes ? 'both' : isZ ? 'z' : 'times'
      });
    }
  }
  return out.sort(
    (a, b) =>
      (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) ||
      b.amount - a.amount ||
      (a.customerId < b.customerId ? -1 : 1)
  );
}
