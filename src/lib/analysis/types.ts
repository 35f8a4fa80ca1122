// Shared vocabulary of the analyses (DOMAIN §2–4, §8–9): customer base rows, settings, results.

/**
 * One customer's raw RFM inputs over transactions on or before the as-of date (DOMAIN §2–3),
 * as the worker's base query returns them. Dates are `YYYY-MM-DD`.
 */
export interface CustomerBase {
  customerId: string;
  customerName: string | null;
  /** Date of the first order with positive amount (null when there is none). */
  firstPurchase: string | null;
  /** Date of the last order with positive amount (null when there is none). */
  lastPurchase: string | null;
  /** Whole days from the last positive order to the as-of date (null when there is none). */
  recencyDays: number | null;
  /** Number of orders with positive amount. */
  frequency: number;
  /** Sum of all amounts, net of returns. */
  monetary: number;
  /** The customer's value for each kept dimension (DOMAIN §8), in `dimensions` order. */
  dims: (string | null)[];
  /** Sum of profit (DOMAIN §7b), set when M and the tiers are scored on profit. */
  profit?: number;
}

/**
 * A customer base as columns, split as a scoring reads it: the customers with a positive order
 * (buyers) and the others, each in customer_id order, with each one's place (`at`) in the whole
 * base. What the order book gives at an as-of without making 100k objects (a scoring and its
 * summary read only these). `rows()` makes the {@link CustomerBase} objects of the whole base, in
 * customer_id order, when a view needs them.
 */
export interface CustomerBaseColumns {
  buyers: {
    ids: string[];
    /** Whole days from the last positive order to the as-of date. */
    recency: Float64Array;
    /** Orders with positive amount. */
    frequency: Float64Array;
    /** Sum of all amounts, net of returns. */
    monetary: Float64Array;
    at: Uint32Array;
  };
  /** The customers without a positive order ("no purchases"): their places and monetary. */
  others: { at: Uint32Array; monetary: Float64Array };
  /** The earliest first and the latest last positive order of any customer (null: none). */
  firstPurchase: string | null;
  lastPurchase: string | null;
  rows(): CustomerBase[];
}

/** How scores are cut (DOMAIN §3). */
export type ScoringMethod = 'ranked' | 'ntile' | 'custom';

/**
 * Custom thresholds per metric: ascending cut points, n−1 of them for n bins. For recency a
 * value ≤ cuts[0] scores n (best), for frequency/monetary a value ≤ cuts[0] scores 1.
 */
export interface CustomCuts {
  recency: number[];
  frequency: number[];
  monetary: number[];
}

export interface ScoringOptions {
  /** 2–10, default 5. */
  bins: number;
  method: ScoringMethod;
  custom?: CustomCuts;
}

export type Metric = 'recency' | 'frequency' | 'monetary';

/** One segment rule: inclusive score ranges; the first matching rule wins (DOMAIN §3). */
export interface SegmentRule {
  /** Stable key (`champions`, … or `custom-1`). */
  id: string;
  /** Display names in both languages. */
  name: { en: string; 'zh-CN': string };
  r: [number, number];
  f: [number, number];
  m: [number, number];
}

export type Class8 =
  | 'important_value'
  | 'important_development'
  | 'important_retention'
  | 'important_winback'
  | 'general_value'
  | 'general_development'
  | 'general_retention'
  | 'general_winback';

export type ValueQuadrant = 'vip' | 'growth' | 'potential' | 'low';

export type AbcTier = 'A' | 'B' | 'C';

/** One scored customer (the row behind every view and the export). */
export interface ScoredCustomer extends CustomerBase {
  rScore: number;
  fScore: number;
  mScore: number;
  /** R, F, M digits, e.g. `545` (with 10 bins a score of 10 is written as `10`). */
  rfmCode: string;
  rfmSum: number;
  /** Id of the first matching segment rule, or `others`. */
  segment: string;
  class8: Class8;
  quadrant: ValueQuadrant;
  abc: AbcTier;
}

/** A scoring as arrays; index i is the i-th scored customer (`ScoreResult.scored[i]`). */
export interface ScoreColumns {
  /** How many customers were scored (the length of every array here). */
  count: number;
  /** Their recency (days), frequency and monetary (revenue, whatever M was scored on). */
  values: Readonly<Record<Metric, Float64Array>>;
  rScore: Uint8Array;
  fScore: Uint8Array;
  mScore: Uint8Array;
  /** Index of the first matching rule in `segmentIds`, or −1 for `others`. */
  segment: Int16Array;
  /** The rules' ids, in rule order. */
  segmentIds: readonly string[];
  /** Index into `CLASS8_IDS`. */
  class8: Uint8Array;
  /** Index into `QUADRANT_IDS`. */
  quadrant: Uint8Array;
  abc: readonly AbcTier[];
}

/** Cut points and occupancy of the bins of one metric, to show and to warn about. */
export interface BinInfo {
  metric: Metric;
  /** For score s (1-based index s−1): the smallest and largest raw value that got score s. */
  ranges: ({ min: number; max: number } | null)[];
  /** Customers per score. */
  counts: number[];
}

/** A language that segment rules carry a name in. */
export type RuleLang = keyof SegmentRule['name'];

/**
 * A bin-occupancy warning for one metric (message key `rfm.warning.<code>`):
 * `empty_bins` — some scores went to nobody; `tiny_bins` — some scores went to fewer than 2 % of
 * the scored customers or fewer than 5; `few_customers` — fewer than 5 customers per bin on average.
 */
export interface BinWarning {
  metric: Metric;
  code: 'empty_bins' | 'tiny_bins' | 'few_customers';
  /** The scores concerned (1-based), ascending; every score for `few_customers`. */
  bins: number[];
  /** What would help (message key `rfm.suggestion.<suggestion>`). */
  suggestion: 'fewer_bins' | 'ntile' | 'adjust_cuts';
  /** With `fewer_bins`: the largest smaller bin count that leaves no bin empty, if there is one. */
  suggestedBins?: number;
}

/** A problem with the custom thresholds of one metric (message key `rfm.cuts.<code>`). */
export interface CutProblem {
  metric: Metric;
  /** `missing`: no cuts given; `count`: not bins−1 cuts; `not_finite`; `not_ascending`. */
  code: 'missing' | 'count' | 'not_finite' | 'not_ascending';
  /** Index of the offending cut (for `not_finite` and `not_ascending`). */
  index?: number;
  /** For `count`: how many cuts are needed. */
  expected?: number;
}

/** Score dimension of a segment rule. */
export type ScoreKey = 'r' | 'f' | 'm';

/** One score that fell outside a rule's range. */
export interface RangeMiss {
  key: ScoreKey;
  score: number;
  range: [number, number];
}

/** How one rule was checked against a customer's scores. */
export interface RuleCheck {
  ruleIndex: number;
  id: string;
  matched: boolean;
  /** Empty when matched; otherwise every score that was outside its range. */
  misses: RangeMiss[];
}

/** Result of matching scores against a rule table: which rule won and why the earlier ones did not. */
export interface SegmentMatch {
  /** The winning rule's id, or `others`. */
  id: string;
  /** Index of the winning rule, or −1 for `others`. */
  ruleIndex: number;
  /** Every rule tried, in order, up to and including the winner (all rules for `others`). */
  checks: RuleCheck[];
}

/** A problem in a segment rule table (message key `segment.problem.<code>`). */
export interface RuleProblem {
  ruleIndex: number;
  code:
    | 'empty_id'
    | 'duplicate_id'
    | 'reserved_id'
    | 'empty_name'
    | 'not_integer'
    | 'min_gt_max'
    | 'out_of_range'
    | 'shadowed';
  /** `error`: the table cannot be used as is; `warning`: it works but probably not as meant. */
  severity: 'error' | 'warning';
  key?: ScoreKey;
  lang?: RuleLang;
  /** For `duplicate_id`: the earlier rule with that id. For `shadowed`: the earlier rules covering it. */
  others?: number[];
}

/** A revenue share of the top customers (DOMAIN §4). */
export interface TopShare {
  /** Customers counted: 1, or ceil(k % × N). */
  count: number;
  /** Their share of total positive monetary, 0–1. */
  share: number;
}

/** Revenue concentration over customers with monetary > 0 (DOMAIN §4). */
export interface Concentration {
  /** Customers with monetary > 0. */
  customers: number;
  /** Their total monetary. */
  total: number;
  /** Null when there is no customer with monetary > 0. */
  top1: TopShare | null;
  top1pct: TopShare | null;
  top10pct: TopShare | null;
  top20pct: TopShare | null;
  /** Lorenz curve, ascending: [share of customers, share of revenue], from [0, 0] to [1, 1]. */
  lorenz: [number, number][];
  gini: number | null;
}

/** Histogram of a distribution: `edges.length === counts.length + 1`, in raw units. */
export interface Histogram {
  edges: number[];
  counts: number[];
  /** Values left out: not finite, or ≤ 0 on a log scale. */
  excluded: number;
  log: boolean;
}

/** Per-metric summary numbers. `null` when there is no scored customer. */
export type MetricStats = Record<Metric, number | null>;

/** Everything `scoreCustomers` computes. */
export interface ScoreResult {
  /**
   * Customers with at least one positive order, in input order: made on first read from
   * `columns` (a summary needs only the columns, and 100k objects cost most of a scoring).
   */
  readonly scored: ScoredCustomer[];
  /** The same scoring as arrays, one entry per scored customer. */
  columns: ScoreColumns;
  /** Customers without a positive order ("no purchases"), in input order (made on first read). */
  readonly noPurchase: CustomerBase[];
  /** Their monetary (net of returns), in the same order, and as many. */
  noPurchaseMonetary: Float64Array;
  /** The earliest first and the latest last positive order of the scored customers. */
  firstPurchase: string | null;
  lastPurchase: string | null;
  bins: Record<Metric, BinInfo>;
  warnings: BinWarning[];
  means: MetricStats;
  medians: MetricStats;
}
