// The risk summary (distinct customers, value at stake per kind and in total), receivables DSO and
// credit use, and dependence ("if these customers stop buying") against hand-worked answers.
import { describe, expect, it } from 'vitest';
import {
  analyzeReceivables,
  dependence,
  summarizeRisks,
  topCustomers,
  toReceivableInvoices
} from '../../../../src/lib/analysis/risks';

describe('risk summary', () => {
  it('counts distinct customers per kind and once in the total', () => {
    const stake = new Map([
      ['A', 100],
      ['B', 50.5],
      ['C', 10]
    ]);
    const s = summarizeRisks(
      {
        overdue_rhythm: ['A', 'B'],
        receivables: ['B', 'B', 'D'],
        unusual_orders: [],
        high_returns: ['C'],
        spend_drop: ['A'],
        probably_lapsed: null,
        cannot_lose: null
      },
      stake
    );
    const by = Object.fromEntries(s.kinds.map((k) => [k.kind, k]));
    expect(by.overdue_rhythm).toMatchObject({ count: 2, valueAtStake: 150.5, available: true });
    // D has nothing at stake.
    expect(by.receivables).toMatchObject({ count: 2, valueAtStake: 50.5 });
    expect(by.unusual_orders).toMatchObject({ count: 0, valueAtStake: 0, available: true });
    expect(by.probably_lapsed).toMatchObject({ available: false, count: 0 });
    // A, B, C, D: 100 + 50.5 + 10 + 0.
    expect(s.total).toEqual({ count: 4, valueAtStake: 160.5 });
  });
});

describe('receivables analysis', () => {
  // At 2025-03-31: C1 owes 600 (30 days late) + 500 (not due); C2 owes 300 (91 days late).
  // C1: revenue of the last 90 days 3300 → DSO = 1100 / 3300 × 90 = 30 days; credit 2000 → 55 %.
  // C2: no revenue in 90 days → DSO blank; no credit limit → blank.
  const invoices = toReceivableInvoices([
    [2, 'C1', 'I1', null, '2025-03-01', 1000, 400, 600, 30],
    [3, 'C1', 'I2', null, '2025-03-31', 500, 0, 500, 0],
    [4, 'C2', 'I3', null, '2024-12-30', 300, 0, 300, 91],
    [5, 'C3', 'I4', null, '2024-12-30', 300, 300, 0, null]
  ]);
  const a = analyzeReceivables({
    invoices,
    revenue90: new Map([['C1', 3300]]),
    creditLimits: new Map([['C1', 2000]]),
    info: (id) => ({
      customerId: id,
      name: `N${id}`,
      owner: id === 'C2' ? null : 'Li',
      region: 'East'
    })
  });

  it('totals, buckets, DSO and credit use', () => {
    expect(a).toMatchObject({
      outstanding: 1400,
      overdueOutstanding: 900,
      customers: 2,
      overdueCustomers: 2,
      invoices: 3
    });
    expect(a.buckets.map((b) => [b.bucket, b.invoices, b.amount])).toEqual([
      ['not_due', 1, 500],
      ['d1_30', 1, 600],
      ['d31_60', 0, 0],
      ['d61_90', 0, 0],
      ['d90_plus', 1, 300]
    ]);
    const c1 = a.rows.find((r) => r.customerId === 'C1')!;
    expect(c1.dsoDays).toBeCloseTo(30, 10);
    expect(c1.creditUse).toBeCloseTo(0.55, 10);
    expect(c1).toMatchObject({ name: 'NC1', owner: 'Li', region: 'East' });
    const c2 = a.rows.find((r) => r.customerId === 'C2')!;
    expect(c2).toMatchObject({ dsoDays: null, creditUse: null, maxDaysPastDue: 91 });
    expect(a.overdue.map((r) => r.customerId)).toEqual(['C1', 'C2']);
  });

  it('groups by owner and region', () => {
    expect(a.byOwner).toEqual([
      { key: 'Li', customers: 1, outstanding: 1100, overdueOutstanding: 600, overdueCustomers: 1 },
      { key: null, customers: 1, outstanding: 300, overdueOutstanding: 300, overdueCustomers: 1 }
    ]);
    expect(a.byRegion).toEqual([
      { key: 'East', customers: 2, outstanding: 1400, overdueOutstanding: 900, overdueCustomers: 2 }
    ]);
  });
});

describe('dependence', () => {
  // Monetary: A 500, B 300, C 100, D 100, E −50 (net returns). S = 1000.
  const customers = [
    { customerId: 'A', monetary: 500, owner: 'Li' },
    { customerId: 'B', monetary: 300, owner: 'Wang' },
    { customerId: 'C', monetary: 100, owner: 'Li' },
    { customerId: 'D', monetary: 100, owner: 'Wang' },
    { customerId: 'E', monetary: -50, owner: 'Wang' }
  ];

  it('top 2 = A and B: 800 of 1000 lost; what is left is C and D', () => {
    const top = topCustomers(customers, 2);
    expect(top).toEqual(['A', 'B']);
    const r = dependence(customers, new Set(top));
    expect(r).toMatchObject({ selected: 2, lost: 800, total: 1000, share: 0.8 });
    expect(r.before).toMatchObject({ customers: 4, total: 1000, top1: 0.5 });
    // After: C 100, D 100 → the top customer holds half, Gini 0.
    expect(r.after).toMatchObject({ customers: 2, total: 200, top1: 0.5, gini: 0 });
    expect(r.byOwner).toEqual([
      { key: 'Li', revenue: 600, lost: 500 },
      { key: 'Wang', revenue: 400, lost: 300 }
    ]);
  });

  it('a customer with net returns carries no revenue', () => {
    const r = dependence(customers, new Set(['E']));
    expect(r).toMatchObject({ selected: 1, lost: 0, share: 0 });
  });
});
