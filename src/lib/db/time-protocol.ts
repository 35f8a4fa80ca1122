// Request results of the time analyses (lifecycle, cohorts, monthly trends, segment migration) crossing
// the worker boundary.
import type {
  Cohort,
  CustomerBase,
  FunnelStep,
  LifecycleStage,
  LifecycleThresholds,
  MonthTrend,
  StageTotal
} from '$lib/analysis';
import type { MigrationGrouping, MigrationResult } from '$lib/analysis/migration';
import type { RfmScoring } from './rfm-protocol';
import type { DataFilter } from '$lib/analysis/data-filter';

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
  filter: DataFilter | null;
  thresholds: LifecycleThresholds;
}

/** One page of a stage's customers, by monetary descending (ties by customer id). */
export interface LifecycleCustomersPage {
  total: number;
  offset: number;
  rows: Omit<CustomerBase, 'dims'>[];
}

export type { LifecycleStage };

/** Customers flowing between groups from as-of A to as-of B (segment migration). */
export interface MigrationSummary extends MigrationResult {
  datasetId: number;
  asOfA: string;
  asOfB: string;
  elapsedMs: number;
}

/** What a migration request names: dataset, the user's scoring and rules, both dates, the grouping. */
export interface MigrationArgs {
  datasetId: number;
  filter: DataFilter | null;
  /** Scoring and rules as in the RFM views. */
  scoring: RfmScoring;
  asOfA: string;
  asOfB: string;
  grouping: MigrationGrouping;
}
