// Targets typed in the Data page's grid: reads the grid (keys from an orders dimension, periods from
// the data's range) and writes it into the workspace's targets dataset, making one when none exists.
import type { Database } from 'sql.js';
import { quoteIdent } from '$lib/analysis/sql-ident';
import { localDay } from '$lib/analysis/dates';
import { periodFromKey, periodsBetween } from '$lib/analysis/period';
import { AppError } from '$lib/db/errors';
import type { DatasetInfo, ImportReport } from '$lib/db/protocol';
import type {
  TargetCell,
  TargetsGrid,
  TargetsGridArgs,
  TargetsSaveArgs
} from '$lib/db/targets-store-protocol';
import { TARGETS_LAYOUT, targetsFacts } from '$lib/ingest/normalize-targets';
import { datasetById, datasetFacts, readDatasets } from './catalog';
import { createIndexesSql, createRawTableSql, createTableSql, datasetTables } from './schema';
import { selectRows, selectValue, sql } from './sql-run';

/** A targets dataset by id, or the translated "no such dataset" error. */
function targetsDataset(db: Database, id: number): DatasetInfo {
  const d = datasetById(db, id);
  if (d.kind !== 'targets') throw new AppError('no_dataset');
  return d;
}

/** The grid for a grain: the dimension's values and the data's periods, with the targets set. */
export function readTargetsGrid(db: Database, args: TargetsGridArgs): TargetsGrid {
  const keys: string[] = [];
  const periods = new Set<string>();
  if (args.ordersId !== null) {
    const orders = datasetById(db, args.ordersId);
    const dim = orders.dimensions.find((x) => x.name === args.dimension);
    if (dim) {
      const t = quoteIdent(orders.table);
      const c = quoteIdent(dim.name);
      // Biggest first: the keys a manager sets targets for first.
      const rows = selectRows(
        db,
        sql(
          `SELECT ${c} FROM ${t} WHERE ${c} IS NOT NULL AND ${c} <> '' GROUP BY ${c} ORDER BY SUM(amount) DESC, ${c}`
        )
      );
      for (const [v] of rows) keys.push(String(v));
    }
    if (orders.dateFrom && orders.dateTo) {
      for (const p of periodsBetween(orders.dateFrom, orders.dateTo, args.grain))
        periods.add(p.key);
    }
  }
  const cells: TargetCell[] = [];
  if (args.targetsId !== null) {
    const t = quoteIdent(targetsDataset(db, args.targetsId).table);
    const rows = selectRows(
      db,
      sql(
        `SELECT target_key, period, revenue_target, new_customer_target FROM ${t} WHERE grain = ? ORDER BY row_no`,
        args.grain
      )
    );
    const known = new Set(keys);
    for (const [key, period, revenue, newCustomers] of rows) {
      const k = String(key);
      if (!known.has(k)) {
        known.add(k);
        keys.push(k);
      }
      periods.add(String(period));
      cells.push({
        key: k,
        period: String(period),
        revenueTarget: revenue as number | null,
        newCustomerTarget: newCustomers as number | null
      });
    }
  }
  // Nothing says which periods: this year's.
  if (periods.size === 0) {
    const year = localDay(new Date()).slice(0, 4);
    for (const p of periodsBetween(`${year}-01-01`, `${year}-12-31`, args.grain))
      periods.add(p.key);
  }
  const ordered = [...periods]
    .map((k) => periodFromKey(k))
    .filter((p) => p !== null && p.grain === args.grain)
    .sort((a, b) => (a!.start < b!.start ? -1 : 1))
    .map((p) => p!.key);
  return { keys, periods: ordered, cells };
}

/** Checks a grid to save: periods of its grain, keys and numbers that can be stored. */
function checkSave(args: TargetsSaveArgs): void {
  const isOfGrain = (key: string) => periodFromKey(key)?.grain === args.grain;
  const bad = (message: string) => new AppError('internal', { message });
  if (!args.periods.every(isOfGrain)) throw bad('a period is not of the grid’s grain');
  for (const c of args.cells) {
    if (!isOfGrain(c.period) || c.key.trim() === '') throw bad('a cell has no key or period');
    for (const v of [c.revenueTarget, c.newCustomerTarget])
      if (v !== null && !Number.isFinite(v)) throw bad('a target is not a number');
  }
}

/**
 * Writes a grid: the rows of its scope (its keys × periods, one grain) are replaced by its cells;
 * parents and market sizes already stored are kept. Makes a targets dataset when `datasetId` is
 * null. Returns the dataset's id.
 */
export function saveTargets(db: Database, args: TargetsSaveArgs, now = new Date()): number {
  checkSave(args);
  db.run('BEGIN');
  try {
    const id = args.datasetId ?? createTargetsDataset(db, args.name, now);
    const d = targetsDataset(db, id);
    const t = quoteIdent(d.table);
    // What the scope's rows carried besides the grid's two numbers.
    const parents = new Map<string, string>();
    const markets = new Map<string, number>();
    for (const [key, period, parent, market] of selectRows(
      db,
      sql(`SELECT target_key, period, parent, market_size FROM ${t} ORDER BY row_no`)
    )) {
      if (parent !== null && !parents.has(String(key))) parents.set(String(key), String(parent));
      if (market !== null) markets.set(`${key}\u0001${period}`, Number(market));
    }
    const keys = JSON.stringify(args.keys);
    const periods = JSON.stringify(args.periods);
    db.run(
      `DELETE FROM ${t} WHERE grain = ? AND target_key IN (SELECT value FROM json_each(?))
         AND period IN (SELECT value FROM json_each(?))`,
      [args.grain, keys, periods]
    );
    let rowNo = Number(selectValue(db, sql(`SELECT COALESCE(MAX(row_no), 0) FROM ${t}`)));
    const insert = db.prepare(
      `INSERT INTO ${t} (row_no, target_key, period, grain, revenue_target, new_customer_target, parent, market_size)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
    );
    try {
      for (const c of args.cells) {
        if (c.revenueTarget === null && c.newCustomerTarget === null) continue;
        const key = c.key.trim();
        insert.run([
          ++rowNo,
          key,
          c.period,
          args.grain,
          c.revenueTarget,
          c.newCustomerTarget,
          parents.get(key) ?? null,
          markets.get(`${key}\u0001${c.period}`) ?? null
        ]);
      }
    } finally {
      insert.free();
    }
    refreshReport(db, d, now);
    db.run('COMMIT');
    return id;
  } catch (err) {
    db.run('ROLLBACK');
    throw err;
  }
}

/** An empty targets dataset (its raw sheet stays empty: no file behind it). */
function createTargetsDataset(db: Database, name: string, now: Date): number {
  const id = Math.max(0, ...readDatasets(db).map((d) => d.id)) + 1;
  const { table, raw } = datasetTables(id, 'targets');
  const columns = TARGETS_LAYOUT.map((c) => ({ ...c, header: '' }));
  db.run(createTableSql(table, columns));
  db.run(createRawTableSql(raw));
  for (const q of createIndexesSql(table, 'targets')) db.run(q);
  const report: ImportReport = {
    datasetId: id,
    name,
    kind: 'targets',
    fileName: '',
    encoding: 'utf-8',
    rowsRead: 0,
    rowsAccepted: 0,
    rowsRejected: 0,
    rejected: [],
    returns: 0,
    customers: 0,
    orders: 0,
    dateFrom: null,
    dateTo: null,
    totalAmount: 0,
    skippedRows: 0,
    elapsedMs: 0,
    targets: targetsFacts(0, [])
  };
  db.run(
    `INSERT INTO datasets (id, name, kind, file_name, imported_at, table_name, raw_table, columns_json, raw_headers_json, report_json, raw_complete, facts_json)
     VALUES (?, ?, 'targets', '', ?, ?, ?, ?, '[]', ?, 1, ?)`,
    [
      id,
      name,
      now.toISOString(),
      table,
      raw,
      JSON.stringify(columns),
      JSON.stringify(report),
      JSON.stringify(datasetFacts(false, null, now, null))
    ]
  );
  return id;
}

/**
 * The report's rows and facts after an edit, and `imported_at` moved to the edit: answers cached
 * for the dataset (keyed by id and import time) are not reused for its new rows.
 */
function refreshReport(db: Database, d: DatasetInfo, now: Date) {
  const t = quoteIdent(d.table);
  const rows = Number(selectValue(db, sql(`SELECT COUNT(*) FROM ${t}`)));
  const keys = Number(selectValue(db, sql(`SELECT COUNT(DISTINCT target_key) FROM ${t}`)));
  const periods = selectRows(db, sql(`SELECT DISTINCT period FROM ${t}`)).map(([p]) => String(p));
  const report: ImportReport = {
    ...d.report,
    rowsAccepted: rows,
    targets: targetsFacts(keys, periods)
  };
  db.run('UPDATE datasets SET report_json = ?, imported_at = ? WHERE id = ?', [
    JSON.stringify(report),
    now.toISOString(),
    d.id
  ]);
}
