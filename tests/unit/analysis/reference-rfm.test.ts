// The e2e RFM reference on the real datasets, and the SQL builders agreeing with it customer by customer.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  computeReferenceRfm,
  defaultAsOf,
  loadCdnow,
  loadOnlineRetail,
  loadSuperstore,
  parseCsv,
  type RefResult,
  type RefRow
} from '../../e2e/reference-rfm';
import {
  buildCustomerBaseSql,
  buildMaxDateSql,
  buildRfmScoresSql
} from '../../../src/lib/analysis/sql';
import { createIndexes, importFile } from '../../../src/lib/worker/import';
import { CATALOG_SQL } from '../../../src/lib/worker/schema';
import { inspectFile } from '../../../src/lib/ingest/inspect';
import type { ColumnMapping, Role } from '../../../src/lib/ingest/types';
import { DATASET_FILES, describeWithData } from '../../datasets';

describe('reference RFM (hand-sized)', () => {
  it('parses quoted fields with commas, quotes and line breaks', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n"multi\nline",2\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['multi\nline', '2']
    ]);
  });

  it('groups orders, ignores later rows and ranks with ties', () => {
    const rows: RefRow[] = [
      { customerId: 'a', date: '2024-01-01', amount: 10, orderId: 'o1' },
      { customerId: 'a', date: '2024-01-03', amount: -4, orderId: 'o1' },
      { customerId: 'a', date: '2024-02-01', amount: -5, orderId: 'o2' },
      { customerId: 'b', date: '2024-02-20', amount: 5 },
      { customerId: 'b', date: '2024-02-20', amount: 5 },
      { customerId: 'c', date: '2024-01-10', amount: 0.1, orderId: 'x' },
      { customerId: 'c', date: '2024-01-10', amount: 0.2, orderId: 'x' },
      { customerId: 'c', date: '2024-01-10', amount: -0.3, orderId: 'x' },
      { customerId: 'd', date: '2024-03-05', amount: 100 }
    ];
    const result = computeReferenceRfm(rows, '2024-03-01');
    expect(result.scored).toBe(2);
    expect(result.noPurchase).toBe(1);
    expect(result.customers.has('d')).toBe(false);
    // a: o1 = 6 (dated 01-01), o2 is a return; b: two row-orders. N = 2, n = 5.
    expect(result.customers.get('a')).toEqual({
      customerId: 'a',
      firstPurchase: '2024-01-01',
      lastPurchase: '2024-01-01',
      recencyDays: 60,
      frequency: 1,
      monetary: 1,
      r: 1,
      f: 1,
      m: 1
    });
    expect(result.customers.get('b')).toMatchObject({ recencyDays: 10, frequency: 2, r: 3, f: 3 });
    expect(result.customers.get('c')).toMatchObject({ frequency: 0, monetary: 0, r: null });
  });
});

/** Imports a real file through the app's inspect → mapping → import path. */
async function importDataset(db: Database, file: string, roles: Record<string, Role> = {}) {
  const blob = new File([readFileSync(file)], path.basename(file));
  const inspected = await inspectFile(blob);
  const mapping: ColumnMapping = {
    kind: 'transactions',
    columns: inspected.guesses.map((g) => ({ ...g, role: roles[g.header] ?? g.role })),
    date1904: false
  };
  const info = await importFile(
    db,
    blob,
    inspected,
    mapping,
    { mode: 'add', name: path.basename(file) },
    () => {},
    () => false
  );
  createIndexes(db, info);
  // The one source of the fact: the catalog's, as the worker reads it.
  return { table: info.table, hasOrderId: info.hasOrderId };
}

function rows(db: Database, q: { sql: string; params: (string | number | null)[] }) {
  return db.exec(q.sql, q.params)[0]?.values ?? [];
}

/** Runs the base and ranked-score queries and compares every customer with the reference. */
function expectSqlToMatch(
  db: Database,
  dataset: { table: string; hasOrderId: boolean },
  ref: RefResult,
  asOf: string
) {
  const [[, sqlAsOf]] = rows(db, buildMaxDateSql(dataset.table));
  expect(sqlAsOf).toBe(asOf);
  const base = buildCustomerBaseSql({ ...dataset, kind: 'transactions', asOf, dimensions: [] });
  const baseRows = rows(db, base);
  expect(baseRows.length).toBe(ref.customers.size);
  for (const [id, , first, last, recency, frequency, monetary] of baseRows) {
    const c = ref.customers.get(String(id));
    expect(c, String(id)).toBeDefined();
    expect([first, last, recency, frequency], String(id)).toEqual([
      c!.firstPurchase,
      c!.lastPurchase,
      c!.recencyDays,
      c!.frequency
    ]);
    expect(monetary as number, String(id)).toBeCloseTo(c!.monetary, 6);
  }
  const scores = rows(db, buildRfmScoresSql({ source: { base }, bins: 5, method: 'ranked' }));
  expect(scores.length).toBe(ref.scored);
  let mismatches = 0;
  for (const [id, , , , r, f, m] of scores) {
    const c = ref.customers.get(String(id))!;
    if (r !== c.r || f !== c.f || m !== c.m) mismatches++;
  }
  expect(mismatches).toBe(0);
}

describeWithData(
  ['onlineRetail', 'superstore', 'cdnowElog'],
  'reference RFM on the real datasets, and the SQL against it',
  () => {
    let db: Database;
    beforeAll(async () => {
      const SQL = await initSqlJs();
      db = new SQL.Database();
      db.run(CATALOG_SQL);
    });

    it('Online Retail: 4,338 scored and 34 without a positive order, of 4,372', async () => {
      const data = loadOnlineRetail(DATASET_FILES.onlineRetail);
      const asOf = defaultAsOf(data);
      expect(asOf).toBe('2011-12-10');
      const ref = computeReferenceRfm(data, asOf);
      expect(ref.customers.size).toBe(4_372);
      expect(ref.scored).toBe(4_338);
      expect(ref.noPurchase).toBe(34);
      const dataset = await importDataset(db, DATASET_FILES.onlineRetail);
      expect(dataset.hasOrderId).toBe(true);
      expectSqlToMatch(db, dataset, ref, asOf);
    }, 300_000);

    it('Superstore: all 793 customers scored', async () => {
      const data = loadSuperstore(DATASET_FILES.superstore);
      const asOf = defaultAsOf(data);
      expect(asOf).toBe('2017-12-31');
      const ref = computeReferenceRfm(data, asOf);
      expect(ref.scored).toBe(793);
      expect(ref.noPurchase).toBe(0);
      const dataset = await importDataset(db, DATASET_FILES.superstore);
      expect(dataset.hasOrderId).toBe(true);
      expectSqlToMatch(db, dataset, ref, asOf);
    }, 120_000);

    it('CDNOW (sampleid): 2,349 scored and 8 whose purchases are all $0', async () => {
      const data = loadCdnow(DATASET_FILES.cdnowElog);
      const asOf = defaultAsOf(data);
      expect(asOf).toBe('1998-07-01');
      const ref = computeReferenceRfm(data, asOf);
      expect(ref.customers.size).toBe(2_357);
      expect(ref.scored).toBe(2_349);
      expect(ref.noPurchase).toBe(8);
      const dataset = await importDataset(db, DATASET_FILES.cdnowElog, {
        masterid: 'ignore',
        sampleid: 'customer_id'
      });
      expect(dataset.hasOrderId).toBe(false);
      expectSqlToMatch(db, dataset, ref, asOf);
    }, 120_000);
  }
);
