// The scorecard service on real sql.js: an imported CSV → the scorecard, value at stake by book (DOMAIN
// §8 through the customer base query), and the books as XLSX with sheet names Excel accepts.
import * as XLSX from '@e965/xlsx';
import type { Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from './import-fixture';
import { DEFAULT_LIFECYCLE_THRESHOLDS, DEFAULT_SEGMENT_RULES } from '../../../src/lib/analysis';
import type { ScorecardRow } from '../../../src/lib/analysis/scorecard';
import type { ClvResult } from '../../../src/lib/analysis/clv/model';
import { RfmService } from '../../../src/lib/worker/rfm-service';
import { ScorecardService } from '../../../src/lib/worker/scorecard-service';
import type { DatasetInfo, RfmKey, ScorecardArgs } from '../../../src/lib/db/protocol';

// The rows of tests/unit/analysis/scorecard-fixture.ts (answers worked out there), as a file.
const CSV = `Customer ID,Order ID,Order Date,Amount,Sales Rep
A,a1,2024-03-10,100,X
A,a2,2025-02-05,50,X
A,a3,2025-03-03,70,X
A,a3,2025-03-03,30,Y
A,a4,2025-03-20,40,X
A,a5,2025-03-25,-15,X
B,b1,2025-03-05,200,Y
B,b2,2025-03-06,20,X
C,c1,2025-01-10,80,Y
C,c2,2025-03-15,60,Y
C,c2,2025-03-15,-60,Y
D,d1,2025-03-31,10,
E,e1,2025-01-20,90,Z
F,f1,2025-01-31,25,Z
G,g1,2025-01-31,10,Z
G,g2,2025-03-03,10,Z
H,h1,2025-04-05,500,X
`;
const AS_OF = '2025-04-01';

let db: Database;
let d: DatasetInfo;
let rep: string;
beforeAll(async () => {
  ({ db, d } = await importCsv(CSV, 'scorecard'));
  rep = d.dimensions.find((x) => x.header === 'Sales Rep')!.name;
});

const args = (over: Partial<ScorecardArgs> = {}): ScorecardArgs => ({
  datasetId: d.id,
  filter: null,
  asOf: AS_OF,
  dimension: rep,
  grain: 'month',
  period: '2025-03',
  lapseDays: 30,
  model: null,
  ...over
});
const rfmKey = (): RfmKey => ({
  datasetId: d.id,
  asOf: AS_OF,
  scoring: { bins: 5, method: 'ranked' },
  rules: [...DEFAULT_SEGMENT_RULES],
  quadrantSplit: 'median',
  filter: null
});
const byKey = (rows: ScorecardRow[]) => new Map(rows.map((r) => [r.key, r]));

describe('ScorecardService', () => {
  it('answers the scorecard of an imported file', () => {
    const s = new ScorecardService(db, new RfmService(db)).summary(d, args(), null);
    expect(s.rows.map((r) => [r.key, r.now.revenue, r.now.orders, r.now.active])).toEqual([
      ['Y', 230, 2, 2],
      ['X', 115, 3, 2],
      ['Z', 10, 1, 1],
      [null, 10, 1, 1]
    ]);
    expect(s.isIncomplete).toBe(false);
    expect(s.hasValueAtStake).toBe(false);
    expect(s.hasTargets).toBe(false);
  });

  it('sums the model’s value at stake by each customer’s own rep (DOMAIN §8)', () => {
    // Books: A has 5 X rows and 1 Y row → X; B has one Y row (03-05) and one X row (03-06): a tie,
    // the most recent row (X) decides → X; C → Y; E, F, G → Z; D has no rep.
    // Value at stake = clvIfAlive − clv: A 10, B 3, C 1.5, D 4, E 0.25.
    const customers = [
      ['A', 30, 20],
      ['B', 5, 2],
      ['C', 2, 0.5],
      ['D', 4, 0],
      ['E', 1, 0.75]
    ].map(([customerId, clvIfAlive, clv]) => ({ customerId, clvIfAlive, clv }));
    const model = { customers } as unknown as ClvResult;
    const s = new ScorecardService(db, new RfmService(db)).summary(
      d,
      args({
        model: {
          datasetId: d.id,
          calibrationEnd: AS_OF,
          months: 12,
          monthlyDiscount: 0.01,
          filter: null
        }
      }),
      model
    );
    const rows = byKey(s.rows);
    // X: A 10 + B 3 = 13; Y: C 1.5; Z: E 0.25; no rep: D 4.
    expect([...['X', 'Y', 'Z', null].map((k) => rows.get(k)!.valueAtStake)]).toEqual([
      13, 1.5, 0.25, 4
    ]);
    expect(s.hasValueAtStake).toBe(true);
  });

  it('carries targets through and checks the period', () => {
    const service = new ScorecardService(db, new RfmService(db));
    const s = service.summary(d, args({ targets: [['X', 230]] }), null);
    expect(byKey(s.rows).get('X')!.attainment).toBe(0.5); // 115 / 230
    expect(s.hasTargets).toBe(true);
    expect(() => service.summary(d, args({ period: '2025-Q1' }), null)).toThrow();
    expect(() => service.summary(d, args({ dimension: 'nope' }), null)).toThrow();
  });

  it('exports one rep’s book and every rep’s book, a sheet each', async () => {
    const service = new ScorecardService(db, new RfmService(db));
    const base = {
      key: rfmKey(),
      model: null,
      filter: null,
      dimension: rep,
      locale: 'en' as const,
      lifecycle: { ...DEFAULT_LIFECYCLE_THRESHOLDS }
    };
    const read = async (blob: Blob) =>
      XLSX.read(new Uint8Array(await blob.arrayBuffer()), { type: 'array' });
    const one = await read(
      await service.exportBooks(d, { ...base, bookKey: { value: 'X' } }, undefined)
    );
    expect(one.SheetNames).toEqual(['X']);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(one.Sheets.X, { header: 1 });
    expect(rows[0].slice(0, 3)).toEqual(['customer_id', 'customer_name', 'recency_days']);
    expect(rows[0]).toContain('Sales Rep');
    // X's book: A (spend 100 + 50 + 70 + 30 + 40 − 15 = 275) then B (220), by spend.
    expect(rows.slice(1).map((r) => r[0])).toEqual(['A', 'B']);

    const all = await read(await service.exportBooks(d, { ...base, bookKey: null }, undefined));
    // By book spend: X (A 275 + B 220), Z (E 90, F 25, G 20), Y (C 80; its c2 nets 0), none (D 10).
    expect(all.SheetNames).toEqual(['X', 'Z', 'Y', '(no value)']);
  });
});

describe('book sheet names', () => {
  it('are valid for Excel and unique, whatever the values', async () => {
    const long = '华东大区第一销售团队（上海、江苏、浙江、安徽）重点客户组';
    const values = ['East/West', 'East\\West', '[Team]*1?', 'a:b', long, 'History', 'x'];
    const csv =
      'Customer ID,Order Date,Amount,Sales Rep\n' +
      values.map((v, i) => `C${i},2025-01-0${i + 1},${100 - i},"${v}"`).join('\n');
    const { db: db2, d: d2 } = await importCsv(csv, 'names');
    const service = new ScorecardService(db2, new RfmService(db2));
    const blob = await service.exportBooks(
      d2,
      {
        key: { ...rfmKey(), datasetId: d2.id, asOf: '2025-02-01' },
        model: null,
        filter: null,
        dimension: d2.dimensions[0].name,
        bookKey: null,
        locale: 'zh-CN',
        lifecycle: { ...DEFAULT_LIFECYCLE_THRESHOLDS }
      },
      undefined
    );
    const book = XLSX.read(new Uint8Array(await blob.arrayBuffer()), { type: 'array' });
    // By spend (100, 99, …): / and \ become _, the second East_West is numbered; [ ] * ? : become
    // _; the long name is cut to 31 characters; History is reserved by Excel.
    expect(book.SheetNames).toEqual([
      'East_West',
      'East_West (2)',
      '_Team__1_',
      'a_b',
      long.slice(0, 31),
      'History_',
      'x'
    ]);
    for (const name of book.SheetNames) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(new Set(book.SheetNames.map((n) => n.toLowerCase())).size).toBe(values.length);
  });
});
