// Bands over numeric dimensions: number parsing, the ≥ 95 % rule, quantile edges, presets, labels.
import { describe, expect, it } from 'vitest';
import {
  AGE_EDGES,
  bandDimension,
  bandIndexOf,
  bandLabel,
  bandOfValue,
  bandsFromEdges,
  isAgeHeader,
  isCodeHeader,
  NOT_A_NUMBER,
  parseDimNumber,
  parseEdges,
  profileValues,
  quantileEdges,
  roundNice
} from '../../../src/lib/analysis/bands';

const plain = (x: number) => String(x);

describe('parseDimNumber', () => {
  it.each([
    ['35', 35],
    [' 35 ', 35],
    ['-3', -3],
    ['+2.5', 2.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['1,200', 1200],
    ['12,345.5', 12345.5],
    ['35岁', null],
    ['10-50', null],
    ['1,20', null],
    ['', null],
    ['abc', null],
    [null, null]
  ])('%j → %j', (text, expected) => {
    expect(parseDimNumber(text)).toBe(expected);
  });
});

describe('profileValues', () => {
  const numbers = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
  it('is numeric at ≥ 95 % numbers among non-empty values, with ≥ 3 distinct numbers', () => {
    // 19 numbers + 1 text: 19 / 20 = 0.95 → numeric; 18 + 1: 18 / 19 = 0.947 → not.
    expect(profileValues([...numbers(19), 'n/a']).isNumeric).toBe(true);
    expect(profileValues([...numbers(18), 'n/a']).isNumeric).toBe(false);
    // Empty values do not count either way: 3 numbers and 5 empties → 3 / 3.
    const p = profileValues(['18', '25', ' 30 ', null, '', null, ' ', null]);
    expect(p).toMatchObject({ numbers: 3, others: 0, isNumeric: true, isInteger: true });
    expect([p.min, p.max]).toEqual([18, 30]);
    // A 0/1 flag is not a scale.
    expect(profileValues(['0', '1', '1', '0']).isNumeric).toBe(false);
    expect(profileValues(['1.5', '2', '3']).isInteger).toBe(false);
    expect(profileValues(['广东', '江苏']).isNumeric).toBe(false);
  });
});

describe('headers', () => {
  it.each([
    ['年龄', true],
    ['客户年龄', true],
    ['Age', true],
    ['customer_age', true],
    ['Stage', false],
    ['Percentage', false]
  ])('age: %s → %s', (h, expected) => expect(isAgeHeader(h)).toBe(expected));
  it.each([
    ['Postal Code', true],
    ['邮编', true],
    ['客户编号', true],
    ['Zip', true],
    ['员工数', false],
    ['Number of employees', false],
    ['年龄', false]
  ])('code: %s → %s', (h, expected) => expect(isCodeHeader(h)).toBe(expected));
});

describe('edges and bands', () => {
  it('rounds edges to two significant digits', () => {
    expect([34, 4730, 1051, 0.347, 105, 7, -4730].map(roundNice)).toEqual([
      34, 4700, 1100, 0.35, 110, 7, -4700
    ]);
  });

  it('cuts quantile bands where each next share of customers starts', () => {
    // 1…10, 5 bands: 0-based positions ceil(k·10/5) = 2, 4, 6, 8 → values 3, 5, 7, 9.
    const values = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(quantileEdges(values, 5)).toEqual([3, 5, 7, 9]);
    // → <3 {1,2}, 3–4 {3,4}, 5–6, 7–8, 9+ {9,10}: two customers each.
    const counts = [0, 0, 0, 0, 0];
    for (const v of values) counts[bandIndexOf([3, 5, 7, 9], v)]++;
    expect(counts).toEqual([2, 2, 2, 2, 2]);
  });

  it('rounds quantile edges and merges those ties make equal', () => {
    // N = 6, 3 bands: 0-based positions ceil(6/3) = 2 → 1051 → 1100 (1051 / 100 = 10.51 → 11);
    // ceil(12/3) = 4 → 4730 → 4700. Bands then hold 3, 1 and 2 customers: rounding costs balance.
    expect(quantileEdges([1000, 1049, 1051, 2000, 4730, 9000], 3)).toEqual([1100, 4700]);
    // Seven 5s: positions 2, 4, 6, 8 → 5, 5, 5, 7; an edge at the minimum (5) leaves an empty
    // first band and is dropped → one edge, 7: <7 holds 8 customers, 7+ holds 2.
    expect(quantileEdges([5, 5, 5, 5, 5, 5, 5, 6, 7, 8], 5)).toEqual([7]);
    // The count is kept within 3–10.
    // Asked for 1, it makes 3: positions ceil(10/3) = 4 and ceil(20/3) = 7 (0-based) of 1…10
    // hold 5 and 8 → <5 (4 customers), 5–7 (3), 8+ (3).
    expect(quantileEdges([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1)).toEqual([5, 8]);
    expect(quantileEdges([], 5)).toEqual([]);
  });

  it('makes n + 1 bands of n edges, a value going to the band of the edges ≤ it', () => {
    expect(bandsFromEdges([18, 25])).toEqual([
      { lo: null, hi: 18 },
      { lo: 18, hi: 25 },
      { lo: 25, hi: null }
    ]);
    expect([17.9, 18, 24.99, 25, 99].map((x) => bandIndexOf([18, 25], x))).toEqual([0, 1, 1, 2, 2]);
    expect(bandOfValue({ edges: [18] }, '未知')).toBe(NOT_A_NUMBER);
    expect(bandOfValue({ edges: [18] }, null)).toBe(NOT_A_NUMBER);
  });

  it('labels whole-number bands by their last value, decimal bands with <', () => {
    const age = bandsFromEdges(AGE_EDGES).map((b) => bandLabel(b, true, plain));
    expect(age).toEqual(['<18', '18–24', '25–34', '35–44', '45–54', '55–64', '65+']);
    const dec = bandsFromEdges([0.5, 1.5]).map((b) => bandLabel(b, false, plain));
    expect(dec).toEqual(['<0.5', '0.5–<1.5', '1.5+']);
    expect(bandLabel({ lo: 3, hi: 4 }, true, plain)).toBe('3');
  });

  it('reads typed edges, sorted and distinct', () => {
    expect(parseEdges('60, 18，25、35; 45 18')).toEqual({ edges: [18, 25, 35, 45, 60] });
    expect(parseEdges('  ')).toEqual({ error: 'empty' });
    expect(parseEdges('18, abc')).toEqual({ error: 'not_a_number', token: 'abc' });
  });
});

describe('bandDimension', () => {
  const ages = ['17', '24', '25', '66', null];
  it('auto: the age preset for an age header, 5 quantile bands otherwise, none for codes', () => {
    expect(bandDimension('年龄', ages, { mode: 'auto' })?.edges).toEqual([...AGE_EDGES]);
    // 4 numbers, 5 bands: positions ceil(k·4/5) = 1, 2, 3, 4→3 (clamped) → 24, 25, 66, 66.
    expect(bandDimension('员工数', ages, { mode: 'auto' })?.edges).toEqual([24, 25, 66]);
    expect(bandDimension('邮编', ages, { mode: 'auto' })).toBeNull();
    expect(bandDimension('邮编', ages, { mode: 'quantile', count: 3 })?.edges).toEqual([25, 66]);
  });
  it('off, or values that are not numbers, give no bands', () => {
    expect(bandDimension('年龄', ages, { mode: 'off' })).toBeNull();
    expect(bandDimension('省份', ['广东', '江苏', '17'], { mode: 'age' })).toBeNull();
  });
  it('typed edges are sorted; whole-number labels need whole edges', () => {
    const b = bandDimension('x', ages, { mode: 'edges', edges: [30, 20] });
    expect(b?.edges).toEqual([20, 30]);
    expect(b?.isInteger).toBe(true);
    expect(bandDimension('x', ages, { mode: 'edges', edges: [20.5] })?.isInteger).toBe(false);
  });
});
