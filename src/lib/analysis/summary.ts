// Aggregates scored customers into what the views draw: KPIs, segment/class/tier tables, heatmap.
import { CLASS8_IDS, QUADRANT_IDS } from './tiers';
import { concentration, histogram } from './concentration';
import { OTHERS_ID } from './segments';
import type {
  AbcTier,
  Class8,
  Concentration,
  CustomerBase,
  Histogram,
  Metric,
  ScoredCustomer,
  ScoreResult,
  SegmentRule,
  ValueQuadrant
} from './types';

/** Customers and revenue of one group (segment, class, tier, quadrant). */
export interface GroupTotal<Id extends string = string> {
  id: Id;
  customers: number;
  revenue: number;
  /** Shares of all scored customers and of their total monetary (0–1). */
  customerShare: number;
  revenueShare: number;
  avgRecency: number | null;
  avgFrequency: number | null;
  avgMonetary: number | null;
}

/** One R × F cell of the heatmap. */
export interface HeatCell {
  r: number;
  f: number;
  count: number;
  revenue: number;
  avgMonetary: number | null;
  avgRecency: number | null;
  avgFrequency: number | null;
  /** The segment most of the cell's customers are in (ties: the id first alphabetically); null when empty. */
  segment: string | null;
  /** Share of the cell's customers in that segment (1: all of them). */
  segmentShare: number | null;
}

/** Headline numbers (DOMAIN §2–3 over transactions on or before the as-of date). */
export interface Kpis {
  /** Customers with any row on or before the as-of date. */
  customers: number;
  scored: number;
  noPurchase: number;
  /** Net revenue of every customer (monetary summed). */
  revenue: number;
  /** Orders with positive amount. */
  orders: number;
  /** Average order value = revenue / orders. */
  aov: number | null;
  /** Share of scored customers with two or more orders. */
  repeatRate: number | null;
  firstPurchase: string | null;
  lastPurchase: string | null;
}

export interface RfmSummaryData {
  kpis: Kpis;
  segments: GroupTotal[];
  class8: GroupTotal<Class8>[];
  quadrants: GroupTotal<ValueQuadrant>[];
  abc: GroupTotal<AbcTier>[];
  heatmap: HeatCell[];
  concentration: Concentration;
  histograms: Record<Metric, Histogram>;
}

type Acc = { n: number; revenue: number; r: number; f: number; m: number };
const newAcc = (): Acc => ({ n: 0, revenue: 0, r: 0, f: 0, m: 0 });
function add(acc: Acc, c: ScoredCustomer) {
  acc.n++;
  acc.revenue += c.monetary;
  acc.r += c.recencyDays ?? 0;
  acc.f += c.frequency;
  acc.m += c.monetary;
}

function groupTotals<Id extends string>(
  ids: readonly Id[],
  scored: readonly ScoredCustomer[],
  key: (c: ScoredCustomer) => Id
): GroupTotal<Id>[] {
  const accs = new Map<Id, Acc>(ids.map((id) => [id, newAcc()]));
  let revenue = 0;
  for (const c of scored) {
    revenue += c.monetary;
    let acc = accs.get(key(c));
    if (!acc) accs.set(key(c), (acc = newAcc()));
    add(acc, c);
  }
  return [...accs].map(([id, a]) => ({
    id,
    customers: a.n,
    revenue: a.revenue,
    customerShare: scored.length ? a.n / scored.length : 0,
    revenueShare: revenue ? a.revenue / revenue : 0,
    avgRecency: a.n ? a.r / a.n : null,
    avgFrequency: a.n ? a.f / a.n : null,
    avgMonetary: a.n ? a.m / a.n : null
  }));
}

/** Every R × F cell for `bins` bins, empty ones included (a heatmap needs the full grid). */
export function heatmapCells(scored: readonly ScoredCustomer[], bins: number): HeatCell[] {
  const accs = Array.from({ length: bins * bins }, newAcc);
  const segments = Array.from({ length: bins * bins }, () => new Map<string, number>());
  for (const c of scored) {
    const i = (c.rScore - 1) * bins + c.fScore - 1;
    add(accs[i], c);
    segments[i].set(c.segment, (segments[i].get(c.segment) ?? 0) + 1);
  }
  const main = (counts: Map<string, number>) => {
    let best: [string, number] | null = null;
    for (const e of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      if (!best || e[1] > best[1]) best = e;
    return best;
  };
  return accs.map((a, i) => ({
    ...cellSegment(main(segments[i]), a.n),
    r: Math.floor(i / bins) + 1,
    f: (i % bins) + 1,
    count: a.n,
    revenue: a.revenue,
    avgMonetary: a.n ? a.m / a.n : null,
    avgRecency: a.n ? a.r / a.n : null,
    avgFrequency: a.n ? a.f / a.n : null
  }));
}

/** The main segment of a cell and its share of the cell's customers. */
function cellSegment(best: [string, number] | null, n: number) {
  return best && n > 0
    ? { segment: best[0], segmentShare: best[1] / n }
    : { segment: null, segmentShare: null };
}

function kpis(scored: readonly ScoredCustomer[], noPurchase: readonly CustomerBase[]): Kpis {
  let revenue = 0;
  let orders = 0;
  let repeat = 0;
  let first: string | null = null;
  let last: string | null = null;
  for (const c of scored) {
    revenue += c.monetary;
    orders += c.frequency;
    if (c.frequency >= 2) repeat++;
    if (c.firstPurchase && (first === null || c.firstPurchase < first)) first = c.firstPurchase;
    if (c.lastPurchase && (last === null || c.lastPurchase > last)) last = c.lastPurchase;
  }
  for (const c of noPurchase) revenue += c.monetary;
  return {
    customers: scored.length + noPurchase.length,
    scored: scored.length,
    noPurchase: noPurchase.length,
    revenue,
    orders,
    aov: orders ? revenue / orders : null,
    repeatRate: scored.length ? repeat / scored.length : null,
    firstPurchase: first,
    lastPurchase: last
  };
}

/** The parts of a summary that depend on the customer base alone (not on bins, rules or splits). */
export type BaseSummary = Pick<RfmSummaryData, 'kpis' | 'concentration' | 'histograms'>;

/** KPIs, concentration and histograms: the same for every scoring of one customer base. */
export function summarizeBase(result: ScoreResult): BaseSummary {
  const { scored, noPurchase } = result;
  // Plain loops: typed-array `from` with a map function is slow in V8.
  const n = scored.length;
  const recency = new Float64Array(n);
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = scored[i];
    recency[i] = c.recencyDays ?? NaN;
    frequency[i] = c.frequency;
    monetary[i] = c.monetary;
  }
  return {
    kpis: kpis(scored, noPurchase),
    concentration: concentration(monetary),
    histograms: {
      recency: histogram(recency, { bins: 30 }),
      frequency: histogram(frequency, { log: true }),
      monetary: histogram(monetary, { log: true })
    }
  };
}

/**
 * Everything the overview, heatmap, tiers and distribution views need, from one scoring; `base`
 * is {@link summarizeBase} of the same customer base when the caller kept it.
 */
export function summarize(
  result: ScoreResult,
  rules: readonly SegmentRule[],
  bins: number,
  base: BaseSummary = summarizeBase(result)
): RfmSummaryData {
  const { scored } = result;
  return {
    ...base,
    segments: groupTotals([...rules.map((r) => r.id), OTHERS_ID], scored, (c) => c.segment),
    class8: groupTotals(CLASS8_IDS, scored, (c) => c.class8),
    quadrants: groupTotals(QUADRANT_IDS, scored, (c) => c.quadrant),
    abc: groupTotals<AbcTier>(['A', 'B', 'C'], scored, (c) => c.abc),
    heatmap: heatmapCells(scored, bins)
  };
}
