// Aggregates scored customers into what the views draw: KPIs, segment/class/tier tables, heatmap.
import { CLASS8_IDS, QUADRANT_IDS } from './tiers';
import { concentration, histogram } from './concentration';
import { OTHERS_ID } from './segments';
import type {
  AbcTier,
  Class8,
  Concentration,
  Histogram,
  Metric,
  ScoreColumns,
  ScoreResult,
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
}

/**
 * How the customer base's values spread (DOMAIN §4): the same for every scoring of one base, and
 * only what the overview, tiers, distributions and report draw (not the heatmap's views).
 */
export interface RfmDistributionData {
  concentration: Concentration;
  histograms: Record<Metric, Histogram>;
}

type Acc = { n: number; revenue: number; r: number; f: number; m: number };
const newAcc = (): Acc => ({ n: 0, revenue: 0, r: 0, f: 0, m: 0 });
/** Adds scored customer `i` (recency, frequency and monetary of `values`) to `acc`. */
function add(acc: Acc, values: Readonly<Record<Metric, Float64Array>>, i: number) {
  const m = values.monetary[i];
  acc.n++;
  acc.revenue += m;
  acc.r += values.recency[i];
  acc.f += values.frequency[i];
  acc.m += m;
}

/**
 * Totals per group, in the order of `ids` (an id listed twice is one group): `groupOf[i]` is the
 * index in `ids` of customer i's group.
 */
function groupTotals<Id extends string>(
  ids: readonly Id[],
  columns: ScoreColumns,
  groupOf: (i: number) => number
): GroupTotal<Id>[] {
  const { count: n, values } = columns;
  const accs = new Map<Id, Acc>();
  const slot = ids.map((id) => {
    let acc = accs.get(id);
    if (!acc) accs.set(id, (acc = newAcc()));
    return acc;
  });
  let revenue = 0;
  for (let i = 0; i < n; i++) {
    revenue += values.monetary[i];
    add(slot[groupOf(i)], values, i);
  }
  return [...accs].map(([id, a]) => ({
    id,
    customers: a.n,
    revenue: a.revenue,
    customerShare: n ? a.n / n : 0,
    revenueShare: revenue ? a.revenue / revenue : 0,
    avgRecency: a.n ? a.r / a.n : null,
    avgFrequency: a.n ? a.f / a.n : null,
    avgMonetary: a.n ? a.m / a.n : null
  }));
}

/** Every R × F cell for `bins` bins, empty ones included (a heatmap needs the full grid). */
export function heatmapCells(columns: ScoreColumns, bins: number): HeatCell[] {
  const { count, values, rScore, fScore, segment, segmentIds } = columns;
  const cells = bins * bins;
  const accs = Array.from({ length: cells }, newAcc);
  // Customers per cell and segment (the last segment slot is `others`).
  const slots = segmentIds.length + 1;
  const counts = new Int32Array(cells * slots);
  for (let i = 0; i < count; i++) {
    const cell = (rScore[i] - 1) * bins + fScore[i] - 1;
    add(accs[cell], values, i);
    counts[cell * slots + (segment[i] < 0 ? segmentIds.length : segment[i])]++;
  }
  const idOf = (k: number) => (k === segmentIds.length ? OTHERS_ID : segmentIds[k]);
  // Segments by id (a rule id listed twice counts once, with both rules' customers).
  const byId = new Map<string, number[]>();
  for (let k = 0; k < slots; k++) {
    const list = byId.get(idOf(k));
    if (list) list.push(k);
    else byId.set(idOf(k), [k]);
  }
  const alphabetical = [...byId].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const main = (cell: number): [string, number] | null => {
    let best: [string, number] | null = null;
    for (const [id, ks] of alphabetical) {
      let count = 0;
      for (const k of ks) count += counts[cell * slots + k];
      if (count > 0 && (!best || count > best[1])) best = [id, count];
    }
    return best;
  };
  return accs.map((a, i) => ({
    ...cellSegment(main(i), a.n),
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

function kpis(result: ScoreResult): Kpis {
  const { count, values } = result.columns;
  const noPurchase = result.noPurchaseMonetary;
  let revenue = 0;
  let orders = 0;
  let repeat = 0;
  for (let i = 0; i < count; i++) {
    revenue += values.monetary[i];
    orders += values.frequency[i];
    if (values.frequency[i] >= 2) repeat++;
  }
  for (let i = 0; i < noPurchase.length; i++) revenue += noPurchase[i];
  return {
    customers: count + noPurchase.length,
    scored: count,
    noPurchase: noPurchase.length,
    revenue,
    orders,
    aov: orders ? revenue / orders : null,
    repeatRate: count ? repeat / count : null,
    firstPurchase: result.firstPurchase,
    lastPurchase: result.lastPurchase
  };
}

/**
 * Concentration and histograms of a scoring's customer base (every scoring of one base gives the
 * same). `monetaryOrder`: the scored customers by ascending monetary, when at hand
 * (`PreparedBase.order`).
 */
export function distribution(
  result: ScoreResult,
  monetaryOrder?: Uint32Array
): RfmDistributionData {
  const { recency, frequency, monetary } = result.columns.values;
  return {
    concentration: concentration(monetary, monetaryOrder),
    histograms: {
      recency: histogram(recency, { bins: 30 }),
      frequency: histogram(frequency, { log: true }),
      monetary: histogram(monetary, { log: true })
    }
  };
}

/** Everything the heatmap, segment, class and tier views need, from one scoring. */
export function summarize(result: ScoreResult, bins: number): RfmSummaryData {
  const { columns } = result;
  const { segment, segmentIds, class8, quadrant, abc } = columns;
  const others = segmentIds.length;
  return {
    kpis: kpis(result),
    segments: groupTotals([...segmentIds, OTHERS_ID], columns, (i) =>
      segment[i] < 0 ? others : segment[i]
    ),
    class8: groupTotals(CLASS8_IDS, columns, (i) => class8[i]),
    quadrants: groupTotals(QUADRANT_IDS, columns, (i) => quadrant[i]),
    abc: groupTotals<AbcTier>(['A', 'B', 'C'], columns, (i) =>
      abc[i] === 'A' ? 0 : abc[i] === 'B' ? 1 : 2
    ),
    heatmap: heatmapCells(columns, bins)
  };
}
