// The Targets view from given revenue and new-customer counts: run-rate, ranks, zero targets,
// a team whose own key is the dimension value.
import { describe, expect, it } from 'vitest';
import { TargetSheet, buildTargetsView, runRate } from '../../../../src/lib/analysis/targets';
import { P, row } from './rows';

describe('runRate', () => {
  it('projects the period containing the as-of date', () => {
    // As of 2025-03-11: 10 days elapsed of 31 → 1000 × 31 / 10 = 3100.
    const r = runRate(P('2025-03'), '2025-03-11')!;
    expect([r.days, r.elapsed, r.forecast(1000)]).toEqual([31, 10, 3100]);
    // As of the first day: at least one day elapsed.
    expect(runRate(P('2025-03'), '2025-03-01')!.elapsed).toBe(1);
    // February 2024 (leap year), as of 02-15: 14 of 29 → 700 × 29 / 14 = 1450.
    expect(runRate(P('2024-02'), '2024-02-15')!.forecast(700)).toBe(1450);
  });

  it('is absent for periods that do not contain the as-of date', () => {
    expect(runRate(P('2025-03'), '2025-04-01')).toBeNull();
    expect(runRate(P('2025-03'), '2025-02-28')).toBeNull();
  });
});

describe('buildTargetsView', () => {
  const base = {
    period: P('2025-03'),
    asOf: '2025-04-01',
    newCustomers: new Map<string | null, number>()
  };

  it('ranks by attainment, ties by actual, and leaves keys without a target unranked', () => {
    const sheet = new TargetSheet([
      row('A', '2025-03', 100),
      row('B', '2025-03', 200),
      row('C', '2025-03', 100),
      row('D', '2025-03', 0),
      row('E', '2025-03', null)
    ]);
    const revenue = new Map<string | null, number>([
      ['A', 90], // 0.9
      ['B', 180], // 0.9, more actual → ahead of A
      ['C', 90], // 0.9, same as A → same rank
      ['D', 50], // target 0: no attainment
      ['E', 500] // no target
    ]);
    const v = buildTargetsView({
      ...base,
      sheet,
      revenue,
      seen: new Set(['A', 'B', 'C', 'D', 'E'])
    });
    expect(v.keys.map((k) => [k.key, k.rank])).toEqual([
      ['B', 1],
      ['A', 2],
      ['C', 2],
      ['E', null],
      ['D', null]
    ]);
    expect(v.keys.find((k) => k.key === 'D')).toMatchObject({ attainment: null, shortfall: 0 });
    expect(v.keys.find((k) => k.key === 'E')).toMatchObject({ attainment: null, shortfall: null });
    expect(v.isCurrent).toBe(false);
    expect(v.keys[0].forecast).toBeNull();
  });

  it('takes a team actual from its own value when none of its reps is in the dimension', () => {
    // The dimension is the team column: reps' keys never appear, the team's does.
    const sheet = new TargetSheet([
      row('A', '2025-03', 100, 'T'),
      row('B', '2025-03', 100, 'T'),
      row('T', '2025-03', 250)
    ]);
    const v = buildTargetsView({
      ...base,
      sheet,
      revenue: new Map([['T', 300]]),
      seen: new Set(['T'])
    });
    expect(v.teams[0]).toMatchObject({ key: 'T', actual: 300, target: 250 });
    expect(v.teams[0].attainment).toBeCloseTo(1.2, 10);
    expect(v.notInOrders).toEqual(['A', 'B']);
  });
});
