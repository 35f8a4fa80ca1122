// Request results of the time analyses (lifecycle, cohorts, monthly trends) crossing the worker boundary.
import type {
  Cohort,
  CustomerBase,
  FunnelStep,
  LifecycleStage,
  LifecycleThresholds,
  MonthTrend,
  StageTotal
} from '$lib/analysis';

/** Cohorts and monthly trends of a transactions dataset at an as-of date (DOMAIN §5). */
export interface MonthlySummary {
  datasetId: number;
  asOf: string;
  /** Oldest cohort first. */
  cohorts: Cohort[];
  maxK: number;
  /** Every month from the first to the last with an order. */
  trends: MonthTrend[];
  /** Customer × month entries behind both. */
  entries: number;
  elapsedMs: number;
}

/** Lifecycle stages and funnel at an as-of date, over the RFM customer base. */
export interface LifecycleSummary {
  datasetId: number;
  asOf: string;
  thresholds: LifecycleThresholds;
  stages: StageTotal[];
  funnel: FunnelStep[];
}

/** Arguments naming one lifecycle analysis. */
export interface LifecycleArgs {
  datasetId: number;
  asOf: string;
  thresholds: LifecycleThresholds;
}

/** One page of a stage's customers, by monetary descending (ties by customer id). */
export interface LifecycleCustomersPage {
  total: number;
  offset: number;
  rows: Omit<CustomerBase, 'dims'>[];
}

export type { LifecycleStage };
