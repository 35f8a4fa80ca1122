// Targets typed in the grid on the Data page: what the grid shows and what saving it sends.
import type { Grain } from '$lib/analysis/period';

/** One cell pair of the grid: a key's targets in one period (null: none set). */
export interface TargetCell {
  key: string;
  /** Canonical period key: `2025-03`, `2025-Q1`, `2025`. */
  period: string;
  revenueTarget: number | null;
  newCustomerTarget: number | null;
}

/** What the grid is asked to show. */
export interface TargetsGridArgs {
  /** The workspace's targets dataset, if it has one. */
  targetsId: number | null;
  /** The orders whose dimension values offer the keys and whose dates give the periods. */
  ordersId: number | null;
  /** The orders' dimension column (SQL name) whose values are the keys, e.g. 销售代表. */
  dimension: string | null;
  grain: Grain;
}

/** The grid: rows (keys), columns (periods of the grain) and the targets already set. */
export interface TargetsGrid {
  /** The dimension's values in the orders, then keys that only the targets have. */
  keys: string[];
  /** Periods of the orders' date range, and any the targets have, in order. */
  periods: string[];
  cells: TargetCell[];
}

/** A grid to save: its scope (keys × periods of one grain) is replaced by `cells`. */
export interface TargetsSaveArgs {
  /** The targets dataset to write into; null makes one. */
  datasetId: number | null;
  /** Name of a dataset made by this save. */
  name: string;
  grain: Grain;
  keys: string[];
  periods: string[];
  /** The cells with a value; cells of the scope left out are cleared. */
  cells: TargetCell[];
}
