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

/** Cut points and occupancy of the bins of one metric, to show and to warn about. */
export interface BinInfo {
  metric: Metric;
  /** For score s (1-based index s−1): the smallest and largest raw value that got score s. */
  ranges: ({ min: number; max: number } | null)[];
  /** Customers per score. */
  counts: number[];
}
