// Numbers and dates as GLOSSARY.md "Writing numbers" writes them, in both languages.
import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDate,
  formatDays,
  formatMoney,
  formatMoneyShort,
  formatMonth,
  formatShare,
  type Currency
} from '../../../src/lib/i18n/format';
import type { Locale } from '../../../src/lib/i18n/i18n.svelte';
import { roundTo } from '../../../src/lib/i18n/round';

type MoneyCase = [Locale, number, Currency | null, string];

describe('formatMoney, headline (compact)', () => {
  it.each<MoneyCase>([
    // The glossary's own examples.
    ['zh-CN', 8_300_000, 'GBP', '£830.0万'],
    ['en', 8_300_000, 'GBP', '£8.3M'],
    ['zh-CN', 123_000_000, 'CNY', '¥1.23亿'],
    ['zh-CN', 45_678_000, null, '4,567.8万'],
    ['en', 123_456_789, null, '123.5M'],
    ['en', 45_678, null, '45.7K'],
    // Below 10万 / 10K: the full number, as in tables.
    ['zh-CN', 95_432.1, 'CNY', '¥95,432'],
    ['zh-CN', 9_876.543, 'CNY', '¥9,876.54'],
    ['en', 9_876.543, 'USD', '$9,876.54'],
    // The thresholds themselves and values that round up into the next unit.
    ['zh-CN', 100_000, 'CNY', '¥10.0万'],
    ['zh-CN', 99_999.6, 'CNY', '¥10.0万'],
    ['zh-CN', 99_999_999, 'CNY', '¥1.00亿'],
    ['zh-CN', 1_234_567_890_123, 'CNY', '¥12,345.68亿'],
    ['en', 10_000, 'EUR', '€10.0K'],
    ['en', 999_960, 'EUR', '€1.0M'],
    ['en', 2_500_000_000, 'HKD', 'HK$2.5B'],
    // Returns: the sign first.
    ['zh-CN', -8_300_000, 'GBP', '-£830.0万'],
    ['en', -8_300_000, 'GBP', '-£8.3M'],
    ['en', -1_234.5, 'USD', '-$1,234.50']
  ])('%s %d %s → %s', (locale, n, currency, expected) => {
    expect(formatMoney(locale, n, currency, { compact: true })).toBe(expected);
  });
});

describe('formatMoney, tables (exact)', () => {
  it.each<MoneyCase>([
    ['zh-CN', 1_234.5, 'CNY', '¥1,234.50'],
    ['zh-CN', 12_345.678, 'CNY', '¥12,346'],
    ['en', 9_999.994, 'USD', '$9,999.99'],
    ['en', 9_999.996, 'USD', '$10,000'],
    ['en', 8_300_000, 'GBP', '£8,300,000'],
    ['zh-CN', 375_459_273.30000013, 'GBP', '£375,459,273'],
    ['en', 1_000, 'HKD', 'HK$1,000.00'],
    ['en', 0.1 + 0.2, 'EUR', '€0.30'],
    ['en', 1.005, 'EUR', '€1.01'],
    ['zh-CN', 1_234.5, null, '1,234.50'],
    ['zh-CN', -1_234, 'CNY', '-¥1,234.00'],
    ['zh-CN', -56_789.4, 'CNY', '-¥56,789'],
    ['zh-CN', -0.001, 'CNY', '¥0.00'],
    ['en', -0, null, '0.00'],
    ['en', Number.NaN, 'USD', '—'],
    ['zh-CN', Number.POSITIVE_INFINITY, 'CNY', '—']
  ])('%s %d %s → %s', (locale, n, currency, expected) => {
    expect(formatMoney(locale, n, currency)).toBe(expected);
  });
});

describe('formatMoneyShort (small chart cells, legends)', () => {
  it.each<[Locale, number, Currency | null, number, string]>([
    ['zh-CN', 12_345, 'CNY', 2, '¥1.2万'],
    ['zh-CN', 291_000, 'CNY', 3, '¥29.1万'],
    ['en', 4_512, 'USD', 2, '$4.5K'],
    ['en', 834, 'GBP', 3, '£834'],
    ['en', -4_512, 'USD', 2, '-$4.5K'],
    ['en', 1_500, null, 2, '1.5K']
  ])('%s %d %s (%d digits) → %s', (locale, n, currency, digits, expected) => {
    expect(formatMoneyShort(locale, n, currency, digits)).toBe(expected);
  });
});

describe('counts, shares, days', () => {
  it.each([
    ['en', 12_345, false, '12,345'],
    ['zh-CN', 12_345, false, '12,345'],
    ['zh-CN', 12_345, true, '12,345'],
    ['zh-CN', 123_456, true, '12.3万'],
    ['en', 123_456, true, '123.5K'],
    ['en', 2.5, false, '3'],
    ['en', -0.4, false, '0']
  ] as const)('formatCount %s %d compact=%s → %s', (locale, n, compact, expected) => {
    expect(formatCount(locale, n, { compact })).toBe(expected);
  });

  it.each([
    [0.1234, '12.3%'],
    [0.12, '12.0%'],
    [1, '100.0%'],
    [0.00049, '0.0%'],
    [-0.00001, '0.0%'],
    [0.1235, '12.4%'],
    [Number.NaN, '—']
  ])('formatShare %d → %s', (share, expected) => {
    expect(formatShare('zh-CN', share)).toBe(expected);
    expect(formatShare('en', share)).toBe(expected);
  });

  it('writes days as whole numbers', () => {
    expect(formatDays('en', 3.6)).toBe('4');
    expect(formatDays('zh-CN', 1_234)).toBe('1,234');
  });
});

describe('dates and months', () => {
  it.each([
    ['zh-CN', '2025-03-08', '2025年3月8日'],
    ['en', '2025-03-08', '8 Mar 2025'],
    ['en', '2025-12-31T23:30:00-05:00', '31 Dec 2025'],
    ['zh-CN', '2024-01-05 00:00:00', '2024年1月5日'],
    ['en', 'not a date', 'not a date'],
    ['en', '2025-13-01', '2025-13-01']
  ] as const)('formatDate %s %s → %s', (locale, iso, expected) => {
    expect(formatDate(locale, iso)).toBe(expected);
  });

  it('writes no date as a dash', () => {
    expect(formatDate('en', null)).toBe('—');
  });

  it.each([
    ['zh-CN', '2025-03', '2025年3月'],
    ['en', '2025-03-08', 'Mar 2025'],
    ['en', '2024-09', 'Sep 2024']
  ] as const)('formatMonth %s %s → %s', (locale, value, expected) => {
    expect(formatMonth(locale, value)).toBe(expected);
  });

  it('reads a Date month in UTC', () => {
    expect(formatMonth('zh-CN', new Date(Date.UTC(2024, 11, 1)))).toBe('2024年12月');
    expect(formatMonth('en', new Date(Number.NaN))).toBe('—');
  });
});

describe('roundTo', () => {
  it.each([
    [0.1 + 0.2, 2, 0.3],
    [375_459_273.30000013, 2, 375_459_273.3],
    [1.2e-15, 4, 0],
    [1.005, 2, 1.01],
    [-1.005, 2, -1.01],
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [0.00005, 4, 0.0001],
    [1e20, 2, 1e20]
  ])('%d to %d decimals → %d', (value, digits, expected) => {
    expect(roundTo(value, digits)).toBe(expected);
  });

  it('never returns −0, and leaves non-finite values alone', () => {
    expect(Object.is(roundTo(-0.000001, 2), 0)).toBe(true);
    expect(Object.is(roundTo(-0, 2), 0)).toBe(true);
    expect(roundTo(Number.NaN, 2)).toBeNaN();
    expect(roundTo(Number.NEGATIVE_INFINITY, 2)).toBe(Number.NEGATIVE_INFINITY);
  });
});
