// The RFM analysis across the worker boundary: its key (every request names one) and its results.
import type {
  BinInfo,
  BinWarning,
  Metric,
  MetricStats,
  RfmDistributionData,
  RfmSummaryData,
  ScoredCustomer,
  ScoringOptions,
  SegmentMatch,
  SegmentRule
} from '$lib/analysis';
import type { MonetaryBasis } from '$lib/analysis/score';
import type { DatasetKind } from '$lib/ingest/types';
import type { DataFilter } from '$lib/analysis/data-filter';

/** How customers are scored and grouped, whatever the date. */
export interface RfmScoring {
  scoring: ScoringOptions;
  rules: SegmentRule[];
  quadrantSplit: 'median' | 'mean';
  /**
   * What the M score and the ABC tiers rank customers by (DOMAIN §7b's option): revenue when
   * absent; 'profit' only counts when the orders carry profit.
   */
  monetaryBasis?: MonetaryBasis;
}

/** What the user chose for the RFM analysis. */
export interface RfmSettings extends RfmScoring {
  /** `YYYY-MM-DD`; null for the dataset's default as-of date. */
  asOf: string | null;
  /**
   * The dataset import the as-of date was chosen for (`id@importedAt`): on any other dataset the
   * date does not apply and that dataset's default is in force. Absent in settings saved before.
   */
  asOfFor?: string | null;
}

/** Everything that decides an RFM analysis: every request about scored customers names one. */
export interface RfmKey extends RfmScoring {
  datasetId: number;
  /** `YYYY-MM-DD`, resolved (never the "default" placeholder). */
  asOf: string;
  /** The rows analysed: the app's one filter, or null for all of them. */
  filter: DataFilter | null;
}

/** One RFM run: settings in force, bins, warnings and every aggregate the views draw. */
export interface RfmSummary extends RfmSummaryData {
  datasetId: number;
  kind: DatasetKind;
  asOf: string;
  /** The filter the numbers are of (`filterKey` text; '' for all rows). */
  filterKey: string;
  /** The dataset's dimensions (SQL name, header), in `dims` order. */
  dimensions: { name: string; header: string }[];
  bins: Record<Metric, BinInfo>;
  warnings: BinWarning[];
  means: MetricStats;
  medians: MetricStats;
  timings: { baseMs: number; scoreMs: number; totalMs: number };
  /** What M and the tiers were scored on (revenue when profit was asked for but is missing). */
  monetaryBasis: MonetaryBasis;
  /** The orders carry a profit column (the option can be offered). */
  hasProfit: boolean;
}

/** The concentration and histograms of the customer base `key` scores (asked for apart). */
export interface RfmDistribution extends RfmDistributionData {
  datasetId: number;
  asOf: string;
  filterKey: string;
}

/** Every scored customer as columns, for the scatter. */
export interface RfmPoints {
  ids: string[];
  frequency: Float64Array;
  monetary: Float64Array;
  quadrant: string[];
  segment: string[];
}

export interface CustomersPage {
  total: number;
  offset: number;
  rows: ScoredCustomer[];
}

export interface CustomerDetail {
  customer: ScoredCustomer | null;
  match: SegmentMatch | null;
  orders: { date: string; orderId: string | null; amount: number; lines: number }[];
}
