// The worker's RFM session on real sql.js: base query → scores → summaries, exports, caching.
import type { Database } from 'sql.js';
import { importCsv } from './import-fixture';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { RfmService } from '../../../src/lib/worker/rfm-service';
import { OrderBooks } from '../../../src/lib/worker/order-books';
import { DEFAULT_SEGMENT_RULES } from '../../../src/lib/analysis';
import type { DatasetInfo, RfmKey, RfmSummary } from '../../../src/lib/db/protocol';

// Five customers, as-of 2024-04-01 (the day after the last date):
// A: orders 03-31 (100) and 03-01 (50) → R 1 day, F 2, M 150
// B: 02-01 (300)                         → R 60, F 1, M 300
// C: 01-01 (10), 03-30 (20) + return -5  → R 2, F 2, M 25
// D: 03-15 (40) and a full return -40    → R 17, F 1, M 0
// E: only a return (-10)                 → no positive order
const CSV = `Customer ID,Order ID,Order Date,Amount,Region
A,o1,2024-03-31,100,East
A,o2,2024-03-01,50,East
B,o3,2024-02-01,300,West
C,o4,2024-01-01,10,West
C,o5,2024-03-30,20,East
C,o6,2024-03-30,-5,East
D,o7,2024-03-15,40,North
D,o8,2024-03-20,-40,North
E,o9,2024-03-21,-10,South
`;

let db: Database;
let d: DatasetInfo;
/** The analysis key of the dataset at its default as-of date, with `over` changed. */
const key = (over: Partial<RfmKey> = {}): RfmKey => ({
  datasetId: d.id,
  asOf: '2024-04-01',
  scoring: { bins: 5, method: 'ranked' },
  rules: structuredClone([...DEFAULT_SEGMENT_RULES]),
  quadrantSplit: 'median',
  filter: null,
  ...over
});

beforeAll(async () => {
  ({ db, d } = await importCsv(CSV, 'five'));
});

describe('RfmService', () => {
  it('stores the dataset facts at import: the default as-of (day after the last date), order ids', () => {
    expect(d.defaultAsOf).toBe('2024-04-01');
    expect(d.hasOrderId).toBe(true);
    expect(d.dimensions).toEqual([{ name: 'Region', header: 'Region' }]);
  });

  it('scores customers as DOMAIN §3 says and summarizes them', () => {
    const rfm = new RfmService(db);
    const s = rfm.summary(d, key());
    expect(s.asOf).toBe('2024-04-01');
    expect(s.kpis).toMatchObject({ customers: 5, scored: 4, noPurchase: 1, orders: 6 });
    expect(s.kpis.revenue).toBeCloseTo(465, 6);
    const page = rfm.customers(d, key(), {}, { key: 'customerId', desc: false }, 0, 10);
    expect(page.rows.map((c) => [c.customerId, c.recencyDays, c.frequency, c.monetary])).toEqual([
      ['A', 1, 2, 150],
      ['B', 60, 1, 300],
      ['C', 2, 2, 25],
      ['D', 17, 1, 0]
    ]);
    // Ranked quantiles, N = 4, n = 5: score = 1 + floor(5 · worse / 4).
    // R worse counts: A 3, C 2, D 1, B 0 → 4, 3, 2, 1. F: A, C have 2 worse → 3; B, D 0 → 1.
    // M worse: B 3 → 4, A 2 → 3, C 1 → 2, D 0 → 1.
    expect(page.rows.map((c) => c.rfmCode)).toEqual(['433', '114', '332', '211']);
    expect(s.heatmap.find((c) => c.r === 4 && c.f === 3)?.count).toBe(1);
    expect(s.segments.reduce((n, g) => n + g.customers, 0)).toBe(4);
    expect(s.dimensions.map((x) => x.header)).toEqual(['Region']);
  });

  it('re-scores from the cached base when only the settings change, and follows the as-of date', () => {
    const rfm = new RfmService(db);
    const first = rfm.summary(d, key());
    const two = rfm.summary(d, key({ scoring: { bins: 2, method: 'ntile' } }));
    expect(two.bins.recency.counts).toEqual([2, 2]);
    expect(two.timings.baseMs).toBe(first.timings.baseMs); // the same cached base
    const earlier = rfm.summary(d, key({ asOf: '2024-03-02' }));
    expect(earlier.kpis).toMatchObject({ customers: 3, scored: 3 });
    expect(rfm.customer(d, key({ asOf: '2024-03-02' }), 'A').customer?.recencyDays).toBe(1);
    // Every request names its key: the default date's answer whatever was asked last.
    expect(rfm.customer(d, key(), 'A').customer?.recencyDays).toBe(1);
    expect(rfm.customer(d, key(), 'B').customer?.recencyDays).toBe(60);
  });

  it('keeps the base before the open one: moving the as-of date back builds none', () => {
    const books = new OrderBooks();
    const rfm = new RfmService(db, books);
    const withoutTimings = (s: RfmSummary) => ({ ...s, timings: null });
    const first = rfm.summary(d, key());
    const built = vi.spyOn(books.of(db, d), 'customerColumns');
    const earlier = rfm.summary(d, key({ asOf: '2024-03-02' }));
    expect(withoutTimings(rfm.summary(d, key()))).toEqual(withoutTimings(first));
    expect(built.mock.calls).toEqual([['2024-03-02']]);
    // A third date drops the one used longest ago (03-02), not the one just used again.
    rfm.summary(d, key({ asOf: '2024-02-02' }));
    rfm.summary(d, key());
    expect(built.mock.calls).toEqual([['2024-03-02'], ['2024-02-02']]);
    expect(withoutTimings(rfm.summary(d, key({ asOf: '2024-03-02' })))).toEqual(
      withoutTimings(earlier)
    );
    expect(built).toHaveBeenCalledTimes(3);
  });

  it('rehearses the last summary a quarter earlier and more, keeping the bases it had', () => {
    const books = new OrderBooks();
    const rfm = new RfmService(db, books);
    const withoutTimings = (s: RfmSummary) => ({ ...s, timings: null });
    const book = books.of(db, d);
    const built = vi.spyOn(book, 'customerColumns');
    // Nothing summarized yet: nothing to rehearse.
    rfm.rehearseAsOfChange(1);
    expect(built).not.toHaveBeenCalled();
    const open = key({ scoring: { bins: 3, method: 'ranked' } });
    const first = rfm.summary(d, open);
    // Without a timeline (made in the quiet moment before) it waits for one.
    rfm.rehearseAsOfChange(1);
    expect(built.mock.calls).toEqual([['2024-04-01']]);
    book.prepareTimeline();
    rfm.rehearseAsOfChange(1);
    rfm.rehearseAsOfChange(2);
    // 2024-04-01 less 90 and 180 days.
    expect(built.mock.calls.slice(1)).toEqual([['2024-01-02'], ['2023-10-04']]);
    // The open base and its scores are the ones kept (no new base, the same answer).
    expect(withoutTimings(rfm.summary(d, open))).toEqual(withoutTimings(first));
    expect(built).toHaveBeenCalledTimes(3);
  });

  it('answers a request whose analysis was never summarized (no hidden "last analysis")', () => {
    const rfm = new RfmService(db);
    const page = rfm.customers(
      d,
      key({ scoring: { bins: 3, method: 'ranked' } }),
      {},
      { key: 'customerId', desc: false },
      0,
      10
    );
    expect(page.total).toBe(4);
    expect(rfm.points(d, key()).ids).toHaveLength(4);
  });

  it('explains the matching rule and lists the orders of one customer', () => {
    const rfm = new RfmService(db);
    const detail = rfm.customer(d, key(), 'C');
    expect(detail.customer?.rfmCode).toBe('332');
    expect(detail.match?.checks.at(-1)?.matched).toBe(detail.match?.ruleIndex !== -1);
    expect(detail.orders.map((o) => [o.date, o.orderId, o.amount])).toEqual([
      ['2024-01-01', 'o4', 10],
      ['2024-03-30', 'o5', 20],
      ['2024-03-30', 'o6', -5]
    ]);
  });

  it('breaks revenue down by each row’s dimension value and customers by their own value', () => {
    const rfm = new RfmService(db);
    const b = rfm.breakdown(d, key(), 0, { mode: 'auto' });
    const east = b.rows.find((r) => r.value === 'East');
    expect(east).toMatchObject({ revenue: 165, customers: 2 }); // A (East) and C (East: 2 of 3 rows)
    expect(b.rows.find((r) => r.value === 'West')).toMatchObject({ revenue: 310, customers: 1 });
  });

  it('exports the filtered customers with the DOMAIN §9 header', async () => {
    const rfm = new RfmService(db);
    const blob = await rfm.exportCustomers(
      d,
      key(),
      { search: 'a' },
      { key: 'customerId', desc: false },
      'csv',
      'en'
    );
    const lines = (await blob.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'customer_id,customer_name,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_code,segment,class8,value_quadrant,abc_tier,lifecycle_stage,first_purchase,last_purchase,Region'
    );
    expect(lines).toHaveLength(2);
    expect(lines[1].startsWith('A,,1,2,150,4,3,3,433,')).toBe(true);
  });
});
