// Small builders shared by the targets analysis tests: a sheet row and a period by key.
import type { TargetRow } from '../../../../src/lib/analysis/targets';
import { periodFromKey, type Period } from '../../../../src/lib/analysis/period';

/** A revenue-target row of `key` for `period` (grain read from the key). */
export const row = (
  key: string,
  period: string,
  revenueTarget: number | null,
  parent: string | null = null
): TargetRow => ({
  key,
  period,
  grain: periodFromKey(period)!.grain,
  revenueTarget,
  newCustomerTarget: null,
  parent,
  marketSize: null
});

/** The period of a canonical key. */
export const P = (key: string): Period => periodFromKey(key)!;
