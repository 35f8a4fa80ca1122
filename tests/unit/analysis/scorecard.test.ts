// The scorecard (DOMAIN §7a): both SQL reads on real sql.js, then every metric against values worked
// out by hand from the fixture (scorecard-fixture.ts; lapse days 30, as of 2025-04-01).
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildScorecardPurchasesSql,
  buildScorecardRevenueSql
} from '../../../src/lib/analysis/scorecard-sql';
import {
  computeScorecard,
  growth,
  toScorecardData,
  topBottom,
  valueAtStakeByBook,
  type ScorecardData,
  type ScorecardRow
} from '../../../src/lib/analysis/scorecard';
import { periodFromKey } from '../../../src/lib/analysis/period';
import { AS_OF, LAPSE, loadScorecardFixture } from './scorecard-fixture';

let db: Database;
beforeAll(async () => {
  db = new (await initSqlJs()).Database();
  loadScorecardFixture(db);
});

const run = (q: { sql: string; params: (string | number | null)[] }) =>
  db.exec(q.sql, q.params)[0]?.values ?? [];

function dataOf(hasOrderId: boolean): ScorecardData {
  const opts = { table: 't', asOf: AS_OF, dimension: 'rep' };
  return toScorecardData(
    run(buildScorecardPurchasesSql({ ...opts, hasOrderId })),
    run(buildScorecardRevenueSql(opts))
  );
}

function scorecard(period: string, hasOrderId = true, extra = {}) {
  return computeScorecard(dataOf(hasOrderId), {
    period: periodFromKey(period)!,
    asOf: AS_OF,
    lapseDays: LAPSE,
    ...extra
  });
}

const rowOf = (rows: ScorecardRow[], key: string | null) => rows.find((r) => r.key === key)!;
/** revenue, orders, active, new, repeat customers, repeat rate, lapsed. */
const figures = (m: ScorecardRow['now']) => [
  m.revenue,
  m.orders,
  m.active,
  m.newCustomers,
  m.repeatCustomers,
  m.repeatRate,
  m.lapsed
];

describe('scorecard SQL', () => {
  it('reads purchases: order parts per value, positive only, by customer and date', () => {
    const rows = run(
      buildScorecardPurchasesSql({ table: 't', asOf: AS_OF, dimension: 'rep', hasOrderId: true })
    );
    // A's order a3 is a purchase for X (70) and for Y (30); a5 (−15) and C's c2 (60 − 60) are
    // none; H's row is after the as-of date.
    expect(rows).toEqual([
      ['A', 'X', '2024-03-10'],
      ['A', 'X', '2025-02-05'],
      ['A', 'X', '2025-03-03'],
      ['A', 'Y', '2025-03-03'],
      ['A', 'X', '2025-03-20'],
      ['B', 'Y', '2025-03-05'],
      ['B', 'X', '2025-03-06'],
      ['C', 'Y', '2025-01-10'],
      ['D', null, '2025-03-31'],
      ['E', 'Z', '2025-01-20'],
      ['F', 'Z', '2025-01-31'],
      ['G', 'Z', '2025-01-31'],
      ['G', 'Z', '2025-03-03']
    ]);
  });

  it('reads each positive row as a purchase without order ids', () => {
    const rows = run(
      buildScorecardPurchasesSql({ table: 't', asOf: AS_OF, dimension: 'rep', hasOrderId: false })
    );
    // C's 60 row is now a purchase of its own (the −60 row is a return).
    expect(rows.filter((r) => r[0] === 'C')).toEqual([
      ['C', 'Y', '2025-01-10'],
      ['C', 'Y', '2025-03-15']
    ]);
    expect(rows).toHaveLength(14);
  });

  it('sums revenue by value and day, returns deducted', () => {
    const rows = run(buildScorecardRevenueSql({ table: 't', asOf: AS_OF, dimension: 'rep' }));
    // 2025-03-15, Y: 60 − 60 = 0; 2025-03-25, X: −15.
    expect(rows).toContainEqual(['Y', '2025-03-15', 0]);
    expect(rows).toContainEqual(['X', '2025-03-25', -15]);
    expect(rows.some((r) => r[1] === '2025-04-05')).toBe(false);
  });

  it('binds the as-of date and quotes the dimension', () => {
    const q = buildScorecardRevenueSql({ table: 't', asOf: AS_OF, dimension: 'a"b' });
    expect(q.params).toEqual([AS_OF]);
    expect(q.sql).toContain('"a""b" AS value');
    expect(() =>
      buildScorecardPurchasesSql({ table: 't', asOf: '2025-4-1', dimension: 'x', hasOrderId: true })
    ).toThrow();
    expect(
      buildScorecardPurchasesSql({
        table: 't',
        asOf: AS_OF,
        dimension: 'rep',
        hasOrderId: true,
        dialect: 'postgres'
      }).sql
    ).toContain('order_date <= $1');
  });
});

describe('computeScorecard, month 2025-03', () => {
  it('gives every metric per rep', () => {
    const s = scorecard('2025-03');
    expect(s.previous.key).toBe('2025-02');
    expect(s.yearAgo.key).toBe('2024-03');
    // Ranked by revenue: Y 230, X 115, then Z and (no rep) at 10 (ties by key, no value last).
    expect(s.rows.map((r) => r.key)).toEqual(['Y', 'X', 'Z', null]);
    // X: revenue 70 + 40 − 15 (return) + 20 = 115; orders A a3-X, A a4, B b2 = 3; active A, B = 2;
    // new 0 (A began 2024-03, B's first purchase is Y's); repeat A (2 orders) → 1 / 2 = 0.5;
    // lapsed 0.
    expect(figures(rowOf(s.rows, 'X').now)).toEqual([115, 3, 2, 0, 1, 0.5, 0]);
    // Y: 30 + 200 + 60 − 60 = 230; orders A a3-Y, B b1 = 2 (C's c2 nets 0); active 2; new: B
    // (first purchase b1 is Y's) = 1; repeat 0 → 0.
    expect(figures(rowOf(s.rows, 'Y').now)).toEqual([230, 2, 2, 1, 0, 0, 0]);
    // Z: G's g2 = 10, 1 order, 1 active; lapsed: F (last purchase 01-31 + 31 days = 03-03, no
    // purchase since) = 1; G bought on its lapse day 03-03, so G is not lapsed.
    expect(figures(rowOf(s.rows, 'Z').now)).toEqual([10, 1, 1, 0, 0, 0, 1]);
    // No rep: D's first purchase 03-31 = new, credited to the empty value.
    expect(figures(rowOf(s.rows, null).now)).toEqual([10, 1, 1, 1, 0, 0, 0]);
  });

  it('compares with the previous month', () => {
    const s = scorecard('2025-03');
    // February: X = A's a2 (50), 1 order, 1 active; Y lapsed C (01-10 + 31 = 02-10); Z lapsed E
    // (01-20 + 31 = 02-20).
    expect(figures(rowOf(s.rows, 'X').previous)).toEqual([50, 1, 1, 0, 0, 0, 0]);
    expect(figures(rowOf(s.rows, 'Y').previous)).toEqual([0, 0, 0, 0, 0, null, 1]);
    const x = rowOf(s.rows, 'X').growthPrevious;
    // revenue (115 − 50) / 50 = 1.3; orders (3 − 1) / 1 = 2; active (2 − 1) / 1 = 1; new, repeat
    // rate (then 0 / 1 = 0) and lapsed have then = 0: blank.
    expect(x).toEqual({
      revenue: 1.3,
      orders: 2,
      active: 1,
      newCustomers: null,
      repeatRate: null,
      lapsed: null
    });
    // Y lapsed (0 − 1) / 1 = −1; revenue then 0: blank. Z lapsed (1 − 1) / 1 = 0.
    expect(rowOf(s.rows, 'Y').growthPrevious.lapsed).toBe(-1);
    expect(rowOf(s.rows, 'Y').growthPrevious.revenue).toBeNull();
    expect(rowOf(s.rows, 'Z').growthPrevious.lapsed).toBe(0);
  });

  it('compares with the same month a year earlier, blank where that year has nothing', () => {
    const s = scorecard('2025-03');
    // 2024-03: X = A's a1 (100), 1 order, 1 active, A new (first purchase ever, rep X).
    expect(figures(rowOf(s.rows, 'X').yearAgo)).toEqual([100, 1, 1, 1, 0, 0, 0]);
    // revenue (115 − 100) / 100 = 0.15; orders 2; active 1; new (0 − 1) / 1 = −1.
    const g = rowOf(s.rows, 'X').growthYearAgo;
    expect([g.revenue, g.orders, g.active, g.newCustomers]).toEqual([0.15, 2, 1, -1]);
    // Y had nothing in 2024-03: every growth blank.
    expect(Object.values(rowOf(s.rows, 'Y').growthYearAgo).every((v) => v === null)).toBe(true);
  });

  it('a year with no data at all: every year-earlier growth is blank', () => {
    // 2024-03's year earlier is 2023-03, before the data starts.
    const s = scorecard('2024-03');
    expect(s.rows.map((r) => r.key)).toEqual(['X']);
    expect(Object.values(s.rows[0].growthYearAgo).every((v) => v === null)).toBe(true);
  });

  it('counts each positive row as an order without order ids', () => {
    const s = scorecard('2025-03', false);
    // Y: A's 30, B's 200 and C's 60 row (its −60 is a return) = 3 orders, 3 active, none twice.
    expect(figures(rowOf(s.rows, 'Y').now)).toEqual([230, 3, 3, 1, 0, 0, 0]);
    expect(figures(rowOf(s.rows, 'X').now)).toEqual([115, 3, 2, 0, 1, 0.5, 0]);
  });
});

describe('computeScorecard, quarter and year', () => {
  it('2025-Q1', () => {
    const s = scorecard('2025-Q1');
    // X: 50 + 70 + 40 − 15 + 20 = 165; orders A a2, a3-X, a4 + B b2 = 4; active A, B; repeat A
    // → 1 / 2; new 0.
    expect(figures(rowOf(s.rows, 'X').now)).toEqual([165, 4, 2, 0, 1, 0.5, 0]);
    // Y: 30 + 200 + 80 + 60 − 60 = 310; orders A a3-Y, B b1, C c1 = 3; new B, C = 2; lapsed C.
    expect(figures(rowOf(s.rows, 'Y').now)).toEqual([310, 3, 3, 2, 0, 0, 1]);
    // Z: 90 + 25 + 10 + 10 = 135; orders E, F, G ×2 = 4; active 3; repeat G → 1 / 3; new E, F,
    // G = 3; lapsed E (02-20), F (03-03) = 2.
    expect(figures(rowOf(s.rows, 'Z').now)).toEqual([135, 4, 3, 3, 1, 1 / 3, 2]);
    // 2024-Q4 has nothing: blank; 2024-Q1 for X: 100, 1 order → revenue (165 − 100) / 100 = 0.65.
    expect(Object.values(rowOf(s.rows, 'X').growthPrevious).every((v) => v === null)).toBe(true);
    expect(rowOf(s.rows, 'X').growthYearAgo.revenue).toBeCloseTo(0.65, 12);
    expect(rowOf(s.rows, 'X').growthYearAgo.orders).toBe(3);
  });

  it('2025: the previous period is the year earlier', () => {
    const s = scorecard('2025');
    expect(s.previous.key).toBe('2024');
    expect(s.yearAgo.key).toBe('2024');
    // 2024, X: revenue 100, 1 order, A new; A lapsed 2024-03-10 + 31 = 2024-04-10.
    expect(figures(rowOf(s.rows, 'X').previous)).toEqual([100, 1, 1, 1, 0, 0, 1]);
    // lapsed (0 − 1) / 1 = −1.
    expect(rowOf(s.rows, 'X').growthPrevious.lapsed).toBe(-1);
  });

  it('lapses only up to the as-of date', () => {
    // April 2025: A (03-20 + 31 = 04-20), B (03-06 + 31 = 04-06) … all after 2025-04-01.
    const s = scorecard('2025-04');
    expect(s.rows.every((r) => r.now.lapsed === 0)).toBe(true);
  });
});

describe('targets, value at stake, ranking', () => {
  it('shows attainment for keys with a target, also a target without rows', () => {
    const targets = new Map([
      ['X', 100],
      ['Y', 460],
      ['W', 50]
    ]);
    const s = scorecard('2025-03', true, { targets });
    // X 115 / 100 = 1.15; Y 230 / 460 = 0.5; W has no rows: 0 / 50 = 0; Z has no target.
    expect(rowOf(s.rows, 'X').attainment).toBeCloseTo(1.15, 12);
    expect(rowOf(s.rows, 'Y').attainment).toBe(0.5);
    expect(rowOf(s.rows, 'W').attainment).toBe(0);
    expect(rowOf(s.rows, 'Z').attainment).toBeNull();
    expect(rowOf(s.rows, 'Z').target).toBeNull();
    expect(scorecard('2025-03').rows.every((r) => r.attainment === null)).toBe(true);
  });

  it('sums value at stake by book', () => {
    const atStake = new Map([
      ['A', 10.5],
      ['B', 4.25],
      ['C', 1],
      ['E', 2],
      ['Q', 99] // not in the books (no rows up to the as-of date): left out
    ]);
    const bookOf = new Map<string, string | null>([
      ['A', 'X'],
      ['B', 'Y'],
      ['C', 'Y'],
      ['D', null],
      ['E', null]
    ]);
    // X: A 10.5; Y: B 4.25 + C 1 = 5.25; no value: E 2.
    const byBook = valueAtStakeByBook(atStake, bookOf);
    expect([...byBook.entries()]).toEqual([
      ['X', 10.5],
      ['Y', 5.25],
      [null, 2]
    ]);
    const s = scorecard('2025-03', true, { valueAtStake: byBook });
    expect(rowOf(s.rows, 'Y').valueAtStake).toBe(5.25);
    expect(rowOf(s.rows, 'Z').valueAtStake).toBe(0);
    expect(scorecard('2025-03').rows[0].valueAtStake).toBeNull();
  });

  it('picks the top and bottom N by a metric', () => {
    const { rows } = scorecard('2025-03');
    expect(topBottom(rows, 'revenue', 'top', 2).map((r) => r.key)).toEqual(['Y', 'X']);
    // Smallest first: Z and (no rep) tie at 10, Z ranks above it, so the bottom starts with it.
    expect(topBottom(rows, 'revenue', 'bottom', 2).map((r) => r.key)).toEqual([null, 'Z']);
    // Orders: X 3, Y 2, Z 1, none 1.
    expect(topBottom(rows, 'orders', 'all', 9).map((r) => r.key)).toEqual(['X', 'Y', 'Z', null]);
    // Attainment without targets: nobody has it, so no bottom.
    expect(topBottom(rows, 'attainment', 'bottom', 2)).toEqual([]);
  });

  it('growth is blank when the earlier figure is 0', () => {
    expect(growth(5, 0)).toBeNull();
    expect(growth(0, 4)).toBe(-1);
    expect(growth(null, 4)).toBeNull();
    expect(growth(6, 4)).toBe(0.5);
  });
});

describe('scorecard SQL text', () => {
  it('purchases, with order ids', () => {
    expect(
      buildScorecardPurchasesSql({ table: 't', asOf: AS_OF, dimension: 'rep', hasOrderId: true })
        .sql
    ).toMatchInlineSnapshot(`
      "SELECT customer_id, value, order_date FROM (
        SELECT customer_id, "rep" AS value, MIN(order_date) AS order_date, MIN(row_no) AS first_row
        FROM "t" NOT INDEXED
        WHERE order_date <= ?
        GROUP BY customer_id, order_id, CASE WHEN order_id IS NULL THEN row_no END, "rep"
        HAVING ROUND(SUM(amount), 6) > 0
      ) AS p
      ORDER BY customer_id, order_date, first_row"
    `);
  });
  it('revenue', () => {
    expect(buildScorecardRevenueSql({ table: 't', asOf: AS_OF, dimension: 'rep' }).sql)
      .toMatchInlineSnapshot(`
      "SELECT "rep" AS value, order_date, ROUND(SUM(amount), 6) AS revenue
      FROM "t" NOT INDEXED
      WHERE order_date <= ?
      GROUP BY "rep", order_date
      ORDER BY value, order_date"
    `);
  });
});
