// The typed message contract between the page and the database worker: the `Api` map (request →
// arguments, result), progress and events. Every analysis request names its whole key.
import type {
  DatasetInfo,
  ImportProgress,
  ImportTarget,
  InspectOptions,
  Inspection,
  RowsPage,
  RowsQuery
} from './import-protocol';
import type { AppErrorData } from './errors';
import type {
  CustomerDetail,
  CustomersPage,
  RfmDistribution,
  RfmKey,
  RfmPoints,
  RfmScoring,
  RfmSummary
} from './rfm-protocol';
import type { TargetsGrid, TargetsGridArgs, TargetsSaveArgs } from './targets-store-protocol';
import type { ChurnKind, ChurnLists, ClvKey, ClvSummary, FitProgress } from './clv-protocol';
import type {
  LifecycleArgs,
  LifecycleCustomersPage,
  LifecycleStage,
  LifecycleSummary,
  MigrationArgs,
  MigrationSummary,
  MonthlySummary
} from './time-protocol';
import type { BookExportArgs, ScorecardArgs, ScorecardSummary } from './team-protocol';
import type { HeadlineArgs, HeadlineResult } from './overview-protocol';
import type {
  TrendsArgs,
  TrendsMoversArgs,
  TrendsMoversResult,
  TrendsResult
} from './trends-protocol';
import type {
  RestoreResult,
  SaveEvent,
  SqliteInspection,
  WorkspaceEntry
} from './persist-protocol';
import type { TargetsArgs, TargetsView, WhyAnswer, WhyArgs } from './targets-protocol';
import type {
  CustomerProfile,
  ProfileArgs,
  RelationshipArgs,
  RelationshipListArgs,
  RelationshipPage,
  RelationshipSummary
} from './relation-protocol';
import type { ColumnMapping } from '$lib/ingest/types';
import type { Currency } from '$lib/ingest/currency';
import type { CustomerFilter, CustomerSort, LifecycleThresholds } from '$lib/analysis';
import type { Breakdown } from '$lib/analysis/breakdown';
import type { Crosstab } from '$lib/analysis/crosstab';
import type { BreakdownArgs, CrosstabArgs } from './breakdown-protocol';
import type { MigrationCustomer } from '$lib/analysis/migration';
import type { RpcRequest, RpcResponse } from './rpc';
import type { DecayArgs, DecaySummary } from './decay-protocol';
import type {
  SatisfactionArgs,
  SatisfactionCommentsArgs,
  SatisfactionCommentsPage,
  SatisfactionSummary
} from './satisfaction-protocol';
import type {
  ComplaintsArgs,
  ComplaintsSummary,
  ProfitArgs,
  ProfitSummary
} from './complaints-profit-protocol';
import type { RelatedAnswer, RelatedArgs, UnmatchedArgs, UnmatchedRow } from './related-protocol';
import type { DataFilter } from '$lib/analysis/data-filter';
import type {
  DependenceAnswer,
  DependenceArgs,
  RisksArgs,
  RisksSummaryAnswer,
  RisksView
} from './risks-protocol';
import type { FilterValue, FilterValuesArgs } from '$lib/analysis/filter-values';
import type { CallsExportArgs, CallsList, CallsListArgs } from './calls-protocol';

export type * from './import-protocol';
export type * from './rfm-protocol';
export type * from './targets-store-protocol';
export type * from './clv-protocol';
export type * from './time-protocol';
export type * from './persist-protocol';
export type * from './team-protocol';
export type * from './overview-protocol';
export type * from './decay-protocol';
export type * from './satisfaction-protocol';
export type * from './related-protocol';
export type * from './risks-protocol';
export type * from './trends-protocol';
export type * from './targets-protocol';
export type * from './relation-protocol';
export type * from './complaints-profit-protocol';
export type * from './calls-protocol';
export type { AppErrorData, ErrorCode } from './errors';
export type { DataFilter } from '$lib/analysis/data-filter';
export type { FilterValue, FilterValuesArgs } from '$lib/analysis/filter-values';

export type { Currency } from '$lib/ingest/currency';
export type * from './breakdown-protocol';

/** Every request the worker understands, with its argument and result types. */
export interface Api {
  inspect: { args: { file: File; options: InspectOptions }; result: Inspection };
  import: {
    args: {
      mapping: ColumnMapping;
      target: ImportTarget;
      /** The currency confirmed in the mapping step (null: none, plain numbers). */
      currency: Currency | null;
      /**
       * How the page will score the new orders (its RFM settings, unfiltered): the worker scores
       * them at the default as-of date while the page takes in the report, so the first heatmap
       * finds its scores made. Absent: only the customer base is made ahead.
       */
      heatmap?: RfmScoring | null;
    };
    result: DatasetInfo;
  };
  cancel: { args: Record<string, never>; result: null };
  datasets: { args: Record<string, never>; result: DatasetInfo[] };
  deleteDataset: { args: { datasetId: number }; result: null };
  /** Sets the currency a dataset's money is written in; answers the datasets as they now are. */
  'dataset.setCurrency': {
    args: { datasetId: number; currency: Currency | null };
    result: DatasetInfo[];
  };
  rows: { args: RowsQuery & { offset: number; limit: number }; result: RowsPage };
  /** The targets grid of the Data page for one grain. */
  'targets.grid': { args: TargetsGridArgs; result: TargetsGrid };
  /** Saves the targets grid (making a targets dataset when none exists); answers the datasets. */
  'targets.save': { args: TargetsSaveArgs; result: DatasetInfo[] };
  rejectedCsv: { args: { datasetId: number }; result: Blob };
  /** A dimension's values with their row counts, most rows first (the filter bar's choices). */
  'filter.values': { args: FilterValuesArgs; result: FilterValue[] };
  'rfm.summary': { args: { key: RfmKey }; result: RfmSummary };
  'rfm.distribution': { args: { key: RfmKey }; result: RfmDistribution };
  'rfm.points': { args: { key: RfmKey }; result: RfmPoints };
  'rfm.customers': {
    args: {
      key: RfmKey;
      filter: CustomerFilter;
      sort: CustomerSort;
      offset: number;
      limit: number;
    };
    result: CustomersPage;
  };
  'rfm.customer': { args: { key: RfmKey; customerId: string }; result: CustomerDetail };
  'rfm.breakdown': { args: BreakdownArgs; result: Breakdown };
  /** A two-way table of customers and revenue (issue 11). */
  'breakdown.crosstab': { args: CrosstabArgs; result: Crosstab };
  'rfm.export': {
    args: {
      key: RfmKey;
      filter: CustomerFilter;
      sort: CustomerSort;
      format: 'csv' | 'xlsx';
      locale: 'en' | 'zh-CN';
      /** The lifecycle thresholds in force, for the `lifecycle_stage` column. */
      lifecycle: LifecycleThresholds;
      /** The fitted model whose columns the export adds (DOMAIN §9), if any. */
      model: ClvKey | null;
    };
    result: Blob;
  };
  'clv.fit': { args: { key: ClvKey }; result: ClvSummary };
  /** The fit of `key` if the worker still holds it (nothing is fitted by asking). */
  'clv.cached': { args: { key: ClvKey }; result: ClvSummary | null };
  /** The churn-risk lists; the model lists need `model` (refitted when the worker lost it). */
  'churn.lists': { args: { rfm: RfmKey; model: ClvKey | null }; result: ChurnLists };
  'churn.export': {
    args: {
      rfm: RfmKey;
      model: ClvKey | null;
      kind: ChurnKind;
      format: 'csv' | 'xlsx';
      locale: 'en' | 'zh-CN';
    };
    result: Blob;
  };
  'migration.flows': { args: MigrationArgs; result: MigrationSummary };
  'migration.customers': {
    args: MigrationArgs & { from: string; to: string };
    result: MigrationCustomer[];
  };
  'time.monthly': {
    args: { datasetId: number; asOf: string; filter: DataFilter | null };
    result: MonthlySummary;
  };
  'time.lifecycle': { args: LifecycleArgs; result: LifecycleSummary };
  'time.lifecycleCustomers': {
    args: LifecycleArgs & { stage: LifecycleStage; offset: number; limit: number };
    result: LifecycleCustomersPage;
  };
  /** The scorecard of a dimension's values in a period (DOMAIN §7a). */
  'scorecard.summary': { args: ScorecardArgs; result: ScorecardSummary };
  /** One value's book of customers, or every value's as one sheet each, as XLSX. */
  'scorecard.books': { args: BookExportArgs; result: Blob };
  /** The Overview's headline: the last 90 days against the 90 before and a year earlier. */
  'overview.headline': { args: HeadlineArgs; result: HeadlineResult };
  /** CSAT and NPS by group and over time, against behaviour, and the lists (DOMAIN §7b). */
  'satisfaction.summary': { args: SatisfactionArgs; result: SatisfactionSummary };
  /** Survey comments containing a search text or a frequent word, newest first. */
  'satisfaction.comments': { args: SatisfactionCommentsArgs; result: SatisfactionCommentsPage };
  /** Decay curves and time to the second order by group (衰减曲线). */
  'decay.groups': { args: DecayArgs; result: DecaySummary };
  /** A related dataset's rows that name customers with no orders: counts. */
  'related.match': { args: RelatedArgs; result: RelatedAnswer };
  /** …and a page of those rows. */
  'related.unmatched': { args: UnmatchedArgs; result: UnmatchedRow[] };
  /** Trends per month/quarter/year, split by a dimension's top values + others (or not split). */
  'trends.series': { args: TrendsArgs; result: TrendsResult };
  /** The dimension values that grew and shrank most in the latest complete period. */
  'trends.movers': { args: TrendsMoversArgs; result: TrendsMoversResult };
  /** Targets vs actual per key of a dimension in one period (DOMAIN §7a). */
  'targets.view': { args: TargetsArgs; result: TargetsView };
  /** One key's revenue against the same period last year, split by who made the change. */
  'targets.why': { args: WhyArgs; result: WhyAnswer | null };
  /** Existing / new / prospect customers with the master, and conversion (DOMAIN §7b). */
  'relationship.summary': { args: RelationshipArgs; result: RelationshipSummary };
  'relationship.customers': {
    args: RelationshipListArgs & { offset: number; limit: number };
    result: RelationshipPage;
  };
  'relationship.export': {
    args: RelationshipListArgs & { format: 'csv' | 'xlsx'; locale: 'en' | 'zh-CN' };
    result: Blob;
  };
  /** One customer's whole profile: master, scores, orders, surveys, complaints, receivables. */
  'customer.profile': { args: ProfileArgs; result: CustomerProfile };
  /** Complaints at the as-of date against the SLA, joined to the orders (DOMAIN §7b). */
  'complaints.summary': { args: ComplaintsArgs; result: ComplaintsSummary };
  /** Profit and margin per customer and group, and the profit curve (DOMAIN §7b). */
  'profit.summary': { args: ProfitArgs; result: ProfitSummary };
  /** This week's call list (DOMAIN §7c): a view of it (or its top N) with the totals. */
  'calls.list': { args: CallsListArgs; result: CallsList };
  /** The call list as CSV/XLSX, or one workbook with a sheet per owner. */
  'calls.export': { args: CallsExportArgs; result: Blob };
  'risks.summary': { args: RisksArgs; result: RisksSummaryAnswer };
  'risks.view': { args: RisksArgs; result: RisksView };
  'risks.dependence': { args: DependenceArgs; result: DependenceAnswer };
  /** A copy of the whole database file (after running imports finish), for the SQL console. */
  snapshot: { args: Record<string, never>; result: Uint8Array };
  /** The worker's own fetches (its performance timeline), once its engine has loaded. */
  'network.requests': { args: Record<string, never>; result: WorkerRequests };
  /** Opens the last saved workspace (or `id`); `defaultName` names the first one when saved. */
  'ws.restore': {
    /**
     * `tab`: the page's tab (the same across its reloads); a workspace a previous worker of this
     * tab owns is waited for (that worker may still hold its lock for a moment).
     */
    args: { defaultName: string; id?: string; tab?: string };
    result: RestoreResult;
  };
  /** Asks the tab that owns workspace `id` to save and let go, then opens it here. */
  'ws.take': { args: { defaultName: string; id: string }; result: RestoreResult };
  /** Saves pending changes now (the page is being hidden or closed). */
  'ws.flush': { args: Record<string, never>; result: null };
  'ws.settings': { args: { json: string }; result: null };
  'ws.create': { args: { name: string }; result: RestoreResult };
  'ws.switch': { args: { id: string }; result: RestoreResult };
  'ws.rename': {
    args: { id: string; name: string };
    result: { workspaces: WorkspaceEntry[]; currentId: string | null };
  };
  'ws.delete': { args: { id: string }; result: RestoreResult };
  /** Saves pending changes now and stops saving (before "forget everything" wipes storage). */
  'ws.stop': { args: Record<string, never>; result: null };
  'ws.export': { args: Record<string, never>; result: Blob };
  'sqlite.inspect': { args: { file: File }; result: SqliteInspection };
  'sqlite.table': { args: { table: string }; result: Blob };
  'sqlite.open': { args: { name: string }; result: RestoreResult };
  /** Test hook (only sent when the page has the `debug=crash` URL flag): kills the worker. */
  'debug.crash': { args: Record<string, never>; result: null };
  /** Test hook (same flag): SQLite runs out of memory (under a lowered heap cap). */
  'debug.oom': { args: Record<string, never>; result: null };
  /** Test hook (same flag): the next request of `type` fails as an unexpected error would. */
  'debug.failNext': { args: { type: keyof Api }; result: null };
  /** Test hook (same flag): the worker answers, then stays busy for `ms` (a hung tab). */
  'debug.hang': { args: { ms: number }; result: null };
}

/** What the DB worker fetched itself, for the privacy panel's request count. */
export interface WorkerRequests {
  /** When the sql.js engine had loaded (ms since the epoch). */
  engineReadyAt: number;
  requests: {
    url: string;
    startedAt: number;
    isHandledByServiceWorker: boolean;
    isFromHttpCache: boolean;
  }[];
}

export type RequestType = keyof Api;

export type Request = RpcRequest<Api>;

/** Progress of a request: an import's bytes and rows, or a model fit's iterations. */
export type Progress = ImportProgress | FitProgress;

/** Things the worker reports on its own (not answers to a request). */
export type WorkerEvent =
  | { event: 'datasets-changed' }
  /** An import answered with its report could not fill its table; its dataset is gone. */
  | { event: 'import-failed'; error: AppErrorData; fileName: string }
  | { event: 'save'; save: SaveEvent }
  /** Another tab changed the list of saved workspaces. */
  | { event: 'workspaces'; workspaces: WorkspaceEntry[] };

export type Response = RpcResponse<Progress, WorkerEvent>;
