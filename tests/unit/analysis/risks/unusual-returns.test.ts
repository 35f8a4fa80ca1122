// Unusual orders and return rates (DOMAIN §7c) against hand-worked answers: the robust z-score with
// MAD, the 10× median test, MAD = 0, fewer than 5 orders, and the 30 % / 2 returns flag.
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomerOrdersSql,
  buildReturnTotalsSql,
  highReturns,
  unusualOrders
} from '../../../../src/lib/analysis/risks';

const AS_OF = '2025-03-31';

// Orders (one row per order unless an order id repeats):
//  A: 100, 110, 90, 105, 95, 400 (6 orders). Median of (90 95 100 105 110 400) = (100+105)/2 = 102.5;
//     |x − 102.5| = 2.5 7.5 12.5 2.5 7.5 297.5 → sorted 2.5 2.5 7.5 7.5 12.5 297.5 → MAD = 7.5;
//     z(400) = 297.5 / (1.4826 × 7.5) = 297.5 / 11.1195 = 26.75 > 3.5 → unusual (z); 400 < 1025.
//     z(90) = 12.5 / 11.1195 = 1.12 → usual.
//  B: 50 ×4 and 600 (5 orders): median 50, MAD = 0 → no z-score; 600 > 10 × 50 → unusual (times).
//     With 60 instead of 600 the order would be usual (MAD = 0 does not flag small differences).
//  C: 10, 10, 500 (3 orders) → fewer than 5 orders: never judged.
//  D: order id O1 has two rows 100 + 200 = 300; O2..O5 300 each; O6 = 301 → MAD = 0, 301 < 3000.
//  E: 100, 100, 100, 100, 1200 on 2025-04-02 (after the as-of date) → only 4 orders: not judged.
//  Returns: A has −50 and −80 → returned 130 of purchased 900 = 14 % → not flagged.
//  F: purchased 1000, returns −200 and −150 → 35 % with 2 returns → flagged.
//  G: purchased 1000, one return −500 → 50 % but 1 return → not flagged.
//  H: purchased 100, returns −20, −11 → 31 % → flagged; exactly 30 % would not be.
const ROWS: [string, string | null, string, number][] = [
  ['A', null, '2025-01-01', 100],
  ['A', null, '2025-01-08', 110],
  ['A', null, '2025-01-15', 90],
  ['A', null, '2025-01-22', 105],
  ['A', null, '2025-01-29', 95],
  ['A', null, '2025-02-05', 400],
  ['A', null, '2025-02-06', -50],
  ['A', null, '2025-02-07', -80],
  ['B', null, '2025-01-01', 50],
  ['B', null, '2025-01-02', 50],
  ['B', null, '2025-01-03', 50],
  ['B', null, '2025-01-04', 50],
  ['B', null, '2025-03-01', 600],
  ['C', null, '2025-01-01', 10],
  ['C', null, '2025-01-02', 10],
  ['C', null, '2025-01-03', 500],
  ['E', null, '2025-01-01', 100],
  ['E', null, '2025-01-02', 100],
  ['E', null, '2025-01-03', 100],
  ['E', null, '2025-01-04', 100],
  ['E', null, '2025-04-02', 1200],
  ['F', null, '2025-01-01', 1000],
  ['F', null, '2025-01-05', -200],
  ['F', null, '2025-01-06', -150],
  ['G', null, '2025-01-01', 1000],
  ['G', null, '2025-01-05', -500],
  ['H', null, '2025-01-01', 100],
  ['H', null, '2025-01-05', -20],
  ['H', null, '2025-01-06', -11]
];
const WITH_IDS: [string, string | null, string, number][] = [
  ['D', 'O1', '2025-01-01', 100],
  ['D', 'O1', '2025-01-01', 200],
  ['D', 'O2', '2025-01-02', 300],
  ['D', 'O3', '2025-01-03', 300],
  ['D', 'O4', '2025-01-04', 300],
  ['D', 'O5', '2025-01-05', 300],
  ['D', 'O6', '2025-01-06', 301]
];

let db: Database;
beforeAll(async () => {
  db = new (await initSqlJs()).Database();
  for (const [name, rows] of [
    ['rows', ROWS],
    ['ids', WITH_IDS]
  ] as const) {
    db.run(
      `CREATE TABLE ${name} (row_no INTEGER, customer_id TEXT, order_id TEXT, order_date TEXT, amount REAL)`
    );
    rows.forEach((r, i) => db.run(`INSERT INTO ${name} VALUES (?,?,?,?,?)`, [i + 2, ...r]));
  }
});
const run = (q: { sql: string; params: (string | number | null)[] }) =>
  db.exec(q.sql, q.params)[0]?.values ?? [];

describe('unusual orders', () => {
  it('flags A by the robust z-score and B by 10× the median (MAD = 0)', () => {
    const out = unusualOrders(
      run(buildCustomerOrdersSql({ table: 'rows', asOf: AS_OF, hasOrderId: false }))
    );
    expect(out.map((o) => [o.customerId, o.amount, o.rule])).toEqual([
      ['B', 600, 'times'],
      ['A', 400, 'z']
    ]);
    const a = out.find((o) => o.customerId === 'A')!;
    expect(a.median).toBe(102.5);
    expect(a.mad).toBe(7.5);
    expect(a.z).toBeCloseTo(297.5 / 11.1195, 6);
    expect(a.orders).toBe(6);
    const b = out.find((o) => o.customerId === 'B')!;
    expect(b).toMatchObject({ median: 50, mad: 0, z: null, times: 12 });
  });

  it('forms orders from order ids: D is usual (MAD = 0, 301 below 10×)', () => {
    const rows = run(buildCustomerOrdersSql({ table: 'ids', asOf: AS_OF, hasOrderId: true }));
    expect(rows.map((r) => r[3])).toEqual([300, 300, 300, 300, 300, 301]);
    expect(unusualOrders(rows)).toEqual([]);
  });
});

describe('return rate', () => {
  it('flags above 30 % with at least 2 returns', () => {
    const out = highReturns(run(buildReturnTotalsSql('rows', AS_OF)));
    expect(out.map((r) => [r.customerId, r.purchased, r.returned, r.returns])).toEqual([
      ['F', 1000, 350, 2],
      ['H', 100, 31, 2]
    ]);
    expect(out[0].rate).toBeCloseTo(0.35, 10);
    expect(out[1].rate).toBeCloseTo(0.31, 10);
  });

  it('exactly 30 % is not above', () => {
    expect(highReturns([['X', 100, 30, 2]])).toEqual([]);
    expect(highReturns([['Y', 0, 30, 2]])).toMatchObject([{ customerId: 'Y', rate: null }]);
  });
});
