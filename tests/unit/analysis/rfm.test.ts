// RFM scores (DOMAIN §3) on hand-worked fixtures: ranked quantiles, NTILE, custom cuts, bin warnings.
import { describe, expect, it } from 'vitest';
import {
  argsortAscending,
  assertBins,
  compareIds,
  describeBins,
  formatRfmCode,
  ntileGroup,
  scoreCustom,
  scoreNtile,
  scoreRanked,
  validateCuts,
  warnAboutBins
} from '../../../src/lib/analysis/rfm';
import type { Metric } from '../../../src/lib/analysis/types';

const list = (scores: Uint8Array) => Array.from(scores);
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('argsortAscending', () => {
  it.each<[string, number[]]>([
    ['empty', []],
    ['one', [3]],
    ['ties keep index order', [2, 1, 2, 1, 2]],
    ['signs, zeros, fractions', [0.5, -3, 0, -0.25, 1e9, -1e9, 7, 0.5, -0, 2 ** -40, -(2 ** 60)]],
    ['infinities', [1, Number.POSITIVE_INFINITY, -1, Number.NEGATIVE_INFINITY]],
    // Whole numbers share their low 32 bits (passes left out); all equal: no pass at all.
    ['whole days, ties', [30, 1, 400, 30, 0, 7, 1, 65_536, 2 ** 31, 12]],
    ['whole, both signs', [-3, 3, -65_537, 0, -0, 2, -2, 5e9]],
    ['all equal', [4, 4, 4, 4]],
    // Counted (whole, within 65,536 of each other) or not, by one either side of the limit.
    ['whole, span 65,535', [65_535, 0, 7, 65_535, 0, 3]],
    ['whole, span 65,536', [65_536, 0, 7, 65_536, 0, 3]],
    ['whole, negative span', [-10, -65_545, -11, -10]],
    ['whole and one fraction', [5, 3, 2.5, 3, 1]]
  ])('%s', (_, values) => {
    const expected = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
    expect(Array.from(argsortAscending(values))).toEqual(expected);
  });

  it('agrees with a comparator sort on random money', () => {
    let seed = 7;
    const values = Array.from({ length: 5000 }, () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return Math.round((seed / 2 ** 32 - 0.1) * 1e6) / 100;
    });
    const expected = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
    expect(Array.from(argsortAscending(values))).toEqual(expected);
  });

  it('returns an order of its own: sorts after it, larger or smaller, leave it as it was', () => {
    // Radix-sorted in an odd number of passes (one: only the top 16 bits differ; three: the lowest
    // 16 alike), so the order's last pass wrote the lent array; in four passes; and counted.
    const sorted = [
      [3.5, 1.5, 2.5],
      [2, 1 + 2 ** -30, 1, 1 + 2 ** -40],
      [0.5, -2.25, 3.75, 0.5],
      [3, 1, 2]
    ];
    const orders = sorted.map((values) => argsortAscending(values));
    argsortAscending([9.5, 8.5, 7.5, 6.5, 5.5, 4.5, 3.5, 2.5, 1.5, 0.5]);
    argsortAscending([2.5, 1.5]);
    argsortAscending([3, 2, 1]);
    expect(orders.map((order) => Array.from(order))).toEqual([
      [1, 2, 0],
      [2, 3, 1, 0],
      [1, 0, 3, 2],
      [1, 2, 0]
    ]);
  });
});

describe('scoreRanked: 1 + floor(n·L/N), L = strictly worse', () => {
  it.each<[string, Metric, number, number[], number[]]>([
    // F=2: L=3 → 1+⌊15/8⌋=2; F=3: L=4 → 3; F=5: L=5 → 1+⌊25/8⌋=4; F=8: L=7 → 1+⌊35/8⌋=5.
    ['frequency with ties', 'frequency', 5, [1, 1, 1, 2, 3, 5, 5, 8], [1, 1, 1, 2, 3, 4, 4, 5]],
    // Lower is better: recency 1 has L=5 larger → 1+⌊25/8⌋ = 4, so nobody scores 5.
    ['recency with ties', 'recency', 5, [1, 1, 1, 2, 3, 5, 5, 8], [4, 4, 4, 3, 2, 1, 1, 1]],
    // Five tied 20s sit at L=1 → score 1; 30 has L=6 → 1+⌊30/10⌋ = 4: scores 2 and 3 empty.
    [
      'monetary with empty bins',
      'monetary',
      5,
      [10, 20, 20, 20, 20, 20, 30, 40, 50, 60],
      [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]
    ],
    ['a single customer', 'monetary', 5, [42], [1]],
    ['all values equal', 'recency', 5, [7, 7, 7, 7], [1, 1, 1, 1]],
    ['n = 2', 'frequency', 2, [4, 1, 3, 2], [2, 1, 2, 1]],
    // L = 0..6 → 1+⌊3L/7⌋ = 1,1,1,2,2,3,3.
    ['n = 3, N = 7', 'monetary', 3, [1, 2, 3, 4, 5, 6, 7], [1, 1, 1, 2, 2, 3, 3]],
    [
      'n = 10, N = 20',
      'frequency',
      10,
      range(1, 20),
      range(1, 20).map((x) => 1 + Math.floor((x - 1) / 2))
    ],
    ['negative monetary (returns)', 'monetary', 2, [-5, 0, 10, -5], [1, 2, 2, 1]]
  ])('%s', (_, metric, bins, values, expected) => {
    expect(list(scoreRanked(values, metric, bins))).toEqual(expected);
  });

  it('gives equal values equal scores, in any input order', () => {
    const values = [3, 9, 3, 1, 9, 9, 3];
    const scores = list(scoreRanked(values, 'monetary', 4));
    values.forEach((x, i) =>
      values.forEach((y, j) => x === y && expect(scores[i]).toBe(scores[j]))
    );
  });
});

describe('ntileGroup: SQL NTILE, the first N mod n groups one row larger', () => {
  it.each<[number, number, number[]]>([
    [7, 3, [1, 1, 1, 2, 2, 3, 3]],
    [10, 4, [1, 1, 1, 2, 2, 2, 3, 3, 4, 4]],
    [5, 5, [1, 2, 3, 4, 5]],
    [3, 5, [1, 2, 3]],
    [6, 2, [1, 1, 1, 2, 2, 2]],
    [11, 10, [1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]
  ])('%i rows in %i groups', (total, bins, expected) => {
    expect(range(0, total - 1).map((p) => ntileGroup(p, total, bins))).toEqual(expected);
  });
});

describe('scoreNtile: worse first, ties by customer id', () => {
  it('splits tied frequencies by id', () => {
    // Order: a, b (F=1), c (F=1), d (F=2) → groups 1, 1, 2, 2.
    expect(list(scoreNtile([1, 1, 1, 2], ['c', 'a', 'b', 'd'], 'frequency', 2))).toEqual([
      2, 1, 1, 2
    ]);
  });

  it('orders recency descending, then by id', () => {
    // Order: d (9), a (5), b (5), c (1); NTILE(3) of 4 → sizes 2, 1, 1.
    expect(list(scoreNtile([5, 5, 1, 9], ['b', 'a', 'c', 'd'], 'recency', 3))).toEqual([
      2, 1, 3, 1
    ]);
  });

  it('compares ids as text, not as numbers', () => {
    // 'C10' < 'C2' < 'C9': all tied, NTILE(3).
    expect(list(scoreNtile([0, 0, 0], ['C9', 'C10', 'C2'], 'monetary', 3))).toEqual([3, 1, 2]);
  });

  it('fills every bin even when all values are equal', () => {
    const ids = range(1, 10).map((i) => `id${String(i).padStart(2, '0')}`);
    expect(list(scoreNtile(new Array(10).fill(5), ids, 'frequency', 5))).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4, 5, 5
    ]);
  });
});

describe('compareIds: SQLite BINARY order (code points)', () => {
  it.each<[string, string, number]>([
    ['a', 'a', 0],
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['a', 'ab', -1],
    ['Z', 'a', -1],
    ['C10', 'C2', -1],
    ['客户A', '客户B', -1],
    // U+FF5E sorts before U+1F600 by code point, although JS `<` says otherwise.
    ['\uff5e', '\u{1f600}', -1],
    ['\u{1f600}', '\uff5e', 1],
    ['\u{1f600}', '\u{1f601}', -1]
  ])('%j vs %j → %i', (a, b, expected) => {
    expect(Math.sign(compareIds(a, b))).toBe(expected);
  });
});

describe('scoreCustom: ascending cuts, a value equal to a cut goes below it', () => {
  it.each<[Metric, number[], number[], number[]]>([
    ['recency', [30, 90, 180], [0, 30, 31, 90, 91, 180, 181, 1000], [4, 4, 3, 3, 2, 2, 1, 1]],
    ['frequency', [1, 3, 10], [1, 2, 3, 4, 10, 11], [1, 2, 2, 3, 3, 4]],
    ['monetary', [100, 500, 1000], [-50, 0, 100, 100.01, 5000], [1, 1, 1, 2, 4]]
  ])('%s with cuts %j', (metric, cuts, values, expected) => {
    expect(list(scoreCustom(values, metric, cuts, 4))).toEqual(expected);
  });
});

describe('validateCuts', () => {
  const ok = { recency: [30, 90, 180], frequency: [1, 2, 5], monetary: [100, 500, 1000] };
  it.each([
    ['valid cuts', ok, []],
    [
      'no cuts at all',
      undefined,
      [
        { metric: 'recency', code: 'missing' },
        { metric: 'frequency', code: 'missing' },
        { metric: 'monetary', code: 'missing' }
      ]
    ],
    ['too few', { ...ok, recency: [30, 90] }, [{ metric: 'recency', code: 'count', expected: 3 }]],
    [
      'equal cuts',
      { ...ok, recency: [30, 30, 90] },
      [{ metric: 'recency', code: 'not_ascending', index: 1 }]
    ],
    [
      'descending',
      { ...ok, monetary: [500, 100, 1000] },
      [{ metric: 'monetary', code: 'not_ascending', index: 1 }]
    ],
    [
      'not finite',
      { ...ok, frequency: [1, Number.NaN, Number.POSITIVE_INFINITY] },
      [
        { metric: 'frequency', code: 'not_finite', index: 1 },
        { metric: 'frequency', code: 'not_finite', index: 2 }
      ]
    ]
  ])('%s', (_, cuts, expected) => {
    expect(validateCuts(cuts, 4)).toEqual(expected);
  });
});

describe('describeBins', () => {
  it('counts each score and its raw value range', () => {
    const values = [1, 1, 1, 2, 3, 5, 5, 8];
    const info = describeBins(values, scoreRanked(values, 'recency', 5), 'recency', 5);
    expect(info).toEqual({
      metric: 'recency',
      counts: [3, 1, 1, 3, 0],
      ranges: [{ min: 5, max: 8 }, { min: 3, max: 3 }, { min: 2, max: 2 }, { min: 1, max: 1 }, null]
    });
  });
});

describe('warnAboutBins', () => {
  const warn = (values: number[], metric: Metric, bins: number, method: 'ranked' | 'custom') => {
    const scores =
      method === 'ranked'
        ? scoreRanked(values, metric, bins)
        : scoreCustom(values, metric, [10, 20, 30, 40], bins);
    return warnAboutBins(describeBins(values, scores, metric, bins), values, method);
  };

  it('suggests the largest bin count without empty or tiny bins', () => {
    // 60 × 10, one 20, then 30..68: counts [60, 0, 0, 20, 20]; with 3 bins [60, 7, 33].
    const values = [...new Array(60).fill(10), 20, ...range(30, 68)];
    expect(warn(values, 'monetary', 5, 'ranked')).toEqual([
      {
        metric: 'monetary',
        code: 'empty_bins',
        bins: [2, 3],
        suggestion: 'fewer_bins',
        suggestedBins: 3
      }
    ]);
  });

  it('reports tiny bins (< 5 customers or < 2 %)', () => {
    // 59 × 1, then 2..42: counts [59, 0, 1, 20, 20]; with 3 bins [59, 8, 33].
    const values = [...new Array(59).fill(1), ...range(2, 42)];
    expect(warn(values, 'frequency', 5, 'ranked')).toEqual([
      {
        metric: 'frequency',
        code: 'empty_bins',
        bins: [2],
        suggestion: 'fewer_bins',
        suggestedBins: 3
      },
      {
        metric: 'frequency',
        code: 'tiny_bins',
        bins: [3],
        suggestion: 'fewer_bins',
        suggestedBins: 3
      }
    ]);
  });

  it('suggests equal-size bins when no smaller bin count helps', () => {
    // 97 × 1, then 2, 3, 4: counts [97, 0, 0, 0, 3]; with 2 bins still [97, 3].
    const values = [...new Array(97).fill(1), 2, 3, 4];
    expect(warn(values, 'frequency', 5, 'ranked')).toEqual([
      { metric: 'frequency', code: 'empty_bins', bins: [2, 3, 4], suggestion: 'ntile' },
      { metric: 'frequency', code: 'tiny_bins', bins: [5], suggestion: 'ntile' }
    ]);
  });

  it('flags too few customers for the bin count', () => {
    expect(warn(range(1, 12), 'monetary', 3, 'ranked')).toEqual([
      {
        metric: 'monetary',
        code: 'few_customers',
        bins: [1, 2, 3],
        suggestion: 'fewer_bins',
        suggestedBins: 2
      }
    ]);
  });

  it('asks to adjust custom cuts', () => {
    // Cuts 10, 20, 30, 40 over 1..100: scores 1..4 hold 10 each, score 5 holds 60.
    expect(warn(range(1, 100), 'frequency', 5, 'custom')).toEqual([]);
    expect(warn(range(41, 100), 'frequency', 5, 'custom')).toEqual([
      { metric: 'frequency', code: 'empty_bins', bins: [1, 2, 3, 4], suggestion: 'adjust_cuts' }
    ]);
  });

  it('says nothing for well-filled bins or no customers', () => {
    expect(warn(range(1, 100), 'monetary', 5, 'ranked')).toEqual([]);
    expect(warn([], 'monetary', 5, 'ranked')).toEqual([]);
  });
});

describe('small helpers', () => {
  it('writes rfm codes digit by digit, 10 as "10"', () => {
    expect(formatRfmCode(5, 4, 5)).toBe('545');
    expect(formatRfmCode(10, 1, 10)).toBe('10110');
  });

  it.each([1, 11, 2.5, Number.NaN])('rejects %d bins', (bins) => {
    expect(() => assertBins(bins)).toThrow(RangeError);
  });

  it.each([2, 5, 10])('accepts %d bins', (bins) => {
    expect(() => assertBins(bins)).not.toThrow();
  });
});
