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
  /** Gross profit of the row in cents (negative on loss-making orders; a return reverses it). */
  profitCents: number;
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

/** One row of the sample's targets sheet: a rep's month or a team's quarter. */
export interface TargetRow {
  key: string;
  /** The rep's team; '' on a team's own row. */
  parent: string;
  /** Canonical period key (`2025-03`, `2025-Q1`). */
  period: string;
  /** The period as written in the file (a few use other DOMAIN §7a formats). */
  text: string;
  /** Yuan. */
  revenueTarget: number;
  newCustomerTarget: number;
}

/** What the targets are set from: per rep, revenue (cents) and new customers per month of 2025. */
export interface SampleActuals {
  revenue: Map<string, number[]>;
  newCustomers: Map<string, number[]>;
}

export interface TargetsSummary {
  rows: number;
  keys: number;
  periods: number;
  /** Reps whose 2025 revenue reaches the sum of their monthly targets, and those short of it. */
  above: string[];
  below: string[];
  attainment: { rep: string; attainment: number }[];
}

/** What static/sample/manifest.json holds. */
export interface SampleManifest extends SampleSummary {
  file: string;
  seed: number;
  columns: string[];
  bytes: number;
  sha256: string;
  /** The customer master, survey responses and complaints written next to the built-in sample. */
  related?: import('./sample-related.js').RelatedManifest;
  receivables?: import('./sample-receivables.js').ReceivablesManifest;
  /** The targets sheet written next to the built-in sample. */
  targets?: Omit<TargetsSummary, 'attainment'> & {
    file: string;
    columns: string[];
    bytes: number;
    sha256: string;
  };
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
export function writeSampleCsv(
  outPath: string,
  options?: SampleOptions,
  onRow?: (row: SampleRow) => void
): Promise<SampleManifest>;

export const TARGETS_HEADER: readonly string[];
export const TARGETS_YEAR: string;
export function teamOfRep(rep: string): string;
export function createActuals(): { add(row: SampleRow): void; result(): SampleActuals };
export function sampleTargets(actuals: SampleActuals, seed?: number): TargetRow[];
export function targetsToCsv(rows: readonly TargetRow[]): string;
export function summarizeTargets(
  rows: readonly TargetRow[],
  actuals: SampleActuals
): TargetsSummary;
