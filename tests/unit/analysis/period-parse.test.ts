// Periods as people write them in targets sheets (DOMAIN §7a): every format, and what is refused.
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '$lib/analysis/period';

describe('parsePeriod', () => {
  // [text, key, grain, first day, first day after] — written from DOMAIN §7a's list.
  const cases: [string, string, string, string, string][] = [
    ['2025-03', '2025-03', 'month', '2025-03-01', '2025-04-01'],
    ['2025/3', '2025-03', 'month', '2025-03-01', '2025-04-01'],
    ['202503', '2025-03', 'month', '2025-03-01', '2025-04-01'],
    ['2025年3月', '2025-03', 'month', '2025-03-01', '2025-04-01'],
    ['Mar 2025', '2025-03', 'month', '2025-03-01', '2025-04-01'],
    ['2025-12', '2025-12', 'month', '2025-12-01', '2026-01-01'],
    ['2025年12月', '2025-12', 'month', '2025-12-01', '2026-01-01'],
    ['2025-Q1', '2025-Q1', 'quarter', '2025-01-01', '2025-04-01'],
    ['2025Q1', '2025-Q1', 'quarter', '2025-01-01', '2025-04-01'],
    ['2025年第1季度', '2025-Q1', 'quarter', '2025-01-01', '2025-04-01'],
    ['2025年一季度', '2025-Q1', 'quarter', '2025-01-01', '2025-04-01'],
    ['2025年四季度', '2025-Q4', 'quarter', '2025-10-01', '2026-01-01'],
    ['2025', '2025', 'year', '2025-01-01', '2026-01-01'],
    ['2025年', '2025', 'year', '2025-01-01', '2026-01-01'],
    // Spaces around and inside, as typed.
    [' 2025-03 ', '2025-03', 'month', '2025-03-01', '2025-04-01'],
    ['2025 年 3 月', '2025-03', 'month', '2025-03-01', '2025-04-01']
  ];
  it.each(cases)('reads %s as %s (%s)', (text, key, grain, start, end) => {
    expect(parsePeriod(text)).toEqual({ key, grain, start, end });
  });

  it.each([
    '2025-13',
    '2025-00',
    '2025-Q5',
    '2025-Q0',
    'abc',
    '',
    'Q1',
    '2025年13月',
    '2025-03-01'
  ])('refuses %j', (text) => expect(parsePeriod(text)).toBeNull());
});
