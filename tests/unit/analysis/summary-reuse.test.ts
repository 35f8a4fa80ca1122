// A bins, rule or split change reuses the base's KPIs, concentration and histograms: they must
// be exactly what a fresh summary of the new scoring computes.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEGMENT_RULES, scoreCustomers } from '$lib/analysis';
import { spreadBase } from './spread-base-fixture';
import { summarize, summarizeBase } from '$lib/analysis/summary';

/** 60 customers with spread-out values; every seventh has no purchase. */
const base = spreadBase({
  customers: 60,
  noPurchaseEvery: 7,
  recencyDays: 400,
  frequencies: 9,
  monetaryTenths: 5000,
  noPurchaseMonetary: -25
});

describe('summarize with the base summary of another scoring', () => {
  const rules = [...DEFAULT_SEGMENT_RULES];
  const first = scoreCustomers(base, { bins: 5, method: 'ranked' }, rules, {
    quadrantSplit: 'median'
  });
  const kept = summarizeBase(first);

  it('equals a fresh summary after a bins, split and basis change', () => {
    for (const [bins, quadrantSplit, monetaryBasis] of [
      [3, 'mean', 'revenue'],
      [4, 'median', 'profit'],
      [5, 'median', 'revenue']
    ] as const) {
      const next = scoreCustomers(base, { bins, method: 'ntile' }, rules, {
        quadrantSplit,
        monetaryBasis
      });
      expect(summarize(next, bins, kept)).toEqual(summarize(next, bins));
    }
  });

  it('counts what DOMAIN counts: buyers scored, the rest without purchase, net revenue of all', () => {
    expect(kept.kpis.scored).toBe(51);
    expect(kept.kpis.noPurchase).toBe(9);
    const revenue = base.reduce((s, c) => s + c.monetary, 0);
    expect(kept.kpis.revenue).toBeCloseTo(revenue, 6);
  });
});
