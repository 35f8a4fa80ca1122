// Lifetime value and churn risk across the worker boundary: the fit's key, its summary and the lists.
import type { AbcTier, Histogram } from '$lib/analysis';
import type { HoldoutGroup, PAliveMatrix } from '$lib/analysis/clv/diagnostics';
import type { CustomerValue } from '$lib/analysis/clv/model';
import type { BgnbdFit } from '$lib/analysis/clv/bgnbd';
import type { GammaGammaFit } from '$lib/analysis/clv/gammagamma';
import type { DataFilter } from '$lib/analysis/data-filter';

/** Everything that decides a lifetime-value fit. */
export interface ClvKey {
  datasetId: number;
  calibrationEnd: string;
  months: number;
  monthlyDiscount: number;
  /** The rows the model is fitted on (calibration and check alike); null for all of them. */
  filter: DataFilter | null;
}

/** How well the model predicted the period after the calibration end (DOMAIN §6 model check). */
export interface ClvModelCheck {
  /** First and last day of the holdout period, and its length in weeks. */
  holdoutFrom: string;
  holdoutTo: string;
  holdoutWeeks: number;
  byFrequency: HoldoutGroup[];
  /** Repeat purchases per week over the whole data span; weeks from `calibrationWeeks` are holdout. */
  weekly: { start: string; actual: number; expected: number }[];
  calibrationWeeks: number;
  /** Repeat purchases in the holdout period: observed and predicted. */
  holdoutActual: number;
  holdoutExpected: number;
}

/** A fitted lifetime-value model and its headline numbers (DOMAIN §6). */
/** A customer's model figures with their name, owner and region (worker/customer-places). */
export type NamedCustomerValue = CustomerValue & {
  customerName: string | null;
  owner: string | null;
  region: string | null;
};

export interface ClvSummary {
  datasetId: number;
  calibrationEnd: string;
  months: number;
  monthlyDiscount: number;
  bgnbd: BgnbdFit;
  gammaGamma: GammaGammaFit;
  customers: number;
  repeaters: number;
  totalClv: number;
  /** Repeat buyers with P(alive) < 0.5 (DOMAIN §6 churn risk). */
  atRisk: number;
  /** Customers with a single purchase day in the calibration period (x = 0). */
  oneTime: number;
  /** Share of the total CLV held by the top 10 % of customers. */
  top10Share: number;
  /** Value at stake (DOMAIN §6) summed over the at-risk customers. */
  atRiskStake: number;
  /** The at-risk customers with the most value at stake, named. */
  slipping: (NamedCustomerValue & { valueAtStake: number })[];
  /** The customers with the highest CLV, named. */
  top: NamedCustomerValue[];
  /** Distribution of the horizon CLV (log bins; customers with CLV below 1 counted as excluded). */
  histogram: Histogram;
  pAliveMatrix: PAliveMatrix;
  /** Null when the data ends at the calibration end. */
  modelCheck: ClvModelCheck | null;
  elapsedMs: number;
}

/** The churn-risk lists (DOMAIN §5–6). */
export type ChurnKind = 'atRisk' | 'oneTime' | 'cannotLose' | 'spendDrop';

/** One customer on a churn-risk list; model columns are null without a fit, spend columns null off the spend-drop list. */
export interface ChurnRow {
  customerId: string;
  customerName: string | null;
  /** The master's owner, else the sales-rep value; and the region (analysis/customer-place). */
  owner: string | null;
  region: string | null;
  segment: string | null;
  abc: AbcTier | null;
  recencyDays: number | null;
  frequency: number;
  monetary: number;
  pAlive: number | null;
  expected90: number | null;
  clv: number | null;
  /** CLV if the customer were surely alive minus the expected CLV: what losing them costs. */
  clvAtStake: number | null;
  recentSpend: number | null;
  usualSpend: number | null;
  spendShare: number | null;
}

export interface ChurnList {
  kind: ChurnKind;
  rows: ChurnRow[];
  /** The RFM as-of date (spend-drop windows, tiers) and the model's calibration end, if fitted. */
  asOf: string;
  calibrationEnd: string | null;
}

/** The four lists at once (model lists null without a fit). */
export type ChurnLists = Record<ChurnKind, ChurnList | null>;

export interface FitProgress {
  phase: 'fitting';
  iterations: number;
  logLikelihood: number;
}
