// The raw sheet's accepted rows: their original cells kept once, as gzip-compressed JSON blocks of
// rows written behind the report, and expanded back into `row_no, reject_reason, cells` rows.
import type { Database } from 'sql.js';
import { streamRows, type Inspected } from '$lib/ingest/inspect';
import { BACKGROUND_CHUNK_BYTES } from '$lib/ingest/read-file';
import { quoteIdent } from '$lib/analysis/sql-ident';
import { createRawBlocksTableSql, rawBlocksTable } from './schema';
import { selectRows, sql } from './sql-run';

/** Accepted rows per block: about 0.5 MB of JSON for a 14-column order file (≈ 60 kB gzipped). */
export const BLOCK_ROWS = 2000;

/** A block's rows: `[row number, original cells]` each, in file order. */
export type BlockRows = [number, string[]][];

/** `bytes` through a (de)compression stream, without a Blob (a copy less, and Node's are slow). */
function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Response {
  const writer = stream.writable.getWriter();
  void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  void writer.close().catch(() => {});
  return new Response(stream.readable);
}

/** The block's rows as gzip-compressed JSON. */
export async function encodeBlock(rows: BlockRows): Promise<Uint8Array> {
  const json = new TextEncoder().encode(JSON.stringify(rows));
  return new Uint8Array(await pipe(json, new CompressionStream('gzip')).arrayBuffer());
}

/** The JSON text of a block (an array of `[row number, cells]`). */
export function decodeBlock(bytes: Uint8Array): Promise<string> {
  return pipe(bytes, new DecompressionStream('gzip')).text();
}

/**
 * Writes a decoded block's rows into the raw sheet, one bound value for the block: SQLite splits
 * the JSON, and `value -> 1` is each row's cells exactly as `JSON.stringify` wrote them per row.
 */
export function insertBlockRows(db: Database, raw: string, json: string) {
  db.run(
    `INSERT INTO ${quoteIdent(raw)} (row_no, cells) SELECT value ->> 0, value -> 1 FROM json_each(?)`,
    [json]
  );
}

/** The blocks of a blocks table as (first row number, rows), in row order. */
export function listBlocks(db: Database, blocks: string): { first: number; rows: number }[] {
  return selectRows(
    db,
    sql(`SELECT first_row, row_count FROM ${quoteIdent(blocks)} ORDER BY first_row`)
  ).map(([first, rows]) => ({ first: Number(first), rows: Number(rows) }));
}

/** The compressed bytes of the block starting at row `first`. */
export function blockBytes(db: Database, blocks: string, first: number): Uint8Array {
  const stmt = db.prepare(`SELECT bytes FROM ${quoteIdent(blocks)} WHERE first_row = ?`);
  try {
    stmt.bind([first]);
    if (!stmt.step()) throw new Error(`no raw block at row ${first}`);
    return stmt.get()[0] as Uint8Array;
  } finally {
    stmt.free();
  }
}

const yieldToEvents = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Keeps the accepted rows' original cells once and compactly: it runs after the report is shown,
 * re-reads the file and writes each {@link BLOCK_ROWS} accepted rows as one compressed block, each
 * in its own short transaction, so the worker answers other requests between blocks. Rejected
 * rows are already in the raw sheet (the report needs them) and are skipped. Resolves false when
 * stopped by `isStopped` (the dataset was removed or another import began): the blocks written
 * so far are whole, the rest are missing and the catalog still says the sheet is incomplete.
 * `pause` is waited for before each step of the file (the page's requests and saves go first).
 */
export async function fillRawSheet(
  db: Database,
  file: Blob,
  inspected: Inspected,
  raw: string,
  isStopped: () => boolean,
  pause?: () => Promise<void>
): Promise<boolean> {
  await yieldToEvents(); // let the report reach the page first
  const blocks = rawBlocksTable(raw);
  const rejected = new Set(
    selectRows(db, sql(`SELECT row_no FROM ${quoteIdent(raw)}`)).map(([n]) => Number(n))
  );
  transaction(db, () => {
    db.run(`DROP TABLE IF EXISTS ${quoteIdent(blocks)}`);
    db.run(createRawBlocksTableSql(blocks));
    db.run('UPDATE datasets SET raw_blocks = ? WHERE raw_table = ?', [blocks, raw]);
  });
  let stopped = false;
  let failure: unknown = null;
  // Blocks compress while the file is read on; they are written in row order.
  let written: Promise<void> = Promise.resolve();
  let pending: BlockRows = [];
  const flush = () => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    const bytes = encodeBlock(rows);
    written = written
      .then(() => bytes)
      .then((b) => {
        if (failure || isStopped()) {
          stopped = true;
          return;
        }
        transaction(db, () =>
          db.run(
            `INSERT INTO ${quoteIdent(blocks)} (first_row, last_row, row_count, bytes) VALUES (?, ?, ?, ?)`,
            [rows[0][0], rows[rows.length - 1][0], rows.length, b]
          )
        );
      })
      .catch((err) => {
        failure ??= err;
      });
  };
  await streamRows(
    file,
    inspected,
    ({ rows, rowNumbers }) => {
      if (failure || isStopped()) {
        stopped = true;
        return false;
      }
      for (let i = 0; i < rows.length; i++) {
        if (rejected.has(rowNumbers[i])) continue;
        if (pending.push([rowNumbers[i], rows[i]]) === BLOCK_ROWS) flush();
      }
    },
    () => {},
    { chunkBytes: BACKGROUND_CHUNK_BYTES, pause }
  );
  if (!stopped) flush();
  await written;
  if (failure) throw failure;
  if (stopped) return false;
  db.run('UPDATE datasets SET raw_complete = 1 WHERE raw_table = ?', [raw]);
  return true;
}

function transaction(db: Database, fn: () => void) {
  db.run('BEGIN');
  try {
    fn();
    db.run('COMMIT');
  } catch (err) {
    db.run('ROLLBACK');
    throw err;
  }
}
