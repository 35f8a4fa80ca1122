// The scorecard table's download: one column per figure and per change, year-earlier columns dropped
// for years, value at stake and attainment only when shown.
import { describe, expect, it } from 'vitest';
import { scorecardExport } from '../../../src/lib/components/scorecard/scorecard-table';
import { periodLabel } from '../../../src/lib/components/scorecard/period-label';
import { periodFromKey } from '../../../src/lib/analysis/period';
import type { PeriodMetrics, ScorecardRow } from '../../../src/lib/analysis/scorecard';

const m = (revenue: number): PeriodMetrics => ({
  revenue,
  orders: 2,
  active: 2,
  newCustomers: 1,
  repeatCustomers: 1,
  repeatRate: 0.5,
  lapsed: 0
});
const none = {
  revenue: null,
  orders: null,
  active: null,
  newCustomers: null,
  repeatRate: null,
  lapsed: null
};
const row: ScorecardRow = {
  key: null,
  now: m(150),
  previous: m(100),
  yearAgo: m(0),
  growthPrevious: { ...none, revenue: 0.5 },
  growthYearAgo: none,
  valueAtStake: 12.345,
  target: 300,
  attainment: 0.5
};
const labels = {
  dimension: 'Rep',
  noValue: '(no value)',
  metric: (x: string) => x,
  vsPrevious: 'vs last month',
  vsYearAgo: 'vs a year earlier'
};

describe('scorecardExport', () => {
  it('writes every metric with its changes, then value at stake and attainment', () => {
    const t = scorecardExport([row], labels, { yearAgo: true, valueAtStake: true, targets: true });
    expect(t.columns.map((c) => c.label).slice(0, 4)).toEqual([
      'Rep',
      'revenue',
      'revenue vs last month',
      'revenue vs a year earlier'
    ]);
    expect(t.columns).toHaveLength(1 + 6 * 3 + 3);
    expect(t.rows[0]).toMatchObject({
      key: '(no value)',
      revenue: 150,
      'revenue.prev': 0.5,
      'revenue.year': null,
      attainment: 0.5
    });
  });

  it('leaves out the year-earlier changes, value at stake and targets when not shown', () => {
    const t = scorecardExport([row], labels, {
      yearAgo: false,
      valueAtStake: false,
      targets: false
    });
    expect(t.columns).toHaveLength(1 + 6 * 2);
  });
});

describe('periodLabel', () => {
  it.each([
    ['2025-03', 'zh-CN', '2025年3月'],
    ['2025-03', 'en', 'Mar 2025'],
    ['2025-Q1', 'zh-CN', '2025年第1季度'],
    ['2025-Q1', 'en', 'Q1 2025'],
    ['2025', 'zh-CN', '2025年'],
    ['2025', 'en', '2025']
  ] as const)('%s in %s → %s', (key, locale, text) => {
    expect(periodLabel(locale, periodFromKey(key)!)).toBe(text);
  });
});
