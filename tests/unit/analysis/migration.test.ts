// Segment migration: joining two dates, flows, nodes, retention and totals, worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  flowCustomers,
  groupOrder,
  joinMigration,
  NO_PURCHASE_ID,
  NOT_YET_ID,
  summarizeMigration,
  type ScoredSet
} from '../../../src/lib/analysis/migration';
import { DEFAULT_SEGMENT_RULES } from '../../../src/lib/analysis/segments';
import type { Class8, CustomerBase, ScoredCustomer } from '../../../src/lib/analysis/types';

const base = (customerId: string, monetary: number, frequency = 1): CustomerBase => ({
  customerId,
  customerName: `name ${customerId}`,
  firstPurchase: frequency ? '2024-01-01' : null,
  lastPurchase: frequency ? '2024-01-01' : null,
  recencyDays: frequency ? 10 : null,
  frequency,
  monetary,
  dims: []
});

const scored = (
  customerId: string,
  monetary: number,
  segment: string,
  class8: Class8 = 'general_value',
  rfm = [3, 3, 3]
): ScoredCustomer => ({
  ...base(customerId, monetary),
  rScore: rfm[0],
  fScore: rfm[1],
  mScore: rfm[2],
  rfmCode: rfm.join(''),
  rfmSum: rfm[0] + rfm[1] + rfm[2],
  segment,
  class8,
  quadrant: 'vip',
  abc: 'A'
});

// At A: c1, c2 Champions; c3 Lost; c4 only a return; c5 Others. c6 and c7 arrive after A.
const A: ScoredSet = {
  scored: [
    scored('c1', 100, 'champions', 'important_value', [5, 5, 5]),
    scored('c2', 50, 'champions', 'important_value'),
    scored('c3', 20, 'lost', 'general_winback'),
    scored('c5', 30, 'others', 'general_winback')
  ],
  noPurchase: [base('c4', -10, 0)]
};
// At B: c1 stays (+80); c2 At Risk (down, +0); c3 Potential Loyalist (up from Lost, +40);
// c4 New Customers (from no purchases: sideways, +25); c5 Lost (from Others: sideways, +0);
// c6 new, New Customers (+70); c7 new with only a return (−5).
const B: ScoredSet = {
  scored: [
    scored('c1', 180, 'champions', 'important_value', [5, 4, 5]),
    scored('c2', 50, 'at_risk', 'important_retention'),
    scored('c3', 60, 'potential_loyalist', 'important_value'),
    scored('c4', 15, 'new_customers', 'general_development'),
    scored('c5', 30, 'lost', 'general_winback'),
    scored('c6', 70, 'new_customers', 'general_development')
  ],
  noPurchase: [base('c7', -5, 0)]
};
const SEGMENTS = groupOrder('segment', DEFAULT_SEGMENT_RULES);

describe('joinMigration', () => {
  it('has one row per customer at B, with A empty for newcomers and revenue = M(B) − M(A)', () => {
    const rows = joinMigration(A, B);
    expect(rows.map((c) => [c.customerId, c.a?.segment, c.b.segment, c.revenueBetween])).toEqual([
      ['c1', 'champions', 'champions', 80],
      ['c2', 'champions', 'at_risk', 0],
      ['c3', 'lost', 'potential_loyalist', 40],
      ['c4', null, 'new_customers', 25],
      ['c5', 'others', 'lost', 0],
      ['c6', undefined, 'new_customers', 70],
      ['c7', undefined, null, -5]
    ]);
    expect(rows[0].a).toMatchObject({ r: 5, f: 5, m: 5, monetary: 100 });
    expect(rows[0].b).toMatchObject({ r: 5, f: 4, m: 5, monetary: 180 });
    expect(rows[3].a).toMatchObject({ r: null, segment: null, frequency: 0, monetary: -10 });
  });

  it('rounds the difference so float noise does not show', () => {
    const rows = joinMigration(
      { scored: [scored('x', 0.1, 'lost')], noPurchase: [] },
      { scored: [scored('x', 0.3, 'lost')], noPurchase: [] }
    );
    expect(rows[0].revenueBetween).toBe(0.2);
  });
});

describe('summarizeMigration by segment', () => {
  const result = summarizeMigration(joinMigration(A, B), 'segment', SEGMENTS);

  it('lists every flow in source, then target order', () => {
    expect(
      result.flows.map((f) => [f.from, f.to, f.customers, f.revenueBetween, f.monetaryB])
    ).toEqual([
      ['champions', 'champions', 1, 80, 180],
      ['champions', 'at_risk', 1, 0, 50],
      ['lost', 'potential_loyalist', 1, 40, 60],
      ['others', 'lost', 1, 0, 30],
      [NO_PURCHASE_ID, 'new_customers', 1, 25, 15],
      [NOT_YET_ID, 'new_customers', 1, 70, 70],
      [NOT_YET_ID, NO_PURCHASE_ID, 1, -5, -5]
    ]);
  });

  it('has nodes in group order with their totals', () => {
    expect(result.sources.map((n) => [n.id, n.customers, n.revenueBetween, n.monetaryB])).toEqual([
      ['champions', 2, 80, 230],
      ['lost', 1, 40, 60],
      ['others', 1, 0, 30],
      [NO_PURCHASE_ID, 1, 25, 15],
      [NOT_YET_ID, 2, 65, 65]
    ]);
    expect(result.targets.map((n) => [n.id, n.customers])).toEqual([
      ['champions', 1],
      ['potential_loyalist', 1],
      ['new_customers', 2],
      ['at_risk', 1],
      ['lost', 1],
      [NO_PURCHASE_ID, 1]
    ]);
  });

  it('counts stayed, up, down and sideways per group and in total', () => {
    const row = (id: string) => result.retention.find((g) => g.id === id);
    expect(row('champions')).toEqual({
      id: 'champions',
      atA: 2,
      stayed: 1,
      stayedShare: 0.5,
      up: 0,
      down: 1,
      sideways: 0,
      atB: 1
    });
    expect(row('lost')).toMatchObject({ atA: 1, up: 1, atB: 1, stayedShare: 0 });
    expect(row('new_customers')).toMatchObject({ atA: 0, atB: 2, stayedShare: null });
    expect(row(NO_PURCHASE_ID)).toMatchObject({ atA: 1, sideways: 1, atB: 1 });
    expect(result.totals).toEqual({
      customers: 7,
      existing: 5,
      newCustomers: 2,
      stayed: 1,
      up: 1,
      down: 1,
      sideways: 2,
      revenueBetween: 210,
      revenueExisting: 145
    });
  });

  it('lists a flow’s customers by revenue between the dates', () => {
    const rows = joinMigration(A, B);
    expect(
      flowCustomers(rows, 'segment', NOT_YET_ID, 'new_customers').map((c) => c.customerId)
    ).toEqual(['c6']);
    expect(
      flowCustomers(rows, 'class8', 'important_value', 'important_value').map((c) => c.customerId)
    ).toEqual(['c1']);
    expect(flowCustomers(rows, 'segment', 'champions', 'lost')).toEqual([]);
  });
});

describe('summarizeMigration by 8-class', () => {
  it('groups by class in DOMAIN order; a move down the class list is down', () => {
    const result = summarizeMigration(joinMigration(A, B), 'class8', groupOrder('class8', []));
    expect(result.flows.map((f) => [f.from, f.to, f.customers])).toEqual([
      ['important_value', 'important_value', 1],
      ['important_value', 'important_retention', 1],
      ['general_winback', 'important_value', 1],
      ['general_winback', 'general_winback', 1],
      [NO_PURCHASE_ID, 'general_development', 1],
      [NOT_YET_ID, 'general_development', 1],
      [NOT_YET_ID, NO_PURCHASE_ID, 1]
    ]);
    expect(result.totals).toMatchObject({ stayed: 2, up: 1, down: 1, sideways: 1 });
  });
});
