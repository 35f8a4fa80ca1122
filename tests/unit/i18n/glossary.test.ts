// Every message follows ../shared/GLOSSARY.md: one word for one thing, never the listed wrong words.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEVER_EN, NEVER_ZH } from './never-words';

const DIR = 'src/lib/i18n/messages';

/** Every message of one language as `file › key` → text, read from the files themselves. */
function messages(locale: 'en' | 'zh-CN'): [string, string][] {
  const out: [string, string][] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(`.${locale}.json`))) {
    const json = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as Record<string, string>;
    for (const [key, text] of Object.entries(json)) out.push([`${file} › ${key}`, text]);
  }
  return out;
}

describe('glossary: never-words', () => {
  it.each([
    ['zh-CN', NEVER_ZH],
    ['en', NEVER_EN]
  ] as const)('no %s message uses a word the glossary rules out', (locale, never) => {
    const hits: string[] = [];
    for (const [where, text] of messages(locale)) {
      for (const [pattern, use] of never) {
        const m = pattern.exec(text);
        if (m) hits.push(`${where}: “${m[0]}” → use ${use}`);
      }
    }
    expect(hits).toEqual([]);
  });

  it('the exceptions are real exceptions, and the patterns do catch the wrong words', () => {
    const caught = (text: string) => NEVER_ZH.some(([p]) => p.test(text));
    for (const fine of [
      '订单数',
      '个人数据',
      '清单数据',
      '已流失客户',
      '订单金额',
      '客户价值八分类'
    ])
      expect(caught(fine), fine).toBe(false);
    for (const wrong of [
      '收入占比',
      '单数',
      '同期群人数',
      'P(存活)',
      '总金额',
      '流失客户',
      '八分类'
    ])
      expect(caught(wrong), wrong).toBe(true);
    const caughtEn = (text: string) => NEVER_EN.some(([p]) => p.test(text));
    expect(caughtEn('Total sales')).toBe(true);
    expect(caughtEn('Sales rep')).toBe(false);
  });
});

/** Concepts and their words, copied from GLOSSARY.md / DOMAIN.md, with the keys that name them. */
const TERMS: [string[], string, string][] = [
  [
    ['kpi.revenue', 'col.revenue', 'trends.metric.revenue', 'cohorts.measure.revenue'],
    'Revenue',
    '销售额'
  ],
  [
    ['col.revenueShare', 'lifecycle.revenueShare', 'tiers.revenueAxis'],
    'Share of revenue',
    '销售额占比'
  ],
  [['kpi.orders', 'report.orders', 'trends.metric.orders'], 'Orders', '订单数'],
  [['kpi.customers', 'report.customers', 'col.customers', 'rfm.customers'], 'Customers', '客户数'],
  [['kpi.aov', 'trends.metric.aov', 'col.aov'], 'Average order value', '客单价'],
  [['kpi.repeatRate'], 'Repeat rate', '复购率'],
  [
    ['rfm.metric.recency', 'col.recency', 'churn.col.recencyDays', 'role.recency_days'],
    'Days since last purchase',
    '最近购买间隔（天）'
  ],
  [
    ['rfm.metric.frequency', 'col.frequency', 'churn.col.frequency', 'lifecycle.col.frequency'],
    'Orders (frequency)',
    '购买次数'
  ],
  [
    ['rfm.metric.monetary', 'col.monetary', 'churn.col.monetary', 'lifecycle.col.monetary'],
    'Spend (monetary)',
    '购买金额'
  ],
  [['rfm.asOf'], 'As-of date', '分析基准日'],
  [['rfm.bins'], 'Score bins', '评分档数'],
  [['col.segment', 'customers.filterSegment'], 'Segment', '客户分群'],
  [['col.class8', 'customers.filterClass8', 'migration.byClass8'], '8 classes', '八类客户'],
  [['col.quadrant', 'customers.filterQuadrant'], 'Value quadrant', '价值象限'],
  [['col.abc', 'customers.filterAbc', 'churn.col.abc'], 'Value tier', '价值分层'],
  [['abc.A'], 'A (high value)', 'A 高价值'],
  [['abc.B'], 'B (medium value)', 'B 中价值'],
  [['abc.C'], 'C (low value)', 'C 低价值'],
  [['quadrant.vip'], 'VIP', 'VIP客户'],
  [['quadrant.growth'], 'Growth', '成长型客户'],
  [['quadrant.potential'], 'Potential', '潜力客户'],
  [['quadrant.low'], 'Low value', '低价值客户'],
  [['lifecycle.new', 'lifecycle.stageName.new'], 'New', '新客户'],
  [['lifecycle.one_time', 'lifecycle.stageName.one_time'], 'One-time', '一次性客户'],
  [['lifecycle.repeat', 'lifecycle.stageName.repeat'], 'Repeat', '复购客户'],
  [['lifecycle.loyal', 'lifecycle.stageName.loyal'], 'Loyal', '忠诚客户'],
  [['lifecycle.lapsed', 'lifecycle.stageName.lapsed'], 'Lapsed', '沉睡客户'],
  [['class8.important_value'], 'Important value', '重要价值客户'],
  [['class8.general_winback'], 'General win-back', '一般挽留客户'],
  [['nav.cohorts'], 'Cohorts', '同期群'],
  [['cohorts.cohort'], 'Cohort', '同期群'],
  [['cohorts.measure.retention'], 'Retention', '留存率'],
  [['churn.col.pAlive', 'clv.pAlive'], 'Chance still active', '仍活跃概率'],
  [
    ['churn.col.expected90', 'clv.e90'],
    'Expected purchases, next 90 days',
    '未来 90 天预计购买次数'
  ],
  [['churn.col.clvAtStake'], 'Value at stake', '可能损失的价值'],
  [['churn.kind.spendDrop'], 'Spend drop', '消费下滑'],
  [['churn.kind.atRisk'], 'Probably lapsed', '大概率已流失'],
  [['tiers.concentrationTitle'], 'Revenue concentration', '销售额集中度'],
  [['trends.new'], 'New customers', '新增客户']
];

describe('glossary: one word for one thing', () => {
  const en = Object.fromEntries(messages('en').map(([w, t]) => [w.split(' › ')[1], t]));
  const zh = Object.fromEntries(messages('zh-CN').map(([w, t]) => [w.split(' › ')[1], t]));

  it.each(TERMS)('%j say %s / %s', (keys, enWord, zhWord) => {
    for (const key of keys) {
      expect(en[key], key).toBe(enWord);
      expect(zh[key], key).toBe(zhWord);
    }
  });
});
