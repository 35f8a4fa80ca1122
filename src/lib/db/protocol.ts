// The typed message contract between the page and the database worker: the `Api` map (request →
// arguments, result), progress and events. Every analysis request names its whole key.
import type {
  ColumnGuess,
  ColumnMapping,
  DatasetKind,
  ImportWarning,
  RejectReason
} from '$lib/ingest/types';
import type { SupportedEncoding } from '$lib/ingest/decode';
import type { Currency } from '$lib/ingest/currency';
import type { SheetChoice } from '$lib/ingest/pick-sheet';
import type {
  BinInfo,
  BinWarning,
  CustomerFilter,
  CustomerSort,
  Metric,
  MetricStats,
  RfmSummaryData,
  ScoredCustomer,
  ScoringOptions,
  SegmentMatch,
  SegmentRule
} from '$lib/analysis';
import type { AbcTier, Histogram, LifecycleThresholds } from '$lib/analysis';
import type { Breakdown } from '$lib/analysis/breakdown';
import type { HoldoutGroup, PAliveMatrix } from '$lib/analysis/clv/diagnostics';
import type { CustomerValue } from '$lib/analysis/clv/model';
import type { BgnbdFit } from '$lib/analysis/clv/bgnbd';
import type { GammaGammaFit } from '$lib/analysis/clv/gammagamma';
import type {
  MigrationCustomer,
  MigrationGrouping,
  MigrationResult
} from '$lib/analysis/migration';
import type {
  LifecycleArgs,
  LifecycleCustomersPage,
  LifecycleStage,
  LifecycleSummary,
  MonthlySummary
} from './time-protocol';
import type {
  RestoreResult,
  SaveEvent,
  SqliteInspection,
  WorkspaceEntry
} from './persist-protocol';

import type { RpcRequest, RpcResponse } from './rpc';

export type * from './time-protocol';
export type * from './persist-protocol';
export type { AppErrorData, ErrorCode } from './errors';

export type { Currency } from '$lib/ingest/currency';

export type SqlValue = string | number | null;

export type FileFormat = 'csv' | 'csv.gz' | 'xlsx' | 'xls';

/** What the worker learned from the head of a file; drives the mapping step. */
export interface Inspection {
  fileName: string;
  fileBytes: number;
  format: FileFormat;
  encoding: SupportedEncoding;
  /** How the encoding was chosen (`bom`, `utf8-valid`, `fallback-gb18030`, `ascii`, `user`). */
  encodingReason: string;
  delimiter: string;
  sheets: { name: string; rows: number; cols: number }[];
  sheet?: string;
  /** Excel row number of the header (1-based). */
  headerRow: number;
  headers: string[];
  /** First rows after the header, as text, for the preview table (long cells clipped). */
  preview: string[][];
  /** Data rows seen while inspecting (all of them for small files). */
  sampledRows: number;
  guesses: ColumnGuess[];
  kind: DatasetKind;
  /** True when every required role was found with confidence and nothing is ambiguous. */
  confident: boolean;
  /** Stable key of the header set, used to remember mappings. */
  headerKey: string;
  date1904: boolean;
  /** Why this sheet was opened, when the workbook has several and the user picked none. */
  sheetChoice?: SheetChoice;
  /** The currency the money columns' headers or cells name (¥, 元, $, £ …); null: none found. */
  currency: Currency | null;
}

export interface InspectOptions {
  encoding?: SupportedEncoding;
  sheet?: string;
}

export interface RejectSummary {
  reason: RejectReason;
  count: number;
  /** First spreadsheet row numbers (as Excel shows them, header = row 1). */
  rows: number[];
}

/** Rows imported with a warning (same shape as a rejection, plus the columns concerned). */
export interface WarningSummary {
  reason: ImportWarning;
  count: number;
  /** First spreadsheet row numbers. */
  rows: number[];
  /** Headers of the columns concerned, in file order. */
  columns: string[];
}

export interface ImportReport {
  datasetId: number;
  name: string;
  kind: DatasetKind;
  fileName: string;
  encoding: SupportedEncoding;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  rejected: RejectSummary[];
  /** Kept rows worth a look (absent from reports saved before warnings existed). */
  warnings?: WarningSummary[];
  returns: number;
  customers: number;
  /** Distinct orders among accepted rows (rows when no order id is mapped). */
  orders: number;
  dateFrom: string | null;
  dateTo: string | null;
  totalAmount: number;
  /** Subtotal/title rows skipped in spreadsheets. */
  skippedRows: number;
  elapsedMs: number;
}

export interface DatasetInfo {
  id: number;
  name: string;
  kind: DatasetKind;
  fileName: string;
  importedAt: string;
  table: string;
  rawTable: string;
  /** False while the accepted rows' original cells are still being copied (after the report). */
  rawComplete: boolean;
  rows: number;
  customers: number;
  orders: number;
  dateFrom: string | null;
  dateTo: string | null;
  totalAmount: number;
  /** Columns of the normalized table as [sql name, header, role]. */
  columns: { name: string; header: string; role: string; type: 'text' | 'number' | 'date' }[];
  /** True when the file mapped an order id (orders group by it; DOMAIN §2). */
  hasOrderId: boolean;
  /** The dimension columns (SQL name, header), in table order. */
  dimensions: { name: string; header: string }[];
  /**
   * The as-of date analyses use unless the user sets one: the day after the latest date (DOMAIN
   * §2), or the import day for a customer file that gives recency in days only. Null when the
   * dataset has no dates at all.
   */
  defaultAsOf: string | null;
  /** The currency of its money (from the file or the user); null: plain numbers, no symbol. */
  currency: Currency | null;
  report: ImportReport;
}

export interface RowsQuery {
  datasetId: number;
  search: string;
  sortColumn: string | null;
  sortDesc: boolean;
}

export interface RowsPage {
  /** Total rows matching the search. */
  total: number;
  offset: number;
  rows: SqlValue[][];
}

export interface ImportTarget {
  mode: 'replace' | 'add';
  name: string;
}

/** How customers are scored and grouped, whatever the date. */
export interface RfmScoring {
  scoring: ScoringOptions;
  rules: SegmentRule[];
  quadrantSplit: 'median' | 'mean';
}

/** What the user chose for the RFM analysis. */
export interface RfmSettings extends RfmScoring {
  /** `YYYY-MM-DD`; null for the dataset's default as-of date. */
  asOf: string | null;
}

/** Everything that decides an RFM analysis: every request about scored customers names one. */
export interface RfmKey extends RfmScoring {
  datasetId: number;
  /** `YYYY-MM-DD`, resolved (never the "default" placeholder). */
  asOf: string;
}

/** Everything that decides a lifetime-value fit. */
export interface ClvKey {
  datasetId: number;
  calibrationEnd: string;
  months: number;
  monthlyDiscount: number;
}

/** One RFM run: settings in force, bins, warnings and every aggregate the views draw. */
export interface RfmSummary extends RfmSummaryData {
  datasetId: number;
  kind: DatasetKind;
  asOf: string;
  /** The dataset's dimensions (SQL name, header), in `dims` order. */
  dimensions: { name: string; header: string }[];
  bins: Record<Metric, BinInfo>;
  warnings: BinWarning[];
  means: MetricStats;
  medians: MetricStats;
  timings: { baseMs: number; scoreMs: number; totalMs: number };
}

/** Every scored customer as columns, for the scatter. */
export interface RfmPoints {
  ids: string[];
  frequency: Float64Array;
  monetary: Float64Array;
  quadrant: string[];
  segment: string[];
}

export interface CustomersPage {
  total: number;
  offset: number;
  rows: ScoredCustomer[];
}

export interface CustomerDetail {
  customer: ScoredCustomer | null;
  match: SegmentMatch | null;
  orders: { date: string; orderId: string | null; amount: number; lines: number }[];
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
  /** The customers with the highest CLV. */
  top: CustomerValue[];
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
  /** Scoring and rules as in the RFM views. */
  scoring: RfmScoring;
  asOfA: string;
  asOfB: string;
  grouping: MigrationGrouping;
}

/** Every request the worker understands, with its argument and result types. */
export interface Api {
  inspect: { args: { file: File; options: InspectOptions }; result: Inspection };
  import: {
    args: {
      mapping: ColumnMapping;
      target: ImportTarget;
      /** The currency confirmed in the mapping step (null: none, plain numbers). */
      currency: Currency | null;
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
  rejectedCsv: { args: { datasetId: number }; result: Blob };
  'rfm.summary': { args: { key: RfmKey }; result: RfmSummary };
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
  'rfm.breakdown': { args: { key: RfmKey; dimIndex: number }; result: Breakdown };
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
  'time.monthly': { args: { datasetId: number; asOf: string }; result: MonthlySummary };
  'time.lifecycle': { args: LifecycleArgs; result: LifecycleSummary };
  'time.lifecycleCustomers': {
    args: LifecycleArgs & { stage: LifecycleStage; offset: number; limit: number };
    result: LifecycleCustomersPage;
  };
  /** A copy of the whole database file (after running imports finish), for the SQL console. */
  snapshot: { args: Record<string, never>; result: Uint8Array };
  /** The worker's own fetches (its performance timeline), once its engine has loaded. */
  'network.requests': { args: Record<string, never>; result: WorkerRequests };
  /** Opens the last saved workspace (or `id`); `defaultName` names the first one when saved. */
  'ws.restore': {
    /** `waitForLock`: this tab had `id` open just before (reload, crash), wait for its lock. */
    args: { defaultName: string; id?: string; waitForLock?: boolean };
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

export interface FitProgress {
  phase: 'fitting';
  iterations: number;
  logLikelihood: number;
}

export interface ImportProgress {
  phase: 'reading' | 'inserting';
  bytesRead: number;
  bytesTotal: number;
  rows: number;
}

/** Things the worker reports on its own (not answers to a request). */
export type WorkerEvent =
  | { event: 'datasets-changed' }
  | { event: 'save'; save: SaveEvent }
  /** Another tab changed the list of saved workspaces. */
  | { event: 'workspaces'; workspaces: WorkspaceEntry[] };

export type Response = RpcResponse<Progress, WorkerEvent>;
