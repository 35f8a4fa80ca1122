// The words GLOSSARY.md says never to use, as patterns: read by the message test and the e2e crawl.

/**
 * Words the glossary says never to use, as patterns. Where a never-word is a substring of a
 * legitimate longer word, the pattern excludes exactly that context (and says so):
 * - 单数 is inside 订单数 (orders, the right word) and 清单数据 (list data);
 * - 人数 is inside 个人数据 (personal data);
 * - 金额 alone is the amount column of a file (role, reject reasons) and part of 订单金额 /
 *   购买金额, so only its "total" uses are banned: 总金额, 平均金额, 金额合计;
 * - 流失客户 is inside 已流失客户 (the Lost segment);
 * - 八分类 is allowed only in the formal name 客户价值八分类, next to 八类客户.
 */
export const NEVER_ZH: [RegExp, string][] = [
  [/收入/, '销售额 (revenue), 销售额占比 (share of revenue)'],
  [/营收/, '销售额'],
  [/(?<!订)单数(?!据)/, '订单数'],
  [/(?<!个)人数(?!据)/, '客户数'],
  [/存活/, '仍活跃概率'],
  [/P\(alive\)/, '仍活跃概率'],
  [/总金额|平均金额|金额合计/, '销售额 / 购买金额'],
  [
    /冠军客户|有潜力客户|不能失去|有流失风险|需要关注客户|(?<!已)流失客户/,
    'DOMAIN §3 segment names'
  ],
  [/(?<!客户价值)八分类/, '八类客户'],
  [/细分|分箱/, '客户分群 / 评分档数'],
  [/分析日/, '分析基准日 (分析基准日 itself does not contain 分析日)'],
  [/预期|期望/, '预计 (expected purchases)']
];

/** The English never-words, as patterns (sales rep / team / manager are fine). */
export const NEVER_EN: [RegExp, string][] = [
  [/\b(income|turnover)\b/i, 'Revenue'],
  [/\bsales\b(?! (rep|team|manager))/i, 'Revenue (sales rep / team are fine)'],
  [/P\(alive\)/, 'Chance still active'],
  [/\bat[- ]risk\b/i, 'Probably lapsed (the churn list) — At Risk is only the RFM segment'],
  [/CLV at stake/i, 'Value at stake']
];
