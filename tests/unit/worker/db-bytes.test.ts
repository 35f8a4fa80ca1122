// A save's bytes: the file itself with the build's sql.js, export()'s copy without it, and none
// while a transaction is open (the file then holds some of its pages).
import initSqlJs, { type Database } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { databaseBytes, DatabaseBusyError } from '../../../src/lib/worker/db-bytes';
import { patchedSqlJs } from '../build/patched-sqljs';

function fill(db: Database) {
  db.run('CREATE TABLE t (n INTEGER, s TEXT)');
  db.run('BEGIN');
  for (let i = 0; i < 500; i++) db.run('INSERT INTO t VALUES (?, ?)', [i, 'x'.repeat(200)]);
  db.run('COMMIT');
}

const count = (bytes: Uint8Array, SQL: Awaited<ReturnType<typeof initSqlJs>>) => {
  const copy = new SQL.Database(bytes.slice());
  const n = copy.exec('SELECT COUNT(*) FROM t')[0].values[0][0];
  copy.close();
  return n;
};

describe('databaseBytes', () => {
  it('is the live file with the patched sql.js: no copy, and it reopens', async () => {
    const SQL = await patchedSqlJs();
    const db = new SQL.Database();
    fill(db);
    const bytes = databaseBytes(db);
    expect(count(bytes, SQL)).toBe(500);
    // The same memory as the file: a later write shows in it (hence "write it out at once").
    const before = bytes.slice();
    db.run('UPDATE t SET s = ? WHERE n = 0', ['y'.repeat(200)]);
    expect(bytes).not.toEqual(before);
    db.close();
  });

  it('is export()’s copy with an unpatched sql.js', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    fill(db);
    const bytes = databaseBytes(db);
    expect(count(bytes, SQL)).toBe(500);
    db.run('DELETE FROM t');
    expect(count(bytes, SQL)).toBe(500);
    db.close();
  });

  it('refuses while a transaction is open, and leaves it open', async () => {
    for (const SQL of [await patchedSqlJs(), await initSqlJs()]) {
      const db = new SQL.Database();
      fill(db);
      db.run('BEGIN');
      db.run('DELETE FROM t WHERE n < 100');
      expect(() => databaseBytes(db)).toThrow(DatabaseBusyError);
      db.run('ROLLBACK');
      expect(count(databaseBytes(db), SQL)).toBe(500);
      db.close();
    }
  });
});
