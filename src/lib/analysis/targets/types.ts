// Types of the targets analysis (DOMAIN §7a): the rows of a targets sheet, and per key of one
// period the target, the actual and what follows from them.
import type { Grain } from '../period';

/** One row of a targets dataset (`ds{id}_targets`), as the ingest stores it. */
export interface TargetRow {
  /** A dimension value of the orders: a rep, a team, a region … */
  key: string;
  /** Canonical period key: `2025-03`, `2025-Q1` or `2025`. */
  period: string;
  grain: Grain;
  revenueTarget: number | null;
  newCustomerTarget: number | null;
  /** The team of a rep (所属团队); a row whose key is another row's parent is that team's target. */
  parent: string | null;
  marketSize: number | null;
}

/**
 * Where a figure of a key's target came from: the key's own row for the period (`row`), the sum
 * of its rows for every finer period inside it (`finer`: months of a quarter, quarters or months
 * of a year), or — for a team without its own row — the sum of its members' targets (`members`).
 */
export type TargetSource = 'row' | 'finer' | 'members';

/** One key of the Targets view in one period. */
export interface KeyResult {
  key: string;
  /** True for a key that is another key's parent (a team); its figures roll up its members. */
  isTeam: boolean;
  /** The team this key belongs to, when the sheet names one. */
  parent: string | null;
  /** Revenue target; null when the sheet gives none for this period (see `targetSource`). */
  target: number | null;
  targetSource: TargetSource | null;
  /** A team's target summed over its members while some member has none. */
  isTargetPartial: boolean;
  /** Revenue of the period before the as-of date (DOMAIN §7a, §8 by each row's own value). */
  actual: number;
  /** actual / target; null without a positive target. */
  attainment: number | null;
  /** max(0, target − actual); null without a target. */
  shortfall: number | null;
  /** Run-rate forecast, only in the period containing the as-of date. */
  forecast: number | null;
  /** forecast / target. */
  forecastAttainment: number | null;
  /** 1 = best attainment (ties by actual); null without a target. Keys and teams rank apart. */
  rank: number | null;
  /** Customers whose first-ever purchase falls in the period, credited to this key. */
  newCustomers: number;
  newCustomerTarget: number | null;
  marketSize: number | null;
  /** actual / market size. */
  marketShare: number | null;
  /**
   * Team only: its actual read from the orders' own team column, when the orders carry one
   * (null otherwise). When it differs from `actual` the two are shown side by side.
   */
  actualByOrders: number | null;
}

/** The whole company in the period. */
export interface TargetsTotal {
  /** Sum of the top-level keys' targets (teams, and keys without a team); null when none has one. */
  target: number | null;
  isTargetPartial: boolean;
  /** Sum of the top-level keys' actuals: like for like with `target`. */
  actual: number;
  attainment: number | null;
  shortfall: number | null;
  forecast: number | null;
  newCustomers: number;
  newCustomerTarget: number | null;
  /** Revenue of every order row in the period, whatever its key (with or without a target). */
  allRevenue: number;
  /** Every new customer of the period, whatever the key they were credited to. */
  allNewCustomers: number;
}

/** A dimension value with orders in the period but no target row for it. */
export interface UntargetedValue {
  /** Null: rows without a value in the dimension. */
  key: string | null;
  actual: number;
  newCustomers: number;
}

/** Everything the Targets view shows for one dimension, grain and period. */
export interface TargetsResult {
  /** Canonical period key. */
  period: string;
  grain: Grain;
  /** True when the period contains the as-of date: forecasts are shown. */
  isCurrent: boolean;
  /** Days in the period, and days elapsed before the as-of date (at least 1) when current. */
  daysInPeriod: number;
  daysElapsed: number | null;
  /** Keys that are not teams, best attainment first (keys without a target last, by actual). */
  keys: KeyResult[];
  /** Teams (keys named as a parent), best attainment first. */
  teams: KeyResult[];
  total: TargetsTotal;
  withoutTarget: UntargetedValue[];
  /** Keys with a target in the period whose value never appears in the orders' dimension. */
  notInOrders: string[];
}
