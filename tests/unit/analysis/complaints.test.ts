// Complaints (DOMAIN §7b) against hand-worked answers: open, overdue at the SLA edge, resolved, the
// median time to resolve, groups, the open-complaint customers and buying again within 90 days.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import {
  buildComplaintPurchasesSql,
  buildComplaintRowsSql,
  summarizeComplaints,
  toComplaintRows,
  toPurchaseDays,
  type ComplaintCustomer,
  type ComplaintRow
} from '../../../src/lib/analysis/complaints';
import { createRelatedTable } from '../worker/related-fixture';

const AS_OF = '2025-03-31';
const row = (
  rowNo: number,
  customerId: string,
  opened: string,
  resolved: string | null,
  type: string | null = null,
  owner: string | null = null
): ComplaintRow => ({ rowNo, customerId, opened, resolved, type, owner });

// Worked by hand at the as-of date 2025-03-31, SLA 7:
//  1 C1 open since 03-24: 7 days → open, not overdue (7 is not more than 7)
//  2 C2 open since 03-23: 8 days → overdue
//  3 C3 01-01 → 01-05: resolved in 4 days
//  4 C1 02-01 → 02-11: resolved in 10 days
//  5 C4 03-01, resolved 04-05 (after the as-of date) → open at the as-of date, 30 days → overdue
//  6 C5 opened 04-02 → after the as-of date, not counted
//  7 C3 2024-12-01 → 12-03: resolved in 2 days
//  8 C6 open since 2024-10-01: 181 days → overdue
//  9 C7 2024-09-01 → 09-10: resolved in 9 days
// Counted 8; open 1, 2, 5, 8 = 4; overdue 2, 5, 8 = 3; resolved 3, 4, 7, 9 = 4;
// days to resolve 2, 4, 9, 10 → median (4 + 9) / 2 = 6.5.
const COMPLAINTS: ComplaintRow[] = [
  row(2, 'C1', '2025-03-24', null, 'delivery', 'Li'),
  row(3, 'C2', '2025-03-23', null, 'quality'),
  row(4, 'C3', '2025-01-01', '2025-01-05', 'delivery'),
  row(5, 'C1', '2025-02-01', '2025-02-11', 'quality'),
  row(6, 'C4', '2025-03-01', '2025-04-05', null),
  row(7, 'C5', '2025-04-02', null, 'delivery'),
  row(8, 'C3', '2024-12-01', '2024-12-03', 'delivery'),
  row(9, 'C6', '2024-10-01', null, 'quality'),
  row(10, 'C7', '2024-09-01', '2024-09-10', 'quality')
];

// Purchase days. Windows over before 2025-03-31 (start + 90 days < as-of, i.e. start ≤ 2024-12-30):
//  7 (resolved 2024-12-03 → window 12-04 … 2025-03-03): C3 bought 2025-03-03, day 90 → bought again
//    (the purchase on the resolved day itself does not count)
//  9 (resolved 2024-09-10 → … 2024-12-09): C7 bought only on 09-10 → not again
//  8 (open, opened 2024-10-01 → … 2024-12-30): C6 bought 2024-12-31, day 91 → not again
// Resolved: 1 of 2; not resolved: 0 of 1; windows not over: 1, 2, 3, 4, 5 = 5.
const PURCHASES = new Map<string, string[]>([
  ['C3', ['2024-12-03', '2025-03-03']],
  ['C7', ['2024-09-10']],
  ['C6', ['2024-12-31']]
]);

const CUSTOMERS = new Map<string, ComplaintCustomer>([
  ['C1', { name: 'One', segment: 'champions', abc: 'A', owner: 'Wang' }],
  ['C2', { name: 'Two', segment: 'lost', abc: 'C', owner: null }],
  ['C3', { name: 'Three', segment: 'champions', abc: 'B', owner: 'Wang' }],
  ['C4', { name: 'Four', segment: 'lost', abc: 'C', owner: 'Zhao' }]
]);

const summarize = (slaDays: number) =>
  summarizeComplaints({
    complaints: COMPLAINTS,
    asOf: AS_OF,
    slaDays,
    purchaseDays: PURCHASES,
    customers: CUSTOMERS
  });

describe('complaints at the as-of date', () => {
  it('counts open, overdue (strictly more than the SLA), resolved and the median days', () => {
    const s = summarize(7);
    expect(s).toMatchObject({
      total: 8,
      open: 4,
      overdue: 3,
      resolved: 4,
      medianDaysToResolve: 6.5,
      afterAsOf: 1,
      resolvedBeforeOpened: 0
    });
  });

  it('moves complaints across the SLA edge when the SLA changes', () => {
    // SLA 8: complaint 2 (8 days) is no longer overdue; SLA 6: complaint 1 (7 days) becomes overdue.
    expect(summarize(8).overdue).toBe(2);
    expect(summarize(6).overdue).toBe(4);
    expect(summarize(0).overdue).toBe(4);
  });

  it('groups by type, owner (complaint owner, else the customer’s), segment and tier', () => {
    const s = summarize(7);
    const pick = (groups: typeof s.byType) =>
      Object.fromEntries(
        groups.map((g) => [String(g.key), [g.total, g.open, g.overdue, g.resolved]])
      );
    expect(pick(s.byType)).toEqual({
      delivery: [3, 1, 0, 2],
      quality: [4, 2, 2, 2],
      null: [1, 1, 1, 0]
    });
    // 1 → Li (its own); 4, 3, 7 → Wang (C1, C3); 5 → Zhao (C4); 2, 8, 9 → no owner.
    expect(pick(s.byOwner)).toEqual({
      Li: [1, 1, 0, 0],
      Wang: [3, 0, 0, 3],
      Zhao: [1, 1, 1, 0],
      null: [3, 2, 2, 1]
    });
    expect(pick(s.bySegment)).toEqual({
      champions: [4, 1, 0, 3],
      lost: [2, 2, 2, 0],
      null: [2, 1, 1, 1]
    });
    expect(pick(s.byTier)).toEqual({
      A: [2, 1, 0, 1],
      B: [2, 0, 0, 2],
      C: [2, 2, 2, 0],
      null: [2, 1, 1, 1]
    });
    const wang = s.byOwner.find((g) => g.key === 'Wang')!;
    // Complaints 3, 4, 7: 4, 10 and 2 days → median 4.
    expect(wang.medianDaysToResolve).toBe(4);
  });

  it('lists the customers with open complaints, overdue first, then the longest open', () => {
    const s = summarize(7);
    expect(
      s.openCustomers.map((c) => [
        c.customerId,
        c.open,
        c.overdue,
        c.oldestOpened,
        c.daysOpen,
        c.owner
      ])
    ).toEqual([
      ['C6', 1, 1, '2024-10-01', 181, null],
      ['C4', 1, 1, '2025-03-01', 30, 'Zhao'],
      ['C2', 1, 1, '2025-03-23', 8, null],
      ['C1', 1, 0, '2025-03-24', 7, 'Li']
    ]);
  });

  it('counts buying again within 90 days only for windows over before the as-of date', () => {
    const s = summarize(7);
    expect(s.repurchase).toEqual({
      resolved: { complaints: 2, boughtAgain: 1 },
      unresolved: { complaints: 1, boughtAgain: 0 }
    });
    expect(s.windowNotOver).toBe(5);
  });

  it('keeps a resolved date before the opened date out of the time to resolve', () => {
    const s = summarizeComplaints({
      complaints: [
        row(2, 'X', '2025-03-10', '2025-03-01'),
        row(3, 'X', '2025-03-01', '2025-03-04')
      ],
      asOf: AS_OF,
      slaDays: 7,
      purchaseDays: new Map(),
      customers: new Map()
    });
    expect(s).toMatchObject({ resolved: 2, resolvedBeforeOpened: 1, medianDaysToResolve: 3 });
  });
});

describe('complaints SQL on sql.js', () => {
  it('reads trimmed customer ids and joins purchase days of positive orders', async () => {
    const db = new (await initSqlJs()).Database();
    db.run(`CREATE TABLE ds1_transactions (row_no INTEGER, customer_id TEXT, order_date TEXT,
      amount REAL, order_id TEXT)`);
    const orders: [string, string, number, string | null][] = [
      ['A', '2025-01-05', 100, 'o1'],
      ['A', '2025-01-05', -20, 'o1'], // one order of 80
      ['A', '2025-02-01', -50, 'o2'], // a return: no purchase day
      ['A', '2025-02-03', 30, null],
      ['B', '2025-01-09', 10, 'o3'],
      ['B', '2025-04-09', 10, 'o4'], // after the as-of date
      ['Q', '2025-01-10', 10, 'o5'] // named in no complaint
    ];
    orders.forEach((o, i) =>
      db.run('INSERT INTO ds1_transactions VALUES (?,?,?,?,?)', [i + 2, ...o])
    );
    const table = createRelatedTable(db, 2, 'complaints', [
      { customer_id: ' A ', opened_date: '2025-01-06', complaint_type: ' late ', owner: '' },
      { customer_id: 'B', opened_date: '2025-01-10', resolved_date: '2025-01-12' },
      { customer_id: '  ', opened_date: '2025-01-10' },
      { customer_id: 'Z', opened_date: null }
    ]);
    const q = buildComplaintRowsSql(table);
    const res = db.exec(q.sql, q.params);
    expect(toComplaintRows(res[0].values)).toEqual([
      {
        rowNo: 2,
        customerId: 'A',
        opened: '2025-01-06',
        resolved: null,
        type: 'late',
        owner: null
      },
      {
        rowNo: 3,
        customerId: 'B',
        opened: '2025-01-10',
        resolved: '2025-01-12',
        type: null,
        owner: null
      }
    ]);
    const p = buildComplaintPurchasesSql({
      orders: 'ds1_transactions',
      complaints: table,
      asOf: '2025-03-31',
      hasOrderId: true
    });
    const days = toPurchaseDays(db.exec(p.sql, p.params)[0].values);
    expect(Object.fromEntries(days)).toEqual({
      A: ['2025-01-05', '2025-02-03'],
      B: ['2025-01-09']
    });
  });
});
