// Profit (DOMAIN §7b) against hand-worked answers: margin, the profit curve's peak and total, the
// loss-making customers, grouping; and the SQL on sql.js.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import {
  buildCustomerProfitSql,
  buildDimensionProfitSql,
  curvePoints,
  groupProfit,
  hasProfitColumn,
  marginOf,
  profitCurve,
  type CustomerProfit
} from '../../../src/lib/analysis/profit';

const c = (customerId: string, revenue: number, profit: number): CustomerProfit => ({
  customerId,
  name: null,
  revenue,
  profit
});
const CUSTOMERS = [
  c('B', 350, -40),
  c('A', 300, 80),
  c('E', 40, 5),
  c('D', 60, -10),
  c('C', 80, 20)
];

describe('profit curve', () => {
  it('sorts by profit descending and accumulates: rises to the peak, falls back to the total', () => {
    // A 80, C 20, E 5, D −10, B −40 → 0, 80, 100, 105, 95, 55.
    const curve = profitCurve(CUSTOMERS);
    expect([...curve.cumulative]).toEqual([0, 80, 100, 105, 95, 55]);
    expect(curve.peak).toEqual({ customers: 3, profit: 105 });
    expect(curve.total).toBe(55);
    expect(curve.losses.map((x) => x.customerId)).toEqual(['B', 'D']);
  });

  it('breaks profit ties by customer id and peaks at the first customer when all lose', () => {
    const curve = profitCurve([c('b', 1, -5), c('a', 1, -5), c('c', 1, -1)]);
    expect([...curve.cumulative]).toEqual([0, -1, -6, -11]);
    expect(curve.peak).toEqual({ customers: 1, profit: -1 });
    expect(curve.losses.map((x) => x.customerId)).toEqual(['b', 'a', 'c']);
  });

  it('thins a long curve for drawing but keeps the start, the peak and the end', () => {
    const cumulative = Array.from({ length: 1001 }, (_, k) => (k <= 777 ? k : 1554 - k));
    const points = curvePoints(cumulative, 777, 100);
    expect(points.length).toBeLessThanOrEqual(103);
    expect(points[0]).toEqual([0, 0]);
    expect(points).toContainEqual([777, 777]);
    expect(points.at(-1)).toEqual([1000, 554]);
  });
});

describe('margin and groups', () => {
  it('margin = profit / revenue, none without positive revenue', () => {
    expect(marginOf(55, 830)).toBeCloseTo(0.066265, 6);
    expect(marginOf(5, 0)).toBeNull();
    expect(marginOf(5, -10)).toBeNull();
  });

  it('groups customers with their loss-makers, largest profit first', () => {
    const tier: Record<string, string> = { A: 'A', B: 'A', C: 'A', D: 'B', E: 'C' };
    const groups = groupProfit(CUSTOMERS, (x) => tier[x.customerId]);
    expect(groups.map((g) => [g.key, g.customers, g.revenue, g.profit, g.lossCustomers])).toEqual([
      ['A', 3, 730, 60, 1],
      ['C', 1, 40, 5, 0],
      ['B', 1, 60, -10, 1]
    ]);
    expect(groups[0].margin).toBeCloseTo(60 / 730, 10);
  });

  it('knows whether the orders carry profit', () => {
    const cols = (header: string) => [{ role: 'profit', header }];
    expect(hasProfitColumn({ kind: 'transactions', columns: cols('Profit') })).toBe(true);
    expect(hasProfitColumn({ kind: 'transactions', columns: cols('') })).toBe(false);
    expect(hasProfitColumn({ kind: 'customers', columns: cols('Profit') })).toBe(false);
  });
});

describe('profit SQL on sql.js', () => {
  it('sums revenue and profit per customer and per row value up to the as-of date', async () => {
    const db = new (await initSqlJs()).Database();
    db.run(`CREATE TABLE t (row_no INTEGER, customer_id TEXT, customer_name TEXT, order_date TEXT,
      amount REAL, profit REAL, "Sales Rep" TEXT)`);
    const rows: [string, string, number, number | null, string][] = [
      ['A', '2025-01-10', 100, 30, 'X'],
      ['A', '2025-02-10', 200, 50, 'Y'],
      ['A', '2025-02-11', -20, -5, 'Y'], // a return: revenue and profit both down
      ['B', '2025-01-15', 300, null, 'X'], // no profit value
      ['B', '2025-05-01', 999, 999, 'X'] // after the as-of date
    ];
    rows.forEach((r, i) =>
      db.run('INSERT INTO t VALUES (?,?,?,?,?,?,?)', [i + 2, r[0], `N${r[0]}`, ...r.slice(1)])
    );
    const q = buildCustomerProfitSql({ table: 't', asOf: '2025-03-31' });
    expect(db.exec(q.sql, q.params)[0].values).toEqual([
      ['A', 'NA', 280, 75, 0],
      ['B', 'NB', 300, 0, 1]
    ]);
    const d = buildDimensionProfitSql({ table: 't', asOf: '2025-03-31', dimension: 'Sales Rep' });
    const byRep = db.exec(d.sql, d.params)[0].values.sort();
    expect(byRep).toEqual([
      ['X', 400, 30, 2],
      ['Y', 180, 45, 1]
    ]);
  });
});
