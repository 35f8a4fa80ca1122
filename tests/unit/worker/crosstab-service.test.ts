// Breakdowns in bands and two-way tables on real sql.js: customers by their DOMAIN §8 values,
// revenue by each row's own values, a filtered view read like the table.
import type { Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from './import-fixture';
import { RfmService } from '../../../src/lib/worker/rfm-service';
import { crosstab } from '../../../src/lib/worker/crosstab-service';
import { DEFAULT_SEGMENT_RULES } from '../../../src/lib/analysis';
import { DEFAULT_LIFECYCLE_THRESHOLDS } from '../../../src/lib/analysis/lifecycle';
import { createFilterViewSql, filterViewName } from '../../../src/lib/analysis/data-filter';
import type { CrossAxis } from '../../../src/lib/analysis/crosstab';
import type { DatasetInfo, RfmKey } from '../../../src/lib/db/protocol';

// As-of 2024-03-26 (the day after the last date). Per customer (DOMAIN §8: value on most rows,
// ties to the most recent row) and monetary:
//   A 广东 (2 of 3 rows) 零售 17   100 + 200 + 50 = 350
//   B 江苏 制造 24                  300
//   C 广东 (1–1 tie, o6 is later) 制造 25   80 + 20 = 100
//   D 浙江 零售 66                  500
//   E 浙江 金融 (no age)            40
// ABC (DOMAIN §4, S = 1290; 0.80·S = 1032, 0.95·S = 1225.5), by monetary: D (C=0) A, A (500) A,
// B (850) A, C (1150) B, E (1250) C.
const CSV = `客户编号,订单号,订单日期,订单金额,省份,行业,年龄
A,o1,2024-01-10,100,广东,零售,17
A,o2,2024-02-10,200,广东,零售,17
A,o3,2024-03-10,50,江苏,零售,17
B,o4,2024-01-15,300,江苏,制造,24
C,o5,2024-02-20,80,江苏,制造,25
C,o6,2024-03-20,20,广东,制造,25
D,o7,2024-03-25,500,浙江,零售,66
E,o8,2024-03-01,40,浙江,金融,
`;

let db: Database;
let d: DatasetInfo;
const key = (): RfmKey => ({
  datasetId: d.id,
  asOf: '2024-03-26',
  scoring: { bins: 5, method: 'ranked' },
  rules: structuredClone([...DEFAULT_SEGMENT_RULES]),
  quadrantSplit: 'median',
  filter: null
});
const dim = (index: number): CrossAxis => ({ kind: 'dim', index, bands: { mode: 'auto' } });
const table = (rfm: RfmService, rows: CrossAxis, cols: CrossAxis, data = d) =>
  crosstab(db, data, rfm, {
    key: key(),
    rows,
    cols,
    top: 10,
    lifecycle: { ...DEFAULT_LIFECYCLE_THRESHOLDS }
  });
const grid = (t: ReturnType<typeof table>, m: 'customers' | 'revenue') =>
  t.cells.map((r) => r.map((c) => c[m]));

beforeAll(async () => {
  ({ db, d } = await importCsv(CSV, 'bands'));
});

describe('breakdown in bands', () => {
  it('年龄 takes the age preset: customers by their value, revenue by each row’s band', () => {
    const b = new RfmService(db).breakdown(d, key(), 2, { mode: 'auto' });
    expect(b.banding?.edges).toEqual([18, 25, 35, 45, 55, 65]);
    expect(b.numeric).toMatchObject({ numbers: 4, others: 0, isNumeric: true });
    // <18 A 350; 18–24 B 300; 25–34 C 100; 35–64 none; 65+ D 500; no value E 40.
    expect(b.rows.map((r) => [r.band, r.customers, r.revenue])).toEqual([
      [0, 1, 350],
      [1, 1, 300],
      [2, 1, 100],
      [3, 0, 0],
      [4, 0, 0],
      [5, 0, 0],
      [6, 1, 500],
      [-1, 1, 40]
    ]);
    expect(b.rows[6].revenueShare).toBeCloseTo(500 / 1290, 12);
  });

  it('quantile bands, or value by value when off', () => {
    const rfm = new RfmService(db);
    // 17, 24, 25, 66 in 3 bands: 0-based positions ceil(4/3) = 2 → 25, ceil(8/3) = 3 → 66.
    const q = rfm.breakdown(d, key(), 2, { mode: 'quantile', count: 3 });
    expect(q.banding?.edges).toEqual([25, 66]);
    expect(q.rows.map((r) => r.customers)).toEqual([2, 1, 1, 1]); // <25: A, B; 25–65: C; 66+: D; E
    const off = rfm.breakdown(d, key(), 2, { mode: 'off' });
    expect(off.banding).toBeNull();
    expect(off.rows.map((r) => r.value)).toEqual(['66', '17', '24', '25', null]);
    // Not numeric: 省份 has no bands whatever is asked.
    expect(rfm.breakdown(d, key(), 0, { mode: 'age' }).banding).toBeNull();
  });
});

describe('two-way tables', () => {
  it('省份 × 行业: customers by their §8 values, revenue by rows', () => {
    const t = table(new RfmService(db), dim(0), dim(1));
    expect(t.revenueBasis).toBe('rows');
    // Row revenue: 浙江 540, 江苏 50 + 300 + 80 = 430, 广东 300 + 20 = 320.
    expect(t.rows.map((r) => r.value)).toEqual(['浙江', '江苏', '广东']);
    // Columns: 零售 300 + 50 + 500 = 850, 制造 300 + 80 + 20 = 400, 金融 40.
    expect(t.cols.map((c) => c.value)).toEqual(['零售', '制造', '金融']);
    expect(grid(t, 'customers')).toEqual([
      [1, 0, 1], // D, E
      [0, 1, 0], // B (A's 江苏 row is not where A is counted)
      [1, 1, 0] // A, C
    ]);
    expect(grid(t, 'revenue')).toEqual([
      [500, 0, 40],
      [50, 380, 0],
      [300, 20, 0]
    ]);
    expect(t.total).toEqual({ customers: 5, revenue: 1290 });
  });

  it('age band × value tier: each customer’s monetary in their cell', () => {
    const t = table(new RfmService(db), dim(2), { kind: 'abc' });
    expect(t.revenueBasis).toBe('customers');
    expect(t.cols.map((c) => c.value)).toEqual(['A', 'B', 'C']);
    expect(grid(t, 'revenue')).toEqual([
      [350, 0, 0], // <18: A (tier A)
      [300, 0, 0], // 18–24: B (A)
      [0, 100, 0], // 25–34: C (B)
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [500, 0, 0], // 65+: D (A)
      [0, 0, 40] // no value: E (C)
    ]);
    expect(t.colTotals).toEqual([
      { customers: 3, revenue: 1150 },
      { customers: 1, revenue: 100 },
      { customers: 1, revenue: 40 }
    ]);
  });

  it('age band × 省份 sums rows by their own band and province', () => {
    const t = table(new RfmService(db), dim(2), dim(0));
    // Columns by revenue: 浙江 540, 江苏 430, 广东 320.
    expect(t.cols.map((c) => c.value)).toEqual(['浙江', '江苏', '广东']);
    expect(grid(t, 'revenue').filter((r) => r.some((x) => x !== 0))).toEqual([
      [0, 50, 300], // <18: o3 江苏 50; o1 + o2 广东 300
      [0, 300, 0], // 18–24: o4
      [0, 80, 20], // 25–34: o5, o6
      [500, 0, 0], // 65+: o7
      [40, 0, 0] // no value: o8
    ]);
  });

  it('reads a filtered view as the table (省份 = 江苏 keeps o3, o4, o5)', () => {
    const filter = { dims: [{ column: '省份', values: ['江苏'] }], from: null, to: null };
    db.run(createFilterViewSql(d.table, filter, 'order_date'));
    const rfm = new RfmService(db);
    table(rfm, dim(0), dim(1)); // the whole table first: the cache must not answer for the view
    const t = table(rfm, dim(0), dim(1), { ...d, table: filterViewName(d.table, filter) });
    expect(t.rows.map((r) => r.value)).toEqual(['江苏']);
    // 制造: B 300 + C 80 (C's only row left is 江苏); 零售: A 50.
    expect(t.cols.map((c) => c.value)).toEqual(['制造', '零售']);
    expect(grid(t, 'customers')).toEqual([[2, 1]]);
    expect(grid(t, 'revenue')).toEqual([[380, 50]]);
  });
});
