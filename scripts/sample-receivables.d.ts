// Types for scripts/sample-receivables.js (imported by unit tests).
import type { SampleRow } from './generate-sample.js';

/** An invoiced order. */
export interface InvoicedOrder {
  customerId: string;
  /** YYYY-MM-DD */
  date: string;
  cents: number;
  size: string;
}

/** A row of receivables.csv; `paidDate` is '' and `paidCents` null while unpaid. */
export interface ReceivableRow {
  customerId: string;
  invoiceNo: string;
  invoiceDate: string;
  dueDate: string;
  cents: number;
  paidDate: string;
  /** null: no paid amount written (paid in full when a paid date is set). */
  paidCents: number | null;
}

export interface ReceivablesManifest {
  file: string;
  columns: string[];
  rows: number;
  unpaid: number;
  bytes: number;
  sha256: string;
}

export const RECEIVABLES_HEADER: readonly string[];
export const INVOICE_FROM: string;
export const SNAPSHOT_DAY: string;
export function createReceivablesCollector(): {
  add(row: SampleRow): void;
  result(): InvoicedOrder[];
};
export function sampleReceivables(orders: readonly InvoicedOrder[], seed: number): ReceivableRow[];
export function receivablesToCsv(rows: readonly ReceivableRow[]): string;
export function writeReceivablesFile(
  dir: string,
  orders: readonly InvoicedOrder[],
  seed: number
): ReceivablesManifest;
