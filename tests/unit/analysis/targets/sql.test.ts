// The targets SQL builders: their text, and a run on real sql.js against a tiny table whose answers
// were worked out by hand (orders grouped by order id, rows without one standing alone).
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomerChangeSql,
  buildDateSpanSql,
  buildDimensionMatchSql,
  buildFirstPurchasesSql,
  buildMatchedValuesSql,
  buildTargetRowsSql,
  buildValueRevenueSql
} from '../../../../src/lib/analysis/targets';

let db: Database;
beforeAll(async () => {
  db = new (await initSqlJs()).Database();
  db.run(
    `CREATE TABLE t (row_no INTEGER, customer_id TEXT, order_id TEXT, order_date TEXT, amount REAL, rep TEXT)`
  );
  const rows: [string, string | null, string, number, string | null][] = [
    ['x', 'o1', '2025-01-05', 100, 'A'], // o1 nets to 0: not a purchase
    ['x', 'o1', '2025-01-06', -100, 'B'],
    ['x', 'o2', '2025-01-10', 70, 'B'],
    ['x', 'o2', '2025-01-10', 30, 'A'],
    ['y', null, '2025-02-01', 40, 'A'], // no order id: each row an order
    ['y', null, '2025-02-01', 60, 'C'],
    ['z', 'o9', '2025-03-01', 50, null],
    ['w', 'o5', '2025-04-01', 80, 'A'], // on the as-of date: left out
    ['q', 'o7', '2025-03-02', 50, null], // tie: the value beats no value
    ['q', 'o7', '2025-03-02', 50, 'A'],
    ['x', 'o0', '2024-01-15', 20, 'A'] // x's first purchase
  ];
  rows.forEach((r, i) => db.run('INSERT INTO t VALUES (?,?,?,?,?,?)', [i + 1, ...r]));
});

const run = (q: { sql: string; params: (string | number | null)[] }) =>
  db.exec(q.sql, q.params)[0]?.values ?? [];

describe('buildFirstPurchasesSql', () => {
  const q = buildFirstPurchasesSql({
    table: 't',
    baseTable: 't',
    column: 'rep',
    asOf: '2025-04-01',
    hasOrderId: true
  });

  it('writes the first purchase per customer', () => {
    expect(q.sql).toMatchInlineSnapshot(`
      "WITH ov AS (
        SELECT customer_id, COALESCE(order_id, -row_no) AS okey, "rep" AS value, MIN(order_date) AS day,
          SUM(amount) AS amount
        FROM "t" NOT INDEXED
        WHERE order_date < ?
        GROUP BY customer_id, okey, value
      ),
      o AS (
        SELECT customer_id, value, amount AS kept,
          MIN(day) OVER w AS day, SUM(amount) OVER w AS total
        FROM ov
        WINDOW w AS (PARTITION BY customer_id, okey)
      ),
      f AS (
        SELECT customer_id, value, kept, day,
          MIN(day) OVER (PARTITION BY customer_id) AS first_day
        FROM o
        WHERE ROUND(total, 6) > 0
      ),
      byv AS (
        SELECT customer_id, day, value, SUM(kept) AS amount
        FROM f
        WHERE day = first_day
        GROUP BY customer_id, value
      ),
      pick AS (
        SELECT customer_id, day, value,
          ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY ROUND(amount, 6) DESC, value IS NULL, value) AS n
        FROM byv
      )
      SELECT customer_id, day AS first_day, value FROM pick WHERE n = 1 ORDER BY customer_id"
    `);
  });

  it('credits the value with the largest amount on the first order', () => {
    // x: first positive order o0 (2024-01-15, A). y: 40 A and 60 C on 02-01 → C.
    // z: only a row without a value → null. q: 50 A vs 50 none → A. w: on the as-of date, out.
    expect(run(q)).toEqual([
      ['q', '2025-03-02', 'A'],
      ['x', '2024-01-15', 'A'],
      ['y', '2025-02-01', 'C'],
      ['z', '2025-03-01', null]
    ]);
  });

  it('skips an order that nets to zero', () => {
    db.run(`CREATE TEMP VIEW t2025 AS SELECT * FROM t WHERE order_date >= '2025-01-01'`);
    // Over 2025 rows only, x's o1 (100 − 100) is no purchase: first is o2 on 01-10,
    // 70 B vs 30 A → B.
    const rows = run(
      buildFirstPurchasesSql({
        table: 't2025',
        baseTable: 't2025',
        column: 'rep',
        asOf: '2025-04-01',
        hasOrderId: true
      })
    );
    expect(rows).toContainEqual(['x', '2025-01-10', 'B']);
  });

  it('weighs only the rows passing a filter', () => {
    db.run(`CREATE TEMP VIEW tf AS SELECT * FROM t WHERE rep IS NOT 'C'`);
    const rows = run(
      buildFirstPurchasesSql({
        table: 'tf',
        baseTable: 't',
        column: 'rep',
        asOf: '2025-04-01',
        hasOrderId: true
      })
    );
    // y's first day still 02-01 (whole history), but only the A row passes → A.
    expect(rows).toContainEqual(['y', '2025-02-01', 'A']);
  });
});

describe('the other builders', () => {
  it('reads target rows', () => {
    expect(buildTargetRowsSql('ds3_targets').sql).toMatchInlineSnapshot(`
      "SELECT target_key, period, grain, revenue_target, new_customer_target, parent, market_size
      FROM "ds3_targets"
      WHERE target_key IS NOT NULL AND period IS NOT NULL AND grain IS NOT NULL
      ORDER BY row_no"
    `);
  });

  it('sums revenue per value in a window, returns deducted', () => {
    const q = buildValueRevenueSql({
      table: 't',
      column: 'rep',
      window: { from: '2025-01-01', to: '2025-02-01' }
    });
    expect(q.sql).toMatchInlineSnapshot(`
      "SELECT "rep" AS value, ROUND(SUM(amount), 6) AS revenue
      FROM "t" NOT INDEXED
      WHERE order_date >= ? AND order_date < ?
      GROUP BY "rep""
    `);
    // A 100 + 30 = 130; B −100 + 70 = −30.
    expect(run(q)).toEqual([
      ['A', 130],
      ['B', -30]
    ]);
  });

  it('counts the keys and team keys each column carries', () => {
    const q = buildDimensionMatchSql({
      table: 't',
      columns: ['rep', 'customer_id'],
      keys: ['A', 'B', 'Z'],
      teamKeys: ['C', 'x']
    });
    expect(q.sql).toMatchInlineSnapshot(`
      "WITH k AS (SELECT value FROM json_each(?)), tk AS (SELECT value FROM json_each(?))
      SELECT COUNT(DISTINCT CASE WHEN "rep" IN (SELECT value FROM k) THEN "rep" END) AS m0,
        COUNT(DISTINCT CASE WHEN "rep" IN (SELECT value FROM tk) THEN "rep" END) AS t0,
        COUNT(DISTINCT CASE WHEN "customer_id" IN (SELECT value FROM k) THEN "customer_id" END) AS m1,
        COUNT(DISTINCT CASE WHEN "customer_id" IN (SELECT value FROM tk) THEN "customer_id" END) AS t1
      FROM "t" NOT INDEXED"
    `);
    // rep: A, B (2) and C (1); customer_id: none and x (1).
    expect(run(q)).toEqual([[2, 1, 0, 1]]);
  });

  it('lists the keys found among a column', () => {
    expect(run(buildMatchedValuesSql({ table: 't', column: 'rep', keys: ['A', 'Z'] }))).toEqual([
      ['A']
    ]);
  });

  it('gives each customer revenue now and then, and whether they bought', () => {
    const q = buildCustomerChangeSql({
      table: 't',
      column: 'rep',
      values: ['A', 'B'],
      now: { from: '2025-01-01', to: '2025-02-01' },
      then: { from: '2024-01-01', to: '2024-02-01' },
      hasOrderId: true
    });
    expect(q.sql).toMatchInlineSnapshot(`
      "WITH o AS (
        SELECT customer_id, CASE WHEN order_date >= ? AND order_date < ? THEN 1 ELSE 0 END AS is_now, SUM(amount) AS amount
        FROM "t" NOT INDEXED
        WHERE "rep" IN (SELECT value FROM json_each(?)) AND ((order_date >= ? AND order_date < ?) OR (order_date >= ? AND order_date < ?))
        GROUP BY customer_id, is_now, order_id, CASE WHEN order_id IS NULL THEN row_no END
      )
      SELECT customer_id,
        ROUND(SUM(CASE WHEN is_now = 1 THEN amount ELSE 0 END), 6) AS now_revenue,
        ROUND(SUM(CASE WHEN is_now = 0 THEN amount ELSE 0 END), 6) AS then_revenue,
        MAX(CASE WHEN is_now = 1 AND ROUND(amount, 6) > 0 THEN 1 ELSE 0 END) AS bought_now,
        MAX(CASE WHEN is_now = 0 AND ROUND(amount, 6) > 0 THEN 1 ELSE 0 END) AS bought_then
      FROM o
      GROUP BY customer_id
      ORDER BY customer_id"
    `);
    // x now: o1 0 (not bought) + o2 100 → 100, bought; then: o0 20, bought.
    expect(run(q)).toEqual([['x', 100, 20, 1, 1]]);
  });

  it('finds the first and last order dates', () => {
    expect(run(buildDateSpanSql('t'))).toEqual([['2024-01-15', '2025-04-01']]);
  });
});
