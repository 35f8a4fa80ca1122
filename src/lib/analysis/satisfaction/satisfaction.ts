// The Satisfaction view's figures (DOMAIN §7, §7b): CSAT and NPS by group and over time, satisfaction
// against behaviour (lapsed share, median days since the last purchase) and the two call lists,
// from the responses of customers who appear in the orders.
import type { AbcTier } from '../types';
import type { LifecycleStage } from '../lifecycle';
import { isIncomplete, periodOf, periodsBetween, type Grain } from '../period';
import {
  latestAnswers,
  median,
  npsGroup,
  NPS_GROUPS,
  satisfactionStats,
  type DatedScore,
  type NpsGroup,
  type SatisfactionStats,
  type SurveyResponse
} from './stats';

/** What the view knows of a customer in the orders (from the RFM analysis and the master). */
export interface CustomerFacts {
  customerId: string;
  customerName: string | null;
  /** Segment id (null: no positive purchase, unscored). */
  segment: string | null;
  abc: AbcTier | null;
  stage: LifecycleStage;
  recencyDays: number | null;
  lastPurchase: string | null;
  monetary: number;
  owner: string | null;
  /** The customer's value of each order dimension (DOMAIN §8). */
  dims: (string | null)[];
}

/** What the CSAT table is grouped by. */
export type SatisfactionGrouping =
  | { kind: 'segment' | 'abc_tier' | 'lifecycle' | 'owner' }
  | { kind: 'order_dim' | 'feedback_dim'; index: number };

/** One group of the CSAT table; `key` null is the group without a value. */
export interface SatisfactionGroup extends SatisfactionStats {
  key: string | null;
  /** Fewer than `SMALL_GROUP` responses: shown, but marked as too few to read much into. */
  isSmall: boolean;
}

/** Groups with fewer responses than this are marked. */
export const SMALL_GROUP = 5;

/** One period of the over-time chart. */
export interface SatisfactionPeriod extends SatisfactionStats {
  key: string;
  /** The as-of date falls inside it: its figures are so far. */
  isIncomplete: boolean;
}

/** Customers with one latest answer (a CSAT score or an NPS group) against how they buy. */
export interface BehaviourRow {
  /** CSAT score `1`–`5` or NPS group. */
  key: string;
  customers: number;
  /** Customers lapsed (recency_days > lapse_days, DOMAIN §5). */
  lapsed: number;
  lapsedShare: number | null;
  /** Median days since the last purchase of these customers. */
  medianDays: number | null;
}

/** A customer on one of the lists. */
export interface SatisfactionListRow {
  customerId: string;
  customerName: string | null;
  abc: AbcTier | null;
  segment: string | null;
  owner: string | null;
  latestCsat: DatedScore | null;
  latestNps: DatedScore | null;
  lastPurchase: string | null;
  recencyDays: number | null;
  monetary: number;
  comment: string | null;
}

export interface SatisfactionOptions {
  grouping: SatisfactionGrouping;
  grain: Exclude<Grain, 'year'>;
  asOf: string;
  lapseDays: number;
  /** Days without a purchase that put a promoter on the list (90). */
  promoterIdleDays?: number;
}

export interface SatisfactionResult {
  overall: SatisfactionGroup;
  groups: SatisfactionGroup[];
  periods: SatisfactionPeriod[];
  byCsat: BehaviourRow[];
  byNps: BehaviourRow[];
  /** Tier A/B customers whose latest CSAT ≤ 2 or latest NPS ≤ 6, by spend. */
  unhappy: SatisfactionListRow[];
  /** Customers whose latest NPS ≥ 9 and who have not bought for `promoterIdleDays`+ days. */
  idlePromoters: SatisfactionListRow[];
  /** Responses naming a customer the orders do not have (left out of every figure above). */
  unmatched: { responses: number; customers: number };
}

const STAGE_ORDER: readonly string[] = [
  'new',
  'repeat',
  'loyal',
  'one_time',
  'lapsed',
  'no_purchase'
];
const TIER_ORDER: readonly string[] = ['A', 'B', 'C'];

function groupKey(g: SatisfactionGrouping, r: SurveyResponse, c: CustomerFacts): string | null {
  switch (g.kind) {
    case 'segment':
      return c.segment;
    case 'abc_tier':
      return c.abc;
    case 'lifecycle':
      return c.stage;
    case 'owner':
      return c.owner;
    case 'order_dim':
      return c.dims[g.index] ?? null;
    case 'feedback_dim':
      return r.dims[g.index] ?? null;
  }
}

function toGroup(key: string | null, rs: readonly SurveyResponse[]): SatisfactionGroup {
  const stats = satisfactionStats(rs);
  return { key, ...stats, isSmall: stats.responses < SMALL_GROUP };
}

/** Groups in a fixed order for tiers and stages, else by responses (most first), no value last. */
function sortGroups(kind: SatisfactionGrouping['kind'], groups: SatisfactionGroup[]) {
  const fixed = kind === 'abc_tier' ? TIER_ORDER : kind === 'lifecycle' ? STAGE_ORDER : null;
  return groups.sort((a, b) => {
    if (a.key === null || b.key === null) return a.key === null ? (b.key === null ? 0 : 1) : -1;
    if (fixed) return fixed.indexOf(a.key) - fixed.indexOf(b.key);
    return b.responses - a.responses || a.key.localeCompare(b.key);
  });
}

function behaviour(
  keys: readonly string[],
  members: Map<string, CustomerFacts[]>,
  lapseDays: number
): BehaviourRow[] {
  return keys.map((key) => {
    const cs = (members.get(key) ?? []).filter((c) => c.recencyDays !== null);
    const lapsed = cs.filter((c) => c.recencyDays! > lapseDays).length;
    return {
      key,
      customers: cs.length,
      lapsed,
      lapsedShare: cs.length ? lapsed / cs.length : null,
      medianDays: median(cs.map((c) => c.recencyDays!))
    };
  });
}

const bySpend = (a: SatisfactionListRow, b: SatisfactionListRow) =>
  b.monetary - a.monetary || (a.customerId < b.customerId ? -1 : 1);

/** Every figure of the view from the responses and the customers of the orders. */
export function computeSatisfaction(
  responses: readonly SurveyResponse[],
  customers: ReadonlyMap<string, CustomerFacts>,
  o: SatisfactionOptions
): SatisfactionResult {
  const matched: SurveyResponse[] = [];
  const strangers = new Set<string>();
  let unmatchedResponses = 0;
  for (const r of responses) {
    if (customers.has(r.customerId)) matched.push(r);
    else {
      unmatchedResponses++;
      strangers.add(r.customerId);
    }
  }

  const byKey = new Map<string | null, SurveyResponse[]>();
  for (const r of matched) {
    const key = groupKey(o.grouping, r, customers.get(r.customerId)!);
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const groups = sortGroups(
    o.grouping.kind,
    [...byKey].map(([key, rs]) => toGroup(key, rs))
  );

  const periods: SatisfactionPeriod[] = [];
  if (matched.length) {
    const dates = matched.map((r) => r.date).sort();
    const inPeriod = new Map<string, SurveyResponse[]>();
    const all = periodsBetween(dates[0], dates.at(-1)!, o.grain);
    for (const p of all) inPeriod.set(p.key, []);
    for (const r of matched) inPeriod.get(periodOf(r.date, o.grain).key)!.push(r);
    for (const p of all)
      periods.push({
        key: p.key,
        isIncomplete: isIncomplete(p, o.asOf),
        ...satisfactionStats(inPeriod.get(p.key)!)
      });
  }

  const latest = latestAnswers(matched);
  const csatMembers = new Map<string, CustomerFacts[]>();
  const npsMembers = new Map<string, CustomerFacts[]>();
  const add = (m: Map<string, CustomerFacts[]>, key: string, c: CustomerFacts) => {
    const list = m.get(key);
    if (list) list.push(c);
    else m.set(key, [c]);
  };
  const unhappy: SatisfactionListRow[] = [];
  const idlePromoters: SatisfactionListRow[] = [];
  const idleDays = o.promoterIdleDays ?? 90;
  for (const [id, l] of latest) {
    const c = customers.get(id)!;
    if (l.csat) add(csatMembers, String(Math.round(l.csat.value)), c);
    if (l.nps) add(npsMembers, npsGroup(l.nps.value), c);
    const row = (): SatisfactionListRow => ({
      customerId: id,
      customerName: c.customerName,
      abc: c.abc,
      segment: c.segment,
      owner: c.owner,
      latestCsat: l.csat,
      latestNps: l.nps,
      lastPurchase: c.lastPurchase,
      recencyDays: c.recencyDays,
      monetary: c.monetary,
      comment: l.comment
    });
    const isHighValue = c.abc === 'A' || c.abc === 'B';
    if (isHighValue && ((l.csat && l.csat.value <= 2) || (l.nps && l.nps.value <= 6)))
      unhappy.push(row());
    if (l.nps && l.nps.value >= 9 && c.recencyDays !== null && c.recencyDays >= idleDays)
      idlePromoters.push(row());
  }

  return {
    overall: toGroup(null, matched),
    groups,
    periods,
    byCsat: behaviour(['1', '2', '3', '4', '5'], csatMembers, o.lapseDays),
    byNps: behaviour(NPS_GROUPS as readonly NpsGroup[], npsMembers, o.lapseDays),
    unhappy: unhappy.sort(bySpend),
    idlePromoters: idlePromoters.sort(bySpend),
    unmatched: { responses: unmatchedResponses, customers: strangers.size }
  };
}
