// One customer's profile from the orders and the related files (DOMAIN §7b, §7c): complaint states,
// receivables outstanding, spend per month, the product mix and the queries that read them.
import { daysBetween } from './lifecycle';
import { quoteIdent } from './sql-ident';
import { checkDate, RECENCY_KEY, type SqlQuery } from './sql';

/** A complaint at the as-of date (DOMAIN §7b). */
export type ComplaintState = 'open' | 'overdue' | 'resolved';

/**
 * A complaint's state at `asOf`: resolved when its resolved date is on or before the as-of date;
 * else open, and overdue when open longer than `slaDays` (as-of − opened > slaDays). `days` is the
 * time to resolve, or the days open so far.
 */
export function complaintState(
  opened: string,
  resolved: string | null,
  asOf: string,
  slaDays: number
): { state: ComplaintState; days: number } {
  if (resolved !== null && resolved <= asOf)
    return { state: 'resolved', days: daysBetween(resolved, opened) };
  const days = daysBetween(asOf, opened);
  return { state: days > slaDays ? 'overdue' : 'open', days };
}

/**
 * Outstanding of an invoice (DOMAIN §7c): amount − paid amount; a paid date with no paid amount is
 * fully paid. Days past due = as-of − due date when something is outstanding and the due date has
 * passed, else 0.
 */
export function receivableOutstanding(
  r: { amount: number; paidAmount: number | null; paidDate: string | null; dueDate: string },
  asOf: string
): { outstanding: number; daysPastDue: number } {
  const paid = r.paidAmount ?? (r.paidDate !== null ? r.amount : 0);
  const outstanding = Math.round((r.amount - paid) * 100) / 100;
  const late = daysBetween(asOf, r.dueDate);
  return { outstanding, daysPastDue: outstanding > 0 && late > 0 ? late : 0 };
}

/** Net spend per calendar month from the first order's month to the as-of month (empty: none). */
export function monthlySpend(
  orders: readonly { date: string; amount: number }[],
  asOf: string
): { month: string; amount: number }[] {
  if (orders.length === 0) return [];
  const sums = new Map<string, number>();
  for (const o of orders) {
    const m = o.date.slice(0, 7);
    sums.set(m, (sums.get(m) ?? 0) + o.amount);
  }
  const first = [...sums.keys()].sort()[0];
  const last = asOf.slice(0, 7);
  const out: { month: string; amount: number }[] = [];
  let [y, m] = first.split('-').map(Number);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last && out.length > 0) break;
    out.push({ month: key, amount: Math.round((sums.get(key) ?? 0) * 100) / 100 });
    if (key >= last) break;
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/** Shares of the revenue by value (share of the sum of positive values; ≤ 0 values share 0). */
export function mixShares(
  rows: readonly { value: string | null; amount: number }[]
): { value: string | null; amount: number; share: number }[] {
  const total = rows.reduce((s, r) => s + Math.max(0, r.amount), 0);
  return rows.map((r) => ({
    ...r,
    share: total > 0 ? Math.max(0, r.amount) / total : 0
  }));
}

/** Headers that name a product category, strongest first (the mix's default dimension). */
const CATEGORY_HEADERS = [
  /品类|产品类|商品类|产品类别|product\s*category|product\s*type|category/i,
  /类别|产品|商品|product|sku/i
];

/** Index of the category-like dimension, or −1. */
export function categoryDimensionIndex(dimensions: readonly { header: string }[]): number {
  for (const pattern of CATEGORY_HEADERS) {
    const i = dimensions.findIndex((d) => pattern.test(d.header));
    if (i >= 0) return i;
  }
  return -1;
}

const bindDay = (asOf: string) => checkDate(asOf, 'asOf');

/** Revenue of one customer's rows by a dimension's value, most first. */
export function buildMixSql(
  table: string,
  dimension: string,
  customerId: string,
  asOf: string
): SqlQuery {
  const col = quoteIdent(dimension);
  return {
    sql: `SELECT ${col} AS value, ROUND(SUM(amount), 2) AS amount
FROM ${quoteIdent(table)}
WHERE customer_id = ? AND order_date <= ?
GROUP BY ${col}
ORDER BY amount DESC, value`,
    params: [customerId, bindDay(asOf)]
  };
}

/** One customer's profit and revenue over their rows (DOMAIN §7b). */
export function buildProfitSql(table: string, customerId: string, asOf: string): SqlQuery {
  return {
    sql: `SELECT ROUND(SUM(profit), 2), ROUND(SUM(amount), 2), COUNT(profit)
FROM ${quoteIdent(table)}
WHERE customer_id = ? AND order_date <= ?`,
    params: [customerId, bindDay(asOf)]
  };
}

/** The orders' own satisfaction / NPS answers of one customer, one per order (rows of an order agree). */
export function buildOrderSurveySql(
  table: string,
  customerId: string,
  asOf: string,
  hasOrderId: boolean
): SqlQuery {
  const group = hasOrderId
    ? 'GROUP BY order_id, CASE WHEN order_id IS NULL THEN row_no END'
    : 'GROUP BY row_no';
  return {
    sql: `SELECT MIN(order_date) AS day, MAX(satisfaction), MAX(nps)
FROM ${quoteIdent(table)}
WHERE customer_id = ? AND order_date <= ? AND (satisfaction IS NOT NULL OR nps IS NOT NULL)
${group}
ORDER BY day`,
    params: [customerId, bindDay(asOf)]
  };
}

/** The customer's value of one dimension by DOMAIN §8 (most rows, ties to the latest row). */
export function buildCustomerValueSql(
  table: string,
  dimension: string,
  customerId: string,
  asOf: string
): SqlQuery {
  const col = quoteIdent(dimension);
  return {
    sql: `SELECT ${col} FROM ${quoteIdent(table)}
WHERE customer_id = ? AND order_date <= ? AND ${col} IS NOT NULL
GROUP BY ${col}
ORDER BY COUNT(*) DESC, MAX(${RECENCY_KEY}) DESC
LIMIT 1`,
    params: [customerId, bindDay(asOf)]
  };
}

/** One customer's rows of a related table (`ds{id}_{kind}`), by trimmed id, in file order. */
export function buildRelatedRowsSql(
  table: string,
  columns: readonly string[],
  customerId: string
): SqlQuery {
  return {
    sql: `SELECT ${columns.map(quoteIdent).join(', ')}
FROM ${quoteIdent(table)}
WHERE TRIM(customer_id) = ?
ORDER BY row_no`,
    params: [customerId.trim()]
  };
}
