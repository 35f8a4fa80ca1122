// The sql.js patches find their expressions in both builds the app and Node load, and the
// patched code works: the file view is the database export() copies.
import { describe, expect, it } from 'vitest';
import { patchFileView, patchGrowInPlace, patchGrowth } from '../../../scripts/sqljs-patches.js';
import { patchedSqlJs, sqlJsSource as source, type Viewable } from './patched-sqljs';

describe('sql.js patches', () => {
  for (const file of ['sql-wasm-browser.js', 'sql-wasm.js']) {
    it(`doubles the file capacity in ${file}`, () => {
      const code = source(file);
      const patched = patchGrowth(code, file);
      expect(patched).not.toMatch(/1\.125/);
      expect(patched.length).toBe(code.length - '(m<1048576?2:1.125)'.length + 1);
    });

    it(`grows a large file in place in ${file}`, () => {
      const patched = patchGrowInPlace(source(file), file);
      expect(patched.match(/=lensGrowFile\(/g)).toHaveLength(1);
      expect(patched).not.toMatch(/=new Uint8Array\(g\),a\.Ua\.set\(m\)/);
    });

    it(`adds fileView to the Database of ${file}`, () => {
      const patched = patchFileView(source(file), file);
      expect(patched.match(/\.prototype\.fileView=function/g)).toHaveLength(1);
    });
  }

  it('refuses code without the growth step or the export', () => {
    expect(() => patchGrowth('var x = 1;', 'other.js')).toThrow(/found 0/);
    expect(() => patchGrowInPlace('var x = 1;', 'other.js')).toThrow(/found 0/);
    expect(() => patchFileView('var x = 1;', 'other.js')).toThrow(/no longer looks its file up/);
  });

  it('gives the file export() copies, without copying it, and follows its growth', async () => {
    const SQL = await patchedSqlJs();
    const db = new SQL.Database() as Viewable;
    db.run('CREATE TABLE t (n INTEGER, s TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
    for (let i = 0; i < 3000; i++) insert.run([i, `row ${i} `.repeat(20)]);
    insert.free();
    const view = db.fileView();
    const copy = db.export();
    expect(view.length).toBe(copy.length);
    expect(view.length).toBeGreaterThan(400_000);
    // The backup that made the copy sets its own change counters (bytes 24–27 and 92–95).
    const differing = [...view.keys()].filter((i) => view[i] !== copy[i]);
    expect(differing.every((i) => (i >= 24 && i < 28) || (i >= 92 && i < 96))).toBe(true);
    // A view, not a copy: the next write shows in a view taken after it, and the bytes reopen.
    db.run('DELETE FROM t WHERE n >= 1000');
    const reopened = new SQL.Database(db.fileView().slice());
    expect(reopened.exec('SELECT COUNT(*), SUM(n) FROM t')[0].values).toEqual([[1000, 499_500]]);
    reopened.close();
    db.close();
  });

  it('grows a file past 64 MB in a resizable buffer, in place, keeping every byte', async () => {
    const SQL = await patchedSqlJs();
    const db = new SQL.Database() as Viewable;
    db.run('CREATE TABLE t (i INTEGER, b BLOB)');
    const add = (from: number, to: number) =>
      db.run(
        `WITH RECURSIVE c(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM c WHERE i < ${to})
         INSERT INTO t SELECT i, randomblob(1048576) FROM c`
      );
    add(1, 20);
    expect(db.fileView().buffer).toHaveProperty('resizable', false);
    add(21, 80);
    const buffer = db.fileView().buffer as ArrayBuffer;
    expect(buffer.resizable).toBe(true);
    // The next steps resize the same buffer: nothing is copied any more.
    add(81, 140);
    expect(db.fileView().buffer).toBe(buffer);
    expect(buffer.byteLength).toBeGreaterThanOrEqual(140 * 1048576);
    const copy = db.export();
    const reopened = new SQL.Database(copy);
    const check = 'SELECT COUNT(*), SUM(i), SUM(length(b)), hex(substr(MAX(b), 1, 16)) FROM t';
    expect(reopened.exec(check)[0].values).toEqual(db.exec(check)[0].values);
    expect(reopened.exec(check)[0].values[0].slice(0, 3)).toEqual([140, 9870, 140 * 1048576]);
    reopened.close();
    db.close();
  });
});
