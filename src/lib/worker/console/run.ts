// The SQL console's statement runner: refuses writes, collects rows, explains SQLite's errors.
import type { Database, SqlValue as RawValue } from 'sql.js';
import {
  errorPosition,
  firstKeyword,
  isReadOnlyError,
  refusedKeyword,
  splitStatements
} from './guard';
import type { ConsoleTable } from '$lib/db/console-protocol';
import type { PackedSheet } from './raw-blocks';
import { AppError } from '$lib/db/errors';
import type { SqlValue } from '$lib/db/protocol';

function rowsOf(db: Database, sql: string): SqlValue[][] {
  return (db.exec(sql)[0]?.values ?? []) as SqlValue[][];
}

/**
 * Tables and views of the snapshot; dataset tables carry their dataset's name. A raw sheet whose
 * accepted rows are still in blocks (`packed`) is listed with all its rows, its blocks not at all.
 */
export function readSchema(db: Database, packed: readonly PackedSheet[] = []): ConsoleTable[] {
  const names = new Map<string, { role: ConsoleTable['role']; dataset: string }>();
  const hasCatalog = rowsOf(db, "SELECT 1 FROM sqlite_schema WHERE name = 'datasets'").length > 0;
  if (hasCatalog)
    for (const [name, table, raw] of rowsOf(
      db,
      'SELECT name, table_name, raw_table FROM datasets'
    )) {
      names.set(String(table), { role: 'normalized', dataset: String(name) });
      names.set(String(raw), { role: 'raw', dataset: String(name) });
    }
  const tables = rowsOf(
    db,
    `SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`
  )
    .map(([n]) => String(n))
    .filter((n) => !packed.some((p) => p.blocks === n));
  const rank = { normalized: 0, raw: 1, catalog: 2, other: 3 };
  return tables
    .map((name) => {
      const known = names.get(name);
      const q = `"${name.replace(/"/g, '""')}"`;
      const columns = rowsOf(db, `PRAGMA table_info(${q})`).map((c) => ({
        name: String(c[1]),
        type: String(c[2] || '')
      }));
      const rows =
        Number(rowsOf(db, `SELECT COUNT(*) FROM ${q}`)[0]?.[0] ?? 0) +
        (packed.find((p) => p.raw === name)?.rows ?? 0);
      const role: ConsoleTable['role'] = known?.role ?? (name === 'datasets' ? 'catalog' : 'other');
      return { name, role, dataset: known?.dataset ?? null, rows, columns };
    })
    .sort((a, b) => rank[a.role] - rank[b.role] || a.name.localeCompare(b.name));
}

/** A cell as the page shows it: blobs become a short label. */
export function cellOf(v: RawValue): SqlValue {
  if (v instanceof Uint8Array) return `BLOB (${v.length} B)`;
  return v as SqlValue;
}

/**
 * The statements of `sql`, or the refusal of the first that could write (or of none at all).
 * Checked as text before anything is prepared: SQLite applies flag pragmas such as
 * `PRAGMA query_only = OFF` while preparing them, so refusing a prepared one is too late.
 */
export function readingStatements(sql: string): { text: string; start: number }[] {
  const parts = splitStatements(sql).filter((p) => firstKeyword(p.text) !== '');
  for (const p of parts) {
    const refused = refusedKeyword(p.text);
    if (refused) throw new AppError('sql_read_only', { statement: refused });
  }
  if (parts.length === 0) throw new AppError('sql_empty');
  return parts;
}

/**
 * Runs every statement of `sql` in order, refusing anything not read-only before it runs, and
 * for each statement that returns columns, calls `onResult` and hands its rows to the handler it
 * returns (so the caller keeps the last statement's rows).
 */
export function runStatements(
  db: Database,
  sql: string,
  onResult: (columns: string[]) => (row: SqlValue[]) => void
) {
  const parts = readingStatements(sql);
  // The second guard, set again in case anything ever turned it off.
  db.run('PRAGMA query_only = ON');
  let columns: string[] = [];
  let total = 0;
  let start = 0;
  try {
    for (const p of parts) {
      start = p.start;
      const stmt = db.prepare(p.text);
      try {
        const names = stmt.getColumnNames();
        const onRow = names.length ? onResult(names) : null;
        if (names.length) {
          columns = names;
          total = 0;
        }
        while (stmt.step()) {
          if (!onRow) continue;
          total++;
          onRow(stmt.get().map(cellOf));
        }
      } finally {
        stmt.free();
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (isReadOnlyError(message)) throw new AppError('sql_read_only', { statement: '' });
    const at = errorPosition(sql, start, message);
    throw at
      ? new AppError('sql_error_at', { message, line: at.line, column: at.column })
      : new AppError('sql_error', { message });
  }
  return { columns, total, statements: parts.length };
}
