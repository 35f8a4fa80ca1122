// Table layout of the workspace database.
import type { Database } from 'sql.js';
import { quoteIdent } from '$lib/analysis/sql-ident';
import { selectRows, sql } from './sql-run';
import type { TableColumn } from '$lib/ingest/normalize';
import { DATASET_KINDS, type DatasetKind } from '$lib/ingest/types';

/** The catalog's check on `kind`: every kind this version knows. */
const KIND_CHECK = `CHECK (kind IN (${DATASET_KINDS.map((k) => `'${k}'`).join(', ')}))`;

const catalogSql = (table: string) => `
CREATE TABLE IF NOT EXISTS ${table} (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL ${KIND_CHECK},
  file_name TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  table_name TEXT NOT NULL,
  raw_table TEXT NOT NULL,
  columns_json TEXT NOT NULL,
  raw_headers_json TEXT NOT NULL,
  report_json TEXT NOT NULL,
  raw_complete INTEGER NOT NULL DEFAULT 0,
  facts_json TEXT,
  raw_blocks TEXT
);`;

export const CATALOG_SQL = catalogSql('datasets');

/** Creates the catalog, or brings one saved by an older version up to date. */
export function ensureCatalog(db: Database) {
  db.run(CATALOG_SQL);
  const columns = selectRows(db, sql(`SELECT name FROM pragma_table_info('datasets')`)).flat();
  // Before facts were stored at import (readDatasets derives them for such rows).
  if (!columns.includes('facts_json')) db.run('ALTER TABLE datasets ADD COLUMN facts_json TEXT');
  // Before the accepted rows' original cells were kept in compressed blocks (NULL: none).
  if (!columns.includes('raw_blocks')) db.run('ALTER TABLE datasets ADD COLUMN raw_blocks TEXT');
  const ddl = String(
    selectRows(
      db,
      sql(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'datasets'`)
    )[0]?.[0] ?? ''
  );
  if (!ddl.includes(KIND_CHECK)) rebuildCatalog(db);
}

/**
 * Rebuilds the catalog of a workspace saved when fewer dataset kinds existed (its CHECK refuses
 * the new ones, and SQLite cannot alter a CHECK): same rows, today's definition.
 */
function rebuildCatalog(db: Database) {
  const names = [
    'id',
    'name',
    'kind',
    'file_name',
    'imported_at',
    'table_name',
    'raw_table',
    'columns_json',
    'raw_headers_json',
    'report_json',
    'raw_complete',
    'facts_json',
    'raw_blocks'
  ].join(', ');
  db.run('BEGIN');
  try {
    db.run('DROP TABLE IF EXISTS datasets_rebuilt');
    db.run(catalogSql('datasets_rebuilt'));
    db.run(`INSERT INTO datasets_rebuilt (${names}) SELECT ${names} FROM datasets`);
    db.run('DROP TABLE datasets');
    db.run('ALTER TABLE datasets_rebuilt RENAME TO datasets');
    db.run('COMMIT');
  } catch (err) {
    db.run('ROLLBACK');
    throw err;
  }
}

/** Names of a dataset's tables. */
export function datasetTables(id: number, kind: DatasetKind) {
  return {
    table: `ds${id}_${kind}`,
    raw: `ds${id}_raw`
  };
}

const SQL_TYPE: Record<TableColumn['type'], string> = {
  text: 'TEXT',
  number: 'REAL',
  date: 'TEXT'
};

/** DDL of the normalized table: `row_no` links each row back to the raw sheet. */
export function createTableSql(table: string, columns: TableColumn[]): string {
  const cols = columns.map((c) => `${quoteIdent(c.name)} ${SQL_TYPE[c.type]}`);
  return `CREATE TABLE ${quoteIdent(table)} (row_no INTEGER NOT NULL, ${cols.join(', ')})`;
}

/**
 * DDL of the raw sheet: a source row's cells as a JSON array of the original text (one value to
 * bind per row; `cells ->> 0` reads a cell back), its spreadsheet row number and the rejection
 * reason. It holds the rejected rows; the accepted ones are kept in compressed blocks
 * ({@link createRawBlocksTableSql}) and expanded into it in the SQL console's copy (workspaces saved
 * before blocks existed hold every row here, the reason NULL for accepted rows).
 */
export function createRawTableSql(raw: string): string {
  return `CREATE TABLE ${quoteIdent(raw)} (row_no INTEGER PRIMARY KEY, reject_reason TEXT, cells TEXT NOT NULL)`;
}

/** Name of the table holding a raw sheet's accepted rows in compressed blocks. */
export function rawBlocksTable(raw: string): string {
  return `${raw}_blocks`;
}

/**
 * DDL of a raw sheet's blocks: the accepted rows' original cells, 2,000 rows a block,
 * as gzip-compressed JSON `[[row number, [cells…]], …]` (`raw-sheet.ts` writes and reads them);
 * the raw sheet itself keeps the rejected rows. Workspaces saved before blocks existed keep every
 * row in the raw sheet and have none.
 */
export function createRawBlocksTableSql(blocks: string): string {
  return `CREATE TABLE ${quoteIdent(blocks)} (first_row INTEGER PRIMARY KEY, last_row INTEGER NOT NULL, row_count INTEGER NOT NULL, bytes BLOB NOT NULL)`;
}

/** Adds a column after the load; SQLite only updates the schema, every row reads NULL. */
export function addColumnSql(table: string, column: TableColumn): string {
  return `ALTER TABLE ${quoteIdent(table)} ADD COLUMN ${quoteIdent(column.name)} ${SQL_TYPE[column.type]}`;
}

/** Indexes the analyses need, created after the bulk load (cheaper than maintaining them). */
export function createIndexesSql(table: string, kind: DatasetKind): string[] {
  const t = quoteIdent(table);
  const name = (suffix: string) => quoteIdent(`${table}_${suffix}`);
  if (kind === 'targets')
    return [`CREATE INDEX IF NOT EXISTS ${name('key_period')} ON ${t} (target_key, period)`];
  return kind === 'transactions'
    ? [`CREATE INDEX IF NOT EXISTS ${name('cust_date')} ON ${t} (customer_id, order_date)`]
    : [`CREATE INDEX IF NOT EXISTS ${name('cust')} ON ${t} (customer_id)`];
}

/** `INSERT … VALUES (?,…),(?,…)` for `rows` rows of `width` values. */
export function insertSql(table: string, width: number, rows: number): string {
  const one = `(${new Array(width).fill('?').join(',')})`;
  return `INSERT INTO ${quoteIdent(table)} VALUES ${new Array(rows).fill(one).join(',')}`;
}

/** SQLite's limit on bound parameters per statement, with head-room. */
export const MAX_PARAMS = 32_000;

/** Rows per multi-row INSERT for a table `width` values wide. */
export function batchRows(width: number): number {
  return Math.max(1, Math.min(500, Math.floor(MAX_PARAMS / width)));
}
