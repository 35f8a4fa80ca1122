// The receivables view (DOMAIN §7c): totals and ageing buckets, DSO per customer = outstanding /
// revenue of the last 90 days × 90, credit use = outstanding / the master's credit limit, by customer,
// owner and region, and the overdue list. Plain TS over the invoices of `receivables.ts`.
import { quoteIdent } from '../sql-ident';
import { checkDate, DIALECTS, type SqlQuery } from '../sql';
import { spendDropWindows, RECENT_DAYS } from '../spend-drop';
import {
  RECEIVABLE_BUCKETS,
  summarizeReceivableCustomers,
  type ReceivableBucket,
  type ReceivableCustomer,
  type ReceivableInvoice
} from './receivables';
import type { RiskCustomerInfo } from './identity';

/** Net revenue per customer over the last 90 days, (as-of − 90, as-of]: customer_id, revenue. */
export function buildRecentRevenueSql(table: string, asOf: string): SqlQuery {
  const w = spendDropWindows(checkDate(asOf, 'asOf'));
  return {
    sql: `SELECT customer_id, ${DIALECTS.sqlite.roundMoney('SUM(amount)')} AS revenue
FROM ${quoteIdent(table)}
WHERE order_date >= ? AND order_date <= ?
GROUP BY customer_id
ORDER BY customer_id`,
    params: [w.recentFrom, w.recentTo]
  };
}

/** One customer's receivables with who they are, DSO and credit use. */
export interface ReceivableRow extends ReceivableCustomer, RiskCustomerInfo {
  /** Net revenue of the last 90 days. */
  revenue90: number;
  /** outstanding / revenue90 × 90; null when revenue90 ≤ 0. */
  dsoDays: number | null;
  creditLimit: number | null;
  /** outstanding / credit limit; null without a positive limit. */
  creditUse: number | null;
}

export interface BucketTotal {
  bucket: ReceivableBucket;
  invoices: number;
  customers: number;
  amount: number;
}

export interface ReceivableGroup {
  /** The owner or region; null: not known. */
  key: string | null;
  customers: number;
  outstanding: number;
  overdueOutstanding: number;
  /** Customers with an overdue invoice. */
  overdueCustomers: number;
}

export interface ReceivablesAnalysis {
  outstanding: number;
  overdueOutstanding: number;
  /** Customers with outstanding > 0, and those with an overdue invoice. */
  customers: number;
  overdueCustomers: number;
  invoices: number;
  buckets: BucketTotal[];
  /** Every customer with outstanding > 0, largest outstanding first. */
  rows: ReceivableRow[];
  /** Customers with overdue outstanding, largest overdue first, then the oldest. */
  overdue: ReceivableRow[];
  byOwner: ReceivableGroup[];
  byRegion: ReceivableGroup[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Everything the receivables section shows, from the invoices at the as-of date. */
export function analyzeReceivables(input: {
  invoices: readonly ReceivableInvoice[];
  revenue90: ReadonlyMap<string, number>;
  creditLimits: ReadonlyMap<string, number>;
  info: (customerId: string) => RiskCustomerInfo;
}): ReceivablesAnalysis {
  const customers = summarizeReceivableCustomers(input.invoices);
  const rows: ReceivableRow[] = customers.map((c) => {
    const revenue90 = input.revenue90.get(c.customerId) ?? 0;
    const limit = input.creditLimits.get(c.customerId) ?? null;
    return {
      ...c,
      ...input.info(c.customerId),
      revenue90,
      dsoDays: revenue90 > 0 ? (c.outstanding / revenue90) * RECENT_DAYS : null,
      creditLimit: limit,
      creditUse: limit !== null && limit > 0 ? c.outstanding / limit : null
    };
  });
  const buckets = RECEIVABLE_BUCKETS.map((bucket): BucketTotal => {
    const inBucket = input.invoices.filter((i) => i.bucket === bucket && i.outstanding > 0);
    return {
      bucket,
      invoices: inBucket.length,
      customers: new Set(inBucket.map((i) => i.customerId)).size,
      amount: round2(inBucket.reduce((s, i) => s + i.outstanding, 0))
    };
  });
  const overdue = rows
    .filter((r) => r.overdueOutstanding > 0)
    .sort(
      (a, b) =>
        b.overdueOutstanding - a.overdueOutstanding ||
        (b.maxDaysPastDue ?? 0) - (a.maxDaysPastDue ?? 0) ||
        (a.customerId < b.customerId ? -1 : 1)
    );
  return {
    outstanding: round2(rows.reduce((s, r) => s + r.outstanding, 0)),
    overdueOutstanding: round2(rows.reduce((s, r) => s + r.overdueOutstanding, 0)),
    customers: rows.length,
    overdueCustomers: overdue.length,
    invoices: input.invoices.filter((i) => i.outstanding > 0).length,
    buckets,
    rows,
    overdue,
    byOwner: groupBy(rows, (r) => r.owner),
    byRegion: groupBy(rows, (r) => r.region)
  };
}

function groupBy(rows: readonly ReceivableRow[], key: (r: ReceivableRow) => string | null) {
  const groups = new Map<string | null, ReceivableGroup>();
  for (const r of rows) {
    const k = key(r);
    let g = groups.get(k);
    if (!g) {
      g = { key: k, customers: 0, outstanding: 0, overdueOutstanding: 0, overdueCustomers: 0 };
      groups.set(k, g);
    }
    g.customers++;
    g.outstanding = round2(g.outstanding + r.outstanding);
    g.overdueOutstanding = round2(g.overdueOutstanding + r.overdueOutstanding);
    if (r.overdueOutstanding > 0) g.overdueCustomers++;
  }
  return [...groups.values()].sort(
    (a, b) =>
      b.overdueOutstanding - a.overdueOutstanding ||
      b.outstanding - a.outstanding ||
      (a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1)
  );
}
