// Profit (DOMAIN §7b): per customer the sum of profit, margin = profit / revenue, the profit curve
// (customers by profit descending, cumulative profit) with its peak, and the loss-making customers.
import { compareIds } from './rfm';
import { checkDate, type SqlQuery } from './sql';
import { quoteIdent } from './sql-ident';

/** True when the dataset's orders carry a mapped profit column. */
export function hasProfitColumn(d: {
  kind: string;
  columns: readonly { role: string; header: string }[];
}): boolean {
  return d.kind === 'transactions' && d.columns.some((c) => c.role === 'profit' && c.header !== '');
}

/** One customer's revenue and profit up to the as-of date. */
export interface CustomerProfit {
  customerId: string;
  name: string | null;
  revenue: number;
  profit: number;
}

/** Profit / revenue; null when the revenue is not positive. */
export function marginOf(profit: number, revenue: number): number | null {
  return revenue > 0 ? profit / revenue : null;
}

/**
 * Revenue (amounts net of returns) and profit per customer over the order rows on or before
 * `asOf`; a row without profit adds nothing to profit; `rows_without_profit` counts them.
 */
export function buildCustomerProfitSql(opts: { table: string; asOf: string }): SqlQuery {
  checkDate(opts.asOf, 'asOf');
  return {
    sql: `SELECT customer_id, MAX(customer_name) AS customer_name, SUM(amount) AS revenue,
  COALESCE(SUM(profit), 0) AS profit, SUM(CASE WHEN profit IS NULL THEN 1 ELSE 0 END) AS rows_without_profit
FROM ${quoteIdent(opts.table)}
WHERE order_date <= ?
GROUP BY customer_id
ORDER BY customer_id`,
    params: [opts.asOf]
  };
}

/** Revenue and profit per value of a dimension, by each row's own value (DOMAIN §8). */
export function buildDimensionProfitSql(opts: {
  table: string;
  asOf: string;
  dimension: string;
}): SqlQuery {
  checkDate(opts.asOf, 'asOf');
  const c = quoteIdent(opts.dimension);
  return {
    sql: `SELECT ${c} AS value, SUM(amount) AS revenue, COALESCE(SUM(profit), 0) AS profit,
  COUNT(DISTINCT customer_id) AS customers
FROM ${quoteIdent(opts.table)}
WHERE order_date <= ?
GROUP BY ${c}`,
    params: [opts.asOf]
  };
}

/** The profit curve and what a manager reads off it. */
export interface ProfitCurve {
  /** Cumulative profit after the first k customers (k = 0 … N), customers by profit descending. */
  cumulative: Float64Array;
  /** The highest cumulative profit and after how many customers it is reached. */
  peak: { customers: number; profit: number };
  total: number;
  /** Customers with profit < 0, the largest loss first. */
  losses: CustomerProfit[];
}

/** Sorts by profit descending (ties by customer id) and accumulates (DOMAIN §7b). */
export function profitCurve(customers: readonly CustomerProfit[]): ProfitCurve {
  const sorted = [...customers].sort(
    (a, b) => b.profit - a.profit || compareIds(a.customerId, b.customerId)
  );
  const cumulative = new Float64Array(sorted.length + 1);
  let peak = { customers: 0, profit: 0 };
  for (let k = 0; k < sorted.length; k++) {
    cumulative[k + 1] = cumulative[k] + sorted[k].profit;
    if (k === 0 || cumulative[k + 1] > peak.profit)
      peak = { customers: k + 1, profit: cumulative[k + 1] };
  }
  const losses = sorted.filter((c) => c.profit < 0).reverse();
  return { cumulative, peak, total: cumulative[sorted.length], losses };
}

/**
 * At most about `max` points of a cumulative curve for drawing, [customers, cumulative profit],
 * always with the start, the peak and the end.
 */
export function curvePoints(
  cumulative: ArrayLike<number>,
  peakAt: number,
  max = 600
): [number, number][] {
  const n = cumulative.length;
  const step = Math.max(1, Math.ceil(n / max));
  const out: [number, number][] = [];
  for (let k = 0; k < n; k++) {
    if (k % step === 0 || k === peakAt || k === n - 1) out.push([k, cumulative[k]]);
  }
  return out;
}

/** Revenue, profit and margin of a group of customers (segment, tier, owner, dimension value). */
export interface ProfitGroup {
  key: string | null;
  customers: number;
  revenue: number;
  profit: number;
  margin: number | null;
  /** Customers of the group with profit < 0 (null for dimension groups summed by row). */
  lossCustomers: number | null;
}

/** Groups customers by `keyOf`, largest profit first. */
export function groupProfit(
  customers: readonly CustomerProfit[],
  keyOf: (c: CustomerProfit) => string | null
): ProfitGroup[] {
  const groups = new Map<string | null, ProfitGroup>();
  for (const c of customers) {
    const key = keyOf(c);
    let g = groups.get(key);
    if (!g) {
      g = { key, customers: 0, revenue: 0, profit: 0, margin: null, lossCustomers: 0 };
      groups.set(key, g);
    }
    g.customers++;
    g.revenue += c.revenue;
    g.profit += c.profit;
    if (c.profit < 0) g.lossCustomers!++;
  }
  return [...groups.values()]
    .map((g) => ({ ...g, margin: marginOf(g.profit, g.revenue) }))
    .sort((a, b) => b.profit - a.profit);
}
