// Requests and results of the trends by period and dimension (DOMAIN §5, §7a, §8) crossing the
// worker boundary.
import type { DataFilter } from '$lib/analysis/data-filter';
import type { Grain } from '$lib/analysis/period';
import type { Movers, MoversOptions } from '$lib/analysis/trends-movers';
import type { TrendSplit } from '$lib/analysis/trends-split';

/** What a trend names: dataset, as-of date, filter, granularity and the split. */
export interface TrendsArgs {
  datasetId: number;
  asOf: string;
  filter: DataFilter | null;
  grain: Grain;
  /** SQL name of the dimension to split by (`DatasetInfo.dimensions[i].name`), or null. */
  dimension: string | null;
  /** How many values get a line of their own (the rest are "others"). */
  topN: number;
}

export interface TrendsResult extends TrendSplit {
  datasetId: number;
  elapsedMs: number;
}

/** The risers/fallers ranking of one dimension's values. */
export interface TrendsMoversArgs {
  datasetId: number;
  asOf: string;
  filter: DataFilter | null;
  grain: Grain;
  dimension: string;
  options: MoversOptions;
}

export interface TrendsMoversResult extends Movers {
  datasetId: number;
  grain: Grain;
  dimension: string;
  options: MoversOptions;
}
