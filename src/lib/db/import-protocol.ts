// Results of reading and importing a file, and of browsing a dataset's rows, across the worker boundary.
import type { ColumnGuess, DatasetKind, ImportWarning, RejectReason } from '$lib/ingest/types';
import type { SupportedEncoding } from '$lib/ingest/decode';
import type { Currency } from '$lib/ingest/currency';
import type { SheetChoice } from '$lib/ingest/pick-sheet';
import type { RelatedKind } from '$lib/ingest/kind-tables';
import type { TargetsFacts } from '$lib/ingest/normalize-targets';

export type { TargetsFacts };
import type { DataFilter } from '$lib/analysis/data-filter';

/** A cell as SQLite returns it. */
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
  /** The columns' roles as a targets sheet (the mapping step uses them when the kind is targets). */
  targetGuesses: ColumnGuess[];
  /**
   * The columns' roles as each related kind (DOMAIN §7): a customer table (master or summary),
   * survey responses, complaints, receivables. The mapping step uses them when the kind is one.
   */
  relatedGuesses: Record<RelatedKind, ColumnGuess[]>;
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
  /**
   * Per row of `rows` (same order), what the report names: the cell that could not be read
   * (`unknown_period`, `bad_target`) or the row kept instead (`duplicate_key_period`).
   */
  details?: { value?: string; firstRow?: number }[];
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
  /** A targets dataset's keys and periods (absent for other kinds). */
  targets?: TargetsFacts;
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
  /**
   * True when the views analyse this dataset (it can be the active one): orders, and a customer
   * table that maps frequency, monetary and a last purchase or recency (DOMAIN §1). False for a
   * master without purchase columns and for targets, survey responses, complaints and receivables,
   * which join the orders (`Datasets.related`).
   */
  isAnalysable: boolean;
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
  /** Only the rows that pass the app's filter (null: every row). */
  filter: DataFilter | null;
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

export interface ImportProgress {
  phase: 'reading' | 'inserting';
  bytesRead: number;
  bytesTotal: number;
  rows: number;
}
