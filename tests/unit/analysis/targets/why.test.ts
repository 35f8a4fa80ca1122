// Why the shortfall, pure: the windows compared, how much of last year the data covers, who a
// customer counts as, and the parts and segments adding up to the change.
import { describe, expect, it } from 'vitest';
import {
  comparisonWindows,
  coverageOf,
  explainChange,
  partOf,
  type CustomerChange
} from '../../../../src/lib/analysis/targets';
import { periodFromKey } from '../../../../src/lib/analysis/period';

const P = (key: string) => periodFromKey(key)!;

describe('comparisonWindows', () => {
  it('compares a finished period with the whole of last year’s', () => {
    const w = comparisonWindows(P('2025-Q1'), '2025-06-01');
    expect([w.now, w.then, w.isLikeForLike]).toEqual([
      { from: '2025-01-01', to: '2025-04-01' },
      { from: '2024-01-01', to: '2024-04-01' },
      false
    ]);
  });

  it('cuts last year as many days in while the period runs', () => {
    // As of 2025-02-16: 46 days of Q1 (31 + 15); last year 2024-01-01 + 46 days = 2024-02-16.
    const w = comparisonWindows(P('2025-Q1'), '2025-02-16');
    expect([w.now, w.then, w.isLikeForLike]).toEqual([
      { from: '2025-01-01', to: '2025-02-16' },
      { from: '2024-01-01', to: '2024-02-16' },
      true
    ]);
    // March 2025 (31 days) as of 03-31: 30 days in; last year March 2024 also to 03-31.
    expect(comparisonWindows(P('2025-03'), '2025-03-31').then).toEqual({
      from: '2024-03-01',
      to: '2024-03-31'
    });
  });
});

describe('coverageOf', () => {
  const w = { from: '2024-01-01', to: '2024-04-01' };
  it('says whether the orders reach back to last year', () => {
    expect(coverageOf(w, '2023-05-01')).toBe('full');
    expect(coverageOf(w, '2024-01-01')).toBe('full');
    expect(coverageOf(w, '2024-02-10')).toBe('partial');
    expect(coverageOf(w, '2024-04-01')).toBe('none');
    expect(coverageOf(w, null)).toBe('none');
  });
});

const c = (over: Partial<CustomerChange>): CustomerChange => ({
  customerId: 'x',
  now: 0,
  then: 0,
  boughtNow: false,
  boughtThen: false,
  firstDay: '2020-01-01',
  segment: null,
  ...over
});

describe('explainChange', () => {
  const now = { from: '2025-03-01', to: '2025-04-01' };

  it('puts each customer in one part', () => {
    expect(partOf(c({ firstDay: '2025-03-05', boughtNow: true }), now)).toBe('new');
    expect(partOf(c({ boughtNow: true, boughtThen: true }), now)).toBe('returning');
    expect(partOf(c({ boughtThen: true }), now)).toBe('lost');
    expect(partOf(c({ boughtNow: true }), now)).toBe('reactivated');
    expect(partOf(c({ now: -20 }), now)).toBe('other');
  });

  it('adds the parts and the segments up to the change', () => {
    const w = explainChange({
      key: 'A',
      period: P('2025-03'),
      asOf: '2025-04-01',
      firstOrderDay: '2023-01-01',
      customers: [
        // new +300; returning 200 → 150 (−50); lost −400 (a return of −30 booked now: −430);
        // reactivated +80; other: a return of −20 only.
        c({
          customerId: 'n',
          now: 300,
          boughtNow: true,
          firstDay: '2025-03-02',
          segment: 'new_customers'
        }),
        c({
          customerId: 'r',
          now: 150,
          then: 200,
          boughtNow: true,
          boughtThen: true,
          segment: 'champions'
        }),
        c({ customerId: 'l', now: -30, then: 400, boughtThen: true, segment: 'at_risk' }),
        c({ customerId: 'a', now: 80, boughtNow: true, segment: 'champions' }),
        c({ customerId: 'o', now: -20, segment: 'at_risk' })
      ]
    });
    // now 300 + 150 − 30 + 80 − 20 = 480; then 600; change −120; growth −0.2.
    expect([w.now, w.then, w.change, w.growth]).toEqual([480, 600, -120, -0.2]);
    expect(w.parts.map((p) => [p.part, p.change])).toEqual([
      ['new', 300],
      ['returning', -50],
      ['lost', -430],
      ['reactivated', 80],
      ['other', -20]
    ]);
    // at_risk −430 − 20 = −450; champions −50 + 80 = +30; new_customers +300. Largest fall first.
    expect(w.segments.map((s) => [s.segment, s.change])).toEqual([
      ['at_risk', -450],
      ['champions', 30],
      ['new_customers', 300]
    ]);
  });

  it('leaves growth blank when last year is zero', () => {
    const w = explainChange({
      key: 'A',
      period: P('2025-03'),
      asOf: '2025-04-01',
      firstOrderDay: '2025-01-01',
      customers: [c({ now: 100, boughtNow: true, firstDay: '2025-03-01' })]
    });
    expect([w.then, w.change, w.growth, w.coverage]).toEqual([0, 100, null, 'none']);
  });
});
