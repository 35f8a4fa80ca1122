// Monthly acquisition cohorts: size, retention and revenue by months since the first order (DOMAIN §5).
import { cohortOfCustomers, monthOf, monthRange, type CustomerMonths } from './customer-months';

/** One cohort's row of the matrix; arrays are indexed by k = months since the cohort month. */
export interface Cohort {
  /** Cohort month `YYYY-MM` (month of the customers' first positive order). */
  month: string;
  /** Customers in the cohort. */
  size: number;
  /** Customers with ≥ 1 positive order in month c + k (k = 0 is the whole cohort). */
  active: number[];
  /** active[k] / size. */
  retention: number[];
  /** Net revenue (returns included) of the cohort's customers in month c + k. */
  revenue: number[];
}

export interface CohortMatrix {
  cohorts: Cohort[];
  /** Largest k of any cohort (the oldest cohort's age in months). */
  maxK: number;
}

/**
 * Cohort = calendar month of a customer's first positive order; retention(c, k) = share of cohort
 * c's customers with ≥ 1 positive order in month c + k; revenue(c, k) = their net revenue in that
 * month. Each cohort runs from k = 0 to the last month in the data. Customers without a positive
 * order belong to no cohort; a cohort customer's returns dated before their cohort month (k < 0)
 * are left out. Cohorts are listed oldest first; months in which nobody started are skipped.
 */
export function buildCohorts(data: CustomerMonths): CohortMatrix {
  const range = monthRange(data);
  if (!range) return { cohorts: [], maxK: 0 };
  const last = range[1];
  const cohortOf = cohortOfCustomers(data);
  const byMonth = new Map<number, Cohort>();
  const cohortAt = (m: number) => {
    let c = byMonth.get(m);
    if (!c) {
      const width = last - m + 1;
      c = {
        month: monthOf(m),
        size: 0,
        active: new Array<number>(width).fill(0),
        retention: new Array<number>(width).fill(0),
        revenue: new Array<number>(width).fill(0)
      };
      byMonth.set(m, c);
    }
    return c;
  };
  for (const m of cohortOf) if (m !== -1) cohortAt(m).size++;
  for (let i = 0; i < data.customer.length; i++) {
    const start = cohortOf[data.customer[i]];
    if (start === -1) continue;
    const k = data.month[i] - start;
    if (k < 0) continue;
    const c = cohortAt(start);
    if (data.orders[i] > 0) c.active[k]++;
    c.revenue[k] += data.revenue[i];
  }
  const cohorts = [...byMonth.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
  for (const c of cohorts) {
    c.retention = c.active.map((a) => a / c.size);
    c.revenue = c.revenue.map(roundCents);
  }
  return { cohorts, maxK: cohorts.length ? cohorts[0].active.length - 1 : 0 };
}

/** Sums of many rounded amounts pick up float noise; a millionth is far below a cent. */
export function roundCents(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  return r === 0 ? 0 : r;
}

/**
 * `count` cohorts spread evenly from the oldest to the newest (always both ends when count ≥ 2),
 * as indexes into `cohorts`; the default selection of the decay-curve picker.
 */
export function spreadCohorts(total: number, count = 4): number[] {
  if (total <= count) return Array.from({ length: total }, (_, i) => i);
  if (count === 1) return [0];
  const picked = new Set<number>();
  for (let i = 0; i < count; i++) picked.add(Math.round((i * (total - 1)) / (count - 1)));
  return [...picked];
}
