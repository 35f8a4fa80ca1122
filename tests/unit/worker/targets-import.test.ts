// A targets sheet through the whole import on real sql.js: stored layout, rejections with their row
// numbers, the catalog of an older workspace, and targets typed in the grid.
import initSqlJs, { type Database } from 'sql.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { inspectFile } from '$lib/ingest/inspect';
import { mappingFromGuesses } from '$lib/ingest/detect-roles';
import { importFile } from '$lib/worker/import';
import { readDatasets } from '$lib/worker/catalog';
import { CATALOG_SQL, ensureCatalog } from '$lib/worker/schema';
import { readTargetsGrid, saveTargets } from '$lib/worker/targets-store';
import { importCsv } from './import-fixture';

let db: Database;
beforeEach(async () => {
  db = new (await initSqlJs()).Database();
  db.run(CATALOG_SQL);
});

async function load(csv: string, name = 'targets.csv', mode: 'add' | 'replace' = 'add') {
  const file = new File([csv], name, { type: 'text/csv' });
  const inspected = await inspectFile(file);
  const mapping = mappingFromGuesses(
    inspected.kind === 'targets' ? inspected.targetGuesses : inspected.guesses,
    inspected.kind
  );
  return importFile(
    db,
    file,
    inspected,
    mapping,
    { mode, name },
    () => {},
    () => false
  );
}

const rows = (table: string) => {
  const r = db.exec(`SELECT * FROM "${table}" ORDER BY row_no`)[0];
  return r ? r.values.map((v) => Object.fromEntries(r.columns.map((c, i) => [c, v[i]]))) : [];
};

// Spreadsheet row numbers: the header is row 1, so the first data row is row 2.
const SHEET = [
  'Sales Rep,Team (parent),Period,Revenue target,New customer target,Market size', // 1
  'Ann,East,2025-01,"1,200.50",3,10000', // 2
  'Ann,East,2025/2,900,,', // 3
  'Bob,East,2025-13,800,1,', // 4 unknown period
  'Bob,East,Mar 2025,lots,1,', // 5 bad target
  ',East,2025-03,100,1,', // 6 missing key
  'Ann,East,2025年1月,999,1,', // 7 duplicate of row 2 (same canonical period 2025-01)
  'East,,2025-Q1,"5,000",10,', // 8 the team's own quarter target
  'Bob,East,2025-Q5,1,1,' // 9 unknown period
].join('\n');

describe('importing a targets sheet', () => {
  it('stores key, canonical period and grain, targets, parent and market size', async () => {
    const d = await load(SHEET);
    expect(d.kind).toBe('targets');
    expect(d.table).toBe(`ds${d.id}_targets`);
    expect(rows(d.table)).toEqual([
      {
        row_no: 2,
        target_key: 'Ann',
        period: '2025-01',
        grain: 'month',
        revenue_target: 1200.5,
        new_customer_target: 3,
        parent: 'East',
        market_size: 10000
      },
      {
        row_no: 3,
        target_key: 'Ann',
        period: '2025-02',
        grain: 'month',
        revenue_target: 900,
        new_customer_target: null,
        parent: 'East',
        market_size: null
      },
      {
        row_no: 8,
        target_key: 'East',
        period: '2025-Q1',
        grain: 'quarter',
        revenue_target: 5000,
        new_customer_target: 10,
        parent: null,
        market_size: null
      }
    ]);
    // Keys Ann and East; periods 2025-01, 2025-02, 2025-Q1.
    expect(d.report.targets).toEqual({
      keys: 2,
      periods: 3,
      grains: ['month', 'quarter'],
      first: '2025-01',
      last: '2025-02'
    });
    expect(d.report.rowsRead).toBe(8);
    expect(d.report.rowsAccepted).toBe(3);
  });

  it('rejects each bad row with its row number and says the value or the row kept', async () => {
    const d = await load(SHEET);
    const byReason = Object.fromEntries(d.report.rejected.map((r) => [r.reason, r]));
    expect(byReason.unknown_period).toEqual({
      reason: 'unknown_period',
      count: 2,
      rows: [4, 9],
      details: [{ value: '2025-13' }, { value: '2025-Q5' }]
    });
    expect(byReason.bad_target).toMatchObject({
      count: 1,
      rows: [5],
      details: [{ value: 'lots' }]
    });
    expect(byReason.missing_key).toMatchObject({ count: 1, rows: [6] });
    expect(byReason.duplicate_key_period).toMatchObject({
      count: 1,
      rows: [7],
      details: [{ firstRow: 2 }]
    });
    expect(d.report.rowsRejected).toBe(5);
  });

  it('joins the orders: a targets import never replaces them, and replaces only older targets', async () => {
    const first = await load(['Rep,Period,Target', 'Ann,2025-01,1'].join('\n'), 'a.csv');
    db.run(`UPDATE datasets SET kind = 'transactions' WHERE id = ${first.id}`); // stands in for orders
    const t1 = await load(SHEET, 't1.csv', 'replace');
    const t2 = await load(SHEET, 't2.csv', 'replace');
    expect(readDatasets(db).map((d) => [d.id, d.kind])).toEqual([
      [first.id, 'transactions'],
      [t2.id, 'targets']
    ]);
    expect(t1.id).not.toBe(t2.id);
  });
});

describe('the catalog of an older workspace', () => {
  it('is rebuilt to accept targets, keeping its rows', async () => {
    const old = new (await initSqlJs()).Database();
    // The catalog as saved before targets existed (and before facts were stored).
    old.run(`CREATE TABLE datasets (
      id INTEGER PRIMARY KEY, name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('transactions', 'customers')),
      file_name TEXT NOT NULL, imported_at TEXT NOT NULL, table_name TEXT NOT NULL,
      raw_table TEXT NOT NULL, columns_json TEXT NOT NULL, raw_headers_json TEXT NOT NULL,
      report_json TEXT NOT NULL, raw_complete INTEGER NOT NULL DEFAULT 0)`);
    old.run(
      `INSERT INTO datasets VALUES (1, 'orders', 'transactions', 'o.csv', '2025-01-01T00:00:00Z', 'ds1_transactions', 'ds1_raw', '[]', '[]', '{}', 1)`
    );
    const insertTargets = () =>
      old.run(
        `INSERT INTO datasets (id, name, kind, file_name, imported_at, table_name, raw_table, columns_json, raw_headers_json, report_json)
         VALUES (2, 't', 'targets', 't.csv', 'x', 'ds2_targets', 'ds2_raw', '[]', '[]', '{}')`
      );
    expect(insertTargets).toThrow(/CHECK/);
    ensureCatalog(old);
    insertTargets();
    expect(
      old.exec('SELECT id, kind, raw_complete, facts_json FROM datasets ORDER BY id')[0].values
    ).toEqual([
      [1, 'transactions', 1, null],
      [2, 'targets', 0, null]
    ]);
    // Run again, nothing changes (the check is current).
    ensureCatalog(old);
    expect(old.exec('SELECT COUNT(*) FROM datasets')[0].values[0][0]).toBe(2);
  });
});

describe('targets typed in the grid', () => {
  const ORDERS = [
    'Order ID,Customer ID,Order Date,Amount,Sales Rep',
    'A1,C1,2025-01-05,100,Ann',
    'A2,C2,2025-02-10,300,Bob',
    'A3,C3,2025-04-01,50,Ann'
  ].join('\n');

  it('offers the dimension values (biggest first) and the periods of the orders', async () => {
    const fixture = await importCsv(ORDERS, 'orders');
    const grid = readTargetsGrid(fixture.db, {
      targetsId: null,
      ordersId: fixture.d.id,
      dimension: 'Sales Rep',
      grain: 'month'
    });
    // Bob 300 > Ann 150; orders from 2025-01-05 to 2025-04-01.
    expect(grid).toEqual({
      keys: ['Bob', 'Ann'],
      periods: ['2025-01', '2025-02', '2025-03', '2025-04'],
      cells: []
    });
  });

  it('makes a targets dataset, then replaces only the grid’s keys × periods', async () => {
    const fixture = await importCsv(ORDERS, 'orders');
    const fdb = fixture.db;
    const now = new Date('2025-06-01T08:00:00Z');
    const id = saveTargets(
      fdb,
      {
        datasetId: null,
        name: 'Typed',
        grain: 'month',
        keys: ['Ann', 'Bob'],
        periods: ['2025-01', '2025-02'],
        cells: [
          { key: 'Ann', period: '2025-01', revenueTarget: 1200, newCustomerTarget: null },
          { key: 'Bob', period: '2025-02', revenueTarget: 800, newCustomerTarget: 2 }
        ]
      },
      now
    );
    let d = readDatasets(fdb).find((x) => x.id === id)!;
    expect(d).toMatchObject({ kind: 'targets', name: 'Typed', table: `ds${id}_targets`, rows: 2 });
    expect(d.importedAt).toBe(now.toISOString());
    expect(d.report.targets).toMatchObject({ keys: 2, periods: 2 });

    // A quarter row elsewhere, then a second save of the months: Ann's January changes, Bob's
    // February is cleared, the quarter stays.
    saveTargets(fdb, {
      datasetId: id,
      name: 'Typed',
      grain: 'quarter',
      keys: ['Team'],
      periods: ['2025-Q1'],
      cells: [{ key: 'Team', period: '2025-Q1', revenueTarget: 5000, newCustomerTarget: null }]
    });
    saveTargets(fdb, {
      datasetId: id,
      name: 'Typed',
      grain: 'month',
      keys: ['Ann', 'Bob'],
      periods: ['2025-01', '2025-02'],
      cells: [{ key: 'Ann', period: '2025-01', revenueTarget: 1500, newCustomerTarget: 3 }]
    });
    const stored = fdb.exec(
      `SELECT target_key, period, grain, revenue_target, new_customer_target FROM "ds${id}_targets" ORDER BY period`
    )[0].values;
    expect(stored).toEqual([
      ['Ann', '2025-01', 'month', 1500, 3],
      ['Team', '2025-Q1', 'quarter', 5000, null]
    ]);
    d = readDatasets(fdb).find((x) => x.id === id)!;
    expect(d.rows).toBe(2);
    const grid = readTargetsGrid(fdb, {
      targetsId: id,
      ordersId: fixture.d.id,
      dimension: 'Sales Rep',
      grain: 'month'
    });
    expect(grid.cells).toEqual([
      { key: 'Ann', period: '2025-01', revenueTarget: 1500, newCustomerTarget: 3 }
    ]);
  });

  it('keeps the parent and market size of rows it rewrites, and refuses a period of another grain', async () => {
    const d = await load(SHEET);
    saveTargets(db, {
      datasetId: d.id,
      name: 'x',
      grain: 'month',
      keys: ['Ann'],
      periods: ['2025-01'],
      cells: [{ key: 'Ann', period: '2025-01', revenueTarget: 2000, newCustomerTarget: null }]
    });
    expect(
      db.exec(
        `SELECT parent, market_size, revenue_target FROM "${d.table}" WHERE target_key = 'Ann' AND period = '2025-01'`
      )[0].values
    ).toEqual([['East', 10000, 2000]]);
    expect(() =>
      saveTargets(db, {
        datasetId: d.id,
        name: 'x',
        grain: 'month',
        keys: ['Ann'],
        periods: ['2025-Q1'],
        cells: []
      })
    ).toThrow();
  });
});
