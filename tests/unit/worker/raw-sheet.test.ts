// The raw sheet kept in compressed blocks, on real sql.js in Node: every accepted row's original
// cells come back exactly (CSV and xlsx sources), the SQL console's copy shows the per-row table
// the earlier layout stored, a stopped fill leaves whole blocks, deleting a dataset drops them, and
// workspaces saved with per-row raw sheets read as before.
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { importFile } from '../../../src/lib/worker/import';
import {
  BLOCK_ROWS,
  decodeBlock,
  encodeBlock,
  fillRawSheet,
  listBlocks
} from '../../../src/lib/worker/raw-sheet';
import { dropDataset, readDatasets } from '../../../src/lib/worker/catalog';
import { CATALOG_SQL, ensureCatalog } from '../../../src/lib/worker/schema';
import { packedSheets, SheetUnpacker } from '../../../src/lib/worker/console/raw-blocks';
import { readSchema, runStatements } from '../../../src/lib/worker/console/run';
import { inspectFile, streamRows, type Inspected } from '../../../src/lib/ingest/inspect';
import { toXlsx } from '../../../src/lib/export/xlsx';
import type { DatasetInfo } from '../../../src/lib/db/protocol';

let SQL: SqlJsStatic;
let db: Database;
beforeAll(async () => {
  SQL = await initSqlJs();
});
beforeEach(() => {
  db = new SQL.Database();
  db.run(CATALOG_SQL);
});

const HEADER = 'Order ID,Customer ID,Customer Name,Order Date,Sales,Note';
/** Rows 2–8 of the file: Chinese text, quotes, empty cells, a rejected row, extra fields. */
const ROWS = [
  'A1,C1,宁波市澜安医药股份有限公司,2024-01-05,100.50,"他说：""好的"""',
  'A2,C2,"Beta, ""the"" firm",2024-02-01,20,',
  'A3,C3,,2024-03-10,"1,000.00",\\back\\slash',
  ',,Nobody,2024-03-11,5,rejected: no customer',
  'A4,C4,Gamma,2024-03-12,7,x,,',
  'A5,C5,"two\nlines",2024-03-13,8,tab\there',
  'A6,C6,😀 emoji,2024-03-14,9,"<b>&amp;</b>"'
];

async function importText(
  text: string | Uint8Array<ArrayBuffer>,
  name: string
): Promise<{ d: DatasetInfo; file: File; inspected: Inspected }> {
  const file = new File([text], name);
  const inspected = await inspectFile(file);
  const mapping = { kind: inspected.kind, columns: inspected.guesses, date1904: false };
  const d = await importFile(
    db,
    file,
    inspected,
    mapping,
    { mode: 'add', name },
    () => {},
    () => false
  );
  return { d, file, inspected };
}

/** The raw sheet as the per-row layout stored it: every source row, its cells as one JSON text. */
async function perRowLayout(file: File, inspected: Inspected, rejected: Map<number, string>) {
  const rows: [number, string | null, string][] = [];
  await streamRows(
    file,
    inspected,
    (b) => {
      b.rows.forEach((r, i) => {
        const n = b.rowNumbers[i];
        rows.push([n, rejected.get(n) ?? null, JSON.stringify(r)]);
      });
    },
    () => {}
  );
  return rows;
}

/** A console copy of the workspace, as the SQL console opens it (read-only). */
function consoleCopy(): { copy: Database; unpacker: SheetUnpacker } {
  const copy = new SQL.Database(db.export());
  copy.run('PRAGMA query_only = ON');
  return { copy, unpacker: new SheetUnpacker(copy) };
}

function query(copy: Database, sql: string): unknown[][] {
  let rows: unknown[][] = [];
  runStatements(copy, sql, () => {
    rows = [];
    return (row) => rows.push(row);
  });
  return rows;
}

describe('raw sheet blocks', () => {
  it('keep each accepted row once, compressed, and expand to the per-row table exactly', async () => {
    const { d, file, inspected } = await importText([HEADER, ...ROWS].join('\n'), 'o.csv');
    expect(await fillRawSheet(db, file, inspected, d.rawTable, () => false)).toBe(true);
    expect(readDatasets(db)[0].rawComplete).toBe(true);
    // The raw table keeps only the rejected row; the six accepted rows are one block.
    expect(db.exec(`SELECT row_no, reject_reason FROM ds1_raw`)[0].values).toEqual([
      [5, 'missing_customer_id']
    ]);
    expect(db.exec('SELECT raw_blocks FROM datasets')[0].values).toEqual([['ds1_raw_blocks']]);
    expect(listBlocks(db, 'ds1_raw_blocks')).toEqual([{ first: 2, rows: 6 }]);
    expect(db.exec('SELECT last_row FROM ds1_raw_blocks')[0].values).toEqual([[8]]);

    const { copy, unpacker } = consoleCopy();
    // The console lists the raw sheet with all its rows and no blocks table, before expanding.
    const schema = readSchema(copy, unpacker.sheets);
    expect(schema.map((t) => [t.name, t.role, t.rows])).toEqual([
      ['ds1_transactions', 'normalized', 6],
      ['ds1_raw', 'raw', 7],
      ['datasets', 'catalog', 1]
    ]);
    const progress: unknown[] = [];
    const sql = 'SELECT row_no, reject_reason, cells FROM DS1_RAW ORDER BY row_no';
    await unpacker.prepare(sql, (p) => progress.push(p));
    expect(progress).toEqual([{ rows: 6, total: 6 }]);
    const rows = query(copy, sql);
    expect(rows).toEqual(
      await perRowLayout(file, inspected, new Map([[5, 'missing_customer_id']]))
    );
    // Cells read back as written in the file (hand-written from ROWS above).
    const cells = (n: number) => JSON.parse(rows.find((r) => r[0] === n)![2] as string);
    expect(cells(2)).toEqual([
      'A1',
      'C1',
      '宁波市澜安医药股份有限公司',
      '2024-01-05',
      '100.50',
      '他说："好的"'
    ]);
    expect(cells(3)).toEqual(['A2', 'C2', 'Beta, "the" firm', '2024-02-01', '20', '']);
    expect(cells(4)).toEqual(['A3', 'C3', '', '2024-03-10', '1,000.00', '\\back\\slash']);
    expect(cells(6)).toEqual(['A4', 'C4', 'Gamma', '2024-03-12', '7', 'x', '', '']);
    expect(cells(7)[2]).toBe('two\nlines');
    expect(cells(8)[2]).toBe('😀 emoji');
    expect(query(copy, `SELECT cells ->> 2 FROM ds1_raw WHERE row_no = 2`)).toEqual([
      ['宁波市澜安医药股份有限公司']
    ]);
    // The copy stays read-only, and its blocks are gone once expanded.
    expect(query(copy, 'SELECT * FROM pragma_query_only')).toEqual([[1]]);
    expect(copy.exec("SELECT 1 FROM sqlite_schema WHERE name = 'ds1_raw_blocks'")).toEqual([]);
    // A second statement waits for nothing; the workspace itself still holds the blocks.
    const again: unknown[] = [];
    await unpacker.prepare(sql, (p) => again.push(p));
    expect(again).toEqual([]);
    expect(listBlocks(db, 'ds1_raw_blocks')).toHaveLength(1);
  }, 60_000); // CPU-bound (import, fill, compression); seconds when the cores are shared

  it('expand only for statements naming the raw sheet, and split rows into blocks', async () => {
    const many = Array.from(
      { length: 2 * BLOCK_ROWS + 7 },
      (_, i) => `B${i},C${i % 50},名字${i},2024-05-01,${i},"q""${i}"`
    );
    const { d, file, inspected } = await importText([HEADER, ...many].join('\n'), 'm.csv');
    expect(await fillRawSheet(db, file, inspected, d.rawTable, () => false)).toBe(true);
    expect(listBlocks(db, 'ds1_raw_blocks')).toEqual([
      { first: 2, rows: BLOCK_ROWS },
      { first: 2 + BLOCK_ROWS, rows: BLOCK_ROWS },
      { first: 2 + 2 * BLOCK_ROWS, rows: 7 }
    ]);
    const { copy, unpacker } = consoleCopy();
    const progress: { rows: number; total: number }[] = [];
    await unpacker.prepare('SELECT COUNT(*) FROM ds1_transactions', (p) => progress.push(p));
    expect(progress).toEqual([]);
    expect(query(copy, 'SELECT COUNT(*) FROM ds1_raw')).toEqual([[0]]);
    await unpacker.prepare('SELECT COUNT(*) FROM "ds1_raw"', (p) => progress.push(p));
    expect(progress.map((p) => p.rows)).toEqual([BLOCK_ROWS, 2 * BLOCK_ROWS, 2 * BLOCK_ROWS + 7]);
    expect(query(copy, 'SELECT COUNT(*) FROM ds1_raw')).toEqual([[many.length]]);
    expect(query(copy, 'SELECT cells FROM ds1_raw ORDER BY row_no')).toEqual(
      (await perRowLayout(file, inspected, new Map())).map((r) => [r[2]])
    );
    // The workspace is compact: far fewer bytes than the per-row JSON texts.
    const stored = Number(db.exec('SELECT SUM(length(bytes)) FROM ds1_raw_blocks')[0].values[0][0]);
    const perRow = (await perRowLayout(file, inspected, new Map())).reduce(
      (n, r) => n + new TextEncoder().encode(r[2]).length,
      0
    );
    expect(stored).toBeLessThan(perRow / 3);
  }, 60_000); // CPU-bound (import, fill, compression); seconds when the cores are shared

  it('keep xlsx-sourced rows as the sheet reader gave them', async () => {
    const bytes = toXlsx([
      {
        name: 'Orders',
        header: ['Order ID', 'Customer ID', 'Customer Name', 'Order Date', 'Sales'],
        rows: [
          ['X1', 'K1', '杭州“澜安”贸易', '2024-01-02', 12.5],
          ['X2', 'K2', '', '2024-01-03', 7],
          ['X3', 'K3', 'Say "hi"', '2024-01-04', 0.1]
        ]
      }
    ]);
    const { d, file, inspected } = await importText(bytes, 'o.xlsx');
    expect(inspected.table).toBeDefined();
    expect(await fillRawSheet(db, file, inspected, d.rawTable, () => false)).toBe(true);
    const { copy, unpacker } = consoleCopy();
    const sql = 'SELECT row_no, reject_reason, cells FROM ds1_raw ORDER BY row_no';
    await unpacker.prepare(sql, () => {});
    const rows = query(copy, sql);
    expect(rows).toEqual(await perRowLayout(file, inspected, new Map()));
    expect(rows.map((r) => JSON.parse(r[2] as string).slice(0, 3))).toEqual([
      ['X1', 'K1', '杭州“澜安”贸易'],
      ['X2', 'K2', ''],
      ['X3', 'K3', 'Say "hi"']
    ]);
  }, 60_000); // CPU-bound (import, fill, compression); seconds when the cores are shared

  it('round-trip any text through a block, lone surrogates and control characters too', async () => {
    const rows: [number, string[]][] = [
      [2, ['\u0000\u0001\u001f', '\ud800', 'a\u2028b', '"\\/', '中文，“引号”', '']],
      [9, []]
    ];
    const text = await decodeBlock(await encodeBlock(rows));
    expect(JSON.parse(text)).toEqual(rows);
  }, 60_000); // CPU-bound (import, fill, compression); seconds when the cores are shared

  it('wait for the pause before each 1 MB of the file, and write nothing while it lasts', async () => {
    // 40,000 rows of ≈ 60 bytes: 2.4 MB of file, read in three steps.
    const many = Array.from(
      { length: 40_000 },
      (_, i) => `P${i},C${i % 500},Customer number ${i},2024-06-01,${i}.25,a note on row ${i}`
    );
    const text = [HEADER, ...many].join('\n');
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    const { d, file, inspected } = await importText(text, 'p.csv');
    let pauses = 0;
    let release = () => {};
    const filling = fillRawSheet(
      db,
      file,
      inspected,
      d.rawTable,
      () => false,
      () => {
        pauses++;
        // The second step waits until released.
        return pauses === 2 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      }
    );
    await vi.waitFor(() => expect(pauses).toBe(2), { timeout: 30_000, interval: 20 });
    // The first step's blocks finish compressing; then nothing more is read or written.
    await new Promise((r) => setTimeout(r, 500));
    const written = listBlocks(db, 'ds1_raw_blocks').length;
    await new Promise((r) => setTimeout(r, 500));
    expect(listBlocks(db, 'ds1_raw_blocks').length).toBe(written);
    expect(pauses).toBe(2);
    // 1 MB is less than half of the file's rows.
    expect(written).toBeGreaterThan(0);
    expect(written * BLOCK_ROWS).toBeLessThan(many.length / 2);
    release();
    expect(await filling).toBe(true);
    expect(pauses).toBe(3);
    const blocks = listBlocks(db, 'ds1_raw_blocks');
    expect(blocks.reduce((n, b) => n + b.rows, 0)).toBe(many.length);
  }, 60_000); // CPU-bound (import, fill, compression); seconds when the cores are shared

  it('stop mid-fill with whole blocks only, the sheet still marked incomplete', async () => {
    const many = Array.from(
      { length: 30_000 },
      (_, i) => `S${i},C${i % 300},Name ${i},2024-05-01,${i},note ${i}`
    );
    const { d, file, inspected } = await importText([HEADER, ...many].join('\n'), 's.csv');
    // Stops once two blocks are written (the checks come per parsed piece and per block).
    const ok = await fillRawSheet(
      db,
      file,
      inspected,
      d.rawTable,
      () => listBlocks(db, 'ds1_raw_blocks').length >= 2
    );
    expect(ok).toBe(false);
    expect(readDatasets(db)[0].rawComplete).toBe(false);
    const blocks = listBlocks(db, 'ds1_raw_blocks');
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.length).toBeLessThan(Math.ceil(many.length / BLOCK_ROWS));
    // Every block written is whole: a prefix of the file, BLOCK_ROWS rows each.
    blocks.forEach((b, i) => expect(b).toEqual({ first: 2 + i * BLOCK_ROWS, rows: BLOCK_ROWS }));
    const { copy, unpacker } = consoleCopy();
    await unpacker.prepare('SELECT * FROM ds1_raw', () => {});
    const got = query(copy, 'SELECT row_no, cells ->> 0 FROM ds1_raw ORDER BY row_no');
    expect(got).toEqual(
      Array.from({ length: blocks.length * BLOCK_ROWS }, (_, i) => [i + 2, `S${i}`])
    );
    // No transaction is left open.
    expect(() => db.run('BEGIN; COMMIT')).not.toThrow();
  }, 60_000); // CPU-bound (import, fill, compression); seconds when the cores are shared

  it('are dropped with their dataset', async () => {
    const { d, file, inspected } = await importText([HEADER, ...ROWS].join('\n'), 'o.csv');
    await fillRawSheet(db, file, inspected, d.rawTable, () => false);
    const kept = await importText([HEADER, ...ROWS].join('\n'), 'p.csv');
    await fillRawSheet(db, kept.file, kept.inspected, kept.d.rawTable, () => false);
    dropDataset(db, d);
    const tables = db
      .exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")[0]
      .values.flat();
    expect(tables).toEqual(['datasets', 'ds2_raw', 'ds2_raw_blocks', 'ds2_transactions']);
  });
});

describe('a workspace saved with per-row raw sheets', () => {
  it('gains the catalog column and reads in the console unchanged', async () => {
    const old = new SQL.Database();
    // The catalog and raw sheet as the previous version wrote them (no raw_blocks column).
    old.run(`CREATE TABLE datasets (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('transactions', 'customers')), file_name TEXT NOT NULL,
      imported_at TEXT NOT NULL, table_name TEXT NOT NULL, raw_table TEXT NOT NULL,
      columns_json TEXT NOT NULL, raw_headers_json TEXT NOT NULL, report_json TEXT NOT NULL,
      raw_complete INTEGER NOT NULL DEFAULT 0, facts_json TEXT);
      INSERT INTO datasets VALUES (1, 'old', 'transactions', 'o.csv', '2025-01-01T00:00:00Z',
        'ds1_transactions', 'ds1_raw', '[]', '[]', '{}', 1, NULL);
      CREATE TABLE ds1_transactions (row_no INTEGER NOT NULL, customer_id TEXT);
      CREATE TABLE ds1_raw (row_no INTEGER PRIMARY KEY, reject_reason TEXT, cells TEXT NOT NULL);
      INSERT INTO ds1_raw VALUES (2, NULL, '["a","中文"]'), (3, 'bad_date', '["b",""]');`);
    const bytes = old.export();
    // Before the workspace is opened (the console copy of a snapshot read as it is).
    const raw = new SQL.Database(bytes);
    expect(packedSheets(raw)).toEqual([]);
    // Opened by this version: the catalog gains raw_blocks (NULL), the raw sheet is untouched.
    const opened = new SQL.Database(bytes);
    ensureCatalog(opened);
    expect(opened.exec('SELECT raw_blocks, raw_complete FROM datasets')[0].values).toEqual([
      [null, 1]
    ]);
    db = opened;
    const { copy, unpacker } = consoleCopy();
    expect(unpacker.sheets).toEqual([]);
    expect(readSchema(copy, unpacker.sheets).find((t) => t.name === 'ds1_raw')?.rows).toBe(2);
    await unpacker.prepare('SELECT * FROM ds1_raw', () => {});
    expect(query(copy, 'SELECT * FROM ds1_raw ORDER BY row_no')).toEqual([
      [2, null, '["a","中文"]'],
      [3, 'bad_date', '["b",""]']
    ]);
    expect(readDatasets(opened)[0].rawComplete).toBe(true);
    dropDataset(opened, readDatasets(opened)[0]);
    expect(opened.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0].values).toEqual([
      ['datasets']
    ]);
  });
});
