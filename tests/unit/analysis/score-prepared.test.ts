// A scoring that reuses its base's prepared orders, means, medians and tiers equals a fresh one.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEGMENT_RULES, PreparedBase, scoreCustomers } from '$lib/analysis';
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
});
