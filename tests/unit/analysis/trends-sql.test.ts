// The trends-by-dimension builders on real sql.js against a fixture worked out by hand.
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTrendPartsSql, buildValueRankSql } from '../../../src/lib/analysis/trends-sql';
import { aggregateTrendParts } from '../../../src/lib/analysis/trends-parts';
import { toTrendSplit } from '../../../src/lib/analysis/trends-split';
import type { Grain } from '../../../src/lib/analysis/period';

/** [customer, order, date, amount, category]; E's row is after the as-of date. */
const ROWS: [string, string, string, number, string | null][] = [
  ['A', 'a1', '2024-01-05', 60, 'X'],
  ['A', 'a1', '2024-02-01', 40, 'Y'], // same order: dated by its earliest row, 2024-01-05
  ['A', 'a2', '2024-02-10', 50, 'X'],
  ['A', 'a3', '2024-02-20', -20, 'X'], // a return
  ['B', 'b1', '2024-01-20', 200, 'Y'],
  ['B', 'b2', '2024-04-03', 30, 'Z'],
  ['C', 'c1', '2024-03-02', 80, null],
  ['C', 'c2', '2024-04-25', 20, 'Z'],
  ['D', 'd1', '2024-04-10', 5, 'Z'],
  ['A', 'a4', '2025-01-09', 90, 'Y'],
  ['F', 'f1', '2025-01-10', -10, 'X'], // only a return: never a new customer
  ['E', 'e1', '2025-02-01', 70, 'X']
];
const AS_OF = '2025-01-15';

let db: Database;
beforeAll(async () => {
  const SQL = await initSqlJs();
  db = new SQL.Database();
  db.run(`CREATE TABLE t (row_no INTEGER, customer_id TEXT, order_id TEXT, order_date TEXT,
    amount REAL, "产品 类别" TEXT)`);
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)');
  ROWS.forEach((r, i) => insert.run([i + 2, ...r]));
  insert.free();
});

const run = (q: { sql: string; params: (string | number | null)[] }) =>
  db.exec(q.sql, q.params)[0]?.values ?? [];
const DIM = '产品 类别';

/** The parts query run, then summed per series and period. */
function trend(
  grain: Grain,
  hasOrderId: boolean,
  dimension: string | null,
  top: (string | null)[] | null
) {
  return aggregateTrendParts(
    run(buildTrendPartsSql({ table: 't', asOf: AS_OF, hasOrderId, dimension, top })),
    grain
  );
}

describe('buildValueRankSql', () => {
  it('ranks values by net revenue up to the as-of date, ties by value (no value first)', () => {
    // X 60 + 50 − 20 − 10 = 80; Y 40 + 200 + 90 = 330; Z 30 + 20 + 5 = 55; none 80 (E is later).
    const q = buildValueRankSql({ table: 't', asOf: AS_OF, dimension: DIM });
    expect(q.params).toEqual([AS_OF]);
    expect(run(q)).toEqual([
      ['Y', 330],
      [null, 80],
      ['X', 80],
      ['Z', 55]
    ]);
  });
});

describe('buildTrendPartsSql', () => {
  it('one part per order and series, dated by its earliest row, in customer and order order', () => {
    const q = buildTrendPartsSql({
      table: 't',
      asOf: AS_OF,
      hasOrderId: true,
      dimension: DIM,
      top: ['Y', null]
    });
    // Placeholders in text order: the top value (written twice), then the as-of date.
    expect(q.params).toEqual(['Y', 'Y', AS_OF]);
    expect(run(q).slice(0, 5)).toEqual([
      // customer, order id, solo, is_other, value, earliest date, amount, first row, orders,
      // positive amount, purchase amount
      ['A', 'a1', null, 0, 'Y', '2024-02-01', 40, 3, 1, 40, 40],
      ['A', 'a1', null, 1, null, '2024-01-05', 60, 2, 1, 60, 60],
      ['A', 'a2', null, 1, null, '2024-02-10', 50, 4, 1, 50, 50],
      ['A', 'a3', null, 1, null, '2024-02-20', -20, 5, 0, 0, -20],
      ['A', 'a4', null, 0, 'Y', '2025-01-09', 90, 11, 1, 90, 90]
    ]);
  });
});

describe('aggregateTrendParts', () => {
  it('splits by the top values + others, each row by its own value, new customers credited once', () => {
    // Parts: a1 → others 60 + Y 40 (Jan, the order's date); a2 others 50, a3 others −20 (Feb);
    // b1 Y 200 (Jan); b2 others 30, c2 others 20, d1 others 5 (Apr); c1 none 80 (Mar);
    // a4 Y 90, f1 others −10 (2025-01). First purchases: A on a1, largest row X 60 → others;
    // B b1 → Y; C c1 → none; D d1 → others; F never buys. (A's first day: others 60 > Y 40.)
    expect(trend('month', true, DIM, ['Y', null])).toEqual([
      // is_other, value, period, revenue, orders, positive revenue, active, new
      [0, null, '2024-03', 80, 1, 80, 1, 1],
      [0, 'Y', '2024-01', 240, 2, 240, 2, 1],
      [0, 'Y', '2025-01', 90, 1, 90, 1, 0],
      [1, null, '2024-01', 60, 1, 60, 1, 1],
      [1, null, '2024-02', 30, 1, 50, 1, 0],
      [1, null, '2024-04', 55, 3, 55, 3, 1],
      [1, null, '2025-01', -10, 0, 0, 0, 0]
    ]);
  });

  it('one series for everything, by quarter', () => {
    // Q1 2024: 300 + 30 + 80 = 410 net, positive 100 + 50 + 200 + 80 = 430 over a1 a2 b1 c1;
    // active A B C, all new. Q2: b2 c2 d1 = 55, B C D active, D new. 2025-Q1: a4 90 − f1 10.
    expect(trend('quarter', true, null, null)).toEqual([
      [0, null, '2024-Q1', 410, 4, 430, 3, 3],
      [0, null, '2024-Q2', 55, 3, 55, 3, 1],
      [0, null, '2025-Q1', 80, 1, 90, 1, 0]
    ]);
  });

  it('each row is an order without order ids', () => {
    const rows = trend('month', false, DIM, null);
    // Row a1/Y is now its own order dated 2024-02-01: Y has b1 in January and that row in February.
    expect(rows).toContainEqual([0, 'Y', '2024-01', 200, 1, 200, 1, 1]);
    expect(rows).toContainEqual([0, 'Y', '2024-02', 40, 1, 40, 1, 0]);
    // A's first purchase day 2024-01-05 has only the X row: A is new in X.
    expect(rows).toContainEqual([0, 'X', '2024-01', 60, 1, 60, 1, 1]);
  });

  it('without order ids, a day’s rows of a series are summed but each positive row is an order', () => {
    db.run(`CREATE TABLE t2 AS SELECT * FROM t WHERE 0;
      INSERT INTO t2 VALUES (2, 'G', NULL, '2024-06-01', 30, 'X'), (3, 'G', NULL, '2024-06-01', -10, 'X'),
        (4, 'G', NULL, '2024-06-01', 5, 'Y'), (5, 'G', NULL, '2024-06-02', 7, 'Y')`);
    const rows = aggregateTrendParts(
      run(
        buildTrendPartsSql({
          table: 't2',
          asOf: AS_OF,
          hasOrderId: false,
          dimension: DIM,
          top: null
        })
      ),
      'month'
    );
    // X: revenue 30 − 10 = 20, one order (the 30), positive revenue 30; G is new in X (30 > 5).
    // Y: 5 + 7 = 12 over two orders; G active once.
    expect(rows).toEqual([
      [0, 'X', '2024-06', 20, 1, 30, 1, 1],
      [0, 'Y', '2024-06', 12, 2, 12, 1, 0]
    ]);
  });

  it('feeds toTrendSplit: every period filled, the as-of period incomplete, others last', () => {
    const rows = trend('month', true, DIM, ['Y', null]);
    const split = toTrendSplit(rows, {
      grain: 'month',
      dimension: DIM,
      asOf: AS_OF,
      order: ['Y', null, 'X', 'Z'],
      valueCount: 4
    });
    // 2024-01 … 2025-01: 13 months.
    expect(split.periods.map((p) => p.key)).toHaveLength(13);
    expect(split.periods.filter((p) => p.isIncomplete).map((p) => p.key)).toEqual(['2025-01']);
    expect(split.series.map((s) => [s.id, s.revenue])).toEqual([
      ['v:Y', 330],
      ['none', 80],
      ['others', 135] // 60 + 30 + 55 − 10
    ]);
    expect(split.series[0].figures[12]).toEqual({
      revenue: 90,
      orders: 1,
      active: 1,
      new: 0,
      positiveRevenue: 90
    });
    expect(split.series[1].figures[5].revenue).toBe(0); // June: no orders
  });

  it('rejects a malformed as-of date and quotes odd column names', () => {
    expect(() =>
      buildTrendPartsSql({
        table: 't',
        asOf: '2025/1/1',
        hasOrderId: true,
        dimension: null,
        top: null
      })
    ).toThrow();
    expect(buildValueRankSql({ table: 't"x', asOf: AS_OF, dimension: 'a"b' }).sql).toContain(
      '"a""b"'
    );
  });
});
