import { describe, expect, it } from 'vitest';
import { buildScale } from '../../../src/lib/charts/scales';
import {
  defaultTickFormat,
  estimateTextWidth,
  moneyTickFormat,
  pickTicks,
  thinLabels
} from '../../../src/lib/charts/ticks';
import { formatCompact, formatMonth, formatTick } from '../../../src/lib/i18n/format';

describe('number formats for axes', () => {
  it.each([
    ['en', 1234, '1.23K'],
    ['en', 1_500_000, '1.5M'],
    ['zh-CN', 12_345, '1.23万'],
    ['zh-CN', 340_000_000, '3.4亿'],
    ['en', 0, '0']
  ] as const)('formatCompact(%s, %d) = %s', (locale, n, expected) => {
    expect(formatCompact(locale, n)).toBe(expected);
  });

  it.each([
    ['en', 0.25, 0.25, 1, '0.25'],
    ['en', 0.5, 0.5, 1, '0.5'],
    ['en', 1, 0.5, 1, '1.0'],
    ['en', 2000, 500, 2000, '2,000'],
    ['en', 5000, 5000, 20_000, '5K'],
    ['zh-CN', 20_000, 5000, 20_000, '2万'],
    ['zh-CN', 0.1, 0.1, 1, '0.1']
  ] as const)('formatTick(%s, %d, step %d, largest %d) = %s', (locale, n, step, largest, out) => {
    expect(formatTick(locale, n, step, largest)).toBe(out);
  });

  it('formats months in both languages without shifting', () => {
    expect(formatMonth('en', '2024-03')).toBe('Mar 2024');
    expect(formatMonth('zh-CN', '2024-03-31')).toBe('2024年3月');
    expect(formatMonth('en', new Date(Date.UTC(2024, 0, 1)))).toBe('Jan 2024');
    expect(formatMonth('en', 'not a month')).toBe('not a month');
  });
});

describe('default tick labels', () => {
  it('makes every tick of one axis look alike', () => {
    const ticks = [0, 5000, 10_000, 15_000];
    const f = defaultTickFormat('en', ticks);
    expect(ticks.map(f)).toEqual(['0', '5K', '10K', '15K']);
  });

  it('writes money ticks with the currency symbol, compact from 10,000 and sign first', () => {
    const ticks = [0, 500_000, 1_000_000, 1_500_000];
    expect(ticks.map(moneyTickFormat('zh-CN', ticks, 'CNY'))).toEqual([
      '¥0',
      '¥50万',
      '¥100万',
      '¥150万'
    ]);
    expect(ticks.map(moneyTickFormat('en', ticks, 'GBP'))).toEqual(['£0', '£500K', '£1M', '£1.5M']);
    const small = [-250, 0, 250, 500];
    expect(small.map(moneyTickFormat('en', small, 'USD'))).toEqual(['-$250', '$0', '$250', '$500']);
    expect(small.map(moneyTickFormat('en', small, null))).toEqual(['-250', '0', '250', '500']);
  });

  it('uses the step for decimals', () => {
    const f = defaultTickFormat('en', [0, 0.2, 0.4]);
    expect([0, 0.2, 0.4].map(f)).toEqual(['0.0', '0.2', '0.4']);
  });

  it('labels dates by month, or by day when ticks are days apart', () => {
    const months = [Date.UTC(2024, 0, 1), Date.UTC(2024, 3, 1)].map((t) => new Date(t));
    expect(defaultTickFormat('zh-CN', months)(months[1])).toBe('2024年4月');
    const days = [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 8)].map((t) => new Date(t));
    expect(defaultTickFormat('en', days)(days[1])).toBe('8 Jan 2024');
  });

  it('leaves category names as they are (text, never markup)', () => {
    expect(defaultTickFormat('en', ['<b>x</b>'])('<b>x</b>')).toBe('<b>x</b>');
  });

  it('picks explicit ticks, a count, or what fits', () => {
    const s = buildScale({ type: 'linear', domain: [0, 100] }, [0, 400]);
    expect(pickTicks(s, 400, [0, 50])).toEqual([0, 50]);
    expect(pickTicks(s, 400, 2)).toEqual([0, 50, 100]);
    expect(pickTicks(s, 400)).toEqual([0, 20, 40, 60, 80, 100]);
  });
});

describe('label room', () => {
  it('counts CJK characters a full em wide', () => {
    expect(estimateTextWidth('abcd', 10)).toBeCloseTo(24);
    expect(estimateTextWidth('微信小程序', 10)).toBe(50);
    expect(estimateTextWidth('', 10)).toBe(0);
  });

  it('keeps every n-th label so neighbours do not overlap', () => {
    const labels = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'];
    expect(thinLabels(labels, 100)).toEqual([0, 1, 2, 3, 4]);
    expect(thinLabels(labels, 40)).toEqual([0, 2, 4]);
    expect(thinLabels(labels, 0)).toEqual([0]);
    expect(thinLabels([], 40)).toEqual([]);
  });
});
