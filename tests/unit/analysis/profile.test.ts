// Profile pieces (DOMAIN §7b, §7c) against hand-worked values: complaint states with the 7-day SLA,
// receivables outstanding and days past due, spend per month, mix shares, the category dimension.
import { describe, expect, it } from 'vitest';
import {
  categoryDimensionIndex,
  complaintState,
  mixShares,
  monthlySpend,
  receivableOutstanding
} from '../../../src/lib/analysis/profile';

const AS_OF = '2025-06-30';

describe('complaintState', () => {
  it.each([
    // resolved on or before the as-of date: time to resolve = resolved − opened.
    ['2025-06-01', '2025-06-04', 'resolved', 3],
    // open 7 days: not yet overdue (overdue = open longer than 7 days).
    ['2025-06-23', null, 'open', 7],
    ['2025-06-22', null, 'overdue', 8],
    // resolved after the as-of date: still open then.
    ['2025-06-10', '2025-07-02', 'overdue', 20]
  ] as const)('opened %s, resolved %s → %s (%i days)', (opened, resolved, state, days) => {
    expect(complaintState(opened, resolved, AS_OF, 7)).toEqual({ state, days });
  });
});

describe('receivableOutstanding', () => {
  it.each([
    // nothing paid, due 2025-05-31: 30 days past due.
    [{ amount: 1000, paidAmount: null, paidDate: null, dueDate: '2025-05-31' }, 1000, 30],
    // part paid
    [{ amount: 1000, paidAmount: 400, paidDate: '2025-06-01', dueDate: '2025-06-29' }, 600, 1],
    // paid date and no paid amount: fully paid
    [{ amount: 1000, paidAmount: null, paidDate: '2025-06-01', dueDate: '2025-05-01' }, 0, 0],
    // not yet due
    [{ amount: 500, paidAmount: null, paidDate: null, dueDate: '2025-07-15' }, 500, 0]
  ])('%j → %d outstanding, %d days', (r, outstanding, days) => {
    expect(receivableOutstanding(r, AS_OF)).toEqual({ outstanding, daysPastDue: days });
  });
});

describe('monthlySpend', () => {
  it('sums orders per month and fills the months without one up to the as-of month', () => {
    expect(
      monthlySpend(
        [
          { date: '2025-03-05', amount: 100 },
          { date: '2025-03-20', amount: -30 },
          { date: '2025-05-01', amount: 50.5 }
        ],
        AS_OF
      )
    ).toEqual([
      { month: '2025-03', amount: 70 },
      { month: '2025-04', amount: 0 },
      { month: '2025-05', amount: 50.5 },
      { month: '2025-06', amount: 0 }
    ]);
  });
  it('crosses a year end', () => {
    expect(
      monthlySpend([{ date: '2024-12-31', amount: 1 }], '2025-01-01').map((m) => m.month)
    ).toEqual(['2024-12', '2025-01']);
  });
  it('is empty without orders', () => {
    expect(monthlySpend([], AS_OF)).toEqual([]);
  });
});

describe('mixShares', () => {
  it('shares of the positive revenue', () => {
    expect(
      mixShares([
        { value: '办公', amount: 300 },
        { value: '家具', amount: 100 },
        { value: null, amount: -50 }
      ])
    ).toEqual([
      { value: '办公', amount: 300, share: 0.75 },
      { value: '家具', amount: 100, share: 0.25 },
      { value: null, amount: -50, share: 0 }
    ]);
  });
});

describe('categoryDimensionIndex', () => {
  it.each([
    [['区域', '产品品类'], 1],
    [['Region', 'Product Category', 'Product'], 1],
    [['Region', 'Product'], 1],
    [['区域', '销售代表'], -1]
  ] as const)('%j → %i', (headers, index) => {
    expect(categoryDimensionIndex(headers.map((header) => ({ header })))).toBe(index);
  });
});
