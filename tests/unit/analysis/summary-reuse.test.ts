// A bins, rule or split change reuses the base's concentration and histograms (the worker keeps
// them with the base): they must be exactly what the new scoring's own would be.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEGMENT_RULES, scoreCustomers } from '$lib/analysis';
import { spreadBase } from './spread-base-fixture';
import { distribution, summarize } from '$lib/analysis/summary';

/** 60 customers with spread-out values; every seventh has no purchase. */
const base = spreadBase({
  customers: 60,
  noPurchaseEvery: 7,
  recencyDays: 400,
  frequencies: 9,
  monetaryTenths: 5000,
  noPurchaseMonetary: -25
});

describe('the distribution of another scoring of the same base', () => {
  const rules = [...DEFAULT_SEGMENT_RULES];
  const first = scoreCustomers(base, { bins: 5, method: 'ranked' }, rules, {
    quadrantSplit: 'median'
  });
  const kept = distribution(first);

  it('equals what the new scoring gives after a bins, split and basis change', () => {
    for (const [bins, quadrantSplit, monetaryBasis] of [
      [3, 'mean', 'revenue'],
      [4, 'median', 'profit'],
      [5, 'median', 'revenue']
    ] as const) {
      const next = scoreCustomers(base, { bins, method: 'ntile' }, rules, {
        quadrantSplit,
        monetaryBasis
      });
      expect(distribution(next)).toEqual(kept);
    }
  });

  it('counts what DOMAIN counts: buyers scored, the rest without purchase, net revenue of all', () => {
    const { kpis } = summarize(first, 5);
    expect(kpis.scored).toBe(51);
    expect(kpis.noPurchase).toBe(9);
    const revenue = base.reduce((s, c) => s + c.monetary, 0);
    expect(kpis.revenue).toBeCloseTo(revenue, 6);
  });
});
