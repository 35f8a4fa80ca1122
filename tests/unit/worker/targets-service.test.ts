// The Targets view and "why the shortfall" on real sql.js: the fixture's figures worked out by hand
// from DOMAIN §7a (the arithmetic is in the comments), not from the implementation's helpers.
import type { Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from './import-fixture';
import { AS_OF, ORDERS_CSV, createTargets } from './targets-fixture';
import { RfmService } from '../../../src/lib/worker/rfm-service';
import { TargetsService, type TargetsOrders } from '../../../src/lib/worker/targets-service';
import { createFilterViewSql, filterViewName } from '../../../src/lib/analysis/data-filter';
import { DEFAULT_SEGMENT_RULES } from '../../../src/lib/analysis';
import type { DatasetInfo, TargetsArgs, TargetsView } from '../../../src/lib/db/protocol';
import type { KeyResult } from '../../../src/lib/analysis/targets';

let db: Database;
let d: DatasetInfo;
let targets: DatasetInfo;
let orders: TargetsOrders;
let service: TargetsService;

beforeAll(async () => {
  ({ db, d } = await importCsv(ORDERS_CSV, 'orders'));
  targets = createTargets(db, d);
  orders = { d, baseTable: d.table };
  service = new TargetsService(db, new RfmService(db));
});

const args = (over: Partial<TargetsArgs> = {}): TargetsArgs => ({
  datasetId: d.id,
  targetsId: targets.id,
  filter: null,
  dimension: null,
  grain: 'month',
  period: '2025-03',
  asOf: AS_OF,
  ...over
});

const byKey = (v: TargetsView) =>
  new Map<string, KeyResult>([...v.keys, ...v.teams].map((r) => [r.key, r]));

describe('TargetsService.view — March 2025, as of 2025-03-11', () => {
  it('picks the dimension whose values carry the most target keys', () => {
    const v = service.view(orders, targets, args());
    // Keys A B C T2 Z: Sales Rep carries A B C (3), Team carries T2 (1), Region none.
    expect(v.dimensions.map((x) => [x.header, x.matches, x.teamMatches])).toEqual([
      ['Sales Rep', 3, 0],
      ['Team', 1, 2],
      ['Region', 0, 0]
    ]);
    expect(v.dimension).toBe('Sales Rep');
    expect(v.teamDimension).toBe('Team');
    expect(v.periods).toEqual(['2025-01', '2025-02', '2025-03']);
  });

  it('computes target, actual, attainment, shortfall, run-rate, rank, new customers, share', () => {
    const v = service.view(orders, targets, args());
    // Days elapsed = 2025-03-11 − 2025-03-01 = 10 of 31: forecast = actual × 31 / 10.
    expect(v.isCurrent).toBe(true);
    expect([v.daysInPeriod, v.daysElapsed]).toEqual([31, 10]);
    const r = byKey(v);
    // A: 500 (c2) + 200 − 50 (c3) + 150 (c8) + 70 (c9) = 870; c2's 999 on 03-12 is after as-of.
    // Target 1000 → attainment 0.87, shortfall 130, forecast 870 × 3.1 = 2697.
    // New: c2 (first 03-03) and c3 (first 03-05) → 2; market 10000 → share 0.087.
    expect(r.get('A')).toMatchObject({
      target: 1000,
      actual: 870,
      shortfall: 130,
      newCustomers: 2,
      newCustomerTarget: 2,
      marketSize: 10000,
      parent: 'T1',
      rank: 2,
      targetSource: 'row'
    });
    expect(r.get('A')!.attainment).toBeCloseTo(0.87, 10);
    expect(r.get('A')!.forecast).toBeCloseTo(2697, 6);
    expect(r.get('A')!.marketShare).toBeCloseTo(0.087, 10);
    // B: 300 (c1) + 60 (c10) + 50 (c11) = 410 of 500 → 0.82, shortfall 90, forecast 1271.
    // New: c11 (first order 03-10: 50 under B, 50 under C — tie → B, alphabetically first);
    // c1 first bought in February under A, so B does not get c1 in March.
    expect(r.get('B')).toMatchObject({ target: 500, actual: 410, shortfall: 90, newCustomers: 1 });
    expect(r.get('B')!.attainment).toBeCloseTo(0.82, 10);
    expect(r.get('B')!.forecast).toBeCloseTo(1271, 6);
    // C: 450 (c4) + 90 (c10) + 50 (c11) = 590 of 400 → 1.475, shortfall 0.
    // New: c4, and c10 (first order 03-09: 60 under B, 90 under C → C, the larger) → 2.
    expect(r.get('C')).toMatchObject({ target: 400, actual: 590, shortfall: 0, newCustomers: 2 });
    expect(r.get('C')!.attainment).toBeCloseTo(1.475, 10);
    // Z: target 300, never in the orders → actual 0, attainment 0, shortfall 300.
    expect(r.get('Z')).toMatchObject({ target: 300, actual: 0, attainment: 0, shortfall: 300 });
    // Rank by attainment: C 1.475, A 0.87, B 0.82, Z 0.
    expect(v.keys.map((k) => [k.key, k.rank])).toEqual([
      ['C', 1],
      ['A', 2],
      ['B', 3],
      ['Z', 4]
    ]);
  });

  it('rolls teams up from their reps, with and without their own target row', () => {
    const r = byKey(service.view(orders, targets, args()));
    // T1 has no row of its own: target = A 1000 + B 500 = 1500; actual = 870 + 410 = 1280 →
    // attainment 0.85333…; new customers 2 + 1 = 3 of 2 + 1 = 3.
    // The orders' Team column says T1 sold 300+500+200−50+120+150+70+60+50 = 1400 (c6's 120
    // has no rep): shown beside the reps' sum.
    expect(r.get('T1')).toMatchObject({
      isTeam: true,
      target: 1500,
      targetSource: 'members',
      isTargetPartial: false,
      actual: 1280,
      newCustomers: 3,
      newCustomerTarget: 3,
      actualByOrders: 1400,
      rank: 1
    });
    expect(r.get('T1')!.attainment).toBeCloseTo(1280 / 1500, 10);
    // T2 has its own row (1000): actual = C 590 + Z 0 = 590 → 0.59; the Team column says
    // 450 + 80 + 90 + 50 = 670 (D sells for T2 without a target).
    expect(r.get('T2')).toMatchObject({
      target: 1000,
      targetSource: 'row',
      actual: 590,
      actualByOrders: 670,
      rank: 2
    });
    expect(r.get('T2')!.attainment).toBeCloseTo(0.59, 10);
  });

  it('totals the company and lists values without a target and keys never in the orders', () => {
    const v = service.view(orders, targets, args());
    // Top level: T1 and T2. Target 1500 + 1000 = 2500; actual 1280 + 590 = 1870 → 0.748.
    // Every order row of the period: 870 + 410 + 590 + 80 (D) + 120 (no rep) = 2070.
    // New customers: c2 c3 c4 c5 c6 c10 c11 = 7, of which 5 under T1/T2 keys.
    expect(v.total).toMatchObject({
      target: 2500,
      actual: 1870,
      shortfall: 630,
      allRevenue: 2070,
      newCustomers: 5,
      allNewCustomers: 7,
      isTargetPartial: false
    });
    expect(v.total.attainment).toBeCloseTo(0.748, 10);
    expect(v.total.forecast).toBeCloseTo(5797, 6);
    expect(v.withoutTarget).toEqual([
      { key: null, actual: 120, newCustomers: 1 },
      { key: 'D', actual: 80, newCustomers: 1 }
    ]);
    expect(v.notInOrders).toEqual(['Z']);
  });

  it('credits a first purchase to its own period only', () => {
    // c1 first bought on 2025-02-10 under A: A's February has one new customer.
    const feb = byKey(service.view(orders, targets, args({ period: '2025-02' })));
    expect(feb.get('A')).toMatchObject({ target: 900, actual: 100, newCustomers: 1 });
    // February is over by the as-of date: no forecast.
    expect(feb.get('A')!.forecast).toBeNull();
  });

  it('sums finer targets for a coarser period only when all are there', () => {
    const v = service.view(orders, targets, args({ grain: 'quarter', period: '2025-Q1' }));
    const r = byKey(v);
    // Q1 runs 90 days; elapsed 31 + 28 + 10 = 69.
    expect([v.daysInPeriod, v.daysElapsed]).toEqual([90, 69]);
    // A: months 800 + 900 + 1000 = 2700; actual 100 (Feb) + 870 = 970.
    expect(r.get('A')).toMatchObject({ target: 2700, targetSource: 'finer', actual: 970 });
    expect(r.get('A')!.forecast).toBeCloseTo((970 * 90) / 69, 6);
    // B has March only → no Q1 target. C's own quarterly row wins over its March row.
    expect(r.get('B')).toMatchObject({ target: null, attainment: null, rank: null });
    expect(r.get('C')).toMatchObject({ target: 1500, targetSource: 'row' });
    // T1 (no own row): A 2700, B missing → 2700, partial. T2's own row is March only: C 1500,
    // Z missing → 1500, partial.
    expect(r.get('T1')).toMatchObject({ target: 2700, isTargetPartial: true });
    expect(r.get('T2')).toMatchObject({ target: 1500, isTargetPartial: true });
    expect(v.total).toMatchObject({ target: 4200, isTargetPartial: true });
  });

  it('falls back to the latest period begun by the as-of date', () => {
    const v = service.view(orders, targets, args({ period: null }));
    expect(v.period).toBe('2025-03');
    const q = service.view(orders, targets, args({ grain: 'quarter', period: '2025-03' }));
    expect(q.period).toBe('2025-Q1');
  });

  it('reads a filtered view, crediting first orders among the rows that pass', () => {
    const filter = { dims: [{ column: 'Region', values: ['North'] }], from: null, to: null };
    db.run(createFilterViewSql(d.table, filter, 'order_date'));
    const filtered = { d: { ...d, table: filterViewName(d.table, filter) }, baseTable: d.table };
    const r = byKey(service.view(filtered, targets, args({ dimension: 'Sales Rep' })));
    // North only: C's rows are all South → actual 0; B keeps 410 and now gets c10 (the 60 is
    // the only passing row of c10's first order) and c11 → 2 new customers.
    expect(r.get('B')).toMatchObject({ actual: 410, newCustomers: 2 });
    expect(r.get('C')).toMatchObject({ actual: 0, newCustomers: 0 });
  });
});

describe('TargetsService.why', () => {
  const why = (over: Partial<Parameters<TargetsService['why']>[2]> = {}) =>
    service.why(orders, targets, { ...args(), key: 'A', segments: null, ...over })!;

  it('splits the change against last year into new, returning, lost and reactivated', () => {
    const w = why();
    // Like for like: 2025-03-01…03-10 against 2024-03-01…03-10.
    expect(w.nowWindow).toEqual({ from: '2025-03-01', to: '2025-03-11' });
    expect(w.thenWindow).toEqual({ from: '2024-03-01', to: '2024-03-11' });
    // Now 870 (see above); then c7 400 + c8 250 = 650; change +220, growth 220 / 650.
    expect([w.now, w.then, w.change]).toEqual([870, 650, 220]);
    expect(w.growth).toBeCloseTo(220 / 650, 10);
    // new: c2 500 + c3 150 = 650; returning: c8 150 − 250 = −100; lost: c7 −400;
    // reactivated: c9 (first bought 2023) +70. 650 − 100 − 400 + 70 = 220.
    expect(w.parts.map((p) => [p.part, p.customers, p.change])).toEqual([
      ['new', 2, 650],
      ['returning', 1, -100],
      ['lost', 1, -400],
      ['reactivated', 1, 70],
      ['other', 0, 0]
    ]);
    expect(w.coverage).toBe('full');
  });

  it('explains the largest shortfall unless a key is asked for', () => {
    // Shortfalls in March: Z 300 (never in the orders), A 130, B 90, C 0; T1 220, T2 410.
    // T2 (410) is the largest among keys seen in the orders.
    expect(why({ key: null }).key).toBe('T2');
    expect(why({ key: 'no such key' }).key).toBe('T2');
  });

  it('explains a team through its reps', () => {
    const w = why({ key: 'T1' });
    expect(w.values).toEqual(['A', 'B']);
    // B adds c1 300 (bought in Feb 2025, not last March: reactivated), c10 60 and c11 50 (new).
    expect(w.now).toBe(870 + 410);
    expect(w.parts.find((p) => p.part === 'new')).toMatchObject({ customers: 4, change: 760 });
    expect(w.parts.find((p) => p.part === 'reactivated')).toMatchObject({
      customers: 2,
      change: 370
    });
  });

  it('says when last year has no data, with no growth', () => {
    // March 2024 against March 2023: the orders start 2023-06-01.
    const w = why({ period: '2024-03' });
    expect(w.coverage).toBe('none');
    expect(w.then).toBe(0);
    expect(w.growth).toBeNull();
    // c7 400 and c8 250 both first bought in March 2024: all new.
    expect(w.parts.find((p) => p.part === 'new')).toMatchObject({ customers: 2, change: 650 });
  });

  it('splits the change by segment, the parts adding up to the change', () => {
    const w = why({
      segments: {
        scoring: { bins: 5, method: 'ranked' },
        rules: structuredClone([...DEFAULT_SEGMENT_RULES]),
        quadrantSplit: 'median'
      }
    });
    const sum = w.segments.reduce((s, x) => s + x.change, 0);
    expect(sum).toBeCloseTo(w.change, 6);
    expect(w.segments.reduce((s, x) => s + x.customers, 0)).toBe(5);
    // Largest fall first.
    expect(w.segments[0].change).toBeLessThanOrEqual(w.segments.at(-1)!.change);
  });
});
