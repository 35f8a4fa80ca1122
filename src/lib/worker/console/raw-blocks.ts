// The SQL console's raw sheets: the accepted rows' original cells, kept in compressed blocks, are
// expanded into the dataset's raw table in the console's own copy the first time a statement names
// it, so the console shows the same `row_no, reject_reason, cells` table as the per-row layout.
import type { Database } from 'sql.js';
import { quoteIdent } from '$lib/analysis/sql-ident';
import { blockBytes, decodeBlock, insertBlockRows, listBlocks } from '../raw-sheet';

/** A raw sheet whose accepted rows are still in blocks. */
export interface PackedSheet {
  raw: string;
  blocks: string;
  /** Rows in the blocks (the raw table holds the rejected ones). */
  rows: number;
}

/** Rows expanded so far of all the sheets a statement needs. */
export interface UnpackProgress {
  rows: number;
  total: number;
}

function values(db: Database, q: string): unknown[][] {
  return db.exec(q)[0]?.values ?? [];
}

/**
 * The raw sheets of a snapshot with blocks to expand; none for a workspace saved before blocks
 * existed (its raw sheets hold every row) or one without a catalog.
 */
export function packedSheets(db: Database): PackedSheet[] {
  const catalog = values(db, `SELECT name FROM pragma_table_info('datasets')`).flat();
  if (!catalog.includes('raw_blocks')) return [];
  const tables = new Set(
    values(db, `SELECT name FROM sqlite_schema WHERE type = 'table'`).map(([n]) => String(n))
  );
  return values(db, 'SELECT raw_table, raw_blocks FROM datasets WHERE raw_blocks IS NOT NULL')
    .map(([raw, blocks]) => ({ raw: String(raw), blocks: String(blocks) }))
    .filter((s) => tables.has(s.raw) && tables.has(s.blocks))
    .map((s) => ({ ...s, rows: listBlocks(db, s.blocks).reduce((n, b) => n + b.rows, 0) }));
}

/**
 * The sheets a statement may read: those whose raw table it names (identifiers are matched
 * case-insensitively, as SQLite does; a name inside a comment or string costs an expansion only).
 */
export function sheetsNamedIn(sql: string, sheets: readonly PackedSheet[]): PackedSheet[] {
  const text = sql.toLowerCase();
  return sheets.filter((s) => text.includes(s.raw.toLowerCase()));
}

/**
 * Expands a sheet's blocks into its raw table, block by block; each block's rows are written in
 * one synchronous step with the connection's read-only guard lifted for that step only (other
 * requests may run between blocks, never during one). The blocks table is dropped afterwards.
 * Stops quietly when `isCurrent` turns false (the copy was replaced).
 */
export async function expandSheet(
  db: Database,
  sheet: PackedSheet,
  onRows: (rows: number) => void,
  isCurrent: () => boolean
): Promise<void> {
  for (const block of listBlocks(db, sheet.blocks)) {
    const json = await decodeBlock(blockBytes(db, sheet.blocks, block.first));
    if (!isCurrent()) return;
    writable(db, () => insertBlockRows(db, sheet.raw, json));
    onRows(block.rows);
  }
  writable(db, () => db.run(`DROP TABLE ${quoteIdent(sheet.blocks)}`));
}

function writable(db: Database, fn: () => void) {
  db.run('PRAGMA query_only = OFF');
  try {
    db.run('BEGIN');
    try {
      fn();
      db.run('COMMIT');
    } catch (err) {
      db.run('ROLLBACK');
      throw err;
    }
  } finally {
    db.run('PRAGMA query_only = ON');
  }
}

interface Expansion {
  done: Promise<void>;
  rows: number;
  listeners: Set<() => void>;
}

/**
 * Expands, once per console copy of the workspace, the sheets each statement needs before it
 * runs (a new copy starts afresh: the page reloads the copy when the datasets change).
 */
export class SheetUnpacker {
  readonly sheets: PackedSheet[];
  #expansions = new Map<string, Expansion>();
  #isCurrent = true;

  constructor(private db: Database) {
    this.sheets = packedSheets(db);
  }

  /** Expands what `sql` names; `onProgress` hears of the rows expanded while this call waits. */
  async prepare(sql: string, onProgress: (p: UnpackProgress) => void): Promise<void> {
    const needed = sheetsNamedIn(sql, this.sheets);
    const list = needed.map((s) => this.#expansions.get(s.raw) ?? this.#start(s));
    const total = needed.reduce((n, s) => n + s.rows, 0);
    const report = () => onProgress({ rows: list.reduce((n, e) => n + e.rows, 0), total });
    for (const e of list) e.listeners.add(report);
    try {
      await Promise.all(list.map((e) => e.done));
    } finally {
      for (const e of list) e.listeners.delete(report);
    }
  }

  #start(sheet: PackedSheet): Expansion {
    const e: Expansion = { done: Promise.resolve(), rows: 0, listeners: new Set() };
    const onRows = (n: number) => {
      e.rows += n;
      for (const l of e.listeners) l();
    };
    e.done = expandSheet(this.db, sheet, onRows, () => this.#isCurrent);
    this.#expansions.set(sheet.raw, e);
    return e;
  }

  /** The copy was replaced: expansions in flight stop at their next block. */
  close() {
    this.#isCurrent = false;
  }
}
