// The SQL console's worker API: a read-only copy of the workspace, queried by the user.
import type { SqlValue } from './protocol';
import type { RpcRequest, RpcResponse } from './rpc';

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

/**
 * Progress of a run or export that first expands a dataset's original cells (kept compressed in
 * the workspace) into its raw table: rows expanded of the rows the statement needs.
 */
export interface ConsoleProgress {
  rows: number;
  total: number;
}

/** Every request the console's worker understands. */
export interface ConsoleApi {
  /** Opens a copy of the workspace database; answers with its tables. */
  load: { args: { bytes: Uint8Array }; result: ConsoleTable[] };
  run: { args: { sql: string; maxRows: number }; result: ConsoleResult };
  /** The whole result of `sql` as CSV (UTF-8 with BOM, formula-safe). */
  csv: { args: { sql: string }; result: Blob };
}

export type ConsoleRequest = RpcRequest<ConsoleApi>;
export type ConsoleResponse = RpcResponse<ConsoleProgress>;
