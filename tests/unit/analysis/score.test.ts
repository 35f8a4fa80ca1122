// scoreCustomers (DOMAIN §3–4) end to end on a small base worked out by hand.
import { describe, expect, it } from 'vitest';
import { InvalidCutsError, scoreCustomers } from '../../../src/lib/analysis/score';
import { createDefaultRules } from '../../../src/lib/analysis/segments';
import type { CustomerBase, ScoringOptions } from '../../../src/lib/analysis/types';

const customer = (
  customerId: string,
  recencyDays: number | null,
  frequency: number,
  monetary: number
): CustomerBase => ({
  customerId,
  customerName: `Name ${customerId}`,
  firstPurchase: recencyDays === null ? null : '2024-01-01',
  lastPurchase: recencyDays === null ? null : '2024-06-01',
  recencyDays,
  frequency,
  monetary,
  dims: ['North']
});

// Recency (lower is better) 5, 20, 20, 60, 200 → L 4, 2, 2, 1, 0 → R 5, 3, 3, 2, 1 (4 empty).
// Frequency 10, 4, 2, 1, 3 → F 5, 4, 2, 1, 3. Monetary 1000, 300, 150, 50, 500 → M 5, 3, 2, 1, 4.
const base = [
  customer('c1', 5, 10, 1000),
  customer('c2', 20, 4, 300),
  customer('c3', 20, 2, 150),
  customer('n1', null, 0, 0),
  customer('c4', 60, 1, 50),
  customer('c5', 200, 3, 500),
  customer('n2', null, 0, -20)
];
const rules = createDefaultRules();
const ranked: ScoringOptions = { bins: 5, method: 'ranked' };
const pick = (rows: { customerId: string }[], ...keys: string[]) =>
  rows.map((row) => [row.customerId, ...keys.map((k) => (row as Record<string, unknown>)[k])]);

describe('scoreCustomers', () => {
  const result = scoreCustomers(base, ranked, rules, { quadrantSplit: 'median' });

  it('sets customers without a positive order apart, keeping input order', () => {
    expect(result.noPurchase.map((c) => c.customerId)).toEqual(['n1', 'n2']);
    expect(result.scored.map((c) => c.customerId)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
  });

  it('scores, codes and segments', () => {
    expect(
      pick(result.scored, 'rScore', 'fScore', 'mScore', 'rfmCode', 'rfmSum', 'segment')
    ).toEqual([
      ['c1', 5, 5, 5, '555', 15, 'champions'],
      ['c2', 3, 4, 3, '343', 10, 'potential_loyalist'],
      ['c3', 3, 2, 2, '322', 7, 'loyal_customers'],
      ['c4', 2, 1, 1, '211', 4, 'about_to_sleep'],
      ['c5', 1, 3, 4, '134', 8, 'cant_lose_them']
    ]);
  });

  it('classifies against the means (61, 4, 400): equal is low', () => {
    expect(result.means).toEqual({ recency: 61, frequency: 4, monetary: 400 });
    expect(pick(result.scored, 'class8')).toEqual([
      ['c1', 'important_value'],
      ['c2', 'general_development'], // F 4 = mean → low
      ['c3', 'general_development'],
      ['c4', 'general_development'], // 60 < 61 → recent
      ['c5', 'important_winback']
    ]);
  });

  it('splits quadrants at the medians (F 3, M 300): equal is low', () => {
    expect(result.medians).toEqual({ recency: 20, frequency: 3, monetary: 300 });
    expect(pick(result.scored, 'quadrant')).toEqual([
      ['c1', 'vip'],
      ['c2', 'growth'], // M 300 = median → low
      ['c3', 'low'],
      ['c4', 'low'],
      ['c5', 'potential'] // F 3 = median → low
    ]);
  });

  it('splits quadrants at the means on request (F 4, M 400)', () => {
    const byMean = scoreCustomers(base, ranked, rules, { quadrantSplit: 'mean' });
    expect(byMean.scored.map((c) => c.quadrant)).toEqual(['vip', 'low', 'low', 'low', 'potential']);
  });

  it('assigns ABC tiers (S 2000: C 0, 1500, 1800, 1950, 1000)', () => {
    expect(result.scored.map((c) => c.abc)).toEqual(['A', 'A', 'B', 'C', 'A']);
  });

  it('keeps the base fields', () => {
    const {
      rScore: _r,
      fScore: _f,
      mScore: _m,
      rfmCode: _c,
      rfmSum: _s,
      ...rest
    } = result.scored[0];
    const { segment: _g, class8: _k, quadrant: _q, abc: _a, ...fields } = rest;
    expect(fields).toEqual(base[0]);
  });

  it('describes the bins and warns', () => {
    expect(result.bins.recency).toEqual({
      metric: 'recency',
      counts: [1, 1, 2, 0, 1],
      ranges: [
        { min: 200, max: 200 },
        { min: 60, max: 60 },
        { min: 20, max: 20 },
        null,
        { min: 5, max: 5 }
      ]
    });
    expect(result.bins.frequency.counts).toEqual([1, 1, 1, 1, 1]);
    expect(result.warnings.map((w) => [w.metric, w.code, w.bins, w.suggestion])).toEqual([
      ['recency', 'few_customers', [1, 2, 3, 4, 5], 'fewer_bins'],
      ['recency', 'empty_bins', [4], 'ntile'],
      ['frequency', 'few_customers', [1, 2, 3, 4, 5], 'fewer_bins'],
      ['monetary', 'few_customers', [1, 2, 3, 4, 5], 'fewer_bins']
    ]);
  });

  it('uses NTILE with ties by id', () => {
    // Recency worse first: c5, c4, then the tied c2 and c3 by id, then c1.
    const ntile = scoreCustomers(base, { bins: 5, method: 'ntile' }, rules, {
      quadrantSplit: 'median'
    });
    expect(ntile.scored.map((c) => c.rScore)).toEqual([5, 3, 4, 2, 1]);
    expect(ntile.bins.recency.counts).toEqual([1, 1, 1, 1, 1]);
  });

  it('uses custom cuts', () => {
    const custom = scoreCustomers(
      base,
      {
        bins: 3,
        method: 'custom',
        custom: { recency: [30, 90], frequency: [1, 3], monetary: [100, 500] }
      },
      rules,
      { quadrantSplit: 'median' }
    );
    expect(custom.scored.map((c) => c.rfmCode)).toEqual(['333', '332', '322', '211', '122']);
  });

  it('refuses unusable cuts and bin counts', () => {
    const bad: ScoringOptions = {
      bins: 3,
      method: 'custom',
      custom: { recency: [90, 30], frequency: [1, 3], monetary: [] }
    };
    const error = (() => {
      try {
        scoreCustomers(base, bad, rules, { quadrantSplit: 'median' });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(InvalidCutsError);
    expect((error as InvalidCutsError).problems).toEqual([
      { metric: 'recency', code: 'not_ascending', index: 1 },
      { metric: 'monetary', code: 'count', expected: 2 }
    ]);
    expect(() =>
      scoreCustomers(base, { bins: 11, method: 'ranked' }, rules, { quadrantSplit: 'median' })
    ).toThrow(RangeError);
  });

  it('scores a single customer 1, 1, 1 (nobody is worse)', () => {
    const one = scoreCustomers([customer('solo', 3, 2, 80)], ranked, rules, {
      quadrantSplit: 'median'
    });
    expect(pick(one.scored, 'rfmCode', 'segment', 'class8', 'quadrant', 'abc')).toEqual([
      ['solo', '111', 'lost', 'general_winback', 'low', 'A']
    ]);
  });

  it('gives equal customers equal scores', () => {
    const same = [customer('a', 9, 2, 50), customer('b', 9, 2, 50), customer('c', 9, 2, 50)];
    const result = scoreCustomers(same, ranked, rules, { quadrantSplit: 'median' });
    expect(result.scored.map((c) => c.rfmCode)).toEqual(['111', '111', '111']);
    expect(result.means).toEqual({ recency: 9, frequency: 2, monetary: 50 });
  });

  it('writes a 10-bin score of 10 as two digits', () => {
    const many = Array.from({ length: 20 }, (_, i) =>
      customer(`k${i}`, 20 - i, i + 1, (i + 1) * 10)
    );
    const result = scoreCustomers(many, { bins: 10, method: 'ranked' }, rules, {
      quadrantSplit: 'median'
    });
    expect(result.scored[0].rfmCode).toBe('111');
    expect(result.scored[19].rfmCode).toBe('101010');
    expect(result.scored[19].rfmSum).toBe(30);
    expect(result.scored[19].segment).toBe('others'); // 5-bin rules used as they are
  });

  it('handles an empty base', () => {
    const empty = scoreCustomers([customer('n', null, 0, 0)], ranked, rules, {
      quadrantSplit: 'median'
    });
    expect(empty.scored).toEqual([]);
    expect(empty.noPurchase).toHaveLength(1);
    expect(empty.means).toEqual({ recency: null, frequency: null, monetary: null });
    expect(empty.bins.monetary.counts).toEqual([0, 0, 0, 0, 0]);
    expect(empty.warnings).toEqual([]);
  });
});
