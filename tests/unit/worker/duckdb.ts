// DuckDB in tests (@duckdb/node-api, in memory): copying sql.js tables into it and reading rows back.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Database } from 'sql.js';
import type { Row } from './postgres';

/** A fresh in-memory database. */
export async function openDuckDb(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  return instance.connect();
}

const DUCK_TYPE: Record<string, 'VARCHAR' | 'DOUBLE' | 'BIGINT'> = {
  TEXT: 'VARCHAR',
  REAL: 'DOUBLE',
  INTEGER: 'BIGINT'
};

/** Copies a sql.js table (or the rows of `select`) into DuckDB as `target`, same columns and types. */
export async function copyToDuckDb(
  db: Database,
  duck: DuckDBConnection,
  table: string,
  target = table
) {
  const cols = db.exec(`PRAGMA table_info("${table}")`)[0].values.map((c) => ({
    name: String(c[1]),
    type: DUCK_TYPE[String(c[2]).toUpperCase()] ?? 'VARCHAR'
  }));
  const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
  await duck.run(`DROP TABLE IF EXISTS ${q(target)}`);
  await duck.run(
    `CREATE TABLE ${q(target)} (${cols.map((c) => `${q(c.name)} ${c.type}`).join(', ')})`
  );
  const appender = await duck.createAppender(target);
  const stmt = db.prepare(`SELECT * FROM "${table}"`);
  while (stmt.step()) {
    const row = stmt.get();
    for (let j = 0; j < cols.length; j++) {
      const v = row[j];
      if (v === null || v === undefined) appender.appendNull();
      else if (cols[j].type === 'DOUBLE') appender.appendDouble(Number(v));
      else if (cols[j].type === 'BIGINT') appender.appendBigInt(BigInt(v as number));
      else appender.appendVarchar(String(v));
    }
    appender.endRow();
  }
  stmt.free();
  appender.closeSync();
}

/** Runs `sql` (one statement or several; the last one's rows come back), numbers as numbers. */
export async function duckRows(duck: DuckDBConnection, sql: string): Promise<Row[]> {
  const reader = await duck.runAndReadAll(sql);
  return reader.getRowsJS().map((row) =>
    row.map((v) => {
      if (v === null || v === undefined) return null;
      if (typeof v === 'bigint') return Number(v);
      if (typeof v === 'number' || typeof v === 'string') return v;
      return String(v);
    })
  );
}
