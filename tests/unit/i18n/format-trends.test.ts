// Growth percentages and period labels of the trends view, in both languages.
import { describe, expect, it } from 'vitest';
import { formatGrowth, formatPeriod } from '../../../src/lib/i18n/format';

describe('formatGrowth', () => {
  it.each([
    ['en', 0.1234, '+12.3%'],
    ['en', -0.5, '-50.0%'],
    ['en', 0.00004, '0.0%'], // rounds to zero: no sign
    ['en', null, '—'],
    ['zh-CN', 2.75, '+275.0%'],
    ['en', Infinity, '—']
  ] as const)('%s %s → %s', (locale, v, want) => {
    expect(formatGrowth(locale, v).replace(/\u2212/g, '-')).toBe(want);
  });
});

describe('formatPeriod', () => {
  it.each([
    ['en', '2025-03', 'Mar 2025'],
    ['zh-CN', '2025-03', '2025年3月'],
    ['en', '2025-Q1', 'Q1 2025'],
    ['zh-CN', '2025-Q4', '2025年第4季度'],
    ['en', '2025', '2025'],
    ['zh-CN', '2025', '2025年']
  ] as const)('%s %s → %s', (locale, key, want) => {
    expect(formatPeriod(locale, key)).toBe(want);
  });
});
