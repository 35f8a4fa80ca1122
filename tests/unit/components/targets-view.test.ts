// Targets view helpers: the why sentence in both languages, the waterfall steps, the table export,
// the bullet axis, period names and which datasets the view reads.
import { describe, expect, it } from 'vitest';
import { whySentence } from '../../../src/lib/components/targets/why-sentence';
import { biggestSegment, waterfallSteps } from '../../../src/lib/components/targets/why-chart';
import { targetsExport } from '../../../src/lib/components/targets/targets-export';
import { bulletDomain } from '../../../src/lib/components/targets/bullet';
import {
  formatMoney,
  formatPeriod,
  formatShare,
  translate,
  type Locale
} from '../../../src/lib/i18n';
import type { WhyResult } from '../../../src/lib/analysis/targets';
import type { DatasetInfo, TargetsView } from '../../../src/lib/db/protocol';
import { findOrdersDataset, findTargetsDataset } from '../../../src/lib/state/targets.svelte';

const why = (over: Partial<WhyResult> = {}): WhyResult => ({
  key: '李娜',
  period: '2025-03',
  lastYear: '2024-03',
  nowWindow: { from: '2025-03-01', to: '2025-04-01' },
  thenWindow: { from: '2024-03-01', to: '2024-04-01' },
  isLikeForLike: false,
  now: 800_000,
  then: 1_000_000,
  change: -200_000,
  growth: -0.2,
  coverage: 'full',
  firstOrderDay: '2023-01-01',
  parts: [
    { part: 'new', customers: 2, change: 50_000 },
    { part: 'returning', customers: 10, change: -80_000 },
    { part: 'lost', customers: 3, change: -170_000 },
    { part: 'reactivated', customers: 0, change: 0 },
    { part: 'other', customers: 0, change: 0 }
  ],
  segments: [
    { segment: 'at_risk', customers: 3, now: 0, then: 120_000, change: -120_000 },
    { segment: 'champions', customers: 12, now: 800_000, then: 880_000, change: -80_000 }
  ],
  ...over
});

const words = (locale: Locale) => ({
  t: (key: string, params?: Record<string, string | number>) => translate(locale, key, params),
  money: (n: number) => formatMoney(locale, n, 'CNY', { compact: true }),
  share: (n: number) => formatShare(locale, n),
  period: (k: string) => formatPeriod(locale, k),
  date: (d: string) => d,
  segment: (id: string | null) =>
    id === 'at_risk' ? (locale === 'en' ? 'At Risk' : '流失风险客户') : String(id)
});

describe('whySentence', () => {
  it('says the change and who made it, in Chinese', () => {
    expect(whySentence(why(), '李娜', words('zh-CN'))).toBe(
      '李娜 2025年3月销售额 ¥80.0万，比 2024年3月（¥100.0万）减少 ¥20.0万（-20.0%）：' +
        '新增客户 +¥50,000，回头客户 -¥80,000，未回购客户 -¥17.0万；变化最大的客户分群是流失风险客户（-¥12.0万）。'
    );
  });

  it('says the same in English', () => {
    expect(whySentence(why(), 'Li Na', words('en'))).toBe(
      "Li Na's revenue in Mar 2025 is ¥800.0K, down ¥200.0K (-20.0%) on Mar 2024 (¥1.0M): " +
        'new customers +¥50.0K, returning customers -¥80.0K, customers who did not buy again -¥170.0K; ' +
        'the segment that changed most is At Risk (-¥120.0K).'
    );
  });

  it('says when last year has no data, without a growth', () => {
    const w = why({
      then: 0,
      change: 800_000,
      growth: null,
      coverage: 'none',
      firstOrderDay: '2024-06-01'
    });
    expect(whySentence(w, 'Li Na', words('en'))).toBe(
      "Li Na's revenue in Mar 2025 is ¥800.0K. The orders start on 2024-06-01, so there is no Mar 2024 to compare with."
    );
    expect(whySentence(w, '李娜', words('zh-CN'))).toContain('没有 2024年3月 的数据可比');
  });

  it('says when there is nothing to explain', () => {
    const none = why({ now: 0, then: 0, change: 0, growth: null });
    none.parts = none.parts.map((p) => ({ ...p, customers: 0, change: 0 }));
    expect(whySentence(none, '王五', words('zh-CN'))).toBe(
      '王五 在 2025年3月 和 2024年3月 都没有销售额，无从分析。'
    );
  });

  it('notes a like-for-like cut while the period runs', () => {
    const w = why({ isLikeForLike: true, nowWindow: { from: '2025-03-01', to: '2025-03-11' } });
    expect(whySentence(w, 'Li Na', words('en'))).toContain('(2025-03-10 this year)');
  });
});

describe('waterfallSteps', () => {
  it('walks from last year to this year through the parts with customers', () => {
    // 1,000,000 + 50,000 − 80,000 − 170,000 = 800,000.
    expect(waterfallSteps(why()).map((s) => [s.id, s.from, s.to, s.kind])).toEqual([
      ['then', 0, 1_000_000, 'total'],
      ['new', 1_000_000, 1_050_000, 'up'],
      ['returning', 1_050_000, 970_000, 'down'],
      ['lost', 970_000, 800_000, 'down'],
      ['now', 0, 800_000, 'total']
    ]);
    expect(biggestSegment(why().segments)?.segment).toBe('at_risk');
  });
});

describe('targetsExport', () => {
  it('writes keys, teams and the company total with raw numbers', () => {
    const key = {
      key: 'A',
      isTeam: false,
      parent: 'T',
      target: 1000,
      targetSource: 'row' as const,
      isTargetPartial: false,
      actual: 873.456,
      attainment: 0.873456,
      shortfall: 126.544,
      forecast: null,
      forecastAttainment: null,
      rank: 1,
      newCustomers: 2,
      newCustomerTarget: 3,
      marketSize: null,
      marketShare: null,
      actualByOrders: null
    };
    const view = {
      keys: [key],
      teams: [{ ...key, key: 'T', isTeam: true, parent: null }],
      total: {
        target: 1000,
        isTargetPartial: false,
        actual: 873.456,
        attainment: 0.873456,
        shortfall: 126.544,
        forecast: null,
        newCustomers: 2,
        newCustomerTarget: 3,
        allRevenue: 900,
        allNewCustomers: 3
      }
    } as unknown as TargetsView;
    const out = targetsExport(view, (c) => c, { total: 'Total', dimension: 'Rep' });
    expect(out.header.slice(0, 7)).toEqual([
      'Rep',
      'team',
      'rank',
      'target',
      'actual',
      'attainment',
      'shortfall'
    ]);
    expect(out.rows.map((r) => r.slice(0, 7))).toEqual([
      ['A', 'T', 1, 1000, 873.46, 0.8735, 126.54],
      ['T', 'T', 1, 1000, 873.46, 0.8735, 126.54],
      ['Total', null, null, 1000, 873.46, 0.8735, 126.54]
    ]);
  });
});

describe('bulletDomain', () => {
  it('reaches from the lowest value (at most 0) to the largest target, actual or forecast', () => {
    const r = (target: number | null, actual: number, forecast: number | null) => ({
      key: 'k',
      label: 'k',
      isTeam: false,
      target,
      actual,
      forecast,
      attainment: null,
      shortfall: null
    });
    expect(bulletDomain([r(100, 40, 130), r(null, -20, null)])).toEqual([-20, 130]);
    expect(bulletDomain([])).toEqual([0, 1]);
  });
});

describe('formatPeriod', () => {
  it('names months, quarters and years in both languages', () => {
    expect(['2025-03', '2025-Q1', '2025'].map((k) => formatPeriod('zh-CN', k))).toEqual([
      '2025年3月',
      '2025年第1季度',
      '2025年'
    ]);
    expect(['2025-03', '2025-Q1', '2025'].map((k) => formatPeriod('en', k))).toEqual([
      'Mar 2025',
      'Q1 2025',
      '2025'
    ]);
  });
});

describe('which datasets the view reads', () => {
  const ds = (id: number, kind: DatasetInfo['kind']) => ({ id, kind }) as DatasetInfo;
  it('takes the latest targets dataset and the active (else latest) orders', () => {
    const list = [ds(1, 'transactions'), ds(2, 'targets'), ds(3, 'transactions'), ds(4, 'targets')];
    expect(findTargetsDataset(list)?.id).toBe(4);
    expect(findOrdersDataset(list, list[0])?.id).toBe(1);
    expect(findOrdersDataset(list, list[3])?.id).toBe(3);
    expect(findTargetsDataset([ds(1, 'transactions')])).toBeNull();
  });
});
