// The Risks service on real sql.js: the summary's receivables kind with value at stake (no model:
// revenue of the 365 days up to the as-of date), owner and region from the orders, and "if these
// customers stop buying" with the Targets view's attainment with and without them — worked by hand
// on the targets fixture (March 2025, as of 2025-03-11).
import type { Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from './import-fixture';
import { createRelatedTable } from './related-fixture';
import { AS_OF, ORDERS_CSV, createTargets } from './targets-fixture';
import { DEFAULT_SEGMENT_RULES } from '../../../src/lib/analysis';
import { RfmService } from '../../../src/lib/worker/rfm-service';
import { RisksService } from '../../../src/lib/worker/risks-service';
import { TargetsService } from '../../../src/lib/worker/targets-service';
import type { DatasetInfo, RfmKey } from '../../../src/lib/db/protocol';
import type { RisksArgs } from '../../../src/lib/db/risks-protocol';

let db: Database;
let d: DatasetInfo;
let receivables: DatasetInfo;
let targets: DatasetInfo;
beforeAll(async () => {
  ({ db, d } = await importCsv(ORDERS_CSV, 'orders'));
  targets = createTargets(db, d);
  // c2 owes 200 due 2025-03-01 (10 days late at 2025-03-11); c4's invoice is paid (date only).
  const table = createRelatedTable(db, 7, 'receivables', [
    {
      customer_id: 'c2',
      due_date: '2025-03-01',
      amount: 500,
      paid_amount: 300,
      paid_date: '2025-03-02'
    },
    { customer_id: 'c4', due_date: '2025-02-01', amount: 450, paid_date: '2025-02-01' }
  ]);
  receivables = { ...d, id: 7, kind: 'receivables', table, dimensions: [] };
});

const key: () => RfmKey = () => ({
  datasetId: d.id,
  asOf: AS_OF,
  scoring: { bins: 5, method: 'ranked' },
  rules: [...DEFAULT_SEGMENT_RULES],
  quadrantSplit: 'median',
  filter: null
});
const args = (): RisksArgs => ({
  key: key(),
  model: null,
  masterId: null,
  receivablesId: receivables.id,
  lapseDays: 180,
  rhythmFactor: 2
});

describe('RisksService', () => {
  it('overdue receivables: c2, 200 overdue; value at stake = revenue of the last 365 days', () => {
    const v = new RisksService(db, new RfmService(db)).view(
      d,
      { master: null, receivables },
      args(),
      null
    );
    expect(v.stakeSource).toBe('revenue');
    const k = v.summary.kinds.find((x) => x.kind === 'receivables')!;
    // c2 bought 500 on 2025-03-03 (the 999 on 03-12 is after the as-of date).
    expect(k).toMatchObject({ available: true, count: 1, valueAtStake: 500 });
    expect(v.receivables!.overdue).toMatchObject([
      { customerId: 'c2', overdueOutstanding: 200, maxDaysPastDue: 10, owner: 'A', region: 'North' }
    ]);
    expect(v.summary.kinds.find((x) => x.kind === 'probably_lapsed')!.available).toBe(false);
  });

  it('if c2 stops buying: 500 of 2,880; A’s March attainment 87 % → 37 %, all 74.8 % → 54.8 %', () => {
    const rfm = new RfmService(db);
    const service = new RisksService(db, rfm);
    const t = new TargetsService(db, rfm);
    const view = (orders: DatasetInfo) =>
      t.view({ d: orders, baseTable: d.table }, targets, {
        datasetId: d.id,
        targetsId: targets.id,
        filter: null,
        dimension: null,
        grain: 'month',
        period: '2025-03',
        asOf: AS_OF
      });
    const r = service.dependence(
      d,
      { master: null, receivables: null },
      { ...args(), customers: ['c2'], topN: 10, targets: null },
      view
    );
    // Monetary up to 2025-03-11: c1 400, c2 500, c3 150, c4 450, c5 80, c6 120, c7 400, c8 400,
    // c9 130, c10 150, c11 100 = 2,880.
    expect(r).toMatchObject({ selected: 1, lost: 500, total: 2880 });
    expect(r.share).toBeCloseTo(500 / 2880, 12);
    expect(r.chosen).toMatchObject([{ customerId: 'c2', owner: 'A', monetary: 500 }]);
    // A: 870 − c2's 500 = 370 of 1,000; T1: 1,280 − 500 = 780 of 1,500; B, C, T2 unchanged.
    expect(r.targets!.period).toBe('2025-03');
    expect(r.targets!.keys.map((k) => [k.key, k.actual, k.actualWithout])).toEqual([
      ['T1', 1280, 780],
      ['A', 870, 370]
    ]);
    expect(r.targets!.keys[1].attainmentWithout).toBeCloseTo(0.37, 12);
    expect(r.targets!.total).toMatchObject({ target: 2500, actual: 1870, actualWithout: 1370 });
    expect(r.targets!.total.attainmentWithout).toBeCloseTo(0.548, 12);
    // The temporary copy is gone; the Targets view of all orders is unchanged.
    expect(
      db.exec("SELECT name FROM sqlite_temp_master WHERE name LIKE 'risks_without_%'")
    ).toEqual([]);
    expect(view(d).total.actual).toBe(1870);
  });

  it('top 3 by revenue: c2 500, c4 450, then c1/c7/c8 at 400 — c1 first by id', () => {
    const r = new RisksService(db, new RfmService(db)).dependence(
      d,
      { master: null, receivables: null },
      { ...args(), customers: null, topN: 3, targets: null }
    );
    expect(r.chosen.map((c) => c.customerId)).toEqual(['c2', 'c4', 'c1']);
    expect(r.lost).toBe(1350);
  });
});
