// The worker's segment migration on real sql.js: two customer bases, scored with the user's
// settings, joined into flows; worked out by hand on a five-customer file.
import type { Database } from 'sql.js';
import { importCsv } from './import-fixture';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { MigrationService } from '../../../src/lib/worker/migration-service';
import {
  NO_PURCHASE_ID,
  NOT_YET_ID,
  type MigrationGrouping
} from '../../../src/lib/analysis/migration';
import type { DatasetInfo, MigrationArgs, RfmScoring } from '../../../src/lib/db/protocol';

// A = 2024-02-15, B = 2024-04-01; 2 ranked bins: score = 1 + floor(2·L / N).
// At A (N = 3): A R36 F1 M100 → 1,1,1; B R26 F1 M300 → 1,1,2; C R14 F1 M20 → 2,1,1;
//   D only a return (no purchases); E not yet a customer.
// At B (N = 5): A R27 F2 M150 → 2,2,2; B R72 F1 M300 → 1,1,2; C R60 F1 M0 → 1,1,1;
//   D R31 F1 M30 → 1,1,1; E R17 F1 M70 → 2,1,1.
// Rules: active = R 2; big = R 1 and M 2; else others.
const CSV = `Customer ID,Order ID,Order Date,Amount
A,o1,2024-01-10,100
A,o2,2024-03-05,50
B,o3,2024-01-20,300
C,o4,2024-02-01,20
C,o5,2024-03-10,-20
D,o6,2024-01-05,-10
D,o7,2024-03-01,40
E,o8,2024-03-15,70
`;

const scoring: RfmScoring = {
  scoring: { bins: 2, method: 'ranked' },
  rules: [
    { id: 'active', name: { en: 'Active', 'zh-CN': '活跃' }, r: [2, 2], f: [1, 2], m: [1, 2] },
    { id: 'big', name: { en: 'Big', 'zh-CN': '大' }, r: [1, 1], f: [1, 2], m: [2, 2] }
  ],
  quadrantSplit: 'median'
};

let db: Database;
let d: DatasetInfo;

/** The request naming a migration of the dataset. */
const args = (asOfA: string, asOfB: string, grouping: MigrationGrouping): MigrationArgs => ({
  datasetId: d.id,
  filter: null,
  scoring,
  asOfA,
  asOfB,
  grouping
});

beforeAll(async () => {
  ({ db, d } = await importCsv(CSV, 'migration'));
});

const flowRows = (s: {
  flows: { from: string; to: string; customers: number; revenueBetween: number }[];
}) => s.flows.map((f) => [f.from, f.to, f.customers, f.revenueBetween]);

describe('MigrationService', () => {
  it('flows between segments, with revenue between the dates', () => {
    const m = new MigrationService(db);
    const s = m.flows(d, args('2024-02-15', '2024-04-01', 'segment'));
    expect(s).toMatchObject({ datasetId: d.id, asOfA: '2024-02-15', asOfB: '2024-04-01' });
    expect(flowRows(s)).toEqual([
      ['active', 'others', 1, -20],
      ['big', 'big', 1, 0],
      ['others', 'active', 1, 50],
      [NO_PURCHASE_ID, 'others', 1, 40],
      [NOT_YET_ID, 'active', 1, 70]
    ]);
    expect(s.totals).toEqual({
      customers: 5,
      existing: 4,
      newCustomers: 1,
      stayed: 1,
      up: 0,
      down: 0,
      sideways: 3,
      revenueBetween: 140,
      revenueExisting: 70
    });
  });

  it('flows between 8-classes from the same cached join', () => {
    const m = new MigrationService(db);
    const prepare = vi.spyOn(db, 'prepare');
    m.flows(d, args('2024-02-15', '2024-04-01', 'segment'));
    const s = m.flows(d, args('2024-02-15', '2024-04-01', 'class8'));
    expect(prepare).toHaveBeenCalledTimes(1); // one pass reads the order book; both dates, once
    prepare.mockRestore();
    expect(flowRows(s)).toEqual([
      ['important_winback', 'important_winback', 1, 0],
      ['general_development', 'general_winback', 1, -20],
      ['general_winback', 'important_value', 1, 50],
      [NO_PURCHASE_ID, 'general_development', 1, 40],
      [NOT_YET_ID, 'general_development', 1, 70]
    ]);
    expect(s.totals).toMatchObject({ stayed: 1, up: 1, down: 1, sideways: 1 });
  });

  it('lists a flow’s customers with R/F/M at both dates', () => {
    const m = new MigrationService(db);
    const rows = m.customers(d, args('2024-02-15', '2024-04-01', 'segment'), 'others', 'active');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      customerId: 'A',
      a: { recencyDays: 36, frequency: 1, monetary: 100, r: 1, f: 1, m: 1, segment: 'others' },
      b: { recencyDays: 27, frequency: 2, monetary: 150, r: 2, f: 2, m: 2, segment: 'active' },
      revenueBetween: 50
    });
    const fresh = m.customers(d, args('2024-02-15', '2024-04-01', 'segment'), NOT_YET_ID, 'active');
    expect(fresh.map((c) => [c.customerId, c.a, c.b.r])).toEqual([['E', null, 2]]);
  });

  it('refuses dates out of order and customer-level datasets', () => {
    const m = new MigrationService(db);
    expect(() => m.flows(d, args('2024-04-01', '2024-04-01', 'segment'))).toThrow(
      expect.objectContaining({ code: 'migration_bad_dates' })
    );
    expect(() =>
      m.flows({ ...d, kind: 'customers' }, args('2024-01-01', '2024-04-01', 'segment'))
    ).toThrow(expect.objectContaining({ code: 'migration_needs_transactions' }));
  });
});
