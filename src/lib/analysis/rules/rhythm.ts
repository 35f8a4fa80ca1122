// Overdue vs own rhythm 超期未购 (DOMAIN §7c): regular buyers late by their own standard.
import { median } from '../concentration';
import { daysBetween } from '../lifecycle';
import { quoteIdent } from '../sql-ident';
import { checkDate, DIALECTS, type SqlQuery } from '../sql';

/** Overdue when days since the last purchase exceed this many median gaps (DOMAIN §7c default). */
export const DEFAULT_RHYTHM_FACTOR = 2;
/** A rhythm needs at least this many purchase days (two gaps). */
export const MIN_PURCHASE_DAYS = 3;

export interface PurchaseDaysOptions {
  /** Normalized transactions table (the filtered copy when the app filter is on). */
  table: string;
  /** True when `order_id` is mapped: an order is a distinct order id per customer (DOMAIN §2). */
  hasOrderId: boolean;
  /** `YYYY-MM-DD`; later rows are excluded. */
  asOf: string;
}

/**
 * One row per customer and purchase day up to the as-of date, sorted by customer and day:
 * `customer_id, order_date, has_positive`. A purchase day (DOMAIN §6) is a day with at least one
 * order whose net total is ≥ 0 (rounded to the app's money precision); `has_positive` is 1 when one
 * of that day's orders is > 0 (the day counts for recency, DOMAIN §3). Orders are formed as in
 * `buildCustomerBaseSql` (order id per customer, dated by its earliest row; rows after the as-of
 * date dropped first). SQLite has no median: the gaps are taken in TypeScript.
 */
export function buildPurchaseDaysSql(options: PurchaseDaysOptions): SqlQuery {
  const d = DIALECTS.sqlite;
  const t = `${quoteIdent(options.table)}${d.fullScan}`;
  const asOf = checkDate(options.asOf, 'asOf');
  const orders = options.hasOrderId
    ? `(
  SELECT customer_id, MIN(order_date) AS order_date, ${d.roundMoney('SUM(amount)')} AS amount
  FROM ${t}
  WHERE order_date <= ?
  GROUP BY customer_id, order_id, CASE WHEN order_id IS NULL THEN row_no END
) AS orders`
    : `(
  SELECT customer_id, order_date, ${d.roundMoney('amount')} AS amount
  FROM ${t}
  WHERE order_date <= ?
) AS orders`;
  const sql = `SELECT customer_id, order_date, MAX(CASE WHEN amount > 0 THEN 1 ELSE 0 END) AS has_positive
FROM ${orders}
GROUP BY customer_id, order_date
HAVING MAX(amount) >= 0
ORDER BY customer_id, order_date`;
  return { sql, params: [asOf] };
}

/** Days between consecutive distinct purchase days (`YYYY-MM-DD`, any order, repeats merged). */
export function purchaseGaps(days: readonly string[]): number[] {
  const sorted = [...new Set(days)].sort();
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) gaps.push(daysBetween(sorted[i], sorted[i - 1]));
  return gaps;
}

/** One customer's rhythm at the as-of date. */
export interface CustomerRhythm {
  customerId: string;
  /** Distinct purchase days up to the as-of date. */
  purchaseDays: number;
  lastPurchase: string;
  /** Median days between consecutive purchase days (may end in .5). */
  medianGapDays: number;
  /** As-of date − last purchase day. */
  daysSince: number;
  /** As-of date − last day with a positive order (DOMAIN §3 recency); null when none. */
  recencyDays: number | null;
  /** How late against the usual rhythm: daysSince − medianGapDays (negative: not yet due). */
  daysLate: number;
  /** daysSince > factor × medianGapDays and not Lapsed (DOMAIN §7c). */
  isOverdue: boolean;
}

export interface RhythmOptions {
  asOf: string;
  /** DOMAIN §7c `rhythm_factor`, default {@link DEFAULT_RHYTHM_FACTOR}. */
  factor?: number;
  /** DOMAIN §5 `lapse_days`: a customer with recency_days above it is Lapsed, not overdue. */
  lapseDays: number;
}

/**
 * The rhythm of every customer with at least {@link MIN_PURCHASE_DAYS} purchase days, from the rows
 * of {@link buildPurchaseDaysSql} (sorted by customer, then day), in customer order.
 */
export function customerRhythms(
  rows: readonly (readonly unknown[])[],
  options: RhythmOptions
): CustomerRhythm[] {
  const factor = options.factor ?? DEFAULT_RHYTHM_FACTOR;
  const out: CustomerRhythm[] = [];
  let id: string | null = null;
  let days: string[] = [];
  let lastPositive: string | null = null;
  const flush = () => {
    if (id === null || days.length < MIN_PURCHASE_DAYS) return;
    const gap = median(purchaseGaps(days))!;
    const lastPurchase = days[days.length - 1];
    const daysSince = daysBetween(options.asOf, lastPurchase);
    const recencyDays = lastPositive === null ? null : daysBetween(options.asOf, lastPositive);
    const isLapsed = recencyDays === null || recencyDays > options.lapseDays;
    out.push({
      customerId: id,
      purchaseDays: days.length,
      lastPurchase,
      medianGapDays: gap,
      daysSince,
      recencyDays,
      daysLate: daysSince - gap,
      isOverdue: !isLapsed && daysSince > factor * gap
    });
  };
  for (const [cid, date, positive] of rows) {
    const c = String(cid);
    if (c !== id) {
      flush();
      id = c;
      days = [];
      lastPositive = null;
    }
    const day = String(date).slice(0, 10);
    if (days[days.length - 1] !== day) days.push(day);
    if (Number(positive) === 1 && (lastPositive === null || day > lastPositive)) lastPositive = day;
  }
  flush();
  return out;
}

/** The overdue customers (DOMAIN §7c), most days late first, then by customer id. */
export function overdueVsRhythm(
  rows: readonly (readonly unknown[])[],
  options: RhythmOptions
): CustomerRhythm[] {
  return customerRhythms(rows, options)
    .filter((r) => r.isOverdue)
    .sort((a, b) => b.daysLate - a.daysLate || (a.customerId < b.customerId ? -1 : 1));
}
