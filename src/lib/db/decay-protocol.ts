// Requests and results of decay curves by group (衰减曲线) crossing the worker boundary.
import type { DataFilter } from '$lib/analysis/data-filter';
import type { DecayDimensionRule } from '$lib/analysis/decay-sql';
import type { DecayResult } from '$lib/analysis/decay';

/** What customers are grouped by: a dimension (read per rule) or their starting value tier. */
export type DecayGrouping =
  { kind: 'dimension'; column: string; rule: DecayDimensionRule } | { kind: 'startTier' };

/** Everything a decay request depends on. */
export interface DecayArgs {
  datasetId: number;
  asOf: string;
  filter: DataFilter | null;
  grouping: DecayGrouping;
  /** Groups kept by size before the rest are merged into "others". */
  topN: number;
}

/** Decay curves, ranking and time to the second order of one request. */
export interface DecaySummary extends DecayResult {
  datasetId: number;
  asOf: string;
  grouping: DecayGrouping;
  elapsedMs: number;
}

export type { DecayDimensionRule, DecayResult };
