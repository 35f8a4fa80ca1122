// Decay by group, pure: observable months, ranking by retention at month 3, medians and shares.
import { describe, expect, it } from 'vitest';
import {
  alignedRetention,
  buildDecay,
  lastCompleteMonth,
  median,
  observedMonths,
  secondOrderStats,
  type DecayCustomer
} from '../../../src/lib/analysis/decay';
import { monthNumber } from '../../../src/lib/analysis/customer-months';

const JAN = monthNumber('2024-01');

/** A customer starting in January 2024, buying in the months `ks` after it (k = 0 implied). */
function customer(id: string, ks: number[], first = '2024-01-10', second: string | null = null) {
  return {
    customerId: id,
    start: JAN,
    activeMonths: [JAN, ...ks.map((k) => JAN + k)],
    startRevenue: 1,
    firstPurchase: first,
    secondPurchase: second,
    value: null
  } satisfies DecayCustomer;
}

/** `n` customers of whom the first `back` buy again in month 3 and the first `early` in month 1. */
function group(prefix: string, n: number, back: number, early = 0) {
  return Array.from({ length: n }, (_, i) =>
    customer(`${prefix}${i}`, [...(i < early ? [1] : []), ...(i < back ? [3] : [])])
  );
}

describe('observable months', () => {
  it('the as-of month is never complete', () => {
    // As of 2024-04-15 April is cut short; as of 2024-04-01 it has not begun: March is the last.
    expect(lastCompleteMonth('2024-04-15')).toBe(monthNumber('2024-03'));
    expect(lastCompleteMonth('2024-04-01')).toBe(monthNumber('2024-03'));
  });

  it('a start 3 months before the as-of month contributes to k ≤ 2', () => {
    // Start January, as of mid April: January (k0), February (k1), March (k2) → 3 months.
    expect(observedMonths('2024-01', '2024-04-15')).toBe(3);
    expect(observedMonths('2024-04', '2024-04-15')).toBe(0);
    expect(observedMonths('2024-05', '2024-04-15')).toBe(0);
  });

  it('denominators per k are the customers observable at k', () => {
    // As of 2024-04-15 (last complete: March). X starts Jan, buys Feb and in April (incomplete);
    // Y starts Mar; Z starts Apr (observable nowhere).
    const x = { ...customer('x', [1, 3]) };
    const y = { ...customer('y', []), start: JAN + 2, activeMonths: [JAN + 2] };
    const z = { ...customer('z', []), start: JAN + 3, activeMonths: [JAN + 3] };
    const r = alignedRetention([x, y, z], lastCompleteMonth('2024-04-15'), 3);
    // k0: x, y observable and active; k1: x (active); k2: x (not active); k3: nobody (April).
    expect(r.observed).toEqual([2, 1, 1, 0]);
    expect(r.active).toEqual([2, 1, 0, 0]);
    expect(r.retention).toEqual([1, 1, 0, null]);
  });
});

describe('second orders', () => {
  it('median: middle value, or the mean of the two middle values', () => {
    expect(median([])).toBeNull();
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25); // (20 + 30) / 2
  });

  it('share ever and share within 90 days among those observed 90 days', () => {
    const asOf = '2024-06-01';
    const rows = [
      customer('a', [], '2024-01-10', '2024-01-20'), // 10 days; observed 143 days
      customer('b', [], '2024-01-10', '2024-05-10'), // 121 days (> 90); observed
      customer('c', [], '2024-01-10', null), // none; observed
      customer('d', [], '2024-03-03', null), // observed exactly 90 days (03-03 → 06-01)
      customer('e', [], '2024-05-01', '2024-05-11') // 10 days, but observed only 31 days
    ];
    const s = secondOrderStats(rows, asOf);
    // Gaps 10, 121, 10 → median 10; 3 of 5 ever.
    expect(s.secondBuyers).toBe(3);
    expect(s.medianDaysToSecond).toBe(10);
    expect(s.shareSecond).toBe(0.6);
    // Observed ≥ 90 days: a, b, c, d (4); within 90 days only a → 1 / 4.
    expect([s.observed90, s.second90, s.shareSecond90]).toEqual([4, 1, 0.25]);
    expect(secondOrderStats([rows[4]], asOf).shareSecond90).toBeNull();
  });
});

describe('ranking groups by decay', () => {
  const asOf = '2024-06-15'; // last complete May: January starters observable at k 0…4

  it('ranks by retention at month 3, lowest first, and flags the fastest', () => {
    // X: 20 customers, 5 back in month 3 → 25 %. Y: 30, 15 back → 50 %. Z: 40 customers, 36
    // back → 90 %. W: 19 customers → too few to rank (MIN_OBSERVED 20).
    const rows = [...group('x', 20, 5), ...group('y', 30, 15), ...group('z', 40, 36)];
    rows.push(...group('w', 19, 0));
    const groupOf = rows.map((c) => c.customerId[0].toUpperCase());
    const r = buildDecay(rows, groupOf, { asOf, topN: 10 });
    expect(r.decayMonth).toBe(3);
    expect(r.groups.map((g) => [g.value, g.rank, g.isFastest, g.decayRetention])).toEqual([
      ['X', 1, true, 0.25],
      ['Y', 2, false, 0.5],
      ['Z', 3, false, 0.9],
      ['W', null, false, null]
    ]);
    // Total: (5 + 15 + 36 + 0) / (20 + 30 + 40 + 19) = 56 / 109 at month 3.
    expect(r.total.retention[3]).toBeCloseTo(56 / 109, 12);
  });

  it('ties at month 3 go to the lower mean of months 1…3', () => {
    // Both 10 / 20 back in month 3; P has 0 in month 1, Q has 20 → P decays faster.
    const rows = [...group('q', 20, 10, 20), ...group('p', 20, 10, 0)];
    const r = buildDecay(
      rows,
      rows.map((c) => c.customerId[0]),
      { asOf, topN: 5 }
    );
    expect(r.groups.map((g) => g.value)).toEqual(['p', 'q']);
    expect(r.groups[0].isFastest).toBe(true);
  });

  it('keeps the top N by size and merges the rest; the others are never ranked', () => {
    const rows = [...group('a', 30, 3), ...group('b', 25, 20), ...group('c', 21, 1)];
    const r = buildDecay(
      rows,
      rows.map((c) => c.customerId[0]),
      { asOf, topN: 2 }
    );
    // a (30) and b (25) named; c (21, retention 1 / 21 — the lowest) is in the others, unranked.
    expect(r.groups.map((g) => [g.value, g.isOthers, g.customers, g.rank])).toEqual([
      ['a', false, 30, 1],
      ['b', false, 25, 2],
      [null, true, 21, null]
    ]);
  });

  it('one rankable group is ranked but not flagged; short data compares an earlier month', () => {
    const rows = group('a', 20, 0, 4);
    // As of 2024-03-10 the last complete month is February: k ≤ 1, so month 1 is compared.
    const r = buildDecay(
      rows,
      rows.map(() => 'a'),
      { asOf: '2024-03-10', topN: 5 }
    );
    expect(r.decayMonth).toBe(1);
    expect([r.groups[0].rank, r.groups[0].isFastest, r.groups[0].decayRetention]).toEqual([
      1,
      false,
      0.2 // 4 / 20 back in February
    ]);
  });
});
