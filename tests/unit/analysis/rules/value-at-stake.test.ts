// Value at stake (DOMAIN §7c): the model's (CLV if surely alive − CLV) when fitted, else revenue over
// the 365 days ending on the as-of date. Hand-computed; the SQL runs on real sql.js.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import {
  buildStakeRevenueSql,
  stakeRevenueWindow,
  valueAtStake,
  valuesAtStake
} from '../../../../src/lib/analysis/rules/value-at-stake';
import { valueAtStake as churnValueAtStake } from '../../../../src/lib/worker/churn-service';

describe('value at stake', () => {
  it('by the model: CLV if surely alive minus CLV', () => {
    expect(valueAtStake({ clv: 30, clvIfAlive: 100 })).toBe(70);
    // The churn lists use the same definition.
    expect(churnValueAtStake).toBe(valueAtStake);
  });
  it('the window: 365 days ending on the as-of date (2024 is a leap year)', () => {
    expect(stakeRevenueWindow('2024-12-31')).toEqual({ from: '2024-01-02', to: '2024-12-31' });
    expect(stakeRevenueWindow('2025-03-01')).toEqual({ from: '2024-03-02', to: '2025-03-01' });
  });
  it('with a model: the model values; without: the revenue rows', () => {
    const model = valuesAtStake(
      [
        { customerId: 'a', clv: 10, clvIfAlive: 25 },
        { customerId: 'b', clv: 5, clvIfAlive: 5 }
      ],
      [['a', 999]]
    );
    expect(model.source).toBe('model');
    expect([...model.byCustomer]).toEqual([
      ['a', 15],
      ['b', 0]
    ]);
    const revenue = valuesAtStake(null, [
      ['a', 120.5],
      ['b', -3]
    ]);
    expect(revenue.source).toBe('revenue');
    expect([...revenue.byCustomer]).toEqual([
      ['a', 120.5],
      ['b', -3]
    ]);
  });
  it('sums net revenue in the window on sql.js', async () => {
    const db = new (await initSqlJs()).Database();
    db.run(`CREATE TABLE t (customer_id TEXT, order_date TEXT, amount REAL)`);
    const rows: [string, string, number][] = [
      ['a', '2024-12-31', 100], // as-of day: in
      ['a', '2024-01-02', 50], // first day: in
      ['a', '2024-01-01', 1000], // one day too early
      ['a', '2025-01-01', 999], // after the as-of date
      ['a', '2024-06-01', -20], // a return deducts
      ['b', '2023-06-01', 70], // outside: b absent
      ['c', '2024-05-05', 0.1],
      ['c', '2024-05-06', 0.2]
    ];
    for (const r of rows) db.run('INSERT INTO t VALUES (?, ?, ?)', r);
    const q = buildStakeRevenueSql('t', '2024-12-31');
    expect(db.exec(q.sql, q.params)[0].values).toEqual([
      ['a', 130],
      ['c', 0.3]
    ]);
    db.close();
  });
});
