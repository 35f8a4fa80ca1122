// Overdue vs own rhythm (DOMAIN §7c), from the text: ≥ 3 purchase days, days since the last one
// above factor × the median gap, not Lapsed. Hand-computed cases; the SQL runs on real sql.js.
import initSqlJs, { type Database } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPurchaseDaysSql,
  customerRhythms,
  DEFAULT_RHYTHM_FACTOR,
  overdueVsRhythm,
  purchaseGaps
} from '../../../../src/lib/analysis/rules/rhythm';
import { median } from '../../../../src/lib/analysis/concentration';

describe('median and gaps', () => {
  it('odd count: the middle one; even count: the mean of the two middle ones', () => {
    expect(median([10, 10])).toBe(10);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(median([])).toBeNull();
  });
  it('gaps between distinct days; a repeated day is one purchase day', () => {
    expect(purchaseGaps(['2024-01-21', '2024-01-01', '2024-01-11', '2024-01-11'])).toEqual([
      10, 10
    ]);
    // Across a month end and a leap day: 2024-02-28 → 03-01 is 2 days.
    expect(purchaseGaps(['2024-02-28', '2024-03-01'])).toEqual([2]);
  });
});

describe('customerRhythms', () => {
  // Purchase days 1, 11, 21 Jan → gaps 10, 10 → median 10 → overdue when days since > 20.
  const days = (id: string, ...d: string[]) => d.map((x) => [id, x, 1]);
  const opts = { lapseDays: 180 };
  it('1, 11, 21 Jan: exactly 20 days since is not late, 21 is', () => {
    const rows = days('a', '2024-01-01', '2024-01-11', '2024-01-21');
    const at20 = customerRhythms(rows, { ...opts, asOf: '2024-02-10' });
    expect(at20).toEqual([
      {
        customerId: 'a',
        purchaseDays: 3,
        lastPurchase: '2024-01-21',
        medianGapDays: 10,
        daysSince: 20,
        recencyDays: 20,
        daysLate: 10,
        isOverdue: false
      }
    ]);
    const at21 = customerRhythms(rows, { ...opts, asOf: '2024-02-11' });
    expect(at21[0].isOverdue).toBe(true);
    expect(at21[0].daysLate).toBe(11);
  });
  it('two purchase days give no rhythm', () => {
    expect(
      customerRhythms(days('b', '2024-01-01', '2024-01-11'), { ...opts, asOf: '2024-06-01' })
    ).toEqual([]);
  });
  it('even number of gaps: median is the mean of the two middle gaps', () => {
    // Days 1, 3, 8, 18 Jan → gaps 2, 5, 10 → median 5 (odd). Add 20 Jan → gaps 2,5,10,2 → sorted
    // 2,2,5,10 → median (2+5)/2 = 3.5 → overdue when days since > 7.
    const rows = days('c', '2024-01-01', '2024-01-03', '2024-01-08', '2024-01-18', '2024-01-20');
    const r7 = customerRhythms(rows, { ...opts, asOf: '2024-01-27' })[0];
    expect(r7.medianGapDays).toBe(3.5);
    expect(r7.daysSince).toBe(7);
    expect(r7.isOverdue).toBe(false);
    expect(customerRhythms(rows, { ...opts, asOf: '2024-01-28' })[0].isOverdue).toBe(true);
  });
  it('a Lapsed customer (recency above lapse days) is not overdue', () => {
    const rows = days('d', '2024-01-01', '2024-01-11', '2024-01-21');
    // 2024-07-19 is 180 days after 21 Jan: not lapsed; 181 days: lapsed.
    expect(customerRhythms(rows, { ...opts, asOf: '2024-07-19' })[0].isOverdue).toBe(true);
    expect(customerRhythms(rows, { ...opts, asOf: '2024-07-20' })[0].isOverdue).toBe(false);
  });
  it('the factor is a setting', () => {
    const rows = days('e', '2024-01-01', '2024-01-11', '2024-01-21');
    // factor 3 → late when > 30 days.
    expect(customerRhythms(rows, { ...opts, asOf: '2024-02-20', factor: 3 })[0].isOverdue).toBe(
      false
    );
    expect(customerRhythms(rows, { ...opts, asOf: '2024-02-21', factor: 3 })[0].isOverdue).toBe(
      true
    );
    expect(DEFAULT_RHYTHM_FACTOR).toBe(2);
  });
  it('overdueVsRhythm keeps the overdue ones, most days late first', () => {
    const rows = [
      ...days('p', '2024-01-01', '2024-01-11', '2024-01-21'), // gap 10, since 40 → late 30
      ...days('q', '2024-02-01', '2024-02-06', '2024-02-11'), // gap 5, since 19 → late 14
      ...days('r', '2024-02-01', '2024-02-11', '2024-02-21') // gap 10, since 9 → not overdue
    ];
    const out = overdueVsRhythm(rows, { ...opts, asOf: '2024-03-01' });
    expect(out.map((r) => [r.customerId, r.daysSince, r.daysLate])).toEqual([
      ['p', 40, 30],
      ['q', 19, 14]
    ]);
  });
});

describe('buildPurchaseDaysSql on sql.js', () => {
  let db: Database;
  beforeAll(async () => {
    db = new (await initSqlJs()).Database();
    db.run(
      `CREATE TABLE t (row_no INTEGER, customer_id TEXT, order_id TEXT, order_date TEXT, amount REAL)`
    );
    const rows: [number, string, string | null, string, number][] = [
      [1, 'a', 'o1', '2024-01-01', 50],
      [2, 'a', 'o2', '2024-01-01', 30], // same day: one purchase day
      [3, 'a', 'o3', '2024-01-11', 20],
      [4, 'a', 'o3', '2024-01-11', -5], // a line of the same order
      [5, 'a', 'o4', '2024-01-15', -40], // a return only: no purchase day
      [6, 'a', 'o5', '2024-01-21', 10],
      [7, 'a', 'o6', '2024-03-01', 99], // after the as-of date
      [8, 'b', 'o7', '2024-01-05', 100],
      [9, 'b', 'o8', '2024-01-05', -150], // that day's returns are larger: still a purchase day
      [10, 'b', 'o9', '2024-01-09', 0], // a 0 order is a purchase day, not a positive one
      [11, 'c', null, '2024-01-02', 5], // rows without an order id are orders of their own
      [12, 'c', null, '2024-01-02', 7]
    ];
    for (const r of rows) db.run('INSERT INTO t VALUES (?, ?, ?, ?, ?)', r);
  });
  afterAll(() => db.close());

  it('lists purchase days up to the as-of date, flagging days with a positive order', () => {
    const q = buildPurchaseDaysSql({ table: 't', hasOrderId: true, asOf: '2024-02-15' });
    expect(q.sql).toContain('FROM "t"');
    expect(db.exec(q.sql, q.params)[0].values).toEqual([
      ['a', '2024-01-01', 1],
      ['a', '2024-01-11', 1],
      ['a', '2024-01-21', 1],
      ['b', '2024-01-05', 1],
      ['b', '2024-01-09', 0],
      ['c', '2024-01-02', 1]
    ]);
  });
  it('feeds the rhythm: a, days 1, 11, 21 Jan, is 25 days late on 15 Feb', () => {
    const q = buildPurchaseDaysSql({ table: 't', hasOrderId: true, asOf: '2024-02-15' });
    const out = overdueVsRhythm(db.exec(q.sql, q.params)[0].values, {
      asOf: '2024-02-15',
      lapseDays: 180
    });
    expect(out.map((r) => [r.customerId, r.medianGapDays, r.daysSince])).toEqual([['a', 10, 25]]);
  });
  it('without an order id each row is an order', () => {
    const q = buildPurchaseDaysSql({ table: 't', hasOrderId: false, asOf: '2024-01-31' });
    const rows = db.exec(q.sql, q.params)[0].values;
    // Row by row, 2024-01-15 has only a return; 2024-01-11's −5 line sits beside a 20 purchase.
    expect(rows.filter((r) => r[0] === 'a').map((r) => r[1])).toEqual([
      '2024-01-01',
      '2024-01-11',
      '2024-01-21'
    ]);
  });
});
