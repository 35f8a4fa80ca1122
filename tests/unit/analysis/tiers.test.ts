// Value tiers (DOMAIN §3–4): 8-class against means, value quadrant against the split, ABC tiers.
import { describe, expect, it } from 'vitest';
import { assignAbcTiers, classify8, classifyQuadrant } from '../../../src/lib/analysis/tiers';
import type { AbcTier, Class8, ValueQuadrant } from '../../../src/lib/analysis/types';

describe('classify8: R high iff recency < mean, F/M high iff > mean', () => {
  const means = { recency: 30, frequency: 3, monetary: 100 };
  it.each<[number, number, number, Class8]>([
    [10, 5, 200, 'important_value'],
    [10, 2, 200, 'important_development'],
    [40, 5, 200, 'important_retention'],
    [40, 2, 200, 'important_winback'],
    [10, 5, 50, 'general_value'],
    [10, 2, 50, 'general_development'],
    [40, 5, 50, 'general_retention'],
    [40, 2, 50, 'general_winback'],
    // Equal to the mean is low on every metric.
    [30, 3, 100, 'general_winback'],
    [29, 3, 100, 'general_development'],
    [30, 4, 101, 'important_retention']
  ])('R %i, F %i, M %i → %s', (recency, frequency, monetary, expected) => {
    expect(classify8({ recency, frequency, monetary }, means)).toBe(expected);
  });
});

describe('classifyQuadrant: high iff strictly greater than the split', () => {
  const split = { frequency: 3, monetary: 100 };
  it.each<[number, number, ValueQuadrant]>([
    [4, 101, 'vip'],
    [4, 100, 'growth'],
    [3, 101, 'potential'],
    [3, 100, 'low'],
    [1, 5, 'low']
  ])('F %i, M %i → %s', (frequency, monetary, expected) => {
    expect(classifyQuadrant({ frequency, monetary }, split)).toBe(expected);
  });
});

describe('assignAbcTiers', () => {
  const tiersOf = (rows: [string, number][]) =>
    assignAbcTiers(rows.map(([customerId, monetary]) => ({ customerId, monetary })));

  it.each<[string, [string, number][], AbcTier[]]>([
    // S = 100; C before each: a 0, b 40, c 80 (not < 80 → B), d 95 (not < 95 → C).
    [
      'C exactly at 80 % and 95 %',
      [
        ['a', 40],
        ['b', 40],
        ['c', 15],
        ['d', 5]
      ],
      ['A', 'A', 'B', 'C']
    ],
    // Five tied 20s: C = 0, 20, 40, 60, 80 in id order, so only 'e' (last id) is B.
    [
      'a tie across the A/B boundary goes by id',
      [
        ['e', 20],
        ['d', 20],
        ['c', 20],
        ['b', 20],
        ['a', 20]
      ],
      ['B', 'A', 'A', 'A', 'A']
    ],
    // S = 100; 40, 40, 10 (C 80 → B), then the 5s: 'k10' < 'k2' as text, C 90 → B, 95 → C.
    [
      'a tie across the B/C boundary goes by id as text',
      [
        ['k2', 5],
        ['x', 40],
        ['y', 40],
        ['z', 10],
        ['k10', 5]
      ],
      ['C', 'A', 'A', 'B', 'B']
    ],
    // S = 150 (positives only); 100 at C 0, 50 at C 100 < 120 → A; zero and negative → C.
    [
      'monetary ≤ 0 is C',
      [
        ['p', 100],
        ['q', 0],
        ['r', -20],
        ['s', 50]
      ],
      ['A', 'C', 'C', 'A']
    ],
    [
      'nothing positive',
      [
        ['a', 0],
        ['b', -5]
      ],
      ['C', 'C']
    ],
    ['a single customer', [['a', 7]], ['A']],
    ['nobody', [], []]
  ])('%s', (_, rows, expected) => {
    expect(tiersOf(rows)).toEqual(expected);
  });

  it('tiers a few customers the same before and after tiering many', () => {
    const few: [string, number][] = [
      ['a', 0],
      ['b', 60],
      ['c', -5],
      ['d', 40]
    ];
    // S = 100: b at C 0, d at C 60 → A; zero and negative → C.
    const expected = ['C', 'A', 'C', 'A'];
    expect(tiersOf(few)).toEqual(expected);
    tiersOf(Array.from({ length: 50 }, (_, i): [string, number] => [`m${i}`, 1000 + i]));
    expect(tiersOf(few)).toEqual(expected);
  });

  it('does not let cents drift across a boundary', () => {
    // Ten × 0.1: S = 1 and the ninth customer has C = 0.8 exactly, so B (a naive running sum
    // gives 0.7999999999999999 and A).
    const rows: [string, number][] = Array.from({ length: 10 }, (_, i) => [`c${i}`, 0.1]);
    expect(tiersOf(rows)).toEqual(['A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'B', 'B']);
  });

  it('puts C exactly at 95 % of cents in C', () => {
    // Twenty × 0.05: the last customer has C = 0.95 = 0.95·S.
    const rows: [string, number][] = Array.from({ length: 20 }, (_, i) => [
      `c${String(i).padStart(2, '0')}`,
      0.05
    ]);
    const tiers = tiersOf(rows);
    expect(tiers.slice(15)).toEqual(['A', 'B', 'B', 'B', 'C']);
  });
});
