// SCRATCH (not committed): 1M-row timing of the base query.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { it } from 'vitest';
import { buildCustomerBaseSql } from '../../../src/lib/analysis/sql';
import { importFile, createIndexes } from '../../../src/lib/db/import';
import { CATALOG_SQL } from '../../../src/lib/db/schema';
import { inspectFile } from '../../../src/lib/ingest/inspect';
import type { ColumnMapping } from '../../../src/lib/ingest/types';

const DB = '/tmp/sqlperf/perf1m.sqlite';
it('times', async () => {
  const SQL = await initSqlJs();
  let db;
  if (existsSync(DB)) db = new SQL.Database(readFileSync(process.env.DB ?? DB));
  else {
    db = new SQL.Database();
    db.run(CATALOG_SQL);
    const buf = readFileSync('/tmp/perf1m.csv');
    const file = new File([buf], 'perf1m.csv');
    const inspected = await inspectFile(file);
    const mapping: ColumnMapping = { kind: inspected.kind, columns: inspected.guesses.map((g) => ({ ...g })), date1904: false };
    console.log(mapping.columns.map((c) => `${c.header}:${c.role}`).join(' '));
    const t0 = performance.now();
    const info = await importFile(db, file, inspected, mapping, { mode: 'add', name: 'x' }, () => {}, () => false);
    createIndexes(db, info);
    console.log('import ms', performance.now() - t0, info.table);
    writeFileSync(DB, db.export());
  }
  const cols = db.exec("SELECT columns_json, table_name FROM datasets")[0].values[0];
  console.log(cols[1], JSON.parse(cols[0] as string).map((c: {name: string; role: string}) => `${c.name}:${c.role}`).join(' '));
  const table = cols[1] as string;
  const dims = JSON.parse(cols[0] as string).filter((c: {role: string}) => c.role === 'dimension').map((c: {name: string}) => c.name);
  db.exec('SELECT SUM(amount), COUNT(DISTINCT customer_id) FROM ds1_transactions');
  const variants: Record<string, string> = JSON.parse(process.env.VARIANTS ?? '{}');
  for (const [label, dimensions] of [['no dims', []], ['1 dim', dims.slice(0, 1)], ['3 order dims', dims.slice(3, 6)], ['all dims', dims]] as [string, string[]][]) {
    for (const hasOrderId of [true, false]) {
      const q = buildCustomerBaseSql({ table, kind: 'transactions', asOf: '2026-01-01', hasOrderId, dimensions });
      const c0 = process.cpuUsage();
      const t = performance.now();
      const r = db.exec(process.env.STRIP ? q.sql.replaceAll(' NOT INDEXED', '') : q.sql, q.params);
      console.log(label, 'orderId', hasOrderId, 'rows', r[0].values.length, 'wall ms', Math.round(performance.now() - t), 'cpu ms', Math.round(process.cpuUsage(c0).user / 1000));
    }
  }
  for (const [label, sql] of Object.entries(variants)) {
    const t = performance.now();
    const r = db.exec(sql.replaceAll('$T', table));
    console.log(label, r[0]?.values.length, Math.round(performance.now() - t), JSON.stringify(r[0]?.values[0]));
  }
}, 600_000);
