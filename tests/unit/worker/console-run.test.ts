import initSqlJs, { type Database } from 'sql.js';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  errorPosition,
  firstKeyword,
  refusedKeyword,
  splitStatements
} from '../../../src/lib/worker/console/guard';
import { readSchema, runStatements } from '../../../src/lib/worker/console/run';
import { AppError } from '../../../src/lib/db/errors';
import { CATALOG_SQL } from '../../../src/lib/worker/schema';

describe('refusedKeyword', () => {
  it.each([
    ['SELECT 1', null],
    ['  -- note\n /* c */ select 1', null],
    ['WITH x AS (SELECT 1) SELECT * FROM x', null],
    ['VALUES (1)', null],
    ['EXPLAIN QUERY PLAN SELECT 1', null],
    ['PRAGMA table_info(ds1_transactions)', null],
    ['pragma main.index_list("t");', null],
    ['', null],
    ['SELEC 1', null],
    ['INSERT INTO t VALUES (1)', 'INSERT'],
    ['update t set a = 1', 'UPDATE'],
    ['DELETE FROM t', 'DELETE'],
    ['DROP TABLE t', 'DROP'],
    ["ATTACH DATABASE ':memory:' AS x", 'ATTACH'],
    ['REPLACE INTO t VALUES (1)', 'REPLACE'],
    ['CREATE TEMP TABLE x (a)', 'CREATE'],
    ['BEGIN', 'BEGIN'],
    ['VACUUM', 'VACUUM'],
    ['PRAGMA query_only = OFF', 'PRAGMA'],
    ['PRAGMA writable_schema = 1', 'PRAGMA'],
    ['PRAGMA user_version', 'PRAGMA']
  ])('%j → %s', (sql, keyword) => {
    expect(refusedKeyword(sql)).toBe(keyword);
  });

  it('reads the first keyword past comments', () => {
    expect(firstKeyword('/* x */ -- y\n  Delete from t')).toBe('DELETE');
  });
});

describe('errorPosition', () => {
  it('finds the token SQLite names, from the failing statement on', () => {
    const text = 'SELECT 1;\nSELECT amount\n  FROM t WHER x';
    expect(errorPosition(text, 10, 'near "x": syntax error')).toEqual({ line: 3, column: 15 });
    expect(errorPosition(text, 10, 'no such column: amount')).toEqual({ line: 2, column: 8 });
    expect(errorPosition(text, 0, 'incomplete input')).toBeNull();
  });
});

describe('runStatements on a read-only connection', () => {
  let db: Database;
  beforeEach(async () => {
    const SQL = await initSqlJs();
    db = new SQL.Database();
    db.run(CATALOG_SQL);
    db.run(`CREATE TABLE ds1_transactions (row_no INTEGER, customer_id TEXT, amount REAL);
      INSERT INTO ds1_transactions VALUES (2, 'a', 10.5), (3, 'b', -2), (4, 'a', NULL);
      CREATE TABLE ds1_raw (row_no INTEGER PRIMARY KEY, reject_reason TEXT, cells TEXT NOT NULL);
      INSERT INTO datasets VALUES (1, 'Shop orders', 'transactions', 'shop.csv', '2024-01-01',
        'ds1_transactions', 'ds1_raw', '[]', '[]', '{}', 1, NULL, NULL);`);
    db.run('PRAGMA query_only = ON');
  });

  const run = (sql: string) => {
    let rows: unknown[][] = [];
    const r = runStatements(db, sql, () => {
      rows = [];
      return (row) => rows.push(row);
    });
    return { ...r, rows };
  };
  const codeOf = (sql: string) => {
    try {
      run(sql);
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      return (err as AppError).data;
    }
    throw new Error('did not fail');
  };

  it('returns the last statement’s columns and every row', () => {
    expect(
      run('SELECT 1; SELECT customer_id, SUM(amount) AS s FROM ds1_transactions GROUP BY 1')
    ).toEqual({
      columns: ['customer_id', 's'],
      total: 2,
      statements: 2,
      rows: [
        ['a', 10.5],
        ['b', -2]
      ]
    });
  });

  it.each([
    ["INSERT INTO ds1_transactions VALUES (9, 'z', 1)", 'INSERT'],
    ['UPDATE ds1_transactions SET amount = 0', 'UPDATE'],
    ['DELETE FROM ds1_transactions', 'DELETE'],
    ['DROP TABLE ds1_transactions', 'DROP'],
    ["ATTACH DATABASE ':memory:' AS other", 'ATTACH'],
    ['PRAGMA query_only = OFF', 'PRAGMA'],
    ['SELECT 1; DELETE FROM ds1_transactions', 'DELETE']
  ])('refuses %j before it runs', (sql, statement) => {
    expect(codeOf(sql)).toEqual({ code: 'sql_read_only', params: { statement } });
    expect(db.exec('SELECT COUNT(*) FROM ds1_transactions')[0].values).toEqual([[3]]);
  });

  it('a pragma that would lift the guard is refused before SQLite even prepares it', () => {
    // SQLite applies flag pragmas while preparing them: refusing after prepare is too late.
    expect(codeOf('SELECT 1; PRAGMA query_only = OFF').code).toBe('sql_read_only');
    expect(db.exec('PRAGMA query_only')[0].values).toEqual([[1]]);
    expect(codeOf('WITH x AS (SELECT 1) DELETE FROM ds1_transactions').code).toBe('sql_read_only');
  });

  it('a write hidden behind WITH is stopped by the connection itself', () => {
    expect(codeOf('WITH x AS (SELECT 1) DELETE FROM ds1_transactions').code).toBe('sql_read_only');
    expect(db.exec('SELECT COUNT(*) FROM ds1_transactions')[0].values).toEqual([[3]]);
  });

  it('explains errors with SQLite’s message and, when it can, the position', () => {
    expect(codeOf('SELECT *\nFROM ds1_transactions\nWHER amount > 0')).toEqual({
      code: 'sql_error_at',
      params: { message: 'near "amount": syntax error', line: 3, column: 6 }
    });
    expect(codeOf('SELECT nope FROM ds1_transactions')).toEqual({
      code: 'sql_error_at',
      params: { message: 'no such column: nope', line: 1, column: 8 }
    });
    expect(codeOf('SELECT (1')).toMatchObject({ code: 'sql_error' });
    expect(codeOf('  -- nothing here\n')).toEqual({ code: 'sql_empty' });
  });

  it('lists dataset tables first, with their dataset’s name, columns and row counts', () => {
    const schema = readSchema(db);
    expect(schema.map((t) => [t.name, t.role, t.dataset, t.rows])).toEqual([
      ['ds1_transactions', 'normalized', 'Shop orders', 3],
      ['ds1_raw', 'raw', 'Shop orders', 0],
      ['datasets', 'catalog', null, 1]
    ]);
    expect(schema[0].columns).toEqual([
      { name: 'row_no', type: 'INTEGER' },
      { name: 'customer_id', type: 'TEXT' },
      { name: 'amount', type: 'REAL' }
    ]);
  });
});

describe('splitStatements', () => {
  it('splits at statement ends only, keeping offsets', () => {
    const sql = `SELECT ';' AS "a;b", [c;d] -- x;\nFROM t; /* ; */ SELECT 2`;
    expect(splitStatements(sql)).toEqual([
      { text: `SELECT ';' AS "a;b", [c;d] -- x;\nFROM t;`, start: 0 },
      { text: ' /* ; */ SELECT 2', start: 40 }
    ]);
  });
});
