// The CLV order-days query: its SQL text, and a run on real sql.js whose answer was worked out by hand.
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOrderDaysSql } from '../../../../src/lib/analysis/clv/calibration-sql';
import {
  buildCalibration,
  type CalibrationRow
} from '../../../../src/lib/analysis/clv/calibration';

/** [customer_id, order_id, order_date, amount] */
const ROWS: [string, string | null, string, number][] = [
  ['A', 'a1', '2024-01-05', 60],
  ['A', 'a1', '2024-01-05', 40], // a1 = 100
  ['A', 'a2', '2024-01-20', 30],
  ['A', 'a3', '2024-01-20', -50], // a return larger than the same day's purchase
  ['A', 'a4', '2024-02-01', -10], // return only
  ['B', 'b1', '2024-01-07', 20],
  ['B', 'b1', '2024-01-08', -20], // b1 spans two days: dated 7 Jan, total 0 (a purchase)
  ['B', null, '2024-01-09', 5], // no order id: an order of its own
  ['B', null, '2024-01-09', -8]
];

let db: Database;
beforeAll(async () => {
  const SQL = await initSqlJs();
  db = new SQL.Database();
  db.run(
    'CREATE TABLE t (row_no INTEGER, customer_id TEXT, order_id TEXT, order_date TEXT, amount REAL)'
  );
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?)');
  ROWS.forEach((r, i) => insert.run([i + 2, ...r]));
  insert.free();
});

const run = (hasOrderId: boolean) =>
  db.exec(buildOrderDaysSql({ table: 't', hasOrderId }).sql)[0].values;

const toRows = (values: unknown[][]): CalibrationRow[] =>
  values.map(([customerId, date, amount, largestOrder]) => ({
    customerId: String(customerId),
    date: String(date),
    amount: Number(amount),
    largestOrder: Number(largestOrder)
  }));

describe('buildOrderDaysSql', () => {
  it('groups orders by id, then by customer and day', () => {
    expect(buildOrderDaysSql({ table: 't', hasOrderId: true }).sql).toMatchInlineSnapshot(`
      "SELECT customer_id, order_date, SUM(amount) AS amount, MAX(amount) AS largest_order
      FROM (
        SELECT customer_id, MIN(order_date) AS order_date, SUM(amount) AS amount
        FROM "t" NOT INDEXED
        GROUP BY customer_id, order_id, CASE WHEN order_id IS NULL THEN row_no END
      ) AS orders
      GROUP BY customer_id, order_date
      ORDER BY customer_id, order_date"
    `);
    expect(run(true)).toEqual([
      ['A', '2024-01-05', 100, 100],
      ['A', '2024-01-20', -20, 30],
      ['A', '2024-02-01', -10, -10],
      ['B', '2024-01-07', 0, 0],
      ['B', '2024-01-09', -3, 5]
    ]);
  });

  it('takes every row as an order without an order id', () => {
    expect(buildOrderDaysSql({ table: 't', hasOrderId: false }).sql).toMatchInlineSnapshot(`
      "SELECT customer_id, order_date, SUM(amount) AS amount, MAX(amount) AS largest_order
      FROM "t"
      GROUP BY customer_id, order_date
      ORDER BY customer_id, order_date"
    `);
    expect(run(false)).toEqual([
      ['A', '2024-01-05', 100, 60],
      ['A', '2024-01-20', -20, 30],
      ['A', '2024-02-01', -10, -10],
      ['B', '2024-01-07', 20, 20],
      ['B', '2024-01-08', -20, -20],
      ['B', '2024-01-09', -3, 5]
    ]);
  });

  it('feeds the calibration summary (days in this case)', () => {
    // A: purchase days 5 Jan and 20 Jan (worth −20); B: 7 Jan (the $0 order) and 9 Jan (worth −3).
    expect(buildCalibration(toRows(run(true)), '2024-02-04', 'days')).toEqual([
      { customerId: 'A', x: 1, tx: 15, T: 30, zbar: -20 },
      { customerId: 'B', x: 1, tx: 2, T: 28, zbar: -3 }
    ]);
  });
});
