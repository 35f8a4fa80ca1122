// A customer's owner and region for the customer lists (DOMAIN §7c, §8).
import { describe, expect, it } from 'vitest';
import { customerPlace, placeColumns, regionDimensionIndex } from '$lib/analysis/customer-place';

const dims = (...headers: string[]) => headers.map((header) => ({ header }));

describe('regionDimensionIndex', () => {
  it.each([
    [['渠道', '省份', '城市'], 1],
    [['Segment', 'City', 'State', 'Region'], 3],
    [['StockCode', 'Country'], 1],
    [['Channel', 'Category'], -1]
  ])('%j → %i', (headers, index) => expect(regionDimensionIndex(dims(...headers))).toBe(index));
});

describe('customerPlace', () => {
  const columns = placeColumns(dims('省份', '行业', '销售代表'));

  it('finds the sales rep and the region among the dimensions', () => {
    expect(columns).toEqual({ rep: 2, region: 0 });
  });

  it('owner: the master owner, else the sales-rep value; blanks count as missing', () => {
    expect(customerPlace(['广东', '零售', '李娜'], columns)).toEqual({
      owner: '李娜',
      region: '广东'
    });
    expect(customerPlace(['广东', '零售', '李娜'], columns, '王芳')).toEqual({
      owner: '王芳',
      region: '广东'
    });
    expect(customerPlace(['广东', '零售', '李娜'], columns, '  ')).toEqual({
      owner: '李娜',
      region: '广东'
    });
    expect(customerPlace([' ', '零售', null], columns)).toEqual({ owner: null, region: null });
  });

  it('no such dimensions or no values: nothing known', () => {
    expect(customerPlace(['x'], { rep: -1, region: -1 })).toEqual({ owner: null, region: null });
    expect(customerPlace(undefined, columns)).toEqual({ owner: null, region: null });
  });
});
