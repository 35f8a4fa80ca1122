// The scorecard's starting choices: the sales-rep-like dimension, the periods and the latest complete one.
import { describe, expect, it } from 'vitest';
import {
  defaultDimensionIndex,
  defaultPeriod,
  periodChoices
} from '../../../src/lib/analysis/scorecard-choices';

const dims = (...headers: string[]) => headers.map((header) => ({ header }));

describe('defaultDimensionIndex', () => {
  it.each([
    [['省份', '城市', '行业', '渠道', '销售代表', '产品类别'], 4],
    [['Country', 'Sales Rep', 'Team'], 1],
    [['区域', '业务员'], 1],
    [['区域', '负责人'], 1],
    [['Region', 'Account owner'], 1],
    [['Region', 'Industry'], 0],
    [[], -1]
  ])('%j → %i', (headers, index) => {
    expect(defaultDimensionIndex(dims(...headers))).toBe(index);
  });
});

describe('periodChoices and defaultPeriod', () => {
  it('lists months newest first and starts on the latest complete one', () => {
    // Data 2024-11-20 … 2025-03-14, as of 2025-03-15: March is not over.
    const choices = periodChoices('month', '2024-11-20', '2025-03-14', '2025-03-15');
    expect(choices.map((p) => [p.key, p.isIncomplete])).toEqual([
      ['2025-03', true],
      ['2025-02', false],
      ['2025-01', false],
      ['2024-12', false],
      ['2024-11', false]
    ]);
    expect(defaultPeriod(choices, '2025-03-15')?.key).toBe('2025-02');
  });

  it('with the default as-of date (the day after the last date) the last period is complete', () => {
    const choices = periodChoices('quarter', '2023-01-01', '2025-12-31', '2026-01-01');
    expect(choices[0]).toMatchObject({ key: '2025-Q4', isIncomplete: false });
    expect(choices).toHaveLength(12);
    expect(defaultPeriod(choices, '2026-01-01')?.key).toBe('2025-Q4');
  });

  it('an earlier as-of date cuts the list; no complete period falls back to the newest', () => {
    const choices = periodChoices('year', '2025-02-01', '2025-12-31', '2025-06-30');
    expect(choices.map((p) => [p.key, p.isIncomplete])).toEqual([['2025', true]]);
    expect(defaultPeriod(choices, '2025-06-30')?.key).toBe('2025');
    expect(periodChoices('month', null, null, '2025-01-01')).toEqual([]);
  });
});
