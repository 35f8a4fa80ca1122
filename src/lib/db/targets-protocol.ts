// The Targets view and "why the shortfall" across the worker boundary: what a request names
// (orders, targets, filter, dimension, grain, period, as-of) and what it answers.
import type { DataFilter } from '$lib/analysis/data-filter';
import type { Grain } from '$lib/analysis/period';
import type { DimensionMatch, TargetsResult, WhyResult } from '$lib/analysis/targets';
import type { RfmScoring } from './rfm-protocol';

/** Everything that decides a Targets view. */
export interface TargetsArgs {
  /** The orders (a transactions dataset). */
  datasetId: number;
  /** The targets dataset (kind `targets`). */
  targetsId: number;
  filter: DataFilter | null;
  /** SQL name of the orders' dimension the keys are values of; null: the best match. */
  dimension: string | null;
  grain: Grain;
  /** `2025-03`, `2025-Q1` or `2025`; null: the latest period begun by the as-of date. */
  period: string | null;
  /** `YYYY-MM-DD`; rows on or after it are left out. */
  asOf: string;
}

/** The Targets view as answered: the choices resolved, and every row. */
export interface TargetsView extends TargetsResult {
  datasetId: number;
  targetsId: number;
  asOf: string;
  /** The dimension used (null when the orders have no dimension at all). */
  dimension: string | null;
  /** The orders' dimensions, most matched first. */
  dimensions: DimensionMatch[];
  /** Periods of the grain the targets cover, oldest first. */
  periods: string[];
  /** The orders' own team column the teams' actuals were checked against, if any. */
  teamDimension: string | null;
  /** Target rows read. */
  targetRows: number;
  elapsedMs: number;
}

/** Why one key's revenue changed against the same period last year. */
export interface WhyArgs extends TargetsArgs {
  /** The key to explain; null (or a key not in the view): the one with the largest shortfall. */
  key: string | null;
  /** The RFM scoring whose segments split the change (null: no segment split). */
  segments: RfmScoring | null;
}

export interface WhyAnswer extends WhyResult {
  datasetId: number;
  /** The dimension and period of the Targets view the key was explained in. */
  dimension: string;
  /** The dimension values behind the key (a team's members). */
  values: string[];
}
