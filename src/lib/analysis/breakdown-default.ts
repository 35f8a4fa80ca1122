// Which dimension the breakdowns view opens on: one a manager splits by (region, rep, channel,
// category) with 2–50 values, never a date or a code with thousands of values.

/** Fewest and most distinct values a useful first breakdown has. */
export const USEFUL_DISTINCT = { min: 2, max: 50 } as const;

/**
 * Header words by preference, best first (English matched case-insensitively as whole words or
 * word starts, Chinese as parts of the header): region, then province/state/country/city, rep
 * (owner), channel, category.
 */
const PREFERRED: readonly RegExp[] = [
  /\b(region|territory|area|district)|区域|地区|大区|片区|地域/i,
  /\b(province|state|country|city)|省|城市|国家/i,
  /\b(sales ?rep|rep\b|salesperson|owner|account manager|manager|agent)|销售代表|业务员|销售员|负责人|客户经理|销售/i,
  /\b(channel|source)|渠道|来源/i,
  /\b(category|segment|industry|type|class|group|tier|size)|类别|品类|类目|分类|行业|类型|规模|等级/i
];

/** Headers that name a date, an id or a code: many values, little to compare. */
const UNLIKELY =
  /\b(date|time|day|id|no|number|code)\b|stockcode|invoice|日期|时间|编号|编码|代码|单号|号码|电话|名称|地址/i;

/** Preference rank of a header: 0–4 for the PREFERRED kinds, 5 for others, 6 for dates/ids. */
export function rankDimensionHeader(header: string): number {
  const h = header.trim();
  if (UNLIKELY.test(h)) return PREFERRED.length + 1;
  const i = PREFERRED.findIndex((p) => p.test(h));
  return i < 0 ? PREFERRED.length : i;
}

/** Dimension indexes in the order to try them: by preference rank, then file order. */
export function orderDimensionCandidates(headers: readonly string[]): number[] {
  return headers
    .map((h, i) => ({ i, rank: rankDimensionHeader(h) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((c) => c.i);
}

/** True when a dimension with this many distinct values makes a readable breakdown. */
export function isUsefulDistinct(distinct: number): boolean {
  return distinct >= USEFUL_DISTINCT.min && distinct <= USEFUL_DISTINCT.max;
}

/**
 * The dimension to open on: the first, in preference order, whose distinct count is useful.
 * `countDistinct(i)` is asked one dimension at a time and only until one fits (counting a
 * column of 500,000 codes is what made the view slow); it may cap its answer just above
 * `USEFUL_DISTINCT.max`. With none useful: the counted one with the fewest values above one,
 * else the first. -1 when there are no dimensions.
 */
export async function chooseBreakdownDimension(
  headers: readonly string[],
  countDistinct: (index: number) => Promise<number>
): Promise<number> {
  if (headers.length === 0) return -1;
  let fallback = { index: 0, distinct: Infinity };
  for (const i of orderDimensionCandidates(headers)) {
    const distinct = await countDistinct(i);
    if (isUsefulDistinct(distinct)) return i;
    if (distinct >= USEFUL_DISTINCT.min && distinct < fallback.distinct)
      fallback = { index: i, distinct };
  }
  return fallback.index;
}
