// The team views across the worker boundary: the scorecard per dimension value and period (DOMAIN
// §7a) and the export of a value's book of customers.
import type { LifecycleThresholds } from '$lib/analysis';
import type { DataFilter } from '$lib/analysis/data-filter';
import type { Grain, Period } from '$lib/analysis/period';
import type { ScorecardRow } from '$lib/analysis/scorecard';
import type { ClvKey } from './clv-protocol';
import type { RfmKey } from './rfm-protocol';

/** Everything that decides a scorecard. */
export interface ScorecardArgs {
  datasetId: number;
  /** The app's data filter (rows kept by their own values), or null. */
  filter: DataFilter | null;
  /** `YYYY-MM-DD`, resolved: the RFM analysis's as-of date. */
  asOf: string;
  /** SQL name of the dimension (`DatasetInfo.dimensions[i].name`). */
  dimension: string;
  grain: Grain;
  /** Period key of `grain`: `2025-03`, `2025-Q1` or `2025`. */
  period: string;
  /** The lifecycle's lapse days (DOMAIN §5; the time state's thresholds). */
  lapseDays: number;
  /** The fitted CLV model, for the value at stake of each book; null without a fit. */
  model: ClvKey | null;
  /**
   * Revenue target per key for `period` (DOMAIN §7a); the attainment column shows only with it.
   * Pairs, not a Map, so the request stays plain data (the Query keys requests by their JSON).
   */
  targets?: [key: string, revenueTarget: number][] | null;
}

/** The scorecard of one dimension, period and as-of date. */
export interface ScorecardSummary {
  datasetId: number;
  asOf: string;
  dimension: string;
  period: Period;
  previous: Period;
  yearAgo: Period;
  /** The as-of date falls inside `period`: its figures are so far. */
  isIncomplete: boolean;
  lapseDays: number;
  /** Keys with any figure in the period, the previous one or a year earlier, or with a target. */
  rows: ScorecardRow[];
  hasValueAtStake: boolean;
  hasTargets: boolean;
  elapsedMs: number;
}

/** Which books to export, and how. */
export interface BookExportArgs {
  /** The RFM analysis whose scores, segments and as-of date the book lists. */
  key: RfmKey;
  /** The fitted model whose columns the book adds (DOMAIN §9), if any. */
  model: ClvKey | null;
  filter: DataFilter | null;
  /** SQL name of the dimension the books are by. */
  dimension: string;
  /** One key's book, or every key's (one sheet each) when null. */
  bookKey: { value: string | null } | null;
  locale: 'en' | 'zh-CN';
  /** The lifecycle thresholds in force, for the `lifecycle_stage` column. */
  lifecycle: LifecycleThresholds;
}
