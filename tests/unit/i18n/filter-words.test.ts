// The filter in the manager's words (chips, "Filtered: …", file names, the export's filter sheet).
import { describe, expect, it } from 'vitest';
import {
  describeFilter,
  describeRange,
  describeValues,
  filterChips
} from '../../../src/lib/i18n/filter-words';
import { filterSheet } from '../../../src/lib/export/filter-sheet';

const dim = (values: (string | null)[]) => ({ column: '区域', values });

describe('describeValues', () => {
  it.each([
    ['zh-CN', ['华东'], '华东'],
    ['zh-CN', ['华东', '华南'], '华东和华南'],
    ['zh-CN', ['华东', '华南', '华北'], '华东 + 2'],
    ['zh-CN', [null], '（无值）'],
    ['en', ['East China', 'South China'], 'East China and South China'],
    ['en', ['East China', null, 'North'], 'East China + 2'],
    ['en', [null], '(no value)']
  ] as const)('%s %j → %s', (locale, values, text) => {
    expect(describeValues(locale, dim([...values]))).toBe(text);
  });
});

describe('describeRange', () => {
  it.each([
    ['zh-CN', '2025-01-01', '2025-12-31', '2025年'],
    ['en', '2025-01-01', '2025-12-31', '2025'],
    ['zh-CN', '2025-03-01', '2025-03-31', '2025年3月'],
    ['en', '2024-02-01', '2024-02-29', 'Feb 2024'],
    ['en', '2025-01-01', '2025-03-31', 'Jan 2025 – Mar 2025'],
    ['en', '2025-01-05', '2025-03-08', '5 Jan 2025 – 8 Mar 2025'],
    ['zh-CN', '2025-01-05', null, '2025年1月5日起'],
    ['en', null, '2025-03-08', 'until 8 Mar 2025'],
    ['en', null, null, '']
  ] as const)('%s %s … %s → %s', (locale, from, to, text) => {
    expect(describeRange(locale, from, to)).toBe(text);
  });
});

describe('describeFilter', () => {
  it('joins the conditions with " · ", the dates last', () => {
    const f = {
      dims: [dim(['华东']), { column: '渠道', values: ['直销'] }],
      from: '2025-01-01',
      to: '2025-12-31'
    };
    expect(describeFilter('zh-CN', f)).toBe('华东 · 直销 · 2025年');
    expect(filterChips('zh-CN', f).map((c) => c.kind)).toEqual(['dim', 'dim', 'dates']);
    expect(describeFilter('en', { dims: [dim([])], from: null, to: null })).toBe('');
  });
});

describe('filterSheet', () => {
  it('lists each condition by its header, every value, and the dates; nothing without a filter', () => {
    const f = { dims: [dim(['华东', null, '华北'])], from: '2025-01-01', to: '2025-12-31' };
    expect(filterSheet(f, [{ name: '区域', header: '销售区域' }], 'zh-CN')).toEqual({
      name: '筛选',
      header: ['条件', '保留'],
      rows: [
        ['销售区域', '华东、（无值）和华北'],
        ['日期', '2025年']
      ]
    });
    expect(filterSheet(null, [], 'en')).toBeUndefined();
    expect(filterSheet({ dims: [], from: null, to: null }, [], 'en')).toBeUndefined();
  });
});
