// The Overview's headline (DOMAIN §5, §7a): windows and figures worked out by hand from a tiny order
// file imported as the app imports it, read with the scorecard SQL with no dimension.
import { describe, expect, it } from 'vitest';
import {
  computeHeadline,
  headlineWindows,
  sameDayYearEarlier
} from '../../../../src/lib/analysis/overview/headline';
import {
  buildScorecardPurchasesSql,
  buildScorecardRevenueSql
} from '../../../../src/lib/analysis/scorecard-sql';
import { toScorecardData } from '../../../../src/lib/analysis/scorecard';
import { selectRows } from '../../../../src/lib/worker/sql-run';
import { importCsv } from '../../worker/import-fixture';

const CSV = `订单号,订单日期,客户编号,订单金额
O1,2024-02-01,A,100
O2,2024-03-01,B,50
O3,2024-11-01,A,200
O8,2025-01-10,D,40
O9,2025-01-11,D,60
O4,2025-02-01,A,300
O5,2025-03-01,A,100
O7,2025-03-15,B,-30
O6,2025-04-10,C,80
O10,2025-04-11,C,999
`;
const AS_OF = '2025-04-10';

describe('headline windows', () => {
  it('are the 90 days to the as-of date, the 90 before, and the same 90 days a year earlier', () => {
    // Jan 11–31 (21) + Feb (28) + Mar (31) + Apr 1–10 (10) = 90 days.
    expect(headlineWindows(AS_OF)).toEqual({
      now: { start: '2025-01-11', end: '2025-04-11' },
      previous: { start: '2024-10-13', end: '2025-01-11' },
      // 2024 is a leap year: Jan 12–31 (20) + Feb (29) + Mar (31) + Apr 1–10 (10) = 90.
      yearAgo: { start: '2024-01-12', end: '2024-04-11' }
    });
  });
  it('takes 28 February for a 29 February a year earlier', () => {
    expect(sameDayYearEarlier('2024-02-29')).toBe('2023-02-28');
    expect(sameDayYearEarlier('2025-03-01')).toBe('2024-03-01');
  });
});

describe('computeHeadline on an imported file', () => {
  it('counts each window as DOMAIN says and leaves growth blank when then is 0', async () => {
    const { db, d } = await importCsv(CSV, 'headline');
    const opts = { table: d.table, asOf: AS_OF, dimension: null };
    const data = toScorecardData(
      selectRows(db, buildScorecardPurchasesSql({ ...opts, hasOrderId: d.hasOrderId })),
      selectRows(db, buildScorecardRevenueSql(opts))
    );
    const h = computeHeadline(data, AS_OF, 180);
    // Now: D 60 + A 300 + A 100 − B's return 30 + C 80 (the row after the as-of date is out).
    expect(h.now).toMatchObject({
      revenue: 510,
      orders: 4,
      active: 3, // A, C, D (B only returned)
      newCustomers: 1, // C
      repeatCustomers: 1 // A
    });
    expect(h.now.repeatRate).toBeCloseTo(1 / 3, 12);
    // Previous: A 200, D 40 (D's first order: new).
    expect(h.previous).toMatchObject({
      revenue: 240,
      orders: 2,
      active: 2,
      newCustomers: 1,
      repeatRate: 0
    });
    // A year earlier: A 100, B 50, both first orders.
    expect(h.yearAgo).toMatchObject({
      revenue: 150,
      orders: 2,
      active: 2,
      newCustomers: 2,
      repeatRate: 0
    });
    expect(h.growthPrevious.revenue).toBeCloseTo(270 / 240, 12);
    expect(h.growthPrevious.orders).toBe(1);
    expect(h.growthPrevious.active).toBe(0.5);
    expect(h.growthPrevious.newCustomers).toBe(0);
    expect(h.growthPrevious.repeatRate).toBeNull(); // then = 0
    expect(h.growthYearAgo.revenue).toBeCloseTo(360 / 150, 12);
    expect(h.growthYearAgo.newCustomers).toBe(-0.5);
    expect(h.growthYearAgo.repeatRate).toBeNull();
  });

  it('has no growth against a window without data', () => {
    // One purchase in the last 90 days, nothing before.
    const data = toScorecardData([['A', null, '2025-04-01']], [[null, '2025-04-01', 120]]);
    const h = computeHeadline(data, AS_OF, 180);
    expect(h.now.revenue).toBe(120);
    expect(h.previous.revenue).toBe(0);
    expect(h.growthPrevious.revenue).toBeNull();
    expect(h.growthYearAgo.active).toBeNull();
  });
});
