// Monthly trends on the hand-worked fixture.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { toCustomerMonths } from '../../../src/lib/analysis/customer-months';
import { buildTrends } from '../../../src/lib/analysis/trends';
import { buildCustomerMonthsSql } from '../../../src/lib/analysis/time-sql';
import { AS_OF, loadFixture } from './time-fixture';

describe('buildTrends', () => {
  it('gives revenue, orders, active/new/returning customers and AOV per month', async () => {
    const db = new (await initSqlJs()).Database();
    loadFixture(db);
    const q = buildCustomerMonthsSql({ table: 't', asOf: AS_OF, hasOrderId: true });
    const trends = buildTrends(toCustomerMonths(db.exec(q.sql, q.params)[0].values));
    expect(trends).toEqual([
      { month: '2024-01', revenue: 300, orders: 2, active: 2, new: 2, returning: 0, aov: 150 },
      { month: '2024-02', revenue: 130, orders: 3, active: 2, new: 1, returning: 1, aov: 50 },
      { month: '2024-03', revenue: -5, orders: 0, active: 0, new: 0, returning: 0, aov: null },
      { month: '2024-04', revenue: 30, orders: 1, active: 1, new: 0, returning: 1, aov: 30 }
    ]);
  });

  it('fills months without orders with zeros', () => {
    const trends = buildTrends(
      toCustomerMonths([
        ['X', '2023-11', 1, 10, 10],
        ['X', '2024-02', 2, 30, 30]
      ])
    );
    expect(trends.map((t) => [t.month, t.orders, t.active, t.new, t.returning])).toEqual([
      ['2023-11', 1, 1, 1, 0],
      ['2023-12', 0, 0, 0, 0],
      ['2024-01', 0, 0, 0, 0],
      ['2024-02', 2, 1, 0, 1]
    ]);
    expect(trends[3].aov).toBe(15);
  });

  it('is empty without data', () => {
    expect(buildTrends(toCustomerMonths([]))).toEqual([]);
  });
});
