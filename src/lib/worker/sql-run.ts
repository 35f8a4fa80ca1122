// The one way the worker reads from SQLite: a built query ({ sql, params }) in, rows out.
import type { Database } from 'sql.js';
import type { SqlValue } from '$lib/db/protocol';

/** A statement and its bound values, as the SQL builders in analysis/ return them. */
export interface BoundQuery {
  sql: string;
  params: readonly SqlValue[];
}

/** Every row of a query, as arrays of values in column order. */
export function selectRows(db: Database, q: BoundQuery): SqlValue[][] {
  const rows: SqlValue[][] = [];
  forEachRow(db, q, (row) => rows.push(row));
  return rows;
}

/** Calls `fn` with each row of a query (no array of all rows is built). */
export function forEachRow(db: Database, q: BoundQuery, fn: (row: SqlValue[]) => void) {
  const stmt = db.prepare(q.sql);
  try {
    stmt.bind(q.params as SqlValue[]);
    while (stmt.step()) fn(stmt.get() as SqlValue[]);
  } finally {
    stmt.free();
  }
}

/** The first column of the first row, or null when there is none. */
export function selectValue(db: Database, q: BoundQuery): SqlValue {
  let value: SqlValue = null;
  const stmt = db.prepare(q.sql);
  try {
    stmt.bind(q.params as SqlValue[]);
    if (stmt.step()) value = (stmt.get() as SqlValue[])[0] ?? null;
  } finally {
    stmt.free();
  }
  return value;
}

/** A statement of its own (DDL, DELETE …) with bound values. */
export function runStatement(db: Database, q: BoundQuery) {
  db.run(q.sql, q.params as SqlValue[]);
}

/** A query of fixed text with bound values. */
export function sql(text: string, ...params: SqlValue[]): BoundQuery {
  return { sql: text, params };
}
