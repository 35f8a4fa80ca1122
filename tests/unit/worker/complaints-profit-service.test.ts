// The complaints and profit services on real sql.js: an imported order file with profit and a sales
// rep, a complaints table laid out as the import writes it, and the RFM key's option to score M and
// the ABC tiers on profit (hand-worked answers from DOMAIN §3–4 and §7b).
import type { Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from './import-fixture';
import { createRelatedTable } from './related-fixture';
import { DEFAULT_SEGMENT_RULES } from '../../../src/lib/analysis';
import { RfmService } from '../../../src/lib/worker/rfm-service';
import { ProfitService } from '../../../src/lib/worker/profit-service';
import { ComplaintsService } from '../../../src/lib/worker/complaints-service';
import type { DatasetInfo, RfmKey } from '../../../src/lib/db/protocol';

// Per customer up to 2025-03-11: A revenue 300 profit 80; B 350 / −40 (one row without profit);
// C 80 / 20; D 60 / −10; E 40 / 5. Total profit 55, revenue 830.
const CSV = `Customer ID,Order ID,Order Date,Amount,Profit,Sales Rep
A,a1,2025-01-10,100,30,X
A,a2,2025-02-10,200,50,X
B,b1,2025-01-15,300,-40,Y
B,b2,2025-03-01,50,,Y
C,c1,2025-02-20,80,20,X
D,d1,2025-03-05,60,-10,Y
E,e1,2025-03-10,40,5,Y
`;
const AS_OF = '2025-03-11';

let db: Database;
let d: DatasetInfo;
let complaints: DatasetInfo;
beforeAll(async () => {
  ({ db, d } = await importCsv(CSV, 'profit'));
  const table = createRelatedTable(db, 9, 'complaints', [
    { customer_id: 'A', opened_date: '2025-03-01' },
    { customer_id: ' B', opened_date: '2025-03-08' },
    { customer_id: 'Z', opened_date: '2025-03-01', resolved_date: '2025-03-03', owner: 'Mo' }
  ]);
  complaints = { ...d, id: 9, kind: 'complaints', table, dimensions: [] };
});

const key = (over: Partial<RfmKey> = {}): RfmKey => ({
  datasetId: d.id,
  asOf: AS_OF,
  scoring: { bins: 5, method: 'ranked' },
  rules: [...DEFAULT_SEGMENT_RULES],
  quadrantSplit: 'median',
  filter: null,
  ...over
});

describe('ProfitService', () => {
  it('sums profit per customer, the curve’s peak, the loss-makers and profit by sales rep', () => {
    const s = new ProfitService(db, new RfmService(db)).summary(d, { key: key(), dimension: null });
    expect(s.hasProfit).toBe(true);
    expect(s).toMatchObject({ customers: 5, revenue: 830, profit: 55, rowsWithoutProfit: 1 });
    expect(s.margin).toBeCloseTo(55 / 830, 10);
    // A 80, C 20, E 5 → 105 after 3 customers; then D −10, B −40.
    expect(s.peak).toEqual({ customers: 3, profit: 105 });
    expect(s.curve).toEqual([
      [0, 0],
      [1, 80],
      [2, 100],
      [3, 105],
      [4, 95],
      [5, 55]
    ]);
    expect(s.losses.map((c) => [c.customerId, c.profit])).toEqual([
      ['B', -40],
      ['D', -10]
    ]);
    expect(s.ownerHeader).toBe('Sales Rep');
    expect(s.byOwner!.map((g) => [g.key, g.revenue, g.profit])).toEqual([
      ['X', 380, 100],
      ['Y', 450, -45]
    ]);
    // Revenue tiers: B 350 (A), A 300 (A), C 80 (A: 650 < 664), D 60 (B), E 40 (C: 790 ≥ 788.5).
    expect(s.byTier.map((g) => [g.key, g.customers, g.profit])).toEqual([
      ['A', 3, 60],
      ['C', 1, 5],
      ['B', 1, -10]
    ]);
  });

  it('says so when the orders carry no profit', async () => {
    const plain = await importCsv('Customer ID,Order Date,Amount\nA,2025-01-01,10\n', 'plain');
    const s = new ProfitService(plain.db, new RfmService(plain.db)).summary(plain.d, {
      key: key({ datasetId: plain.d.id, asOf: '2025-01-02' }),
      dimension: null
    });
    expect(s.hasProfit).toBe(false);
    expect(s.losses).toEqual([]);
  });
});

describe('scoring M and the ABC tiers on profit', () => {
  const tiersAndM = (k: RfmKey) =>
    Object.fromEntries(
      new RfmService(db)
        .customers(d, k, {}, { key: 'customerId', desc: false }, 0, 10)
        .rows.map((c) => [c.customerId, [c.mScore, c.abc, c.monetary]])
    );

  it('ranks M and the tiers by revenue by default', () => {
    // M ranked on revenue: E 40 → 1, D 60 → 2, C 80 → 3, A 300 → 4, B 350 → 5.
    expect(tiersAndM(key())).toEqual({
      A: [4, 'A', 300],
      B: [5, 'A', 350],
      C: [3, 'A', 80],
      D: [2, 'B', 60],
      E: [1, 'C', 40]
    });
  });

  it('ranks them by profit with the option, monetary staying revenue', () => {
    // M on profit: B −40 → 1, D −10 → 2, E 5 → 3, C 20 → 4, A 80 → 5. ABC on profit, S = 105:
    // A 80 (C = 0 → A), C 20 (80 < 84 → A), E 5 (100 ≥ 99.75 → C), D and B ≤ 0 → C.
    expect(tiersAndM(key({ monetaryBasis: 'profit' }))).toEqual({
      A: [5, 'A', 300],
      B: [1, 'C', 350],
      C: [4, 'A', 80],
      D: [2, 'C', 60],
      E: [3, 'C', 40]
    });
    const summary = new RfmService(db).summary(d, key({ monetaryBasis: 'profit' }));
    expect(summary.monetaryBasis).toBe('profit');
    expect(summary.hasProfit).toBe(true);
    // The value quadrant and the 8 classes still read revenue: its median is 80.
    expect(summary.medians.monetary).toBe(80);
  });

  it('says in the export that M and the tiers were scored on profit', async () => {
    const service = new RfmService(db);
    const sort = { key: 'customerId', desc: false } as const;
    const csv = async (k: RfmKey) =>
      (await (await service.exportCustomers(d, k, {}, sort, 'csv', 'en')).text())
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/);
    const byProfit = await csv(key({ monetaryBasis: 'profit' }));
    expect(byProfit[0].split(',').at(-1)).toBe('m_score_basis');
    expect(byProfit[1].split(',').at(-1)).toBe('profit');
    // monetary (5th column) is still revenue: A 300.
    expect(byProfit[1].split(',')[4]).toBe('300');
    const byRevenue = await csv(key());
    expect(byRevenue[0]).not.toContain('m_score_basis');
  });
});

describe('ComplaintsService', () => {
  it('joins complaints to the orders’ segments, tiers and sales reps', () => {
    const service = new ComplaintsService(db, new RfmService(db));
    const s = service.summary(d, complaints, { key: key(), complaintsId: 9, slaDays: 7 });
    // A open 10 days → overdue; B open 3 days; Z resolved in 2 days (no orders).
    expect(s).toMatchObject({ total: 3, open: 2, overdue: 1, resolved: 1, medianDaysToResolve: 2 });
    expect(s.ownerFallback).toBe('Sales Rep');
    expect(s.openCustomers.map((c) => [c.customerId, c.owner, c.abc, c.overdue])).toEqual([
      ['A', 'X', 'A', 1],
      ['B', 'Y', 'A', 0]
    ]);
    expect(s.byOwner.map((g) => [g.key, g.total])).toEqual([
      ['Mo', 1],
      ['X', 1],
      ['Y', 1]
    ]);
    expect(s.byTier.map((g) => [g.key, g.total])).toEqual([
      ['A', 2],
      [null, 1]
    ]);
    // The tiers follow the key: on profit B is tier C.
    const byProfit = service.summary(d, complaints, {
      key: key({ monetaryBasis: 'profit' }),
      complaintsId: 9,
      slaDays: 10
    });
    expect(byProfit.overdue).toBe(0);
    expect(byProfit.byTier.map((g) => [g.key, g.total])).toEqual([
      ['A', 1],
      ['C', 1],
      [null, 1]
    ]);
  });
});
