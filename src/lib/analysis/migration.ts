// Segment migration between two as-of dates: who moved from which group to which, and the revenue.
import { OTHERS_ID } from './segments';
import { CLASS8_IDS } from './tiers';
import { MONEY_DECIMALS } from './sql';
import type { Class8, CustomerBase, ScoredCustomer, SegmentRule } from './types';

/** What a node of the migration stands for: an RFM segment or a Chinese 8-class. */
export type MigrationGrouping = 'segment' | 'class8';

/** Source node of customers with no row on or before date A. */
export const NOT_YET_ID = '~not_yet';
/** Node of customers whose rows up to that date hold no positive order (DOMAIN §3 "no purchases"). */
export const NO_PURCHASE_ID = '~no_purchase';

/** A customer's RFM at one date; scores and groups are null when they had no positive order. */
export interface MigrationSnapshot {
  recencyDays: number | null;
  frequency: number;
  monetary: number;
  r: number | null;
  f: number | null;
  m: number | null;
  segment: string | null;
  class8: Class8 | null;
}

/** One customer of the later date, with where they stood at both dates. */
export interface MigrationCustomer {
  customerId: string;
  customerName: string | null;
  /** Null when the customer had no row on or before date A. */
  a: MigrationSnapshot | null;
  b: MigrationSnapshot;
  /** Net revenue of rows dated after A and on or before B: monetary at B − monetary at A. */
  revenueBetween: number;
}

/** One band of the Sankey: customers in `from` at A and in `to` at B. */
export interface MigrationFlow {
  from: string;
  to: string;
  customers: number;
  /** Net revenue these customers generated after A, up to and including B. */
  revenueBetween: number;
  /** Their monetary (lifetime net revenue) at B. */
  monetaryB: number;
}

/** One node: a group at A (source) or at B (target). */
export interface MigrationNode {
  id: string;
  customers: number;
  revenueBetween: number;
  monetaryB: number;
}

/** How the customers of one group at A fared by B. */
export interface GroupRetention {
  id: string;
  /** Customers in the group at A. */
  atA: number;
  /** Of them, still in the group at B. */
  stayed: number;
  /** stayed / atA (null for an empty group). */
  stayedShare: number | null;
  /** Moved to a group ranked higher (earlier in the group order). */
  up: number;
  down: number;
  /** Moved to or from a group without a rank (Others, no purchases). */
  sideways: number;
  /** Customers in the group at B. */
  atB: number;
}

/** Headline numbers of a migration. */
export interface MigrationTotals {
  /** Customers with a row on or before B (every customer of the migration). */
  customers: number;
  /** Customers with a row on or before A. */
  existing: number;
  /** Customers whose first row came after A. */
  newCustomers: number;
  stayed: number;
  up: number;
  down: number;
  sideways: number;
  revenueBetween: number;
  /** Revenue between A and B from customers who already had a row at A. */
  revenueExisting: number;
}

/** Everything the migration view draws. */
export interface MigrationResult {
  grouping: MigrationGrouping;
  /** Source and target nodes in display order; groups without customers are left out. */
  sources: MigrationNode[];
  targets: MigrationNode[];
  /** Every non-empty flow, sources in node order, then targets in node order. */
  flows: MigrationFlow[];
  /** One row per ranked or unranked group that has customers at A or B, in group order. */
  retention: GroupRetention[];
  totals: MigrationTotals;
}

/** Groups in display order: the rule table (then Others), or the 8 classes in DOMAIN order. */
export function groupOrder(grouping: MigrationGrouping, rules: readonly SegmentRule[]): string[] {
  return grouping === 'segment' ? [...rules.map((r) => r.id), OTHERS_ID] : [...CLASS8_IDS];
}

/** Rounds money the way the base query does, so differences of sums carry no float noise. */
function roundMoney(x: number): number {
  const f = 10 ** MONEY_DECIMALS;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r;
}

function snapshotOf(c: ScoredCustomer | CustomerBase): MigrationSnapshot {
  const scored = 'rScore' in c;
  return {
    recencyDays: c.recencyDays,
    frequency: c.frequency,
    monetary: c.monetary,
    r: scored ? c.rScore : null,
    f: scored ? c.fScore : null,
    m: scored ? c.mScore : null,
    segment: scored ? c.segment : null,
    class8: scored ? c.class8 : null
  };
}

/** The scored and unscored customers of one date, as `scoreCustomers` returns them. */
export interface ScoredSet {
  scored: readonly ScoredCustomer[];
  noPurchase: readonly CustomerBase[];
}

/**
 * Joins the customers of A and B (same dataset and settings, A earlier than B): one row per
 * customer of B, in customer-id order. Everyone with a row on or before A also has one on or
 * before B, so B's customers are all of them.
 */
export function joinMigration(a: ScoredSet, b: ScoredSet): MigrationCustomer[] {
  const atA = new Map<string, MigrationSnapshot>();
  for (const c of a.scored) atA.set(c.customerId, snapshotOf(c));
  for (const c of a.noPurchase) atA.set(c.customerId, snapshotOf(c));
  const rows: MigrationCustomer[] = [];
  for (const c of [...b.scored, ...b.noPurchase]) {
    const snapA = atA.get(c.customerId) ?? null;
    rows.push({
      customerId: c.customerId,
      customerName: c.customerName,
      a: snapA,
      b: snapshotOf(c),
      revenueBetween: roundMoney(c.monetary - (snapA?.monetary ?? 0))
    });
  }
  return rows.sort((x, y) =>
    x.customerId < y.customerId ? -1 : x.customerId > y.customerId ? 1 : 0
  );
}

/** The node a customer is in at A. */
export function sourceOf(c: MigrationCustomer, grouping: MigrationGrouping): string {
  if (!c.a) return NOT_YET_ID;
  return c.a[grouping] ?? NO_PURCHASE_ID;
}

/** The node a customer is in at B. */
export function targetOf(c: MigrationCustomer, grouping: MigrationGrouping): string {
  return c.b[grouping] ?? NO_PURCHASE_ID;
}

/** Node order: the groups, then no purchases, then (sources only) not yet a customer. */
function nodeOrder(groups: readonly string[], side: 'source' | 'target'): string[] {
  return side === 'source' ? [...groups, NO_PURCHASE_ID, NOT_YET_ID] : [...groups, NO_PURCHASE_ID];
}

/**
 * Rank of a node for "moved up/down": its index in the group order, best first. Others (no rule
 * matched) and no purchases have no rank, so moves to or from them are neither up nor down.
 */
function rankOf(id: string, groups: readonly string[]): number | null {
  if (id === OTHERS_ID || id === NO_PURCHASE_ID || id === NOT_YET_ID) return null;
  const i = groups.indexOf(id);
  return i < 0 ? null : i;
}

/**
 * Flows, nodes, per-group retention and totals of a joined migration, grouped by segment (in the
 * order of `groups`) or 8-class. A group id not in `groups` (a rule removed since) goes last.
 */
export function summarizeMigration(
  customers: readonly MigrationCustomer[],
  grouping: MigrationGrouping,
  groups: readonly string[]
): MigrationResult {
  const flows = new Map<string, MigrationFlow>();
  const sources = new Map<string, MigrationNode>();
  const targets = new Map<string, MigrationNode>();
  const node = (map: Map<string, MigrationNode>, id: string) => {
    let n = map.get(id);
    if (!n) map.set(id, (n = { id, customers: 0, revenueBetween: 0, monetaryB: 0 }));
    return n;
  };
  const totals: MigrationTotals = {
    customers: 0,
    existing: 0,
    newCustomers: 0,
    stayed: 0,
    up: 0,
    down: 0,
    sideways: 0,
    revenueBetween: 0,
    revenueExisting: 0
  };
  const retention = new Map<string, GroupRetention>();
  const groupRow = (id: string) => {
    let g = retention.get(id);
    if (!g) {
      g = { id, atA: 0, stayed: 0, stayedShare: null, up: 0, down: 0, sideways: 0, atB: 0 };
      retention.set(id, g);
    }
    return g;
  };

  for (const c of customers) {
    const from = sourceOf(c, grouping);
    const to = targetOf(c, grouping);
    const key = `${from}\u0000${to}`;
    let flow = flows.get(key);
    if (!flow) flows.set(key, (flow = { from, to, customers: 0, revenueBetween: 0, monetaryB: 0 }));
    for (const n of [flow, node(sources, from), node(targets, to)]) {
      n.customers++;
      n.revenueBetween += c.revenueBetween;
      n.monetaryB += c.b.monetary;
    }
    totals.customers++;
    totals.revenueBetween += c.revenueBetween;
    groupRow(to).atB++;
    if (from === NOT_YET_ID) {
      totals.newCustomers++;
      continue;
    }
    totals.existing++;
    totals.revenueExisting += c.revenueBetween;
    const row = groupRow(from);
    row.atA++;
    const move = classifyMove(from, to, groups);
    row[move]++;
    totals[move]++;
  }

  const order = (side: 'source' | 'target') => {
    const ids = nodeOrder(groups, side);
    return (id: string) => {
      const i = ids.indexOf(id);
      return i < 0 ? groups.length - 0.5 : i; // unknown groups: after the groups, before the rest
    };
  };
  const srcRank = order('source');
  const tgtRank = order('target');
  const tidy = <T extends { revenueBetween: number; monetaryB: number }>(x: T): T => ({
    ...x,
    revenueBetween: roundMoney(x.revenueBetween),
    monetaryB: roundMoney(x.monetaryB)
  });
  const byRank = (rank: (id: string) => number) => (x: MigrationNode, y: MigrationNode) =>
    rank(x.id) - rank(y.id) || (x.id < y.id ? -1 : 1);
  return {
    grouping,
    sources: [...sources.values()].sort(byRank(srcRank)).map(tidy),
    targets: [...targets.values()].sort(byRank(tgtRank)).map(tidy),
    flows: [...flows.values()]
      .sort(
        (x, y) =>
          srcRank(x.from) - srcRank(y.from) ||
          tgtRank(x.to) - tgtRank(y.to) ||
          (x.from + x.to < y.from + y.to ? -1 : 1)
      )
      .map(tidy),
    retention: [...retention.values()]
      .sort((x, y) => tgtRank(x.id) - tgtRank(y.id) || (x.id < y.id ? -1 : 1))
      .map((g) => ({ ...g, stayedShare: g.atA > 0 ? g.stayed / g.atA : null })),
    totals: {
      ...totals,
      revenueBetween: roundMoney(totals.revenueBetween),
      revenueExisting: roundMoney(totals.revenueExisting)
    }
  };
}

/** Stayed in the group, moved up or down the group order, or moved to or from an unranked node. */
function classifyMove(
  from: string,
  to: string,
  groups: readonly string[]
): 'stayed' | 'up' | 'down' | 'sideways' {
  if (from === to) return 'stayed';
  const a = rankOf(from, groups);
  const b = rankOf(to, groups);
  if (a === null || b === null) return 'sideways';
  return b < a ? 'up' : 'down';
}

/** The customers of one flow, by revenue between the dates (largest first), then by id. */
export function flowCustomers(
  customers: readonly MigrationCustomer[],
  grouping: MigrationGrouping,
  from: string,
  to: string
): MigrationCustomer[] {
  return customers
    .filter((c) => sourceOf(c, grouping) === from && targetOf(c, grouping) === to)
    .sort(
      (x, y) =>
        y.revenueBetween - x.revenueBetween ||
        (x.customerId < y.customerId ? -1 : x.customerId > y.customerId ? 1 : 0)
    );
}
