// The worker session's filtered dataset on real sql.js: the copy of the rows that pass, its
// checks, its survival across an export (saves and snapshots), the few copies kept, and answers
// keyed per filter.
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Session } from '../../../src/lib/worker/session';
import { RfmService } from '../../../src/lib/worker/rfm-service';
import { createIndexes, importFile } from '../../../src/lib/worker/import';
import { inspectFile } from '../../../src/lib/ingest/inspect';
import { DEFAULT_SEGMENT_RULES } from '../../../src/lib/analysis';
import { filterTableName, type DataFilter } from '../../../src/lib/analysis/data-filter';
import type { DatasetInfo, RfmKey } from '../../../src/lib/db/protocol';

// Node reads the engine from the package (the app fetches its own copy by URL).
vi.mock('sql.js/dist/sql-wasm-browser.wasm?url', () => ({
  default: createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm')
}));

// Four customers, as-of 2024-04-01:
// A East: 01-10 (100), 03-31 (50)         B West: 02-01 (300)
// C East: 03-30 (20), West: 03-31 (7)     D —   : 03-15 (40)
const CSV = `Customer ID,Order ID,Order Date,Amount,Region
A,o1,2024-01-10,100,East
A,o2,2024-03-31,50,East
B,o3,2024-02-01,300,West
C,o4,2024-03-30,20,East
C,o5,2024-03-31,7,West
D,o6,2024-03-15,40,
`;

const EAST: DataFilter = { dims: [{ column: 'Region', values: ['East'] }], from: null, to: null };
const MARCH: DataFilter = { dims: [], from: '2024-03-01', to: '2024-03-31' };

let session: Session;
let d: DatasetInfo;

beforeAll(async () => {
  session = new Session();
  const db = await session.db();
  const file = new File([CSV], 'regions.csv');
  const inspected = await inspectFile(file);
  const mapping = { kind: inspected.kind, columns: inspected.guesses, date1904: false };
  d = await importFile(
    db,
    file,
    inspected,
    mapping,
    { mode: 'add', name: 'r' },
    () => {},
    () => false
  );
  createIndexes(db, d);
});

const key = (filter: DataFilter | null): RfmKey => ({
  datasetId: d.id,
  asOf: '2024-04-01',
  scoring: { bins: 2, method: 'ranked' },
  rules: structuredClone([...DEFAULT_SEGMENT_RULES]),
  quadrantSplit: 'median',
  filter
});

const count = async (filter: DataFilter | null) => {
  const { d: f, db } = await session.dataset(d.id, filter);
  return db.exec(`SELECT COUNT(*), SUM(amount) FROM "${f.table}"`)[0].values[0];
};

describe('session.dataset with a filter', () => {
  it('reads the table without a filter, a temporary copy of the passing rows with one', async () => {
    const all = await session.dataset(d.id, null);
    expect(all.d.table).toBe(d.table);
    const east = await session.dataset(d.id, EAST);
    expect(east.d.table).not.toBe(d.table);
    expect(east.d.dimensions).toEqual(d.dimensions);
    // East rows: A 100 + 50, C 20 → 3 rows, 170. March: A 50, C 20 + 7, D 40 → 4 rows, 117.
    expect(await count(EAST)).toEqual([3, 170]);
    expect(await count(MARCH)).toEqual([4, 117]);
    // The rows without a region (D) are the null value.
    expect(
      await count({ dims: [{ column: 'Region', values: [null] }], from: null, to: null })
    ).toEqual([1, 40]);
    // An inactive filter is no filter.
    expect((await session.dataset(d.id, { dims: [], from: null, to: null })).d.table).toBe(d.table);
  });

  it('refuses a column the dataset does not have', async () => {
    const bad = { dims: [{ column: 'Channel', values: ['Web'] }], from: null, to: null };
    await expect(session.dataset(d.id, bad)).rejects.toMatchObject({
      data: { code: 'filter_unknown_column', params: { column: 'Channel' } }
    });
  });

  it('makes the copy again after an export dropped the temporary objects', async () => {
    const { d: east, db } = await session.dataset(d.id, EAST);
    db.run(`DROP TABLE IF EXISTS temp."${east.table}"`); // what a close-and-reopen export leaves
    await session.snapshot();
    expect(await count(EAST)).toEqual([3, 170]);
    // The copy is indexed like the table (by customer and date) and never saved.
    const temp = db.exec(
      `SELECT type, name FROM sqlite_temp_master WHERE tbl_name = '${east.table}'`
    );
    expect(temp[0].values.map((r) => r[0])).toEqual(['table', 'index']);
  });

  it('keeps the four most recently used copies, makes a let-go one again when asked', async () => {
    const { db } = await session.dataset(d.id, null);
    const region = (v: string | null): DataFilter => ({
      dims: [{ column: 'Region', values: [v] }],
      from: null,
      to: null
    });
    const names: string[] = [];
    for (const f of [EAST, region('West'), region(null), MARCH, region('North')])
      names.push((await session.dataset(d.id, f)).d.table);
    const held = () =>
      (db.exec(`SELECT name FROM sqlite_temp_master WHERE type = 'table'`)[0]?.values ?? []).map(
        (r) => String(r[0])
      );
    expect(held().sort()).toEqual(names.slice(1).sort());
    expect(await count(EAST)).toEqual([3, 170]);
    expect(held()).toContain(names[0]);
    expect(held()).not.toContain(names[1]);
  });

  it('names a copy by the import it was made from', async () => {
    const { d: east } = await session.dataset(d.id, EAST);
    const again = filterTableName(d.table, EAST, '2099-01-01T00:00:00.000Z');
    expect(east.table).toBe(filterTableName(d.table, EAST, d.importedAt));
    expect(again).not.toBe(east.table);
  });

  it('the RFM cache answers each filter for itself', async () => {
    const rfm = new RfmService(await session.db());
    const east = await session.dataset(d.id, EAST);
    const all = await session.dataset(d.id, null);
    // All rows: A 150 (2 orders), B 300, C 27 (2), D 40 → 4 customers, revenue 517.
    // East: A 150 (2 orders), C 20 (1) → 2 customers, revenue 170.
    const a = rfm.summary(east.d, key(EAST));
    const b = rfm.summary(all.d, key(null));
    const c = rfm.summary(east.d, key(EAST));
    expect([a.kpis.customers, a.kpis.revenue, a.kpis.orders]).toEqual([2, 170, 3]);
    expect([b.kpis.customers, b.kpis.revenue, b.kpis.orders]).toEqual([4, 517, 6]);
    expect(c.kpis).toEqual(a.kpis);
    expect(a.filterKey).not.toBe(b.filterKey);
    expect(b.filterKey).toBe('');
    // A customer's orders are those of the rows that pass: C has one East order.
    expect(rfm.customer(east.d, key(EAST), 'C').orders.map((o) => o.amount)).toEqual([20]);
    expect(rfm.customer(all.d, key(null), 'C').orders).toHaveLength(2);
  });
});
