// Decay curves by any group (衰减曲线): retention aligned on each customer's own first month, counted
// only over months observed at the as-of date, groups ranked by how fast they decay, and the time
// to the second order (DOMAIN §5, §8; the choices where DOMAIN is silent are written below).
import { monthNumber, monthOf, type CustomerMonths } from './customer-months';
import { daysFrom } from './period';
import { assignAbcTiers } from './tiers';
import { median } from './concentration';

export { median };

/** The month after the first month at which groups are compared (retention at month 3). */
export const DECAY_MONTH = 3;
/** Fewest customers observable at the compared month for a group to be ranked. */
export const MIN_OBSERVED = 20;
/** The window of the fairer second-order share. */
export const SECOND_ORDER_DAYS = 90;

/** One customer with a positive order, as the decay analysis needs them. */
export interface DecayCustomer {
  customerId: string;
  /** Month number (`monthNumber`) of the first positive order. */
  start: number;
  /** Month numbers with ≥ 1 positive order, ascending (the first is `start`). */
  activeMonths: number[];
  /** Net revenue of the first month (returns deducted): what the starting value tier ranks. */
  startRevenue: number;
  /** First and second purchase day (days with a positive order), `YYYY-MM-DD`. */
  firstPurchase: string;
  secondPurchase: string | null;
  /** The customer's dimension value when grouping by a dimension (null: none). */
  value: string | null;
}

/** Retention, the decay measure and the time to the second order of one group. */
export interface DecayGroup {
  /** Dimension value or tier letter; null: customers without a value (or the total). */
  value: string | null;
  /** The groups beyond the top N, merged. */
  isOthers: boolean;
  customers: number;
  /** Per k (months after the first month): customers whose month start + k is complete. */
  observed: number[];
  /** Per k: observable customers with ≥ 1 positive order in month start + k. */
  active: number[];
  /** active / observed; null where nobody is observable. */
  retention: (number | null)[];
  /** Retention at the compared month, null when fewer than MIN_OBSERVED are observable there. */
  decayRetention: number | null;
  /** 1 = decays fastest; null: not ranked (too few observable, or the others). */
  rank: number | null;
  isFastest: boolean;
  /** Customers with a second purchase day, and the median days from the first to it. */
  secondBuyers: number;
  medianDaysToSecond: number | null;
  /** secondBuyers / customers. */
  shareSecond: number;
  /** Customers whose first purchase is ≥ 90 days before the as-of date, and of those the ones
   * whose second purchase came within 90 days. */
  observed90: number;
  second90: number;
  /** second90 / observed90, null when nobody has been observed 90 days. */
  shareSecond90: number | null;
}

export interface DecayResult {
  /** Named groups, fastest decay first, then the unranked by size, then the others. */
  groups: DecayGroup[];
  /** Every customer together. */
  total: DecayGroup;
  /** The month compared (DECAY_MONTH, or less when the data is shorter). */
  decayMonth: number;
  /** Last complete month `YYYY-MM` (later months are not counted anywhere). */
  lastComplete: string;
  /** Largest k observed for anyone. */
  maxK: number;
}

/**
 * Month number of the last complete month at `asOf`: the month before the as-of date's own month,
 * which is either cut short by the as-of date or (as-of on its first day) not begun.
 */
export function lastCompleteMonth(asOf: string): number {
  return monthNumber(asOf) - 1;
}

/**
 * How many months k = 0, 1, … of a customer (or cohort) starting in month `start` (`YYYY-MM`) are
 * complete at `asOf`; the rest must not count, or curves drop at the end.
 */
export function observedMonths(start: string, asOf: string): number {
  return Math.max(0, lastCompleteMonth(asOf) - monthNumber(start) + 1);
}

/**
 * Joins the customer × month aggregate with the rows of `buildDecayCustomersSql`
 * (`customer_id, first_purchase, second_purchase, group_value`). Customers without a positive
 * order appear in neither as a decay customer.
 */
export function toDecayCustomers(
  months: CustomerMonths,
  rows: readonly (readonly unknown[])[]
): DecayCustomer[] {
  const byId = new Map<string, DecayCustomer>();
  for (const [id, first, second, value] of rows) {
    const customerId = String(id);
    byId.set(customerId, {
      customerId,
      start: monthNumber(String(first)),
      activeMonths: [],
      startRevenue: 0,
      firstPurchase: String(first),
      secondPurchase: second === null || second === undefined ? null : String(second),
      value: value === null || value === undefined ? null : String(value)
    });
  }
  for (let i = 0; i < months.customer.length; i++) {
    const c = byId.get(months.customerIds[months.customer[i]]);
    if (!c) continue;
    if (months.month[i] === c.start) c.startRevenue = months.revenue[i];
    if (months.orders[i] > 0) c.activeMonths.push(months.month[i]);
  }
  return [...byId.values()];
}

/** Each customer's starting value tier: ABC (DOMAIN §4) of their first month's net revenue. */
export function startTiers(customers: readonly DecayCustomer[]): string[] {
  return assignAbcTiers(
    customers.map((c) => ({ customerId: c.customerId, monetary: c.startRevenue }))
  );
}

/** Retention by k over `members`, each counted only for months complete by `lastComplete`. */
export function alignedRetention(
  members: readonly DecayCustomer[],
  lastComplete: number,
  maxK: number
): Pick<DecayGroup, 'observed' | 'active' | 'retention'> {
  const observed = new Array<number>(maxK + 1).fill(0);
  const active = new Array<number>(maxK + 1).fill(0);
  for (const c of members) {
    for (let k = 0; k <= Math.min(maxK, lastComplete - c.start); k++) observed[k]++;
    for (const m of c.activeMonths)
      if (m <= lastComplete && m - c.start <= maxK) active[m - c.start]++;
  }
  const retention = observed.map((n, k) => (n ? active[k] / n : null));
  return { observed, active, retention };
}

/** Time to the second purchase day of `members`, and the shares who make one (ever, within 90 days). */
export function secondOrderStats(
  members: readonly DecayCustomer[],
  asOf: string
): Pick<
  DecayGroup,
  | 'secondBuyers'
  | 'medianDaysToSecond'
  | 'shareSecond'
  | 'observed90'
  | 'second90'
  | 'shareSecond90'
> {
  const days: number[] = [];
  let observed90 = 0;
  let second90 = 0;
  for (const c of members) {
    const gap = c.secondPurchase ? daysFrom(c.firstPurchase, c.secondPurchase) : null;
    if (gap !== null) days.push(gap);
    if (daysFrom(c.firstPurchase, asOf) >= SECOND_ORDER_DAYS) {
      observed90++;
      if (gap !== null && gap <= SECOND_ORDER_DAYS) second90++;
    }
  }
  return {
    secondBuyers: days.length,
    medianDaysToSecond: median(days),
    shareSecond: members.length ? days.length / members.length : 0,
    observed90,
    second90,
    shareSecond90: observed90 ? second90 / observed90 : null
  };
}

export interface DecayOptions {
  asOf: string;
  /** Groups kept by size; the rest are merged into one "others" group. */
  topN: number;
}

/**
 * Groups the customers by `groupOf[i]` (customer i's group value), keeps the `topN` largest
 * (ties by value) and merges the rest, and ranks the named groups by retention at the compared
 * month, lowest first (ties by the mean retention of months 1…K, then by value). Only groups with
 * ≥ MIN_OBSERVED customers observable at that month are ranked; the fastest is flagged when at
 * least two are.
 */
export function buildDecay(
  customers: readonly DecayCustomer[],
  groupOf: readonly (string | null)[],
  options: DecayOptions
): DecayResult {
  const last = lastCompleteMonth(options.asOf);
  let first = last;
  for (const c of customers) if (c.start < first) first = c.start;
  const maxK = Math.max(0, last - first);
  const decayMonth = Math.min(DECAY_MONTH, maxK);

  const byValue = new Map<string | null, DecayCustomer[]>();
  customers.forEach((c, i) => {
    const v = groupOf[i];
    const list = byValue.get(v);
    if (list) list.push(c);
    else byValue.set(v, [c]);
  });
  const sorted = [...byValue.entries()].sort(
    (a, b) => b[1].length - a[1].length || compareValues(a[0], b[0])
  );
  const named = sorted.slice(0, Math.max(1, options.topN));
  const rest = sorted.slice(named.length).flatMap(([, members]) => members);

  const describe = (
    value: string | null,
    members: readonly DecayCustomer[],
    isOthers: boolean
  ): DecayGroup => {
    const curve = alignedRetention(members, last, maxK);
    const enough = decayMonth > 0 && curve.observed[decayMonth] >= MIN_OBSERVED;
    return {
      value,
      isOthers,
      customers: members.length,
      ...curve,
      decayRetention: enough ? curve.retention[decayMonth] : null,
      rank: null,
      isFastest: false,
      ...secondOrderStats(members, options.asOf)
    };
  };
  const groups = named.map(([value, members]) => describe(value, members, false));
  const ranked = groups
    .filter((g) => g.decayRetention !== null)
    .sort(
      (a, b) =>
        a.decayRetention! - b.decayRetention! ||
        meanRetention(a, decayMonth) - meanRetention(b, decayMonth) ||
        compareValues(a.value, b.value)
    );
  ranked.forEach((g, i) => (g.rank = i + 1));
  if (ranked.length >= 2) ranked[0].isFastest = true;
  const unranked = groups.filter((g) => g.rank === null);
  const others = rest.length ? [describe(null, rest, true)] : [];
  return {
    groups: [...ranked, ...unranked, ...others],
    total: describe(null, customers, false),
    decayMonth,
    lastComplete: monthOf(last),
    maxK
  };
}

/** Mean retention of months 1…k (the tie-break: the area under the start of the curve). */
function meanRetention(g: DecayGroup, k: number): number {
  let sum = 0;
  for (let j = 1; j <= k; j++) sum += g.retention[j] ?? 0;
  return k ? sum / k : 0;
}

/** Text order with "no value" last. */
function compareValues(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
