// This week's call list 本周跟进名单 (DOMAIN §7c): one row per customer with every reason that
// applies, the owner, the region and the value at stake, sorted by value at stake.
import {
  daysBetween,
  lifecycleStage,
  type LifecycleStage,
  type LifecycleThresholds
} from '../lifecycle';
import type { ScoredCustomer, AbcTier, ValueQuadrant } from '../types';
import type { SpendDrop } from '../spend-drop';
import type { ReceivableCustomer } from '../risks/receivables';
import { nextAnniversary } from './anniversary';
import type { OpenComplaints } from './complaint';
import type { Detractor } from './detractor';
import { reasonCodes, type Reason, type ReasonCode } from './reasons';
import type { CustomerRhythm } from './rhythm';
import { daysWithoutSecondOrder } from './second-order';
import type { StakeValues } from './value-at-stake';

/** P(alive) below this is "probably lapsed" (DOMAIN §6). */
export const PROBABLY_LAPSED_BELOW = 0.5;

/** What the master says of a customer (the workspace's latest customers file). */
export interface MasterFacts {
  name: string | null;
  owner: string | null;
  birthday: string | null;
  region: string | null;
  /** The master's contact columns, in `contactHeaders` order. */
  contacts: (string | null)[];
}

/** One row of the call list. */
export interface CallRow {
  customerId: string;
  name: string | null;
  /** Master owner, else the customer's sales-rep value (DOMAIN §8); null: none. */
  owner: string | null;
  region: string | null;
  segment: string;
  quadrant: ValueQuadrant;
  abc: AbcTier;
  stage: LifecycleStage;
  valueAtStake: number;
  reasons: Reason[];
  codes: ReasonCode[];
  contacts: (string | null)[];
}

/** Everything the reasons are drawn from; a null source is a reason that cannot apply. */
export interface CallListInput {
  asOf: string;
  customers: readonly ScoredCustomer[];
  /** Index in `customers[i].dims` of the sales-rep dimension and of the region one (−1: none). */
  repIndex: number;
  regionIndex: number;
  master: ReadonlyMap<string, MasterFacts> | null;
  /** Overdue customers (DOMAIN §7c), from `overdueVsRhythm`. */
  overdue: readonly CustomerRhythm[];
  spendDrops: readonly SpendDrop[];
  /** The fitted model's customers (P(alive), x); null without a fit. */
  model: readonly { customerId: string; x: number; pAlive: number }[] | null;
  complaints: ReadonlyMap<string, OpenComplaints> | null;
  detractors: ReadonlyMap<string, Detractor> | null;
  receivables: readonly ReceivableCustomer[] | null;
  stake: StakeValues;
  lifecycle: LifecycleThresholds;
  secondOrderDays: number;
  /**
   * The orders' first date: a first purchase within {@link FIRST_ORDER_CENSOR_DAYS} of it is
   * probably not the customer's first ever (they bought before the data starts), so it has no
   * anniversary. Null: every first purchase counts.
   */
  dataStart: string | null;
}

/** Days from the data's start in which first purchases have no anniversary. */
export const FIRST_ORDER_CENSOR_DAYS = 30;

const text = (v: string | null | undefined) =>
  v !== null && v !== undefined && v.trim() !== '' ? v : null;

/** True when a first purchase is far enough from the data's start to be a first ever. */
export function firstOrderCounts(firstPurchase: string | null, dataStart: string | null): boolean {
  if (!firstPurchase) return false;
  return !dataStart || daysBetween(firstPurchase, dataStart) >= FIRST_ORDER_CENSOR_DAYS;
}

/** The rows of every scored customer with at least one reason, highest value at stake first. */
export function buildCallList(input: CallListInput): CallRow[] {
  const reasons = new Map<string, Reason[]>();
  const add = (id: string, r: Reason) => {
    const list = reasons.get(id);
    if (list) list.push(r);
    else reasons.set(id, [r]);
  };
  for (const r of input.overdue)
    add(r.customerId, {
      code: 'overdue_rhythm',
      medianGapDays: r.medianGapDays,
      daysSince: r.daysSince,
      purchaseDays: r.purchaseDays
    });
  for (const s of input.spendDrops)
    add(s.customerId, {
      code: 'spend_drop',
      recentSpend: s.recentSpend,
      usualSpend: s.usualSpend
    });
  const byId = new Map(input.customers.map((c) => [c.customerId, c]));
  for (const v of input.model ?? []) {
    const tier = byId.get(v.customerId)?.abc;
    if (v.x >= 1 && v.pAlive < PROBABLY_LAPSED_BELOW && (tier === 'A' || tier === 'B'))
      add(v.customerId, { code: 'probably_lapsed', pAlive: v.pAlive, tier });
  }
  for (const [id, c] of input.complaints ?? [])
    add(id, { code: 'complaint', open: c.open, overdue: c.overdue, daysOpen: c.daysOpen });
  for (const [id, d] of input.detractors ?? [])
    add(id, { code: 'detractor', nps: d.nps, date: d.date });
  for (const r of input.receivables ?? [])
    if (r.overdueOutstanding > 0 && r.maxDaysPastDue !== null)
      add(r.customerId, {
        code: 'receivable',
        overdueAmount: r.overdueOutstanding,
        maxDaysPastDue: r.maxDaysPastDue
      });
  for (const c of input.customers) {
    const days = daysWithoutSecondOrder(
      c,
      input.asOf,
      input.secondOrderDays,
      input.lifecycle.lapseDays
    );
    if (days !== null && c.firstPurchase)
      add(c.customerId, { code: 'no_second_order', firstPurchase: c.firstPurchase, days });
    const birthday = nextAnniversary(input.master?.get(c.customerId)?.birthday ?? null, input.asOf);
    if (birthday) add(c.customerId, { code: 'anniversary', kind: 'birthday', ...birthday });
    const first = firstOrderCounts(c.firstPurchase, input.dataStart)
      ? nextAnniversary(c.firstPurchase, input.asOf)
      : null;
    if (first) add(c.customerId, { code: 'anniversary', kind: 'first_purchase', ...first });
  }

  const rows: CallRow[] = [];
  for (const [id, list] of reasons) {
    const c = byId.get(id);
    if (!c) continue; // named only by a related file, or outside the filter: not in the analysis
    const m = input.master?.get(id);
    const rep = input.repIndex >= 0 ? c.dims[input.repIndex] : null;
    const region = input.regionIndex >= 0 ? c.dims[input.regionIndex] : null;
    rows.push({
      customerId: id,
      name: text(c.customerName) ?? text(m?.name),
      owner: text(m?.owner) ?? text(rep),
      region: text(region) ?? text(m?.region),
      segment: c.segment,
      quadrant: c.quadrant,
      abc: c.abc,
      stage: lifecycleStage(c, input.lifecycle, input.asOf),
      valueAtStake: input.stake.byCustomer.get(id) ?? 0,
      reasons: list,
      codes: reasonCodes(list),
      contacts: m?.contacts ?? []
    });
  }
  return rows.sort(
    (a, b) =>
      b.valueAtStake - a.valueAtStake ||
      (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0)
  );
}

/** Count and value at stake of the rows having each reason. */
export function reasonTotals(
  rows: readonly CallRow[]
): Record<ReasonCode, { count: number; valueAtStake: number }> {
  const out = {} as Record<ReasonCode, { count: number; valueAtStake: number }>;
  for (const r of rows)
    for (const code of r.codes) {
      const t = (out[code] ??= { count: 0, valueAtStake: 0 });
      t.count++;
      t.valueAtStake += r.valueAtStake;
    }
  return out;
}

/** Headers that name a region, strongest first (region, then province/state, then country, city). */
const REGION_HEADERS = [
  /区域|大区|地区|片区|region|territory/i,
  /省份|省|state|province/i,
  /国家|country/i,
  /城市|city/i
];

/** Index of the region-like dimension, else −1. */
export function regionDimensionIndex(dimensions: readonly { header: string }[]): number {
  for (const pattern of REGION_HEADERS) {
    const i = dimensions.findIndex((d) => pattern.test(d.header));
    if (i >= 0) return i;
  }
  return -1;
}

/** Master columns that hold contact details (联系人, 电话, email …). */
const CONTACT_HEADER =
  /联系|电话|手机|邮箱|地址|微信|contact|phone|mobile|tel|e-?mail|address|wechat/i;

/** Indexes of the contact-like dimensions of a master. */
export function contactDimensionIndexes(dimensions: readonly { header: string }[]): number[] {
  return dimensions.flatMap((d, i) => (CONTACT_HEADER.test(d.header) ? [i] : []));
}
