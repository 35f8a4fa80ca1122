// Cohort matrix and the decay-curve default selection, on the hand-worked fixture.
import initSqlJs from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCohorts, spreadCohorts } from '../../../src/lib/analysis/cohorts';
import {
  monthNumber,
  monthOf,
  toCustomerMonths,
  type CustomerMonths
} from '../../../src/lib/analysis/customer-months';
import { buildCustomerMonthsSql } from '../../../src/lib/analysis/time-sql';
import { AS_OF, loadFixture } from './time-fixture';

let data: CustomerMonths;
beforeAll(async () => {
  const db = new (await initSqlJs()).Database();
  loadFixture(db);
  const q = buildCustomerMonthsSql({ table: 't', asOf: AS_OF, hasOrderId: true });
  data = toCustomerMonths(db.exec(q.sql, q.params)[0].values);
});

describe('months', () => {
  it.each([
    ['2024-01', 2024 * 12],
    ['2023-12-31', 2024 * 12 - 1],
    ['0999-10', 999 * 12 + 9]
  ])('%s ↔ %i', (month, n) => {
    expect(monthNumber(month)).toBe(n);
    expect(monthOf(n)).toBe(month.slice(0, 7));
  });
});

describe('buildCohorts', () => {
  it('gives size, retention and net revenue by months since the first order', () => {
    const { cohorts, maxK } = buildCohorts(data);
    expect(maxK).toBe(3);
    expect(cohorts).toEqual([
      {
        month: '2024-01',
        size: 2,
        active: [2, 1, 0, 1],
        retention: [1, 0.5, 0, 0.5],
        revenue: [300, 30, 0, 30]
      },
      { month: '2024-02', size: 1, active: [1, 0, 0], retention: [1, 0, 0], revenue: [100, 0, 0] }
    ]);
  });

  it('is empty without data', () => {
    expect(buildCohorts(toCustomerMonths([]))).toEqual({ cohorts: [], maxK: 0 });
  });

  it('leaves out a return dated before the first purchase', () => {
    const d = toCustomerMonths([
      ['X', '2024-01', 0, -10, 0],
      ['X', '2024-02', 1, 40, 40]
    ]);
    expect(buildCohorts(d).cohorts).toEqual([
      { month: '2024-02', size: 1, active: [1], retention: [1], revenue: [40] }
    ]);
  });
});

describe('spreadCohorts', () => {
  it.each([
    [3, 4, [0, 1, 2]],
    [10, 4, [0, 3, 6, 9]],
    [13, 4, [0, 4, 8, 12]],
    [5, 1, [0]],
    [0, 4, []]
  ])('%i cohorts, %i picked', (total, count, want) => {
    expect(spreadCohorts(total, count)).toEqual(want);
  });
});
