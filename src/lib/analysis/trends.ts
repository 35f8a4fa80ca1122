// Monthly trends from the customer × month aggregate: revenue, orders, active/new/returning, AOV (DOMAIN §5).
import { roundCents } from './cohorts';
import { cohortOfCustomers, monthOf, monthRange, type CustomerMonths } from './customer-months';

/** One calendar month's figures. */
export interface MonthTrend {
  /** `YYYY-MM`. */
  month: string;
  /** Net revenue: every order dated in the month, returns included. */
  revenue: number;
  /** Orders with a positive amount (the RFM frequency's orders). */
  orders: number;
  /** Customers with ≥ 1 positive order in the month. */
  active: number;
  /** Customers whose first positive order is in the month. */
  new: number;
  /** Active customers who are not new. */
  returning: number;
  /** Average order value: revenue of the positive orders / orders; null without orders. */
  aov: number | null;
}

/**
 * One entry per calendar month from the first to the last month with any order (months without
 * orders included, with zeros), oldest first.
 */
export function buildTrends(data: CustomerMonths): MonthTrend[] {
  const range = monthRange(data);
  if (!range) return [];
  const [first, last] = range;
  const width = last - first + 1;
  const revenue = new Float64Array(width);
  const positive = new Float64Array(width);
  const orders = new Int32Array(width);
  const active = new Int32Array(width);
  const fresh = new Int32Array(width);
  for (let i = 0; i < data.customer.length; i++) {
    const m = data.month[i] - first;
    revenue[m] += data.revenue[i];
    positive[m] += data.positiveRevenue[i];
    orders[m] += data.orders[i];
    if (data.orders[i] > 0) active[m]++;
  }
  for (const c of cohortOfCustomers(data)) if (c !== -1) fresh[c - first]++;
  return Array.from({ length: width }, (_, m) => ({
    month: monthOf(first + m),
    revenue: roundCents(revenue[m]),
    orders: orders[m],
    active: active[m],
    new: fresh[m],
    returning: active[m] - fresh[m],
    aov: orders[m] > 0 ? positive[m] / orders[m] : null
  }));
}
