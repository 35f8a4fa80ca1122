// The SQL console's query worker: runs the user's read-only SQL on its own copy of the workspace,
// so a slow query can be cancelled by terminating this worker without touching the real database.
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { toCsv } from '$lib/export/csv';
import { AppError, type AppErrorData } from '$lib/db/errors';
import type { Handlers } from '$lib/db/rpc';
import type { ConsoleApi, ConsoleProgress } from '$lib/db/console-protocol';
import type { SqlValue } from '$lib/db/protocol';
import { readingStatements, readSchema, runStatements } from './run';
import { SheetUnpacker } from './raw-blocks';
import { serve } from '../serve';

let sqlJs: Promise<SqlJsStatic> | null = null;
let db: Database | null = null;
let unpacker: SheetUnpacker | null = null;

function openDb(): Database {
  if (!db) throw new AppError('sql_not_ready');
  return db;
}

/**
 * The copy, with the original cells `sql` reads expanded (the first statement naming a raw sheet
 * waits for it, with progress); a copy replaced meanwhile is prepared afresh.
 */
async function preparedDb(sql: string, progress: (p: ConsoleProgress) => void): Promise<Database> {
  readingStatements(sql); // a refused statement waits for nothing
  for (;;) {
    const current = openDb();
    await unpacker?.prepare(sql, progress);
    if (db === current) return current;
  }
}

const handlers: Handlers<ConsoleApi, ConsoleProgress> = {
  load: async ({ bytes }) => {
    sqlJs ??= initSqlJs({ locateFile: () => wasmUrl });
    const SQL = await sqlJs;
    unpacker?.close();
    db?.close();
    db = new SQL.Database(bytes);
    // A second guard behind the statement check: this connection refuses every write.
    db.run('PRAGMA query_only = ON');
    unpacker = new SheetUnpacker(db);
    return readSchema(db, unpacker.sheets);
  },
  run: async ({ sql, maxRows }, { progress }) => {
    const started = performance.now();
    const ready = await preparedDb(sql, progress);
    let rows: SqlValue[][] = [];
    const r = runStatements(ready, sql, () => {
      rows = [];
      return (row) => {
        if (rows.length < maxRows) rows.push(row);
      };
    });
    return { ...r, rows, elapsedMs: Math.round(performance.now() - started) };
  },
  csv: async ({ sql }, { progress }) => {
    const ready = await preparedDb(sql, progress);
    let rows: SqlValue[][] = [];
    const { columns } = runStatements(ready, sql, () => {
      rows = [];
      return (row) => rows.push(row);
    });
    return new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' });
  }
};

function toError(err: unknown): AppErrorData {
  if (err instanceof AppError) return err.data;
  const message = err instanceof Error ? err.message : String(err);
  if (/memory|Cannot enlarge/i.test(message)) return { code: 'sql_out_of_memory' };
  return { code: 'internal', params: { message } };
}

serve(handlers, toError);
