// A related dataset's table (DOMAIN §7: customer master, survey responses, complaints,
// receivables) written straight into a test database, laid out as the import writes it
// (src/lib/ingest/kind-tables.ts): `row_no`, every fixed column, then the given dimensions.
// For analysis and service tests that must not depend on the import's detection.
import type { Database } from 'sql.js';
import { KIND_COLUMNS, type RelatedKind } from '../../../src/lib/ingest/kind-tables';
import { quoteIdent } from '../../../src/lib/analysis/sql-ident';

const SQL_TYPE = { text: 'TEXT', number: 'REAL', date: 'TEXT' } as const;

/**
 * Creates `ds{id}_{kind}` with `rows` (objects keyed by SQL column name; absent columns are NULL)
 * and returns the table name. `dimensions` are extra text columns, in order.
 */
export function createRelatedTable(
  db: Database,
  id: number,
  kind: RelatedKind,
  rows: Record<string, string | number | null>[],
  dimensions: string[] = []
): string {
  const table = `ds${id}_${kind}`;
  const columns = [
    ...KIND_COLUMNS[kind].map((c) => ({ name: c.name, type: SQL_TYPE[c.type] })),
    ...dimensions.map((name) => ({ name, type: 'TEXT' }))
  ];
  const ddl = columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ');
  db.run(`CREATE TABLE ${quoteIdent(table)} (row_no INTEGER NOT NULL, ${ddl})`);
  const insert = db.prepare(
    `INSERT INTO ${quoteIdent(table)} VALUES (${new Array(columns.length + 1).fill('?').join(',')})`
  );
  rows.forEach((row, i) => insert.run([i + 2, ...columns.map((c) => row[c.name] ?? null)]));
  insert.free();
  return table;
}
