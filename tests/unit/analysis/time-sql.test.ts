// The customer × month builder: SQL text per dialect, and a run on real sql.js against a hand-worked fixture.
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCustomerMonthsSql } from '../../../src/lib/analysis/time-sql';
import { buildCustomerBaseSql } from '../../../src/lib/analysis/sql';
import { AS_OF, loadFixture } from './time-fixture';

let db: Database;
beforeAll(async () => {
  const SQL = await initSqlJs();
  db = new SQL.Database();
  loadFixture(db);
});

const run = (q: { sql: string; params: (string | number | null)[] }) =>
  db.exec(q.sql, q.params)[0]?.values ?? [];

describe('buildCustomerMonthsSql', () => {
  it('groups orders by customer and month (order ids mapped)', () => {
    const q = buildCustomerMonthsSql({ table: 't', asOf: AS_OF, hasOrderId: true });
    expect(q.params).toEqual([AS_OF]);
    expect(run(q)).toEqual([
      ['A', '2024-01', 1, 100, 100],
      ['A', '2024-02', 1, 30, 50],
      ['A', '2024-04', 1, 30, 30],
      ['B', '2024-01', 1, 200, 200],
      ['B', '2024-03', 0, 0, 0],
      ['C', '2024-02', 2, 100, 100],
      ['D', '2024-03', 0, -5, 0]
    ]);
  });

  it('counts each row as an order when there is no order id', () => {
    const q = buildCustomerMonthsSql({ table: 't', asOf: AS_OF, hasOrderId: false });
    const rows = run(q);
    expect(rows).toContainEqual(['A', '2024-01', 2, 100, 100]);
    expect(rows).toContainEqual(['B', '2024-03', 1, 0, 10]);
  });

  it('sums to the customer base frequency and monetary', () => {
    for (const hasOrderId of [true, false]) {
      const months = run(buildCustomerMonthsSql({ table: 't', asOf: AS_OF, hasOrderId }));
      const base = run(
        buildCustomerBaseSql({
          kind: 'transactions',
          table: 't',
          asOf: AS_OF,
          hasOrderId,
          dimensions: []
        })
      );
      for (const [id, , , , , frequency, monetary] of base) {
        const mine = months.filter((r) => r[0] === id);
        expect(mine.reduce((s, r) => s + Number(r[2]), 0)).toBe(frequency);
        expect(mine.reduce((s, r) => s + Number(r[3]), 0)).toBeCloseTo(Number(monetary), 6);
      }
    }
  });

  it('rejects a malformed as-of date', () => {
    expect(() =>
      buildCustomerMonthsSql({ table: 't', asOf: '2024-4-30', hasOrderId: true })
    ).toThrow();
  });

  it('writes the month expression of each dialect', () => {
    const pg = buildCustomerMonthsSql({
      table: 't',
      asOf: AS_OF,
      hasOrderId: true,
      dialect: 'postgres'
    });
    expect(pg.sql).toContain(`to_char(CAST(order_date AS DATE), 'YYYY-MM')`);
    expect(pg.sql).toContain('order_date <= $1');
    const duck = buildCustomerMonthsSql({
      table: 't',
      asOf: AS_OF,
      hasOrderId: false,
      dialect: 'duckdb'
    });
    expect(duck.sql).toContain(`strftime(CAST(order_date AS DATE), '%Y-%m')`);
    expect(buildCustomerMonthsSql({ table: 'ds1_transactions', asOf: AS_OF, hasOrderId: true }).sql)
      .toMatchInlineSnapshot(`
        "WITH orders AS (
          SELECT customer_id, MIN(order_date) AS order_date, SUM(amount) AS amount
          FROM "ds1_transactions" NOT INDEXED
          WHERE order_date <= ?
          GROUP BY customer_id, order_id, CASE WHEN order_id IS NULL THEN row_no END
          ORDER BY customer_id, order_id, CASE WHEN order_id IS NULL THEN row_no END
        )
        SELECT customer_id, month,
          SUM(positive) AS orders,
          ROUND(SUM(amount), 6) AS revenue,
          ROUND(SUM(CASE WHEN positive = 1 THEN amount ELSE 0 END), 6) AS positive_revenue
        FROM (
          SELECT customer_id, substr(order_date, 1, 7) AS month, amount,
            CASE WHEN ROUND(amount, 6) > 0 THEN 1 ELSE 0 END AS positive
          FROM orders
        ) AS o
        GROUP BY customer_id, month
        ORDER BY customer_id, month"
      `);
  });
});
