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

/** "If these customers stop buying": the top N or the customers named. */
export interface DependenceArgs extends RisksArgs {
  /** The customers chosen; null: the top `topN` by revenue. */
  customers: string[] | null;
  topN: number;
}

export interface DependenceAnswer extends DependenceResult {
  datasetId: number;
  asOf: string;
  /** The customers counted, with who they are and their revenue, largest first. */
  chosen: (RiskCustomerInfo & { monetary: number })[];
}
