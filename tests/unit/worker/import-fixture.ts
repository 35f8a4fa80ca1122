// A workspace database with one small file imported as the mapping step would guess it, indexed
// as after the background work: the start of every worker service test.
import initSqlJs, { type Database } from 'sql.js';
import { inspectFile } from '../../../src/lib/ingest/inspect';
import { createIndexes, importFile } from '../../../src/lib/worker/import';
import { CATALOG_SQL } from '../../../src/lib/worker/schema';
import type { DatasetInfo } from '../../../src/lib/db/protocol';

/** Imports `csv` (named `name`) into a fresh database with the guessed mapping. */
export async function importCsv(
  csv: string,
  name: string
): Promise<{ db: Database; d: DatasetInfo }> {
  const db = new (await initSqlJs()).Database();
  db.run(CATALOG_SQL);
  const file = new File([csv], `${name}.csv`);
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
  createIndexes(db, d);
  return { db, d };
}
