// Scores a customer base (DOMAIN §3–4): R/F/M scores, segment, 8-class, quadrant and ABC tier.
import { mean } from './concentration';
import {
  argsortAscending,
  assertBins,
  describeBins,
  formatRfmCode,
  METRICS,
  scoreCustom,
  scoreNtile,
  scoreRanked,
  validateCuts,
  warnAboutBins
} from './rfm';
import { createSegmentMatcher, OTHERS_ID } from './segments';
import { assignAbcTiers, classify8, classifyQuadrant, type RawRfm } from './tiers';
import type {
  BinInfo,
  BinWarning,
  CustomerBase,
  CutProblem,
  Metric,
  MetricStats,
  ScoredCustomer,
  ScoreResult,
  ScoringOptions,
  SegmentRule
} from './types';

/** Thrown by {@link scoreCustomers} when custom cuts are unusable; check with `validateCuts` first. */
export class InvalidCutsError extends Error {
  constructor(readonly problems: CutProblem[]) {
    super(`invalid custom cuts: ${problems.map((p) => `${p.metric} ${p.code}`).join(', ')}`);
    this.name = 'InvalidCutsError';
  }
}

/**
 * Whether a customer has a positive order and so is scored. A row with orders but no recency is
 * inconsistent and also counts as "no purchases" rather than being guessed.
 */
export function hasPurchase(customer: CustomerBase): boolean {
  return customer.frequency > 0 && customer.recencyDays !== null;
}

/** What a customer's value is measured by when scoring M and the ABC tiers (default revenue). */
export type MonetaryBasis = 'revenue' | 'profit';

/** How the value quadrant splits frequency and monetary, and what M and ABC are scored on. */
export interface QuadrantOptions {
  quadrantSplit: 'median' | 'mean';
  /**
   * 'profit': the M score and the ABC tier rank customers by `CustomerBase.profit` (0 when
   * absent) instead of monetary; `monetary`, the 8 classes and the quadrant stay on revenue.
   */
  monetaryBasis?: MonetaryBasis;
}

/** Scores of one metric by the chosen method. */
function scoreMetric(
  values: Float64Array,
  order: Uint32Array,
  ids: readonly string[],
  metric: Metric,
  options: ScoringOptions
): Uint8Array {
  switch (options.method) {
    case 'ranked':
      return scoreRanked(values, metric, options.bins, order);
    case 'ntile':
      return scoreNtile(values, ids, metric, options.bins, order);
    case 'custom':
      return scoreCustom(values, metric, options.custom?.[metric] ?? [], options.bins);
    default: {
      const unknown: never = options.method;
      throw new Error(`unknown scoring method ${String(unknown)}`);
    }
  }
}

/** Median of `values` given their ascending order; the mean of the middle two for an even count. */
function medianByOrder(values: Float64Array, order: Uint32Array): number | null {
  const n = order.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? values[order[mid]] : (values[order[mid - 1]] + values[order[mid]]) / 2;
}

/** `stats` as plain numbers; only called when there is at least one scored customer. */
function asRaw(stats: MetricStats): RawRfm {
  return {
    recency: stats.recency ?? Number.NaN,
    frequency: stats.frequency ?? Number.NaN,
    monetary: stats.monetary ?? Number.NaN
  };
}

/**
 * Scores every customer with a positive order: R/F/M scores by `options`, `rfm_code`/`rfm_sum`,
 * first matching segment of `rules` (rules are in score units and used as they are for any bin
 * count), 8-class against the means, value quadrant against the medians or means, ABC tier.
 * Scored customers keep their input order. Throws RangeError for a bin count outside 2–10 and
 * {@link InvalidCutsError} for unusable custom cuts.
 */
export function scoreCustomers(
  base: readonly CustomerBase[],
  options: ScoringOptions,
  rules: readonly SegmentRule[],
  opts: QuadrantOptions
): ScoreResult {
  const { bins } = options;
  assertBins(bins);
  if (options.method === 'custom') {
    const problems = validateCuts(options.custom, bins);
    if (problems.length > 0) throw new InvalidCutsError(problems);
  }
  const buyers: CustomerBase[] = [];
  const noPurchase: CustomerBase[] = [];
  for (const customer of base) (hasPurchase(customer) ? buyers : noPurchase).push(customer);

  const n = buyers.length;
  const ids = new Array<string>(n);
  const values: Record<Metric, Float64Array> = {
    recency: new Float64Array(n),
    frequency: new Float64Array(n),
    monetary: new Float64Array(n)
  };
  for (let i = 0; i < n; i++) {
    const customer = buyers[i];
    ids[i] = customer.customerId;
    values.recency[i] = customer.recencyDays ?? Number.NaN;
    values.frequency[i] = customer.frequency;
    values.monetary[i] = customer.monetary;
  }
  const scores = {} as Record<Metric, Uint8Array>;
  const binInfo = {} as Record<Metric, BinInfo>;
  const means = {} as MetricStats;
  const medians = {} as MetricStats;
  const warnings: BinWarning[] = [];
  const orders = {} as Record<Metric, Uint32Array>;
  const isByProfit = opts.monetaryBasis === 'profit';
  // What M is scored on: revenue (monetary), or profit by the option.
  const scored: Record<Metric, Float64Array> = isByProfit
    ? { ...values, monetary: Float64Array.from(buyers, (c) => c.profit ?? 0) }
    : values;
  for (const metric of METRICS) {
    const order = argsortAscending(scored[metric]);
    orders[metric] = order;
    scores[metric] = scoreMetric(scored[metric], order, ids, metric, options);
    binInfo[metric] = describeBins(scored[metric], scores[metric], metric, bins);
    warnings.push(...warnAboutBins(binInfo[metric], scored[metric], options.method));
    means[metric] = mean(values[metric]);
    const byValue = scored[metric] === values[metric] ? order : argsortAscending(values[metric]);
    medians[metric] = medianByOrder(values[metric], byValue);
  }

  const findRule = createSegmentMatcher(rules, bins);
  const abc = isByProfit
    ? assignAbcTiers(
        buyers.map((c) => ({ customerId: c.customerId, monetary: c.profit ?? 0 })),
        orders.monetary
      )
    : assignAbcTiers(buyers, orders.monetary);
  const meanValues = asRaw(means);
  const split = asRaw(opts.quadrantSplit === 'mean' ? means : medians);
  // One string per distinct code, not per customer.
  const codes = new Map<number, string>();
  const codeOf = (r: number, f: number, m: number) => {
    const key = (r * 16 + f) * 16 + m;
    let code = codes.get(key);
    if (code === undefined) codes.set(key, (code = formatRfmCode(r, f, m)));
    return code;
  };
  const out = new Array<ScoredCustomer>(n);
  for (let i = 0; i < n; i++) {
    const customer = buyers[i];
    const r = scores.recency[i];
    const f = scores.frequency[i];
    const m = scores.monetary[i];
    const ruleIndex = findRule(r, f, m);
    const raw = {
      recency: values.recency[i],
      frequency: customer.frequency,
      monetary: customer.monetary
    };
    // Spelled out: object spread here is ~50× slower in V8 at 100k rows.
    out[i] = {
      customerId: customer.customerId,
      customerName: customer.customerName,
      firstPurchase: customer.firstPurchase,
      lastPurchase: customer.lastPurchase,
      recencyDays: customer.recencyDays,
      frequency: customer.frequency,
      monetary: customer.monetary,
      dims: customer.dims,
      rScore: r,
      fScore: f,
      mScore: m,
      rfmCode: codeOf(r, f, m),
      rfmSum: r + f + m,
      segment: ruleIndex < 0 ? OTHERS_ID : rules[ruleIndex].id,
      class8: classify8(raw, meanValues),
      quadrant: classifyQuadrant(raw, split),
      abc: abc[i]
    };
  }
  return { scored: out, noPurchase, bins: binInfo, warnings, means, medians };
}
