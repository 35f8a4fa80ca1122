// The customer × month aggregate as compact columns, and calendar-month arithmetic (DOMAIN §5).

/**
 * One entry per (customer, month) with an order, as columns (a million-row dataset can give
 * hundreds of thousands of entries). Entry i is customer `customerIds[customer[i]]` in month
 * `monthOf(month[i])`; entries of one customer are contiguous, months ascending.
 */
export interface CustomerMonths {
  customerIds: string[];
  /** Index into `customerIds`. */
  customer: Int32Array;
  /** Month number (see `monthNumber`). */
  month: Int32Array;
  /** Orders with a positive amount. */
  orders: Int32Array;
  /** Net amount of every order (returns included). */
  revenue: Float64Array;
  /** Amount of the positive orders only. */
  positiveRevenue: Float64Array;
}

/** `YYYY-MM` (or `YYYY-MM-DD`) → a month number, consecutive months differing by 1. */
export function monthNumber(month: string): number {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) throw new Error(`not a month: ${month}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

/** A month number back to `YYYY-MM`. */
export function monthOf(n: number): string {
  const y = Math.floor(n / 12);
  return `${String(y).padStart(4, '0')}-${String(n - y * 12 + 1).padStart(2, '0')}`;
}

/**
 * Builds the columns from the rows of `buildCustomerMonthsSql`
 * (`customer_id, month, orders, revenue, positive_revenue`, ordered by customer and month).
 */
export function toCustomerMonths(rows: readonly (readonly unknown[])[]): CustomerMonths {
  const n = rows.length;
  const out: CustomerMonths = {
    customerIds: [],
    customer: new Int32Array(n),
    month: new Int32Array(n),
    orders: new Int32Array(n),
    revenue: new Float64Array(n),
    positiveRevenue: new Float64Array(n)
  };
  let last: string | null = null;
  for (let i = 0; i < n; i++) {
    const [id, month, orders, revenue, positive] = rows[i];
    const customerId = String(id);
    if (customerId !== last) {
      out.customerIds.push(customerId);
      last = customerId;
    }
    out.customer[i] = out.customerIds.length - 1;
    out.month[i] = monthNumber(String(month));
    out.orders[i] = Number(orders);
    out.revenue[i] = Number(revenue);
    out.positiveRevenue[i] = Number(positive);
  }
  return out;
}

/**
 * Each customer's cohort: the month number of their first positive order, or −1 when they have
 * none (such customers belong to no cohort).
 */
export function cohortOfCustomers(data: CustomerMonths): Int32Array {
  const cohort = new Int32Array(data.customerIds.length).fill(-1);
  for (let i = 0; i < data.customer.length; i++) {
    const c = data.customer[i];
    if (data.orders[i] > 0 && (cohort[c] === -1 || data.month[i] < cohort[c]))
      cohort[c] = data.month[i];
  }
  return cohort;
}

/** Smallest and largest month number in the data, or null when it is empty. */
export function monthRange(data: CustomerMonths): [number, number] | null {
  if (data.month.length === 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const m of data.month) {
    if (m < lo) lo = m;
    if (m > hi) hi = m;
  }
  return [lo, hi];
}
