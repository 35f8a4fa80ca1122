// Spend-drop alerts (DOMAIN §5): windows, the SQL on real sql.js, and the alert rule, by hand.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import {
  buildSpendDropSql,
  spendDropAlerts,
  spendDropWindows
} from '../../../src/lib/analysis/spend-drop';

describe('spendDropWindows', () => {
  it('recent = the 90 days ending on the as-of date, year = the 365 days before them', () => {
    expect(spendDropWindows('2024-12-31')).toEqual({
      recentFrom: '2024-10-03',
      recentTo: '2024-12-31',
      yearFrom: '2023-10-04',
      yearTo: '2024-10-02'
    });
  });
});

describe('spendDropAlerts', () => {
  it('flags recent spend below half the usual 90-day spend of active customers', () => {
    // usual = year × 90 / 365: 3650 → 900; 730 → 180; 365 → 90.
    const alerts = spendDropAlerts([
      ['a', 449, 3650], // 449 < 450 → alert, drop 451
      ['b', 450, 3650], // exactly half → no alert
      ['c', 0, 730], // 0 < 90 → alert, drop 180
      ['d', -10, 365], // returns only → alert, drop 100
      ['e', 0, 0], // not active in the year
      ['f', 0, -50] // net negative year: not active
    ]);
    expect(alerts.map((a) => a.customerId)).toEqual(['a', 'c', 'd']);
    expect(alerts[0]).toEqual({
      customerId: 'a',
      recentSpend: 449,
      usualSpend: 900,
      share: 449 / 900
    });
    expect(alerts[2].share).toBeCloseTo(-10 / 90, 12);
  });
});

describe('buildSpendDropSql', () => {
  it('sums both windows per customer on sql.js', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run(`CREATE TABLE t (customer_id TEXT, order_date TEXT, amount REAL)`);
    const rows: [string, string, number][] = [
      ['a', '2024-12-31', 100], // recent (last day)
      ['a', '2024-10-03', 50], // recent (first day)
      ['a', '2024-10-02', 1000], // year (last day)
      ['a', '2023-10-04', 10], // year (first day)
      ['a', '2023-10-03', 999], // before both windows
      ['b', '2025-01-01', 999], // after the as-of date
      ['b', '2024-01-15', 200], // year
      ['b', '2024-11-01', -20] // recent return
    ];
    for (const r of rows) db.run('INSERT INTO t VALUES (?, ?, ?)', r);
    const q = buildSpendDropSql('t', '2024-12-31');
    expect(q.sql).toContain('FROM "t"');
    const out = db.exec(q.sql, q.params)[0].values;
    expect(out).toEqual([
      ['a', 150, 1010],
      ['b', -20, 200]
    ]);
    db.close();
  });
});
