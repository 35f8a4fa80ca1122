// The "Show SQL" claim, tested: the emitted queries give the same answers on sql.js, on DuckDB
// (@duckdb/node-api, in memory) and on a throwaway PostgreSQL cluster (started here on a free
// localhost port, removed afterwards).
import initSqlJs, { type Database } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCohorts, toCustomerMonths } from '../../../src/lib/analysis';
import {
  cohortQuery,
  inlineParams,
  rfmQueries,
  shownTableOf,
  type ShownTable
} from '../../../src/lib/analysis/show-sql';
import type { SqlDialect, SqlQuery } from '../../../src/lib/analysis/sql';
import type { ScoringOptions } from '../../../src/lib/analysis/types';
import { CATALOG_SQL } from '../../../src/lib/worker/schema';
import { DATASET_FILES, itWithData } from '../../datasets';
import type { DuckDBConnection } from '@duckdb/node-api';
import { copyToDuckDb, duckRows, openDuckDb } from './duckdb';
import { copyTable, importOrders, PG_ROOT, pgBin, Postgres, SKIP_PG, type Row } from './postgres';

/** Runs a query as "Show SQL" emits it (values inlined) on every engine. */
async function runBoth(
  db: Database,
  pg: Postgres,
  duck: DuckDBConnection,
  build: (dialect: SqlDialect) => SqlQuery
) {
  const lite = build('sqlite');
  const post = build('postgres');
  const quack = build('duckdb');
  const sqliteRows = (db.exec(inlineParams(lite.sql, lite.params, 'sqlite'))[0]?.values ??
    []) as Row[];
  const pgRows = pg.psql(inlineParams(post.sql, post.params, 'postgres') + ';');
  const duckdbRows = await duckRows(duck, inlineParams(quack.sql, quack.params, 'duckdb'));
  return { sqliteRows, pgRows, duckdbRows };
}

/** Compares row by row: numbers numerically (money to the cent, counts exactly), text as text. */
function expectSameRows(sqliteRows: Row[], pgRows: Row[], money: number[]) {
  expect(pgRows.length).toBe(sqliteRows.length);
  let mismatches = 0;
  const examples: string[] = [];
  sqliteRows.forEach((row, i) => {
    row.forEach((v, j) => {
      const p = pgRows[i][j];
      const same =
        v === null
          ? p === null
          : typeof v === 'number'
            ? p !== null && (money.includes(j) ? Math.abs(Number(p) - v) < 0.005 : Number(p) === v)
            : p === v;
      if (!same) {
        mismatches++;
        if (examples.length < 5) examples.push(`row ${i} col ${j}: sqlite ${v} vs pg ${p}`);
      }
    });
  });
  expect(examples).toEqual([]);
  expect(mismatches).toBe(0);
}

/** The cohort matrix built from one engine's customer × month rows. */
function cohortsOf(rows: readonly (readonly unknown[])[]) {
  const numeric = rows.map(([id, month, orders, revenue, positive]) => [
    id,
    month,
    Number(orders),
    Number(revenue),
    Number(positive)
  ]);
  return buildCohorts(toCustomerMonths(numeric));
}

/** Base, scores (ranked, NTILE and custom cuts) and the cohort matrix agree on every engine. */
async function expectPortable(
  db: Database,
  pg: Postgres,
  duck: DuckDBConnection,
  table: ShownTable,
  asOf: string
) {
  const base = await runBoth(
    db,
    pg,
    duck,
    (d) => rfmQueries(table, asOf, { bins: 5, method: 'ranked' }, d).base
  );
  expect(base.sqliteRows.length).toBeGreaterThan(0);
  // customer_id, customer_name, first, last, recency_days, frequency, monetary
  expectSameRows(base.sqliteRows, base.pgRows, [6]);
  expectSameRows(base.sqliteRows, base.duckdbRows, [6]);
  const settings: ScoringOptions[] = [
    { bins: 5, method: 'ranked' },
    { bins: 3, method: 'ntile' },
    { bins: 4, method: 'ranked' },
    {
      bins: 3,
      method: 'custom',
      custom: { recency: [30, 90], frequency: [1, 3], monetary: [50.5, 200] }
    }
  ];
  for (const scoring of settings) {
    const scores = await runBoth(db, pg, duck, (d) => rfmQueries(table, asOf, scoring, d).scores);
    expect(scores.sqliteRows.length).toBeGreaterThan(0);
    expectSameRows(scores.sqliteRows, scores.pgRows, [3]);
    expectSameRows(scores.sqliteRows, scores.duckdbRows, [3]);
  }
  const months = await runBoth(db, pg, duck, (d) => cohortQuery(table, asOf, d));
  expectSameRows(months.sqliteRows, months.pgRows, [3, 4]);
  expectSameRows(months.sqliteRows, months.duckdbRows, [3, 4]);
  const c = cohortsOf(months.duckdbRows);
  expect(c.cohorts.length).toBe(cohortsOf(months.sqliteRows).cohorts.length);
  const a = cohortsOf(months.sqliteRows);
  const b = cohortsOf(months.pgRows);
  expect(b.maxK).toBe(a.maxK);
  expect(b.cohorts.length).toBe(a.cohorts.length);
  expect(
    JSON.stringify(b.cohorts, (_, v) => (typeof v === 'number' ? Math.round(v * 100) : v))
  ).toBe(JSON.stringify(a.cohorts, (_, v) => (typeof v === 'number' ? Math.round(v * 100) : v)));
  return { customers: base.sqliteRows.length, cohorts: a.cohorts.length };
}

async function importReal(db: Database, file: string) {
  return shownTableOf(await importOrders(db, file));
}

describe.skipIf(SKIP_PG)('Show SQL runs unchanged on sql.js and PostgreSQL', () => {
  let pg: Postgres;
  let db: Database;
  let duck: DuckDBConnection;

  beforeAll(async () => {
    if (!pgBin)
      throw new Error(
        `PostgreSQL is not installed (no ${PG_ROOT}/*/bin/initdb). Install it (apt-get install -y postgresql; .ci/run does) or set LENS_SKIP_PG=1 to skip this test.`
      );
    pg = new Postgres();
    await pg.start(pgBin);
    const SQL = await initSqlJs();
    db = new SQL.Database();
    db.run(CATALOG_SQL);
    duck = await openDuckDb();
  }, 60_000);

  afterAll(() => {
    if (pg && pgBin) pg.stop(pgBin);
  }, 30_000);

  it('a hand-made table with returns, ties, quotes and rows without an order id', async () => {
    db.run(`CREATE TABLE fixture (row_no INTEGER NOT NULL, customer_id TEXT, customer_name TEXT,
      order_id TEXT, order_date TEXT, amount REAL)`);
    const rows: Row[] = [
      [2, 'A', 'Ann', 'a1', '2024-01-05', 60.1],
      [3, 'A', null, 'a1', '2024-01-06', 39.9],
      [4, 'A', 'Ann B.', 'a2', '2024-02-10', 50],
      [5, 'A', null, 'a3', '2024-02-20', -20],
      [6, "O'Brien", "Seán O'Brien", 'o1', '2024-01-20', 200.005],
      [7, "O'Brien", null, 'o2', '2024-03-03', 10],
      [8, "O'Brien", null, 'o2', '2024-03-03', -10],
      [9, '客户-甲', '甲', null, '2024-02-02', 0.1],
      [10, '客户-甲', null, null, '2024-02-02', 0.2],
      [11, '客户-甲', null, null, '2024-04-25', 80],
      [12, 'D', null, 'd1', '2024-03-15', -5],
      [13, 'E', null, 'e1', '2024-05-01', 70],
      [14, 'F', null, 'f1', '2024-04-01', 30],
      [15, 'G', null, 'g1', '2024-04-01', 30],
      [16, 'H', null, 'h1', '2023-12-31', 1234567.891]
    ];
    const insert = db.prepare('INSERT INTO fixture VALUES (?, ?, ?, ?, ?, ?)');
    for (const r of rows) insert.run(r);
    insert.free();
    copyTable(db, pg, 'fixture');
    await copyToDuckDb(db, duck, 'fixture');
    const table = { table: 'fixture', kind: 'transactions' as const, hasOrderId: true };
    expect(await expectPortable(db, pg, duck, table, '2024-04-30')).toEqual({
      customers: 7,
      cohorts: 4
    });
    const noIds = { ...table, hasOrderId: false };
    expect((await expectPortable(db, pg, duck, noIds, '2024-03-31')).customers).toBe(5);
  }, 60_000);

  it('a filter (quoted value, rows without a value, dates) as the leading CTE', async () => {
    db.run(`CREATE TABLE regions (row_no INTEGER NOT NULL, customer_id TEXT, customer_name TEXT,
      order_id TEXT, order_date TEXT, amount REAL, "Region" TEXT)`);
    const rows: Row[] = [
      [2, 'A', 'Ann', 'a1', '2024-01-05', 60, 'East'],
      [3, 'A', null, 'a2', '2024-02-10', 50, "O'Neil"],
      [4, 'B', null, 'b1', '2024-01-20', 200, null],
      [5, 'B', null, 'b2', '2024-03-03', -10, 'East'],
      [6, 'C', null, 'c1', '2024-02-02', 80, 'West'],
      [7, 'D', null, 'd1', '2023-12-31', 30, 'East'],
      [8, 'E', null, 'e1', '2024-04-25', 70, null]
    ];
    const insert = db.prepare('INSERT INTO regions VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const r of rows) insert.run(r);
    insert.free();
    copyTable(db, pg, 'regions');
    await copyToDuckDb(db, duck, 'regions');
    // East, O'Neil or no value, in 2024: rows 2–5 and 8 → customers A, B, E (C is West, D 2023);
    // first purchases A and B in January, E in April → two cohorts.
    const filter = {
      dims: [{ column: 'Region', values: ['East', "O'Neil", null] }],
      from: '2024-01-01',
      to: '2024-12-31'
    };
    const table = shownTableOf(
      {
        table: 'regions',
        kind: 'transactions',
        hasOrderId: true,
        columns: [{ name: 'order_date', role: 'date' }]
      },
      filter
    );
    expect(await expectPortable(db, pg, duck, table, '2024-04-30')).toEqual({
      customers: 3,
      cohorts: 2
    });
  }, 60_000);

  itWithData(
    ['cdnowElog'],
    'CDNOW: every customer, score and cohort cell',
    async () => {
      const table = await importReal(db, DATASET_FILES.cdnowElog);
      copyTable(db, pg, table.table);
      await copyToDuckDb(db, duck, table.table);
      const got = await expectPortable(db, pg, duck, table, '1998-07-01');
      expect(got.customers).toBe(2357);
      // CDNOW's customers all made their first purchase in the first quarter of 1997.
      expect(got.cohorts).toBe(3);
    },
    120_000
  );

  itWithData(
    ['superstore'],
    'Superstore (order ids, returns-free): same answers',
    async () => {
      const table = await importReal(db, DATASET_FILES.superstore);
      expect(table.hasOrderId).toBe(true);
      copyTable(db, pg, table.table);
      await copyToDuckDb(db, duck, table.table);
      expect((await expectPortable(db, pg, duck, table, '2018-01-01')).customers).toBe(793);
    },
    120_000
  );
});
