// Lifecycle stages (first match wins), thresholds validation and the funnel, with hand-worked cases.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIFECYCLE_THRESHOLDS as T,
  daysBetween,
  invalidThresholds,
  lifecycleStage,
  summarizeLifecycle,
  type StageInput
} from '../../../src/lib/analysis/lifecycle';

const AS_OF = '2024-07-01';
const c = (recencyDays: number | null, frequency: number, firstPurchase: string | null) => ({
  recencyDays,
  frequency,
  firstPurchase
});

describe('lifecycleStage', () => {
  it.each<[string, StageInput, string]>([
    ['recency above 180 days', c(181, 10, '2023-01-01'), 'lapsed'],
    ['first order exactly 90 days before the as-of date', c(80, 1, '2024-04-02'), 'new'],
    ['first order 91 days before', c(10, 1, '2024-04-01'), 'one_time'],
    ['new wins over loyal', c(1, 6, '2024-06-30'), 'new'],
    ['recency exactly 180 days is not lapsed', c(180, 5, '2023-01-01'), 'loyal'],
    ['four orders', c(10, 4, '2023-01-01'), 'repeat'],
    ['two orders', c(10, 2, '2023-01-01'), 'repeat'],
    ['no positive order', c(null, 0, null), 'no_purchase'],
    ['no first-purchase date (customer table)', c(5, 7, null), 'loyal']
  ])('%s', (_, customer, stage) => {
    expect(lifecycleStage(customer, T, AS_OF)).toBe(stage);
  });

  it('follows the thresholds', () => {
    const t = { lapseDays: 30, newDays: 7, loyalOrders: 3 };
    expect(lifecycleStage(c(31, 9, '2020-01-01'), t, AS_OF)).toBe('lapsed');
    expect(lifecycleStage(c(3, 1, '2024-06-24'), t, AS_OF)).toBe('new');
    expect(lifecycleStage(c(3, 3, '2024-06-23'), t, AS_OF)).toBe('loyal');
  });

  it('counts days in UTC', () => {
    expect(daysBetween('2024-07-01', '2024-04-02')).toBe(90);
    expect(daysBetween('2024-03-31', '2024-03-30')).toBe(1);
  });
});

describe('invalidThresholds', () => {
  it('accepts the defaults and names each bad value', () => {
    expect(invalidThresholds(T)).toEqual([]);
    expect(invalidThresholds({ lapseDays: 0, newDays: 1.5, loyalOrders: 2 })).toEqual([
      'lapseDays',
      'newDays',
      'loyalOrders'
    ]);
    expect(invalidThresholds({ lapseDays: NaN, newDays: 90, loyalOrders: 5 })).toEqual([
      'lapseDays'
    ]);
  });
});

describe('summarizeLifecycle', () => {
  it('totals customers and revenue per stage and builds the funnel', () => {
    const customers = [
      { ...c(200, 3, '2023-01-01'), monetary: 100 }, // lapsed
      { ...c(5, 1, '2024-06-01'), monetary: 20 }, // new
      { ...c(5, 6, '2023-01-01'), monetary: 500 }, // loyal
      { ...c(5, 5, '2023-01-01'), monetary: 300 }, // loyal
      { ...c(5, 2, '2023-01-01'), monetary: 50.5 }, // repeat
      { ...c(100, 1, '2023-01-01'), monetary: 10 }, // one-time
      { ...c(null, 0, null), monetary: -4 } // no purchase
    ];
    const r = summarizeLifecycle(customers, AS_OF, T);
    expect(r.stageOf).toEqual([
      'lapsed',
      'new',
      'loyal',
      'loyal',
      'repeat',
      'one_time',
      'no_purchase'
    ]);
    expect(r.stages).toEqual([
      { stage: 'lapsed', customers: 1, revenue: 100 },
      { stage: 'new', customers: 1, revenue: 20 },
      { stage: 'loyal', customers: 2, revenue: 800 },
      { stage: 'repeat', customers: 1, revenue: 50.5 },
      { stage: 'one_time', customers: 1, revenue: 10 },
      { stage: 'no_purchase', customers: 1, revenue: -4 }
    ]);
    expect(r.funnel).toEqual([
      { minOrders: 1, customers: 6, conversion: null },
      { minOrders: 2, customers: 4, conversion: 4 / 6 },
      { minOrders: 5, customers: 2, conversion: 0.5 }
    ]);
  });
});
