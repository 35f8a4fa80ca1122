// The Risks view across the worker boundary (DOMAIN §7c, issue 13): its key, the summary alone (for
// the Overview), every list, and "if these customers stop buying".
import type { CustomerRhythm } from '$lib/analysis/rules/rhythm';
import type { StakeSource } from '$lib/analysis/rules/value-at-stake';
import type {
  DependenceResult,
  HighReturns,
  ReceivablesAnalysis,
  RiskCustomerInfo,
  RiskSummary,
  UnusualOrder
} from '$lib/analysis/risks';
import type { Grain } from '$lib/analysis/period';
import type { ClvKey } from './clv-protocol';
import type { RfmKey } from './rfm-protocol';

/** Everything that decides the Risks view. */
export interface RisksArgs {
  /** The orders' RFM analysis: dataset, as-of date, filter, segments and tiers. */
  key: RfmKey;
  /** The fitted CLV model (value at stake by the model, probably lapsed, cannot lose); null: none. */
  model: ClvKey | null;
  /** The customer master (owner, region, credit limit); null: none. */
  masterId: number | null;
  /** The receivables dataset; null: none. */
  receivablesId: number | null;
  /** DOMAIN §5 `lapse_days`: a Lapsed customer is not "overdue vs own rhythm". */
  lapseDays: number;
  /** DOMAIN §7c `rhythm_factor`. */
  rhythmFactor: number;
}

/** Who a listed customer is and what losing them costs. */
export interface RiskWho extends RiskCustomerInfo {
  valueAtStake: number;
  segment: string | null;
  abc: 'A' | 'B' | 'C' | null;
}

export type RhythmRow = RiskWho & Omit<CustomerRhythm, 'customerId'>;
export type ReceivableListRow = RiskWho & ReceivablesAnalysis['rows'][number];
export type UnusualOrderRow = RiskWho & UnusualOrder;
export type HighReturnsRow = RiskWho & HighReturns;
export interface SpendDropRow extends RiskWho {
  recentSpend: number;
  usualSpend: number;
  spendShare: number;
}
export interface LapsedRow extends RiskWho {
  pAlive: number;
  frequency: number;
  monetary: number;
}

/** The summary alone (cheap to send; the Overview shows it). */
export interface RisksSummaryAnswer {
  datasetId: number;
  asOf: string;
  /** Where value at stake came from: the fitted model, else the revenue of the last 365 days. */
  stakeSource: StakeSource;
  summary: RiskSummary;
}

export interface RisksView extends RisksSummaryAnswer {
  overdueRhythm: RhythmRow[];
  /** Null without a receivables dataset. */
  receivables:
    | (Omit<ReceivablesAnalysis, 'rows' | 'overdue'> & {
        rows: ReceivableListRow[];
        overdue: ReceivableListRow[];
      })
    | null;
  unusualOrders: UnusualOrderRow[];
  highReturns: HighReturnsRow[];
  spendDrop: SpendDropRow[];
  /** Null until the model is fitted. */
  probablyLapsed: LapsedRow[] | null;
  cannotLose: LapsedRow[] | null;
  /** The header of the orders' sales-rep and region columns the owner/region fall back to. */
  ownerHeader: string | null;
  regionHeader: string | null;
}

/** The Targets view whose attainment "if these customers stop buying" recomputes. */
export interface DependenceTargets {
  targetsId: number;
  /** As on the Targets view: SQL name of the dimension (null: the best match), grain, period. */
  dimension: string | null;
  grain: Grain;
  period: string | null;
}

/** "If these customers stop buying": the top N or the customers named. */
export interface DependenceArgs extends RisksArgs {
  /** The customers chosen; null: the top `topN` by revenue. */
  customers: string[] | null;
  topN: number;
  /** The targets file, when the workspace has one. */
  targets: DependenceTargets | null;
}

/** One target key's attainment with and without the chosen customers. */
export interface TargetImpact {
  key: string;
  isTeam: boolean;
  target: number | null;
  actual: number;
  actualWithout: number;
  attainment: number | null;
  attainmentWithout: number | null;
}

export interface TargetsImpact {
  period: string;
  grain: Grain;
  /** The orders' dimension the keys are values of (header), null: none. */
  dimension: string | null;
  /** Keys whose actual changes, most lost first. */
  keys: TargetImpact[];
  total: Omit<TargetImpact, 'key' | 'isTeam'>;
}

export interface DependenceAnswer extends DependenceResult {
  datasetId: number;
  asOf: string;
  /** The customers counted, with who they are and their revenue, largest first. */
  chosen: (RiskCustomerInfo & { monetary: number })[];
  /** Attainment with and without them, when a targets file was named. */
  targets: TargetsImpact | null;
}
