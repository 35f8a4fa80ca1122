// The dimension the breakdowns view opens on: preferred header words, 2–50 values, counted lazily.
import { describe, expect, it } from 'vitest';
import {
  chooseBreakdownDimension,
  isUsefulDistinct,
  orderDimensionCandidates,
  rankDimensionHeader
} from '$lib/analysis/breakdown-default';

/** A counter over fixed distinct counts that records which dimensions it was asked about. */
function counter(distinct: number[]) {
  const asked: number[] = [];
  return {
    asked,
    count: (i: number) => {
      asked.push(i);
      return Promise.resolve(distinct[i]);
    }
  };
}

describe('rankDimensionHeader', () => {
  it.each([
    ['Region', 0],
    ['销售区域', 0],
    ['大区', 0],
    ['State', 1],
    ['Country', 1],
    ['省份', 1],
    ['城市', 1],
    ['Sales Rep', 2],
    ['销售代表', 2],
    ['负责人', 2],
    ['Channel', 3],
    ['渠道', 3],
    ['Category', 4],
    ['产品类别', 4],
    ['行业', 4],
    ['Description', 5],
    ['Ship Mode', 5],
    ['Ship Date', 6],
    ['StockCode', 6],
    ['订单日期', 6],
    ['客户名称', 6],
    ['Customer ID', 6]
  ])('%s → %i', (header, rank) => {
    expect(rankDimensionHeader(header)).toBe(rank);
  });
});

describe('isUsefulDistinct', () => {
  it.each([
    [0, false],
    [1, false],
    [2, true],
    [50, true],
    [51, false]
  ])('%i values → %s', (n, useful) => expect(isUsefulDistinct(n)).toBe(useful));
});

describe('chooseBreakdownDimension', () => {
  it('Superstore: skips Ship Date and the one-country column, opens on Region (4 values)', async () => {
    const headers = ['Ship Date', 'Ship Mode', 'Segment', 'Country', 'City', 'State', 'Region'];
    // Distinct values as in the Superstore file (City and Ship Date capped at 51 by the caller).
    const c = counter([51, 4, 3, 1, 51, 49, 4]);
    expect(orderDimensionCandidates(headers)).toEqual([6, 3, 4, 5, 2, 1, 0]);
    expect(await chooseBreakdownDimension(headers, c.count)).toBe(6);
    // Region is the first candidate: nothing else was counted.
    expect(c.asked).toEqual([6]);
  });

  it('Online Retail: opens on Country without counting StockCode or Description', async () => {
    const headers = ['StockCode', 'Description', 'Country'];
    const c = counter([51, 51, 38]);
    expect(await chooseBreakdownDimension(headers, c.count)).toBe(2);
    expect(c.asked).toEqual([2]);
  });

  it('the sample (Chinese headers): the province before the rep, the channel and the category', async () => {
    const headers = ['客户名称', '省份', '城市', '行业', '渠道', '销售代表', '产品类别'];
    const c = counter([51, 31, 51, 8, 4, 12, 6]);
    expect(await chooseBreakdownDimension(headers, c.count)).toBe(1);
  });

  it('a preferred column with too many values gives way to the next useful one', async () => {
    const headers = ['City', 'Product', 'Channel'];
    const c = counter([51, 20, 3]);
    // City (rank 1, 51+ values) fails; Channel (rank 3) comes before the unnamed Product (rank 5).
    expect(await chooseBreakdownDimension(headers, c.count)).toBe(2);
    expect(c.asked).toEqual([0, 2]);
  });

  it('none useful: the one with the fewest values above one, else the first', async () => {
    expect(await chooseBreakdownDimension(['A', 'B', 'C'], counter([51, 1, 51]).count)).toBe(0);
    expect(await chooseBreakdownDimension(['A', 'B'], counter([1, 1]).count)).toBe(0);
    expect(await chooseBreakdownDimension([], counter([]).count)).toBe(-1);
  });
});
