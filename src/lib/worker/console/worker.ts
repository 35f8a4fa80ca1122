// The SQL console's query worker: runs the user's read-only SQL on its own copy of the workspace,
// so a slow query can be cancelled by terminating this worker without touching the real database.
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { toCsv } from '$lib/export/csv';
import { ConsoleError, readSchema, runStatements } from './run';
import type { ConsoleRequest, ConsoleResponse, ConsoleResult } from '$lib/db/console-protocol';
import type { AppErrorData, SqlValue } from '$lib/db/protocol';

let sqlJs: Promise<SqlJsStatic> | null = null;
let db: Database | null = null;

async function handle(req: ConsoleRequest) {
  switch (req.type) {
    case 'load': {
      sqlJs ??= initSqlJs({ locateFile: () => wasmUrl });
      const SQL = await sqlJs;
      db?.close();
      db = new SQL.Database(req.bytes);
      // A second guard behind the statement check: this connection refuses every write.
      db.run('PRAGMA query_only = ON');
      return readSchema(db);
    }
    case 'run': {
      if (!db) throw new ConsoleError({ code: 'sql_not_ready' });
      const started = performance.now();
      let rows: SqlValue[][] = [];
      const r = runStatements(db, req.sql, () => {
        rows = [];
        return (row) => {
          if (rows.length < req.maxRows) rows.push(row);
        };
      });
      const result: ConsoleResult = {
        ...r,
        rows,
        elapsedMs: Math.round(performance.now() - started)
      };
      return result;
    }
    case 'csv': {
      if (!db) throw new ConsoleError({ code: 'sql_not_ready' });
      let rows: SqlValue[][] = [];
      const { columns } = runStatements(db, req.sql, () => {
        rows = [];
        return (row) => rows.push(row);
      });
      return new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' });
    }
    default: {
      const never: never = req;
      throw new Error(`unknown request ${(never as ConsoleRequest).type}`);
    }
  }
}

self.onmessage = (event: MessageEvent<ConsoleRequest>) => {
  const { id } = event.data;
  const reply = (message: ConsoleResponse) => self.postMessage(message);
  handle(event.data).then(
    (result) => reply({ id, ok: true, result }),
    (err) => {
      const message = err instanceof Error ? err.message : String(err);
      const error: AppErrorData =
        err instanceof ConsoleError
          ? err.data
          : /memory|Cannot enlarge/i.test(message)
            ? { code: 'sql_out_of_memory' }
            : { code: 'internal', params: { message } };
      reply({ id, ok: false, error });
    }
  );
};
