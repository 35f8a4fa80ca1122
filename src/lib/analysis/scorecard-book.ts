// A dimension value's book (DOMAIN §7a, §8): the scored customers whose own value — the one on most of
// their rows, ties to the most recent row — is that key.
import type { ScoredCustomer } from './types';

/** One key's book: its customers by spend, largest first (ties by customer id). */
export interface Book {
  key: string | null;
  customers: ScoredCustomer[];
  /** Sum of the customers' spend (monetary). */
  monetary: number;
}

const bySpend = (a: ScoredCustomer, b: ScoredCustomer) =>
  b.monetary - a.monetary ||
  (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0);

/**
 * The books of every key, largest book (by spend) first, or of `only` these keys (in that order;
 * a key without customers gets an empty book). `dimIndex` indexes `ScoredCustomer.dims`.
 */
export function booksOf(
  customers: readonly ScoredCustomer[],
  dimIndex: number,
  only?: readonly (string | null)[]
): Book[] {
  const byKey = new Map<string | null, ScoredCustomer[]>();
  for (const c of customers) {
    const key = c.dims[dimIndex] ?? null;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(c);
  }
  const keys =
    only ??
    [...byKey.keys()].sort((a, b) => {
      const d = spend(byKey.get(b)!) - spend(byKey.get(a)!);
      return d || (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0);
    });
  return keys.map((key) => {
    const list = (byKey.get(key) ?? []).sort(bySpend);
    return { key, customers: list, monetary: spend(list) };
  });
}

function spend(list: readonly ScoredCustomer[]): number {
  let total = 0;
  for (const c of list) total += c.monetary;
  return total;
}
