// Lifecycle stages per customer, stage totals and the purchase funnel (DOMAIN §5).
import type { CustomerBase } from './types';

/** Stages in the order they are tried (first match wins), then customers without a purchase. */
export const LIFECYCLE_STAGES = [
  'lapsed',
  'new',
  'loyal',
  'repeat',
  'one_time',
  'no_purchase'
] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** The user's thresholds (DOMAIN §5 defaults: 180 days, 90 days, 5 orders). */
export interface LifecycleThresholds {
  /** Lapsed when recency_days > lapseDays. */
  lapseDays: number;
  /** New when the first positive order is at most this many days before the as-of date. */
  newDays: number;
  /** Loyal when frequency ≥ loyalOrders. */
  loyalOrders: number;
}

export const DEFAULT_LIFECYCLE_THRESHOLDS: Readonly<LifecycleThresholds> = {
  lapseDays: 180,
  newDays: 90,
  loyalOrders: 5
};

/** Allowed ranges: whole numbers; loyal needs more orders than repeat (≥ 2) to mean anything. */
export const THRESHOLD_LIMITS: Record<keyof LifecycleThresholds, [number, number]> = {
  lapseDays: [1, 3650],
  newDays: [1, 3650],
  loyalOrders: [3, 1000]
};

/** Keys of thresholds that are not whole numbers inside `THRESHOLD_LIMITS`. */
export function invalidThresholds(t: LifecycleThresholds): (keyof LifecycleThresholds)[] {
  return (Object.keys(THRESHOLD_LIMITS) as (keyof LifecycleThresholds)[]).filter((k) => {
    const v = t[k];
    const [lo, hi] = THRESHOLD_LIMITS[k];
    return typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi;
  });
}

/** Whole days from `earlier` to `later`, both `YYYY-MM-DD`, in UTC (no time zone can move them). */
export function daysBetween(later: string, earlier: string): number {
  const day = (iso: string) => {
    const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
    return Date.UTC(y, m - 1, d) / 86_400_000;
  };
  return Math.round(day(later) - day(earlier));
}

/** What the stage of a customer depends on (a `CustomerBase` or a scored customer will do). */
export type StageInput = Pick<CustomerBase, 'recencyDays' | 'frequency' | 'firstPurchase'>;

/**
 * A customer's stage at `asOf`, first match wins: lapsed (recency_days > lapseDays); new (first
 * positive order at most newDays before the as-of date, i.e. as-of − first ≤ newDays — with the
 * default as-of, the day after the last date, the last 90 calendar days of data); loyal
 * (frequency ≥ loyalOrders); repeat (frequency ≥ 2); one-time. A customer without a positive order
 * (frequency 0) is `no_purchase`, outside the stages and the funnel, as RFM leaves them unscored.
 * When a customer table has no first-purchase date, a customer cannot be new.
 */
export function lifecycleStage(
  customer: StageInput,
  thresholds: LifecycleThresholds,
  asOf: string
): LifecycleStage {
  if (customer.frequency <= 0 || customer.recencyDays === null) return 'no_purchase';
  if (customer.recencyDays > thresholds.lapseDays) return 'lapsed';
  if (
    customer.firstPurchase !== null &&
    daysBetween(asOf, customer.firstPurchase) <= thresholds.newDays
  )
    return 'new';
  if (customer.frequency >= thresholds.loyalOrders) return 'loyal';
  if (customer.frequency >= 2) return 'repeat';
  return 'one_time';
}

/** Customers and their net monetary per stage. */
export interface StageTotal {
  stage: LifecycleStage;
  customers: number;
  revenue: number;
}

/** One funnel step: customers with at least `minOrders` positive orders. */
export interface FunnelStep {
  minOrders: number;
  customers: number;
  /** customers / the previous step's customers (null for the first step or after an empty one). */
  conversion: number | null;
}

export interface LifecycleResult {
  /** Every stage in `LIFECYCLE_STAGES` order, empty ones included. */
  stages: StageTotal[];
  /** ≥ 1, ≥ 2, ≥ loyalOrders orders. */
  funnel: FunnelStep[];
  /** Each customer's stage, in input order. */
  stageOf: LifecycleStage[];
}

/** Stages, totals and funnel of a customer base. */
export function summarizeLifecycle(
  customers: readonly (StageInput & Pick<CustomerBase, 'monetary'>)[],
  asOf: string,
  thresholds: LifecycleThresholds
): LifecycleResult {
  const totals = new Map<LifecycleStage, StageTotal>(
    LIFECYCLE_STAGES.map((stage) => [stage, { stage, customers: 0, revenue: 0 }])
  );
  const steps = [1, 2, thresholds.loyalOrders];
  const counts = [0, 0, 0];
  const stageOf = customers.map((c) => {
    const stage = lifecycleStage(c, thresholds, asOf);
    const t = totals.get(stage)!;
    t.customers++;
    t.revenue += c.monetary;
    steps.forEach((min, i) => {
      if (c.frequency >= min) counts[i]++;
    });
    return stage;
  });
  const stages = [...totals.values()].map((t) => ({
    ...t,
    revenue: Math.round(t.revenue * 1e6) / 1e6
  }));
  const funnel = steps.map((minOrders, i) => ({
    minOrders,
    customers: counts[i],
    conversion: i === 0 || counts[i - 1] === 0 ? null : counts[i] / counts[i - 1]
  }));
  return { stages, funnel, stageOf };
}
