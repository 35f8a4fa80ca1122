// The scored-customer export: DOMAIN §9 header, names per language, typed cells.
import { describe, expect, it } from 'vitest';
import type { Class8, ScoredCustomer, ValueQuadrant } from '../../../src/lib/analysis/types';
import { toCsv } from '../../../src/lib/export/csv';
import {
  CUSTOMER_EXPORT_HEADER,
  class8Name,
  lifecycleName,
  customerExportHeader,
  customerExportRows,
  quadrantName,
  type CustomerExportOptions
} from '../../../src/lib/export/customers';

const DOMAIN_HEADER =
  'customer_id,customer_name,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_code,' +
  'segment,class8,value_quadrant,abc_tier,lifecycle_stage,first_purchase,last_purchase';

function customer(over: Partial<ScoredCustomer> = {}): ScoredCustomer {
  return {
    customerId: 'C001',
    customerName: '上海星辰贸易',
    firstPurchase: '2023-02-01',
    lastPurchase: '2024-06-30',
    recencyDays: 12,
    frequency: 7,
    monetary: 12345.5,
    dims: ['华东', 'Online'],
    rScore: 5,
    fScore: 4,
    mScore: 5,
    rfmCode: '545',
    rfmSum: 14,
    segment: 'champions',
    class8: 'important_value',
    quadrant: 'vip',
    abc: 'A',
    ...over
  };
}

const SEGMENTS: Record<string, { en: string; 'zh-CN': string }> = {
  champions: { en: 'Champions', 'zh-CN': '核心客户' },
  others: { en: 'Others', 'zh-CN': '其他' }
};

function options(over: Partial<CustomerExportOptions> = {}): CustomerExportOptions {
  const locale = over.locale ?? 'en';
  return {
    locale,
    segmentName: (id) => SEGMENTS[id]?.[locale] ?? id,
    dimensionHeaders: ['地区', 'Channel'],
    ...over
  };
}

/** Row values by header name, for readable assertions. */
function byHeader(opts: CustomerExportOptions, c: ScoredCustomer) {
  const header = customerExportHeader(opts);
  const [row] = customerExportRows([c], opts);
  expect(row).toHaveLength(header.length);
  return Object.fromEntries(header.map((h, i) => [h, row[i]]));
}

describe('customer export header', () => {
  it('is exactly the DOMAIN §9 header', () => {
    expect(CUSTOMER_EXPORT_HEADER.join(',')).toBe(DOMAIN_HEADER);
    expect(customerExportHeader({ dimensionHeaders: [] }).join(',')).toBe(DOMAIN_HEADER);
  });

  it('adds the CLV columns only when CLV values are given, then the dimensions', () => {
    expect(customerExportHeader({ dimensionHeaders: ['地区', 'Channel'] }).join(',')).toBe(
      `${DOMAIN_HEADER},地区,Channel`
    );
    expect(customerExportHeader({ dimensionHeaders: ['地区'], clv: new Map() }).join(',')).toBe(
      `${DOMAIN_HEADER},p_alive,expected_purchases_90d,clv_12m,地区`
    );
  });
});

describe('customer export rows', () => {
  it('writes a customer in English with numbers as numbers and dates as YYYY-MM-DD text', () => {
    expect(byHeader(options(), customer())).toEqual({
      customer_id: 'C001',
      customer_name: '上海星辰贸易',
      recency_days: 12,
      frequency: 7,
      monetary: 12345.5,
      r_score: 5,
      f_score: 4,
      m_score: 5,
      rfm_code: '545',
      segment: 'Champions',
      class8: 'Important value',
      value_quadrant: 'VIP',
      abc_tier: 'A',
      lifecycle_stage: null,
      first_purchase: '2023-02-01',
      last_purchase: '2024-06-30',
      地区: '华东',
      Channel: 'Online'
    });
  });

  it('writes segment and class names in Chinese for the Chinese UI', () => {
    const row = byHeader(options({ locale: 'zh-CN' }), customer());
    expect([row.segment, row.class8, row.value_quadrant, row.abc_tier]).toEqual([
      '核心客户',
      '重要价值客户',
      'VIP客户',
      'A'
    ]);
  });

  it.each<[Class8, string, string]>([
    ['important_value', 'Important value', '重要价值客户'],
    ['important_development', 'Important development', '重要发展客户'],
    ['important_retention', 'Important retention', '重要保持客户'],
    ['important_winback', 'Important win-back', '重要挽留客户'],
    ['general_value', 'General value', '一般价值客户'],
    ['general_development', 'General development', '一般发展客户'],
    ['general_retention', 'General retention', '一般保持客户'],
    ['general_winback', 'General win-back', '一般挽留客户']
  ])('names class %s as in DOMAIN §3: %s / %s', (cls, en, zh) => {
    expect(class8Name(cls, 'en')).toBe(en);
    expect(class8Name(cls, 'zh-CN')).toBe(zh);
    expect(byHeader(options({ locale: 'zh-CN' }), customer({ class8: cls })).class8).toBe(zh);
  });

  it.each([
    ['lapsed', 'Lapsed', '沉睡客户'],
    ['new', 'New', '新客户'],
    ['loyal', 'Loyal', '忠诚客户'],
    ['repeat', 'Repeat', '复购客户'],
    ['one_time', 'One-time', '一次性客户'],
    ['no_purchase', 'No purchase', '无购买']
  ] as const)('names lifecycle stage %s as in DOMAIN §5: %s / %s', (stage, en, zh) => {
    expect(lifecycleName(stage, 'en')).toBe(en);
    expect(lifecycleName(stage, 'zh-CN')).toBe(zh);
  });

  it.each<[ValueQuadrant, string, string]>([
    ['vip', 'VIP', 'VIP客户'],
    ['growth', 'Growth', '成长型客户'],
    ['potential', 'Potential', '潜力客户'],
    ['low', 'Low value', '低价值客户']
  ])('names quadrant %s as in GLOSSARY.md: %s / %s', (q, en, zh) => {
    expect(quadrantName(q, 'en')).toBe(en);
    expect(quadrantName(q, 'zh-CN')).toBe(zh);
  });

  it('writes ABC tiers as A/B/C in both languages', () => {
    for (const abc of ['A', 'B', 'C'] as const) {
      expect(byHeader(options({ locale: 'zh-CN' }), customer({ abc })).abc_tier).toBe(abc);
    }
  });

  it('writes the lifecycle stage when given, empty otherwise', () => {
    const lifecycle = (c: ScoredCustomer) => (c.frequency >= 5 ? '忠诚客户' : null);
    expect(byHeader(options({ lifecycle }), customer()).lifecycle_stage).toBe('忠诚客户');
    expect(byHeader(options({ lifecycle }), customer({ frequency: 1 })).lifecycle_stage).toBe(null);
  });

  it('writes CLV values as numbers, empty for a customer the model did not cover', () => {
    const clv = new Map([['C001', { pAlive: 0.8123, expected90: 1.25, clv12: 3456.78 }]]);
    const opts = options({ clv });
    expect(byHeader(opts, customer())).toMatchObject({
      p_alive: 0.8123,
      expected_purchases_90d: 1.25,
      clv_12m: 3456.78,
      地区: '华东'
    });
    expect(byHeader(opts, customer({ customerId: 'C002' }))).toMatchObject({
      p_alive: null,
      expected_purchases_90d: null,
      clv_12m: null
    });
  });

  it('keeps negative and awkward numbers numeric, without binary noise', () => {
    const row = byHeader(options(), customer({ monetary: 0.1 + 0.2 - 5.3 }));
    expect(row.monetary).toBe(-5);
    expect(byHeader(options(), customer({ monetary: 0.1 + 0.2 })).monetary).toBe(0.3);
    expect(byHeader(options(), customer({ monetary: Number.NaN })).monetary).toBe(null);
  });

  it('rounds each number column by what it holds (DOMAIN §9), never float noise', () => {
    const clv = new Map([
      ['C001', { pAlive: 1.2e-15, expected90: 0.1 + 0.2 + 1e-9, clv12: 375459273.30000013 }],
      ['C002', { pAlive: 0.123456789, expected90: 2.00049, clv12: -0.000001 }]
    ]);
    const opts = options({ clv });
    const money = { monetary: 375459273.30000013, recencyDays: 12.0000001, frequency: 7 };
    expect(byHeader(opts, customer(money))).toMatchObject({
      recency_days: 12,
      monetary: 375459273.3,
      p_alive: 0,
      expected_purchases_90d: 0.3,
      clv_12m: 375459273.3
    });
    const row = byHeader(opts, customer({ customerId: 'C002', monetary: 1.005 }));
    expect([row.monetary, row.p_alive, row.expected_purchases_90d]).toEqual([1.01, 0.1235, 2]);
    expect(Object.is(row.clv_12m, 0)).toBe(true); // −0.000001 is written 0, not −0
    const csv = toCsv(customerExportHeader(opts), customerExportRows([customer(money)], opts));
    expect(csv).not.toMatch(/e-|0000001|30000013/);
  });

  it('writes missing names, dates and dimension values as empty cells', () => {
    const row = byHeader(
      options(),
      customer({ customerName: null, firstPurchase: null, dims: ['华东'] })
    );
    expect([row.customer_name, row.first_purchase, row.地区, row.Channel]).toEqual([
      null,
      null,
      '华东',
      null
    ]);
    expect(
      byHeader(options(), customer({ lastPurchase: '2024-06-30T00:00:00Z' })).last_purchase
    ).toBe('2024-06-30');
  });

  it('uses the segment name function for every segment id', () => {
    expect(byHeader(options(), customer({ segment: 'others' })).segment).toBe('Others');
    expect(byHeader(options(), customer({ segment: 'custom-1' })).segment).toBe('custom-1');
  });

  it('goes into CSV with the formula defence on text only', () => {
    const opts = options({ dimensionHeaders: [] });
    const c = customer({ customerName: '=HYPERLINK("x")', monetary: -5, dims: [] });
    const csv = toCsv(customerExportHeader(opts), customerExportRows([c], opts));
    expect(csv).toBe(
      `\uFEFF${DOMAIN_HEADER}\r\n` +
        `C001,"'=HYPERLINK(""x"")",12,7,-5,5,4,5,545,Champions,Important value,VIP,A,,2023-02-01,2024-06-30\r\n`
    );
  });
});
