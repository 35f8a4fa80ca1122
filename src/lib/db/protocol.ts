// The typed message contract between the page and the database worker.
import type { ColumnGuess, ColumnMapping, DatasetKind, RejectReason } from '$lib/ingest/types';
import type { SupportedEncoding } from '$lib/ingest/decode';

export type SqlValue = string | number | null;

/** A translated-at-the-edge error: `code` is an i18n key under `error.`, params fill it in. */
export interface AppErrorData {
  code: string;
  params?: Record<string, string | number>;
}

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
  /** First rows after the header, as text, for the preview table. */
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

/** Every request the worker understands, with its argument and result types. */
export interface Api {
  inspect: { args: { file: File; options: InspectOptions }; result: Inspection };
  import: { args: { mapping: ColumnMapping; target: ImportTarget }; result: DatasetInfo };
  cancel: { args: Record<string, never>; result: null };
  datasets: { args: Record<string, never>; result: DatasetInfo[] };
  deleteDataset: { args: { datasetId: number }; result: null };
  rows: { args: RowsQuery & { offset: number; limit: number }; result: RowsPage };
  rejectedCsv: { args: { datasetId: number }; result: Blob };
  query: {
    args: { sql: string; params?: SqlValue[] };
    result: { columns: string[]; rows: SqlValue[][] };
  };
}

export type RequestType = keyof Api;

export type Request = {
  [K in RequestType]: { id: number; type: K; args: Api[K]['args'] };
}[RequestType];

export interface Progress {
  phase: 'reading' | 'inserting' | 'indexing';
  bytesRead: number;
  bytesTotal: number;
  rows: number;
}

/** Things the worker reports on its own (not answers to a request). */
export type WorkerEvent = { event: 'datasets-changed' };

export type Response =
  | { id: 0; type: 'event'; payload: WorkerEvent }
  | { id: number; type: 'result'; result: unknown }
  | { id: number; type: 'error'; error: AppErrorData }
  | { id: number; type: 'progress'; progress: Progress };
