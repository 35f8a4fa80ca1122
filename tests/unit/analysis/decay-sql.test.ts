// The decay customers builder on real sql.js against a hand-worked fixture, and the decay built from it.
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDecayCustomersSql } from '../../../src/lib/analysis/decay-sql';
import { buildCustomerMonthsSql } from '../../../src/lib/analysis/time-sql';
import { toCustomerMonths } from '../../../src/lib/analysis/customer-months';
import { buildDecay, startTiers, toDecayCustomers } from '../../../src/lib/analysis/decay';
import { DECAY_AS_OF, loadDecayFixture } from './decay-fixture';

let db: Database;
beforeAll(async () => {
  const SQL = await initSqlJs();
  db = new SQL.Database();
  loadDecayFixture(db);
});

const run = (q: { sql: string; params: (string | number | null)[] }) =>
  db.exec(q.sql, q.params)[0]?.values ?? [];

const customers = (rule: 'majority' | 'first', hasOrderId = true) =>
  run(
    buildDecayCustomersSql({
      table: 't',
      asOf: DECAY_AS_OF,
      hasOrderId,
      group: { column: '渠道', rule }
    })
  );

describe('buildDecayCustomersSql', () => {
  it('binds the as-of date and quotes the dimension', () => {
    const q = buildDecayCustomersSql({
      table: 't',
      asOf: DECAY_AS_OF,
      hasOrderId: true,
      group: { column: '渠道', rule: 'majority' }
    });
    expect(q.params).toEqual([DECAY_AS_OF, DECAY_AS_OF]);
    expect(q.sql).toContain('"渠道"');
  });

  it('first and second purchase day; the majority value with ties to the latest row (§8)', () => {
    // A: purchase days 01-05 (two orders), 02-10, 04-20; channel rows Online 2, Shop 2 → tie,
    //    latest row 04-20 is Shop. B: 01-20, 05-02 (03-03 is a return); Shop 2 rows vs Online 1.
    // C: 02-02, 02-25; the only non-null value is Online. D: no purchase, absent. E: after as-of.
    // F: order f1 nets 40 − 40 = 0 (no purchase), so only 03-09; Shop 2 rows vs Online 1.
    expect(customers('majority')).toEqual([
      ['A', '2024-01-05', '2024-02-10', 'Shop'],
      ['B', '2024-01-20', '2024-05-02', 'Shop'],
      ['C', '2024-02-02', '2024-02-25', 'Online'],
      ['F', '2024-03-09', null, 'Shop']
    ]);
  });

  it('the value on the first order: the first row with a value on the first purchase day', () => {
    // A: rows 2 (Online) and 3 (Shop) on 01-05 → row 2. B: row 6 Shop. C: row 9 on 02-02 has no
    // value and no other row that day → null. F: 03-09 is row 15, Online.
    expect(customers('first').map((r) => [r[0], r[3]])).toEqual([
      ['A', 'Online'],
      ['B', 'Shop'],
      ['C', null],
      ['F', 'Online']
    ]);
  });

  it('without order ids each row is an order', () => {
    // F's row 13 (40) is then a purchase on 03-01 and row 15 a second one on 03-09.
    expect(customers('majority', false).find((r) => r[0] === 'F')).toEqual([
      'F',
      '2024-03-01',
      '2024-03-09',
      'Shop'
    ]);
  });

  it('no group column: null values', () => {
    const rows = run(
      buildDecayCustomersSql({ table: 't', asOf: DECAY_AS_OF, hasOrderId: true, group: null })
    );
    expect(rows.map((r) => r[3])).toEqual([null, null, null, null]);
  });
});

describe('buildDecay on the fixture', () => {
  const load = () => {
    const months = toCustomerMonths(
      run(buildCustomerMonthsSql({ table: 't', asOf: DECAY_AS_OF, hasOrderId: true }))
    );
    return toDecayCustomers(months, customers('majority'));
  };

  it('aligns on each start, counts only complete months, and second orders', () => {
    const rows = load();
    const r = buildDecay(
      rows,
      rows.map((c) => c.value),
      { asOf: DECAY_AS_OF, topN: 1 }
    );
    // Last complete month April (as-of 2024-05-10); earliest start January → k 0…3.
    expect(r.lastComplete).toBe('2024-04');
    expect(r.maxK).toBe(3);
    expect(r.decayMonth).toBe(3);
    // Observable: A, B (Jan) at k 0–3; C (Feb) at 0–2; F (Mar) at 0–1 → [4, 4, 3, 2].
    // Active: A k0 (Jan), k1 (Feb), k3 (Apr); B k0 (its May order is in the incomplete month);
    // C k0; F k0 → [4, 1, 0, 1]; retention [4/4, 1/4, 0/3, 1/2].
    expect(r.total.observed).toEqual([4, 4, 3, 2]);
    expect(r.total.active).toEqual([4, 1, 0, 1]);
    expect(r.total.retention).toEqual([1, 0.25, 0, 0.5]);
    // Days to the second purchase day: A 01-05→02-10 = 26 + 10 = 36; B 01-20→05-02 = 11 + 29 + 31
    // + 30 + 2 = 103; C 02-02→02-25 = 23; F none. Median of 23, 36, 103 = 36; 3 of 4 ever.
    expect(r.total.secondBuyers).toBe(3);
    expect(r.total.medianDaysToSecond).toBe(36);
    expect(r.total.shareSecond).toBe(0.75);
    // Observed ≥ 90 days before 2024-05-10: A (126 days), B (111), C (98); F (62) not.
    // Within 90 days: A (36), C (23); B (103) not → 2 / 3.
    expect(r.total.observed90).toBe(3);
    expect(r.total.second90).toBe(2);
    expect(r.total.shareSecond90).toBeCloseTo(2 / 3, 12);
    // Top 1 by size: Shop {A, B, F}; Online {C} goes to the others. Nobody has 20 observable.
    const [shop, others] = r.groups;
    expect([shop.value, shop.customers, shop.isOthers]).toEqual(['Shop', 3, false]);
    // Shop observable: A, B k0–3; F k0–1 → [3, 3, 2, 2]; active A k0, k1, k3; B k0; F k0.
    expect(shop.observed).toEqual([3, 3, 2, 2]);
    expect(shop.active).toEqual([3, 1, 0, 1]);
    expect(shop.rank).toBeNull();
    expect(shop.decayRetention).toBeNull();
    expect([others.isOthers, others.customers, others.retention]).toEqual([
      true,
      1,
      [1, 0, 0, null]
    ]);
  });

  it('starting value tier: ABC of the first month’s net revenue', () => {
    const rows = load();
    // First-month net revenue: A Jan 150, B Jan 200, C Feb 100, F Mar 10 (f1 nets 0). S = 460.
    // Descending B, A, C, F with revenue before 0, 200, 350, 450: A while < 368 (0.8 S),
    // B while < 437 (0.95 S), else C → B, A, C are A; F is C.
    expect(rows.map((c) => c.startRevenue)).toEqual([150, 200, 100, 10]);
    expect(startTiers(rows)).toEqual(['A', 'A', 'A', 'C']);
  });
});
