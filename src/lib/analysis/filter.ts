// Filtering and sorting of scored customers for the customer table, drill-downs and exports.
import { bandOfValue } from './bands';
import type { ScoredCustomer } from './types';

/** Every field is optional; all given ones must hold. */
export interface CustomerFilter {
  segment?: string;
  class8?: string;
  quadrant?: string;
  abc?: string;
  /** Heatmap cell. */
  r?: number;
  f?: number;
  /**
   * A dimension (index into `dims`) and the value the customer must have (null = no value); with
   * `band`, the band of the value instead (bands by `edges`, NOT_A_NUMBER for no number).
   */
  dim?: { index: number; value: string | null; band?: { edges: number[]; index: number } };
  /** Case-insensitive text in the id or name. */
  search?: string;
  /** Selected customer ids (a brush on the scatter). */
  ids?: string[];
}

export type SortKey =
  | 'customerId'
  | 'customerName'
  | 'recencyDays'
  | 'frequency'
  | 'monetary'
  | 'rfmCode'
  | 'rfmSum'
  | 'segment'
  | 'class8'
  | 'quadrant'
  | 'abc'
  | 'firstPurchase'
  | 'lastPurchase';

export interface CustomerSort {
  key: SortKey;
  desc: boolean;
}

/** A predicate for `filter` (built once, applied to every customer). */
export function customerPredicate(filter: CustomerFilter): (c: ScoredCustomer) => boolean {
  const tests: ((c: ScoredCustomer) => boolean)[] = [];
  if (filter.segment !== undefined) tests.push((c) => c.segment === filter.segment);
  if (filter.class8 !== undefined) tests.push((c) => c.class8 === filter.class8);
  if (filter.quadrant !== undefined) tests.push((c) => c.quadrant === filter.quadrant);
  if (filter.abc !== undefined) tests.push((c) => c.abc === filter.abc);
  if (filter.r !== undefined) tests.push((c) => c.rScore === filter.r);
  if (filter.f !== undefined) tests.push((c) => c.fScore === filter.f);
  if (filter.dim) {
    const { index, value, band } = filter.dim;
    if (band) tests.push((c) => bandOfValue(band, c.dims[index] ?? null) === band.index);
    else tests.push((c) => (c.dims[index] ?? null) === value);
  }
  const search = filter.search?.trim().toLowerCase();
  if (search) {
    tests.push(
      (c) =>
        c.customerId.toLowerCase().includes(search) ||
        (c.customerName ?? '').toLowerCase().includes(search)
    );
  }
  if (filter.ids) {
    const ids = new Set(filter.ids);
    tests.push((c) => ids.has(c.customerId));
  }
  return (c) => tests.every((t) => t(c));
}

/** Sorts a copy; nulls last, ties by customer id so the order is stable and repeatable. */
export function sortCustomers(
  customers: readonly ScoredCustomer[],
  sort: CustomerSort
): ScoredCustomer[] {
  const dir = sort.desc ? -1 : 1;
  const { key } = sort;
  return [...customers].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * dir;
    }
    return a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;
  });
}
