// Messages between the page and the SQL console's query worker (a read-only copy of the workspace).
import type { AppErrorData, SqlValue } from './protocol';

/** One table of the snapshot, with its dataset's friendly name when it belongs to one. */
export interface ConsoleTable {
  name: string;
  /** `normalized`/`raw` tables of a dataset, the `catalog` of datasets, or `other`. */
  role: 'normalized' | 'raw' | 'catalog' | 'other';
  dataset: string | null;
  rows: number;
  columns: { name: string; type: string }[];
}

/** A query's answer: the last statement's columns and at most `maxRows` of its rows. */
export interface ConsoleResult {
  columns: string[];
  rows: SqlValue[][];
  /** Rows the statement returned (more than `rows.length` when capped). */
  total: number;
  statements: number;
  elapsedMs: number;
}

export type ConsoleRequest =
  | { id: number; type: 'load'; bytes: Uint8Array }
  | { id: number; type: 'run'; sql: string; maxRows: number }
  | { id: number; type: 'csv'; sql: string };

export type ConsoleResponse =
  | { id: number; ok: true; result: ConsoleTable[] | ConsoleResult | Blob }
  | { id: number; ok: false; error: AppErrorData };
