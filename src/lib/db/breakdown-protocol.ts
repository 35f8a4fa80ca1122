// Breakdowns across the worker boundary: one dimension (banded when numeric) and two-way tables.
import type { LifecycleThresholds } from '$lib/analysis';
import type { BandSetting } from '$lib/analysis/bands';
import type { CrossAxis } from '$lib/analysis/crosstab';
import type { RfmKey } from './rfm-protocol';

/** One dimension's breakdown: the RFM key (with the data filter), the dimension and its bands. */
export interface BreakdownArgs {
  key: RfmKey;
  dimIndex: number;
  bands: BandSetting;
}

/** A two-way table: rows and columns, how many values of a long dimension each keeps. */
export interface CrosstabArgs {
  key: RfmKey;
  rows: CrossAxis;
  cols: CrossAxis;
  top: number;
  /** For a lifecycle-stage axis (DOMAIN §5); sent always, it is small. */
  lifecycle: LifecycleThresholds;
}
