// The scorecard per dimension value and period (DOMAIN §7a): revenue, orders, active, new and lapsed
// customers, repeat rate, value at stake and attainment, each against the previous period and a
// year earlier; computed in JS from the two scorecard reads (scorecard-sql.ts) so a change of
// period, grain or lapse days asks the database nothing.
import { shiftPeriod, yearEarlier, type Period } from './period';

/** The purchases and revenue of one (table, as-of, dimension), as compact columns. */
export interface ScorecardData {
  /** The dimension's distinct values (null: rows without one); entries index into it. */
  values: (string | null)[];
  customerIds: string[];
  /** Purchases (positive orders, per value; see `buildScorecardPurchasesSql`), by customer then date. */
  purchaseCustomer: Int32Array;
  purchaseDay: Int32Array;
  purchaseValue: Int32Array;
  /** Revenue by value and day. */
  revenueValue: Int32Array;
  revenueDay: Int32Array;
  revenue: Float64Array;
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` → whole days since 1970-01-01 (UTC: no time zone moves a day). */
export function dayNumber(iso: string): number {
  return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
}

/**
 * Builds the columns from the rows of `buildScorecardPurchasesSql` (`customer_id, value,
 * order_date`, ordered by customer and date) and `buildScorecardRevenueSql` (`value, order_date,
 * revenue`).
 */
export function toScorecardData(
  purchases: readonly (readonly unknown[])[],
  revenue: readonly (readonly unknown[])[]
): ScorecardData {
  const values: (string | null)[] = [];
  const valueIndex = new Map<string | null, number>();
  const indexOf = (v: unknown) => {
    const key = v === null || v === undefined ? null : String(v);
    let i = valueIndex.get(key);
    if (i === undefined) {
      valueIndex.set(key, (i = values.length));
      values.push(key);
    }
    return i;
  };
  const customerIds: string[] = [];
  const purchaseCustomer = new Int32Array(purchases.length);
  const purchaseDay = new Int32Array(purchases.length);
  const purchaseValue = new Int32Array(purchases.length);
  let last: string | null = null;
  purchases.forEach(([id, value, date], i) => {
    const customerId = String(id);
    if (customerId !== last) customerIds.push((last = customerId));
    purchaseCustomer[i] = customerIds.length - 1;
    purchaseDay[i] = dayNumber(String(date));
    purchaseValue[i] = indexOf(value);
  });
  const revenueValue = new Int32Array(revenue.length);
  const revenueDay = new Int32Array(revenue.length);
  const amounts = new Float64Array(revenue.length);
  revenue.forEach(([value, date, amount], i) => {
    revenueValue[i] = indexOf(value);
    revenueDay[i] = dayNumber(String(date));
    amounts[i] = Number(amount);
  });
  return {
    values,
    customerIds,
    purchaseCustomer,
    purchaseDay,
    purchaseValue,
    revenueValue,
    revenueDay,
    revenue: amounts
  };
}

/** One value's figures in one period. */
export interface PeriodMetrics {
  /** Revenue of the rows with this value dated in the period, returns deducted. */
  revenue: number;
  /** Purchases booked to the value in the period (returns are not orders). */
  orders: number;
  /** Customers with ≥ 1 purchase booked to the value in the period. */
  active: number;
  /** Customers whose first-ever purchase is in the period, credited to that purchase's value. */
  newCustomers: number;
  /** Active customers with ≥ 2 purchases booked to the value in the period. */
  repeatCustomers: number;
  /** repeatCustomers / active; null without active customers. */
  repeatRate: number | null;
  /** Customers who became lapsed on a day in the period, credited to their last purchase's value. */
  lapsed: number;
}

/** The metrics compared across periods. */
export const SCORECARD_METRICS = [
  'revenue',
  'orders',
  'active',
  'newCustomers',
  'repeatRate',
  'lapsed'
] as const;
export type ScorecardMetric = (typeof SCORECARD_METRICS)[number];

/** Growth against an earlier period, per metric: (now − then) / then; null when then is 0 or none. */
export type Growth = Record<ScorecardMetric, number | null>;

/** One dimension value's scorecard. */
export interface ScorecardRow {
  /** The dimension value (null: rows without one). */
  key: string | null;
  now: PeriodMetrics;
  previous: PeriodMetrics;
  yearAgo: PeriodMetrics;
  growthPrevious: Growth;
  growthYearAgo: Growth;
  /** Sum of the model's value at stake over the key's book (DOMAIN §6, §8); null without a fit. */
  valueAtStake: number | null;
  /** The revenue target of the period; null when none was given for the key. */
  target: number | null;
  /** revenue / target; null without a positive target. */
  attainment: number | null;
}

export interface ScorecardOptions {
  period: Period;
  /** As-of date: no one lapses after it (the data stops there, DOMAIN §2). */
  asOf: string;
  /** A customer is lapsed once their days since the last purchase exceed this (DOMAIN §5). */
  lapseDays: number;
  /** Value at stake by book (dimension value of the customers, §8); omit without a fitted model. */
  valueAtStake?: ReadonlyMap<string | null, number>;
  /** Revenue target of each key for `period` (the targets view's data); omit when there are none. */
  targets?: ReadonlyMap<string, number>;
}

export interface ScorecardResult {
  period: Period;
  previous: Period;
  yearAgo: Period;
  /** Keys with any figure in one of the three periods, or a target; by revenue descending. */
  rows: ScorecardRow[];
}

export function emptyMetrics(): PeriodMetrics {
  return {
    revenue: 0,
    orders: 0,
    active: 0,
    newCustomers: 0,
    repeatCustomers: 0,
    repeatRate: null,
    lapsed: 0
  };
}

/**
 * Every value's metrics in `period`: one pass over the revenue and one over the purchases.
 *
 * Lapsed: a customer's stage turns Lapsed (DOMAIN §5, days since the last purchase > lapseDays)
 * on day X = last purchase day + lapseDays + 1, if they do not buy again on or before X. They
 * count as lapsed in the period that holds X (X on or before the as-of date), credited to the value
 * of the last purchase before it; a customer counts once per value and period.
 */
export function periodMetrics(
  data: ScorecardData,
  period: Pick<Period, 'start' | 'end'>,
  asOf: string,
  lapseDays: number
): PeriodMetrics[] {
  const start = dayNumber(period.start);
  const end = dayNumber(period.end);
  const lastDay = dayNumber(asOf);
  const n = data.values.length;
  const out = Array.from({ length: n }, emptyMetrics);
  for (let i = 0; i < data.revenue.length; i++) {
    const day = data.revenueDay[i];
    if (day >= start && day < end) out[data.revenueValue[i]].revenue += data.revenue[i];
  }
  const orders = new Int32Array(n);
  const lapsed = new Uint8Array(n);
  const touched: number[] = [];
  const count = data.purchaseCustomer.length;
  for (let first = 0; first < count;) {
    let next = first;
    while (next < count && data.purchaseCustomer[next] === data.purchaseCustomer[first]) next++;
    // The first purchase is the customer's first ever: the rows come in date order.
    const firstDay = data.purchaseDay[first];
    if (firstDay >= start && firstDay < end) out[data.purchaseValue[first]].newCustomers++;
    for (let i = first; i < next; i++) {
      const day = data.purchaseDay[i];
      const v = data.purchaseValue[i];
      if (day >= start && day < end) {
        if (orders[v] === 0 && lapsed[v] === 0) touched.push(v);
        orders[v]++;
      }
      // The last purchase of its day: does the customer lapse before buying again?
      const nextDay = i + 1 < next ? data.purchaseDay[i + 1] : Infinity;
      if (nextDay === day) continue;
      const lapseDay = day + lapseDays + 1;
      if (lapseDay >= start && lapseDay < end && lapseDay <= lastDay && nextDay > lapseDay) {
        if (orders[v] === 0 && lapsed[v] === 0) touched.push(v);
        lapsed[v] = 1;
      }
    }
    for (const v of touched) {
      const m = out[v];
      m.orders += orders[v];
      if (orders[v] > 0) m.active++;
      if (orders[v] > 1) m.repeatCustomers++;
      m.lapsed += lapsed[v];
      orders[v] = 0;
      lapsed[v] = 0;
    }
    touched.length = 0;
    first = next;
  }
  for (const m of out) {
    m.revenue = Math.round(m.revenue * 100) / 100;
    m.repeatRate = m.active > 0 ? m.repeatCustomers / m.active : null;
  }
  return out;
}

/** (now − then) / then; null when then is 0 or unknown (DOMAIN §7a). */
export function growth(now: number | null, then: number | null): number | null {
  if (now === null || then === null || then === 0) return null;
  return (now - then) / then;
}

function growthOf(now: PeriodMetrics, then: PeriodMetrics): Growth {
  const g = {} as Growth;
  for (const m of SCORECARD_METRICS) g[m] = growth(now[m], then[m]);
  return g;
}

function hasFigures(m: PeriodMetrics): boolean {
  return m.revenue !== 0 || m.orders > 0 || m.newCustomers > 0 || m.lapsed > 0;
}

/** The scorecard of every key in `options.period`, with the previous period and a year earlier. */
export function computeScorecard(data: ScorecardData, options: ScorecardOptions): ScorecardResult {
  const { period, asOf, lapseDays, valueAtStake, targets } = options;
  const previous = shiftPeriod(period, -1);
  const yearAgo = yearEarlier(period);
  const now = periodMetrics(data, period, asOf, lapseDays);
  const prev = periodMetrics(data, previous, asOf, lapseDays);
  const year = periodMetrics(data, yearAgo, asOf, lapseDays);
  const rowOf = (
    key: string | null,
    n: PeriodMetrics,
    p: PeriodMetrics,
    y: PeriodMetrics
  ): ScorecardRow => {
    const target = key !== null ? (targets?.get(key) ?? null) : null;
    return {
      key,
      now: n,
      previous: p,
      yearAgo: y,
      growthPrevious: growthOf(n, p),
      growthYearAgo: growthOf(n, y),
      valueAtStake: valueAtStake ? (valueAtStake.get(key) ?? 0) : null,
      target,
      attainment: target !== null && target > 0 ? n.revenue / target : null
    };
  };
  const rows: ScorecardRow[] = [];
  data.values.forEach((key, v) => {
    const hasTarget = key !== null && !!targets?.has(key);
    if (hasFigures(now[v]) || hasFigures(prev[v]) || hasFigures(year[v]) || hasTarget)
      rows.push(rowOf(key, now[v], prev[v], year[v]));
  });
  // A target whose key has no rows at all still gets its line (attainment 0).
  for (const key of targets?.keys() ?? []) {
    if (!data.values.includes(key))
      rows.push(rowOf(key, emptyMetrics(), emptyMetrics(), emptyMetrics()));
  }
  return { period, previous, yearAgo, rows: rankRows(rows, 'revenue') };
}

/** What the table can be ranked by. */
export type RankMetric = ScorecardMetric | 'valueAtStake' | 'attainment';

/** A row's figure for ranking (null: none, ranked last). */
export function rankValue(row: ScorecardRow, metric: RankMetric): number | null {
  if (metric === 'valueAtStake') return row.valueAtStake;
  if (metric === 'attainment') return row.attainment;
  return row.now[metric];
}

const byKey = (a: ScorecardRow, b: ScorecardRow) =>
  a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1;

/** The rows by `metric`, largest first (no figure last, ties by key). */
export function rankRows(rows: readonly ScorecardRow[], metric: RankMetric): ScorecardRow[] {
  return [...rows].sort((a, b) => {
    const x = rankValue(a, metric);
    const y = rankValue(b, metric);
    if (x === null || y === null) return x === y ? byKey(a, b) : x === null ? 1 : -1;
    return y - x || byKey(a, b);
  });
}

/**
 * The rows a "top / bottom N" choice shows: the N largest by `metric` (largest first), or the N
 * smallest (smallest first); rows without the figure are never among the bottom.
 */
export function topBottom(
  rows: readonly ScorecardRow[],
  metric: RankMetric,
  show: 'all' | 'top' | 'bottom',
  n: number
): ScorecardRow[] {
  const ranked = rankRows(rows, metric);
  if (show === 'all') return ranked;
  if (show === 'top') return ranked.slice(0, n);
  const withFigure = ranked.filter((r) => rankValue(r, metric) !== null);
  return withFigure.slice(-n).reverse();
}

/**
 * Value at stake summed by book: each customer's model value at stake (DOMAIN §6) goes to their
 * dimension value (§8, `bookOf`); customers without a book value are left out.
 */
export function valueAtStakeByBook(
  atStake: ReadonlyMap<string, number>,
  bookOf: ReadonlyMap<string, string | null>
): Map<string | null, number> {
  const out = new Map<string | null, number>();
  for (const [customerId, value] of atStake) {
    if (!bookOf.has(customerId)) continue;
    const key = bookOf.get(customerId) ?? null;
    out.set(key, (out.get(key) ?? 0) + value);
  }
  for (const [key, value] of out) out.set(key, Math.round(value * 100) / 100);
  return out;
}
