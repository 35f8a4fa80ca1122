// A scoring that reuses its base's prepared orders, means, medians and tiers equals a fresh one;
// one from the base's columns equals one from its rows, and makes no row object to summarize.
import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SEGMENT_RULES,
  PreparedBase,
  scoreCustomers,
  summarize,
  type CustomerBase,
  type CustomerBaseColumns
} from '$lib/analysis';
import { spreadBase } from './spread-base-fixture';

/** 200 customers with many ties; every ninth has no purchase. */
const base = spreadBase({
  customers: 200,
  noPurchaseEvery: 9,
  recencyDays: 90,
  frequencies: 5,
  monetaryTenths: 3000,
  noPurchaseMonetary: -5
});

describe('scoring with a prepared base', () => {
  const prepared = new PreparedBase(base);
  const rules = [...DEFAULT_SEGMENT_RULES];
  for (const [bins, method, quadrantSplit, monetaryBasis] of [
    [5, 'ranked', 'median', 'revenue'],
    [4, 'ntile', 'mean', 'profit'],
    [3, 'ranked', 'median', 'profit'],
    [5, 'ntile', 'median', 'revenue']
  ] as const) {
    it(`equals a fresh scoring (${bins} bins, ${method}, ${quadrantSplit}, ${monetaryBasis})`, () => {
      const opts = { quadrantSplit, monetaryBasis };
      const fresh = scoreCustomers(base, { bins, method }, rules, opts);
      const reused = scoreCustomers(base, { bins, method }, rules, { ...opts, prepared });
      expect(reused.scored).toEqual(fresh.scored);
      expect([reused.means, reused.medians, reused.bins, reused.warnings]).toEqual([
        fresh.means,
        fresh.medians,
        fresh.bins,
        fresh.warnings
      ]);
    });
  }

  it('is ignored when it was prepared from another base', () => {
    const other = base.slice(0, 50);
    const result = scoreCustomers(other, { bins: 5, method: 'ranked' }, rules, {
      quadrantSplit: 'median',
      prepared
    });
    expect(result.scored.length + result.noPurchase.length).toBe(50);
  });

  it('from columns equals from rows; rows are made only when the scored objects are read', () => {
    // The columns as the order book gives them: the buyers and the others, each with its places.
    const buyers = base.filter((c) => c.frequency > 0);
    const others = base.filter((c) => c.frequency === 0);
    const placesOf = (list: CustomerBase[]) => Uint32Array.from(list, (c) => base.indexOf(c));
    const days = (iso: string) => Date.parse(iso) / 86_400_000;
    const columns: CustomerBaseColumns = {
      buyers: {
        ids: buyers.map((c) => c.customerId),
        recency: Float64Array.from(buyers, (c) => c.recencyDays!),
        frequency: Float64Array.from(buyers, (c) => c.frequency),
        monetary: Float64Array.from(buyers, (c) => c.monetary),
        at: placesOf(buyers)
      },
      others: { at: placesOf(others), monetary: Float64Array.from(others, (c) => c.monetary) },
      firstPurchase: buyers.map((c) => c.firstPurchase!).sort((a, b) => days(a) - days(b))[0],
      lastPurchase: buyers.map((c) => c.lastPurchase!).sort((a, b) => days(b) - days(a))[0],
      rows: vi.fn((): CustomerBase[] => base.map((c) => ({ ...c })))
    };
    const opts = { quadrantSplit: 'median' } as const;
    const fromRows = scoreCustomers(base, { bins: 5, method: 'ranked' }, rules, opts);
    const fromColumns = scoreCustomers(columns, { bins: 5, method: 'ranked' }, rules, opts);
    expect(summarize(fromColumns, 5)).toEqual(summarize(fromRows, 5));
    expect(columns.rows).not.toHaveBeenCalled();
    expect(fromColumns.scored).toEqual(fromRows.scored);
    expect(fromColumns.noPurchase).toEqual(fromRows.noPurchase);
    expect(columns.rows).toHaveBeenCalledTimes(1);
  });
});
