// The worker's time analyses on real sql.js: an imported CSV → cohorts, trends and lifecycle stages.
import type { Database } from 'sql.js';
import { importCsv } from './import-fixture';
import { beforeAll, describe, expect, it } from 'vitest';
import { RfmService } from '../../../src/lib/worker/rfm-service';
import { TimeService } from '../../../src/lib/worker/time-service';
import { DEFAULT_LIFECYCLE_THRESHOLDS } from '../../../src/lib/analysis';
import type { DatasetInfo } from '../../../src/lib/db/protocol';

// As of 2024-04-30 (E's order comes later and is left out):
// A: 01-05 (60 + 40), 02-10 (50), return 02-20 (−20), 04-01 (30) → F 3, R 29, first 116 days ago: repeat
// B: 01-20 (200), 03-03 (10 − 10 = 0, not an order)              → F 1, R 101: one-time
// C: 02-02 (80), 02-25 (20)                                       → F 2, first 88 days ago: new
// D: only a return (−5)                                           → no purchase
const CSV = `Customer ID,Order ID,Order Date,Amount
A,a1,2024-01-05,60
A,a1,2024-01-05,40
A,a2,2024-02-10,50
A,a3,2024-02-20,-20
A,a4,2024-04-01,30
B,b1,2024-01-20,200
B,b2,2024-03-03,10
B,b2,2024-03-03,-10
C,c1,2024-02-02,80
C,c2,2024-02-25,20
D,d1,2024-03-15,-5
E,e1,2024-05-01,70
`;
const AS_OF = '2024-04-30';

let db: Database;
let d: DatasetInfo;
beforeAll(async () => {
  ({ db, d } = await importCsv(CSV, 'time'));
});

describe('TimeService', () => {
  it('builds cohorts and trends from one customer × month pass', () => {
    const time = new TimeService(db, new RfmService(db));
    const m = time.monthly(d, AS_OF);
    expect(m.entries).toBe(7);
    expect(m.cohorts.map((c) => [c.month, c.size, c.retention])).toEqual([
      ['2024-01', 2, [1, 0.5, 0, 0.5]],
      ['2024-02', 1, [1, 0, 0]]
    ]);
    expect(m.trends.map((t) => [t.month, t.revenue, t.orders, t.new])).toEqual([
      ['2024-01', 300, 2, 2],
      ['2024-02', 130, 3, 1],
      ['2024-03', -5, 0, 0],
      ['2024-04', 30, 1, 0]
    ]);
  });

  it('assigns lifecycle stages over the RFM customer base and lists a stage', () => {
    const time = new TimeService(db, new RfmService(db));
    const l = time.lifecycle(d, AS_OF, { ...DEFAULT_LIFECYCLE_THRESHOLDS });
    expect(l.stages.map((s) => [s.stage, s.customers, s.revenue])).toEqual([
      ['lapsed', 0, 0],
      ['new', 1, 100],
      ['loyal', 0, 0],
      ['repeat', 1, 160],
      ['one_time', 1, 200],
      ['no_purchase', 1, -5]
    ]);
    expect(l.funnel.map((f) => f.customers)).toEqual([3, 2, 0]);
    const page = time.lifecycleCustomers(
      d,
      AS_OF,
      { ...DEFAULT_LIFECYCLE_THRESHOLDS, newDays: 120 },
      'new',
      0,
      10
    );
    expect(page.rows.map((c) => [c.customerId, c.frequency, c.monetary])).toEqual([
      ['B', 1, 200],
      ['A', 3, 160],
      ['C', 2, 100]
    ]);
    expect(page.total).toBe(3);
    // Thresholds in force: B (101 days) and A (116 days) are new only because newDays is 120.
    expect(
      time.lifecycleCustomers(d, AS_OF, { ...DEFAULT_LIFECYCLE_THRESHOLDS }, 'new', 0, 10).total
    ).toBe(1);
  });

  it('says cohorts need transactions on a customer table', () => {
    const time = new TimeService(db, new RfmService(db));
    expect(() => time.monthly({ ...d, kind: 'customers' }, AS_OF)).toThrow(
      'time_needs_transactions'
    );
  });
});
