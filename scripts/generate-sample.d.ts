// Types for scripts/generate-sample.js (imported by unit tests and the bench).

/** One order (or return, with a negative amount and quantity) of the sample. */
export interface SampleRow {
  orderId: string;
  /** YYYY-MM-DD */
  date: string;
  customerId: string;
  customerName: string;
  province: string;
  city: string;
  industry: string;
  channel: string;
  salesRep: string;
  category: string;
  amountCents: number;
  quantity: number;
  size: string;
}

export interface SampleOptions {
  seed?: number;
  /** Exact number of rows, returns included (default 50,000). */
  rows?: number;
  /** Default: 6 % of rows (3,000 for the default sample). */
  customers?: number;
}

export interface SampleSummary {
  rows: number;
  orders: number;
  returns: number;
  customers: number;
  dateFrom: string;
  dateTo: string;
  /** Net of returns, yuan. */
  totalAmount: number;
  /** Revenue share of the 10 largest customers, 0–1, 4 decimals. */
  top10Share: number;
}

/** What static/sample/manifest.json holds. */
export interface SampleManifest extends SampleSummary {
  file: string;
  seed: number;
  columns: string[];
  bytes: number;
  sha256: string;
}

export const DEFAULT_SEED: number;
export const DEFAULT_ROWS: number;
export const DEFAULT_CUSTOMERS: number;
export const DATE_FROM: string;
export const DATE_TO: string;
export const SAMPLE_HEADER: readonly string[];

export function iterateSampleRows(options?: SampleOptions): Generator<SampleRow>;
export function generateSample(seed?: number, options?: Omit<SampleOptions, 'seed'>): SampleRow[];
export function formatCents(cents: number): string;
export function formatCsvRow(row: SampleRow): string;
/** The whole file: BOM, header line, one line per row, `\n` line ends. */
export function sampleToCsv(rows: Iterable<SampleRow>): string;
export function summarizeSample(rows: Iterable<SampleRow>): SampleSummary;
/** Streams the CSV to disk and returns its manifest. */
export function writeSampleCsv(outPath: string, options?: SampleOptions): Promise<SampleManifest>;
