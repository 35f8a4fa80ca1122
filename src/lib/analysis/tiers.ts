// Value tiers (DOMAIN §3–4): Chinese 8-class RFM, value quadrant, ABC (Pareto) tiers.
import { argsortAscending, visitInOrder } from './rfm';
import { Scratch } from './scratch';
import type { AbcTier, Class8, ValueQuadrant } from './types';

/** The eight classes in DOMAIN order (important before general; value, development, retention,
 * win-back). */
export const CLASS8_IDS: readonly Class8[] = [
  'important_value',
  'important_development',
  'important_retention',
  'important_winback',
  'general_value',
  'general_development',
  'general_retention',
  'general_winback'
];

/** The four quadrants in DOMAIN order. */
export const QUADRANT_IDS: readonly ValueQuadrant[] = ['vip', 'growth', 'potential', 'low'];

/** Raw recency/frequency/monetary of one customer, or their means. */
export interface RawRfm {
  recency: number;
  frequency: number;
  monetary: number;
}

/**
 * 客户价值八分类: R is high iff recency < mean, F iff frequency > mean, M iff monetary > mean
 * (a value equal to the mean is low). M decides important/general, then R and F pick the class.
 */
export function classify8(value: RawRfm, means: RawRfm): Class8 {
  return CLASS8_IDS[class8Index(value.recency, value.frequency, value.monetary, means)];
}

/** {@link classify8} as an index into `CLASS8_IDS`. */
export function class8Index(
  recency: number,
  frequency: number,
  monetary: number,
  means: RawRfm
): number {
  const isRecent = recency < means.recency;
  const isFrequent = frequency > means.frequency;
  const isImportant = monetary > means.monetary;
  // CLASS8_IDS order: value (R+F+), development (R+F−), retention (R−F+), win-back (R−F−).
  return (isImportant ? 0 : 4) + (isRecent ? 0 : 2) + (isFrequent ? 0 : 1);
}

/**
 * Value quadrant: frequency and monetary are high when strictly greater than the split (median
 * by default). VIP = high F & high M, growth = high F & low M, potential = low F & high M.
 */
export function classifyQuadrant(
  value: Pick<RawRfm, 'frequency' | 'monetary'>,
  split: Pick<RawRfm, 'frequency' | 'monetary'>
): ValueQuadrant {
  return QUADRANT_IDS[quadrantIndex(value.frequency, value.monetary, split)];
}

/** {@link classifyQuadrant} as an index into `QUADRANT_IDS` (vip, growth, potential, low). */
export function quadrantIndex(
  frequency: number,
  monetary: number,
  split: Pick<RawRfm, 'frequency' | 'monetary'>
): number {
  const isFrequent = frequency > split.frequency;
  const isValuable = monetary > split.monetary;
  return isFrequent ? (isValuable ? 0 : 1) : isValuable ? 2 : 3;
}

/**
 * ABC tiers, in input order. Customers sorted by monetary descending (ties by customer id, SQLite
 * BINARY order); S = total positive monetary, C = monetary of the customers before: A if C < 0.8·S,
 * else B if C < 0.95·S, else C; monetary ≤ 0 is always C. Customers with monetary ≤ 0 sort last, so
 * C only ever sums positive amounts for the customers it decides. `order`: the customers' indices
 * by ascending monetary (`argsortAscending`), if already at hand.
 */
export function assignAbcTiers(
  customers: readonly { customerId: string; monetary: number }[],
  order?: Uint32Array
): AbcTier[] {
  const n = customers.length;
  // Plain loops: typed-array `from` with a map function is slow in V8.
  const monetary = new Float64Array(n);
  const ids = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    monetary[i] = customers[i].monetary;
    ids[i] = customers[i].customerId;
  }
  return abcTiersOf(monetary, ids, order);
}

/** {@link assignAbcTiers} of customers given as their monetary values and ids. */
export function abcTiersOf(
  monetary: Float64Array,
  ids: readonly string[],
  order?: Uint32Array
): AbcTier[] {
  const n = monetary.length;
  const ascending = order ?? argsortAscending(monetary);
  const tiers = new Array<AbcTier>(n);
  TIERS.use(n + 1, ({ descending, before }) => {
    for (let p = 0; p < n; p++) descending[p] = monetary[ascending[n - 1 - p]];
    // before[p] = monetary of the first p customers, compensated so cents do not drift.
    before[0] = 0;
    let running = 0;
    let compensation = 0;
    for (let p = 0; p < n && descending[p] > 0; p++) {
      const x = descending[p];
      const t = running + x;
      compensation += running >= x ? running - t + x : x - t + running;
      running = t;
      before[p + 1] = running + compensation;
    }
    // S: the positives are exactly the ones summed above.
    const total = running + compensation;
    const tierAt = (position: number): AbcTier => {
      if (!(position < n && descending[position] > 0)) return 'C';
      const c = before[position];
      // 5·C < 4·S and 20·C < 19·S: exact multiples of S instead of rounding 0.8 and 0.95.
      return 5 * c < 4 * total ? 'A' : 20 * c < 19 * total ? 'B' : 'C';
    };
    const visit = (i: number, position: number) => {
      tiers[i] = tierAt(position);
    };
    visitInOrder(monetary, ids, true, tierAt, visit, ascending);
  });
  return tiers;
}

/** {@link abcTiersOf}'s values by descending monetary and the sums before each place. */
const TIERS = new Scratch((n) => ({
  descending: new Float64Array(n),
  before: new Float64Array(n)
}));
