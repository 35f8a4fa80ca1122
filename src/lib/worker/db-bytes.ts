// The database file's bytes for a save, without a copy when the build's sql.js can give them.
import type { Database } from 'sql.js';

/** `fileView` is added by the build (`scripts/sqljs-patches.js`); Node's unpatched sql.js has none. */
type Viewable = Database & { fileView?: () => Uint8Array };

/** Thrown when a transaction is open: the file holds some of its pages and is no database yet. */
export class DatabaseBusyError extends Error {
  constructor() {
    super('A transaction is open; the database is saved after it.');
  }
}

/**
 * The database file as it is now. With the build's sql.js these are the file's own bytes (at 5M
 * rows `export()`'s copy was 1.2 GB on top of the file, the peak of the whole import): they are
 * valid only until the next statement, so the caller writes them out before it awaits anything.
 * Elsewhere (or for a file nothing was written to yet) a copy from `export()`.
 */
export function databaseBytes(db: Database): Uint8Array {
  // Between transactions the file is the whole database: a commit writes every page it changed.
  try {
    db.run('BEGIN');
  } catch {
    throw new DatabaseBusyError();
  }
  db.run('COMMIT');
  const view = (db as Viewable).fileView?.();
  return view && view.length > 0 ? view : db.export();
}
