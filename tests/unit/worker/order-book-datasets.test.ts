// The order book's customer base equals the SQL base customer by customer, every field, on the real
// datasets and the generated sample, at the default as-of and an earlier one (by a pass over the
// orders and by the customers' timelines): the guard that the book changes no number.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, expect, it } from 'vitest';
import { generateSample, sampleToCsv } from '../../../scripts/generate-sample.js';
import { inspectFile } from '../../../src/lib/ingest/inspect';
import type { ColumnMapping, Role } from '../../../src/lib/ingest/types';
import { createIndexes, importFile } from '../../../src/lib/worker/import';
import { OrderBooks, readOrderBook } from '../../../src/lib/worker/order-books';
import { loadCustomerBase } from '../../../src/lib/worker/rfm-service';
import { CATALOG_SQL } from '../../../src/lib/worker/schema';
import type { DatasetInfo } from '../../../src/lib/db/protocol';
import type { CustomerBase } from '../../../src/lib/analysis/types';
import { DATASET_FILES, describeWithData } from '../../datasets';

let db: Database;
const books = new OrderBooks();

beforeAll(async () => {
  db = new (await initSqlJs()).Database();
  db.run(CATALOG_SQL);
});

async function importInto(file: File, roles: Record<string, Role> = {}): Promise<DatasetInfo> {
  const inspected = await inspectFile(file);
  const mapping: ColumnMapping = {
    kind: 'transactions',
    columns: inspected.guesses.map((g) => ({ ...g, role: roles[g.header] ?? g.role })),
    date1904: false
  };
  const d = await importFile(
    db,
    file,
    inspected,
    mapping,
    { mode: 'add', name: file.name },
    () => {},
    () => false,
    null,
    books
  );
  createIndexes(db, d);
  return d;
}

/** The day halfway between the dataset's first and last dates. */
function midpoint(d: DatasetInfo): string {
  const a = Date.parse(d.dateFrom!);
  const b = Date.parse(d.dateTo!);
  return new Date(a + Math.round((b - a) / 2 / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
}

/** Every customer, every field; the first difference is named by customer. */
function expectSameBase(actual: CustomerBase[], expected: CustomerBase[]) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    expect(actual[i], `customer ${e.customerId} at row ${i}`).toEqual(e);
    // toEqual does not tell 0 from -0 apart in every version: the money must be the same double.
    expect(Object.is(actual[i].monetary, e.monetary), `monetary of ${e.customerId}`).toBe(true);
  }
}

/** Compares the import's book and a book read back from the table with SQL at two dates. */
function expectBooksMatchSql(d: DatasetInfo, customers: number) {
  const fromImport = books.of(db, d);
  const fromTable = readOrderBook(db, d.table, d.hasOrderId);
  expect(fromImport.customers).toBe(d.report.customers);
  // The default date passes over the orders; the earlier one makes each book's timeline, which
  // then serves the default date again.
  for (const asOf of [d.defaultAsOf!, midpoint(d), d.defaultAsOf!]) {
    const sql = loadCustomerBase(db, d, asOf);
    if (asOf === d.defaultAsOf) expect(sql.length).toBe(customers);
    expectSameBase(fromImport.customerBase(asOf), sql);
    expectSameBase(fromTable.customerBase(asOf), sql);
  }
}

const fileOf = (p: string) => new File([readFileSync(p)], path.basename(p));

describeWithData(
  ['onlineRetail', 'superstore', 'cdnowElog'],
  'the order book against the SQL customer base on the real datasets',
  () => {
    it('Online Retail', async () => {
      const d = await importInto(fileOf(DATASET_FILES.onlineRetail));
      expect(d.hasOrderId).toBe(true);
      expectBooksMatchSql(d, 4_372);
    }, 300_000);

    it('Superstore', async () => {
      const d = await importInto(fileOf(DATASET_FILES.superstore));
      expectBooksMatchSql(d, 793);
    }, 120_000);

    it('CDNOW (no order id: every row is an order)', async () => {
      const d = await importInto(fileOf(DATASET_FILES.cdnowElog), {
        masterid: 'ignore',
        sampleid: 'customer_id'
      });
      expect(d.hasOrderId).toBe(false);
      expectBooksMatchSql(d, 2_357);
    }, 120_000);
  }
);

it('the generated sample', async () => {
  const d = await importInto(new File([sampleToCsv(generateSample())], 'orders.csv'));
  expect(d.hasOrderId).toBe(true);
  expectBooksMatchSql(d, 3_000);
}, 120_000);
