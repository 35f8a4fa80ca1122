// The satisfaction service on real sql.js: an imported orders CSV (with its own satisfaction/NPS
// columns on one row) + a survey table laid out as the import writes it → the view's figures,
// worked out by hand from DOMAIN §7, §7b and the RFM tiers of §4.
import type { Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from './import-fixture';
import { createRelatedTable } from './related-fixture';
import { DEFAULT_LIFECYCLE_THRESHOLDS, DEFAULT_SEGMENT_RULES } from '../../../src/lib/analysis';
import { buildResponsesSql } from '../../../src/lib/analysis/satisfaction';
import { RfmService } from '../../../src/lib/worker/rfm-service';
import {
  SatisfactionService,
  type SatisfactionSources
} from '../../../src/lib/worker/satisfaction-service';
import type { DatasetInfo, RfmKey, SatisfactionArgs } from '../../../src/lib/db/protocol';

// As-of 2025-03-25 (the day after the last order). Recency: A 200, B 100, C 10, D 300, E 1.
// Monetary A 1000, C 700, B 150, E 100, D 50 of 2000: cumulative before A 0, C 1000 → tier A;
// B 1700, E 1850 → B; D 1950 → C. E's order carries a satisfaction 5 and an NPS 10.
const ORDERS = `Customer ID,Order Date,Amount,Sales Rep,Satisfaction,NPS
A,2024-09-06,1000,张三,,
B,2024-12-15,150,李四,,
C,2025-03-15,700,张三,,
D,2024-05-29,50,李四,,
E,2025-03-24,100,李四,5,10
`;

const FEEDBACK = [
  ['A', '2025-01-10', 5, 10, '微信', '送货很快，服务很好'],
  ['A', '2025-03-05', 2, 6, '电话', '质量太差了'],
  ['B', '2025-01-05', 1, null, null, null],
  ['B', '2025-02-01', 4, 9, '微信', 'Great service'],
  ['C', '2025-02-15', 3, 7, '电话', null],
  [' C ', '2025-02-15', 4, null, '电话', '服务一般'],
  ['D', '2025-03-20', 1, 0, '微信', '服务态度差'],
  ['X', '2025-03-01', 5, 10, '微信', '不是客户'],
  // After the as-of date, and out of range: left out.
  ['A', '2025-04-02', 5, 10, '微信', null],
  ['B', '2025-03-10', 9, 11, null, null]
] as const;

let db: Database;
let d: DatasetInfo;
let src: SatisfactionSources;
beforeAll(async () => {
  ({ db, d } = await importCsv(ORDERS, 'orders'));
  const table = createRelatedTable(
    db,
    90,
    'feedback',
    FEEDBACK.map(([customer_id, response_date, satisfaction, nps, channel, comment]) => ({
      customer_id,
      response_date,
      satisfaction,
      nps,
      comment,
      渠道: channel
    })),
    ['渠道']
  );
  src = {
    feedback: { table, dimensions: [{ name: '渠道', header: '渠道' }] },
    customersTable: null
  };
});

const key = (): RfmKey => ({
  datasetId: d.id,
  asOf: '2025-03-25',
  scoring: { bins: 5, method: 'ranked' },
  rules: [...DEFAULT_SEGMENT_RULES],
  quadrantSplit: 'median',
  filter: null
});
const args = (groupBy: string): SatisfactionArgs => ({
  key: key(),
  feedbackId: 90,
  customersId: null,
  lifecycle: { ...DEFAULT_LIFECYCLE_THRESHOLDS },
  groupBy,
  grain: 'month'
});

describe('buildResponsesSql', () => {
  it('writes the survey part with its dimensions and binds the as-of date', () => {
    const q = buildResponsesSql({
      feedbackTable: 'ds2_feedback',
      feedbackDims: ['渠道'],
      ordersTable: null,
      asOf: '2025-03-25'
    });
    expect(q.params).toEqual(['2025-03-25']);
    expect(q.sql).toMatchInlineSnapshot(`
      "SELECT * FROM (
      SELECT TRIM(CAST(customer_id AS TEXT)) AS customer_id, response_date,
        CASE WHEN satisfaction BETWEEN 1 AND 5 THEN satisfaction END AS csat, CASE WHEN nps BETWEEN 0 AND 10 THEN nps END AS nps,
        NULLIF(TRIM(comment), '') AS comment, 0 AS source, row_no, "渠道" AS dim_0
      FROM "ds2_feedback"
      WHERE response_date IS NOT NULL AND response_date <= ?
        AND customer_id IS NOT NULL AND TRIM(CAST(customer_id AS TEXT)) <> ''
        AND (satisfaction BETWEEN 1 AND 5 OR nps BETWEEN 0 AND 10 OR NULLIF(TRIM(comment), '') IS NOT NULL)
      ) AS r
      ORDER BY customer_id, response_date, source, row_no"
    `);
  });

  it('reads both sources, trims ids, drops late and out-of-range answers', () => {
    const q = buildResponsesSql({
      feedbackTable: src.feedback!.table,
      feedbackDims: ['渠道'],
      ordersTable: d.table,
      asOf: '2025-03-25'
    });
    const stmt = db.prepare(q.sql);
    stmt.bind(q.params as (string | number | null)[]);
    const rows: unknown[][] = [];
    while (stmt.step()) rows.push(stmt.get());
    stmt.free();
    // 8 feedback rows on or before the as-of date (B's 9/11 row has neither answer nor comment)
    // and E's order (file row 6).
    expect(rows.length).toBe(9);
    expect(rows.filter((r) => r[0] === 'C').length).toBe(2);
    expect(rows.find((r) => r[5] === 1)).toEqual(['E', '2025-03-24', 5, 10, null, 1, 6, null]);
  });
});

describe('SatisfactionService', () => {
  it('answers CSAT and NPS by value tier, with the unmatched survey customer counted', () => {
    const s = new SatisfactionService(db, new RfmService(db)).summary(d, src, args('abc_tier'));
    // Matched answers: the 7 of A–D and E's order. CSAT 5,2,1,4,3,4,1,5 → 4/8.
    // NPS 10,6,9,7,0,10 → (3 − 2)/6 × 100.
    expect(s.overall.responses).toBe(8);
    expect(s.overall.csat).toBe(0.5);
    expect(s.overall.nps).toBeCloseTo(100 / 6, 10);
    expect(s.unmatched).toEqual({ responses: 1, customers: 1 });
    expect(s.sources).toEqual({ feedback: true, orders: true });
    // Tier A: A and C; B: B and E; C: D.
    expect(s.groups.map((g) => [g.key, g.responses, g.csat, g.nps])).toEqual([
      ['A', 4, 0.5, 0],
      ['B', 3, 2 / 3, 100],
      ['C', 1, 0, -100]
    ]);
    expect(s.ownerSource).toEqual({ kind: 'dimension', header: 'Sales Rep' });
    expect(s.choices.map((c) => c.value)).toEqual([
      'segment',
      'abc_tier',
      'lifecycle',
      'owner',
      '渠道',
      'Sales Rep'
    ]);
  });

  it('groups by owner and by the survey channel', () => {
    const service = new SatisfactionService(db, new RfmService(db));
    const byOwner = service.summary(d, src, args('owner')).groups;
    expect(byOwner.map((g) => [g.key, g.responses])).toEqual([
      ['张三', 4],
      ['李四', 4]
    ]);
    const byChannel = service.summary(d, src, args('渠道')).groups;
    // E's order answer has no channel: with B's first answer in the no-value group.
    expect(byChannel.map((g) => [g.key, g.responses])).toEqual([
      ['微信', 3],
      ['电话', 3],
      [null, 2]
    ]);
  });

  it('behaviour, lists and words', () => {
    const s = new SatisfactionService(db, new RfmService(db)).summary(d, src, args('segment'));
    // Latest CSAT 5: E (1 day); 4: B (100) and C (10) → median 55; 2: A (200, lapsed).
    expect(s.byCsat.map((b) => [b.key, b.customers, b.lapsed, b.medianDays])).toEqual([
      ['1', 1, 1, 300],
      ['2', 1, 1, 200],
      ['3', 0, 0, null],
      ['4', 2, 0, 55],
      ['5', 1, 0, 1]
    ]);
    expect(s.unhappy.map((x) => x.customerId)).toEqual(['A']);
    expect(s.idlePromoters.map((x) => x.customerId)).toEqual(['B']);
    // 服务 in three matched comments (the non-customer X's comment is not counted).
    expect(s.words[0]).toEqual({ word: '服务', comments: 3 });
  });

  it('finds comments by text and by word, newest first', () => {
    const service = new SatisfactionService(db, new RfmService(db));
    const base = { ...args('segment'), offset: 0, limit: 10 };
    const byWord = service.comments(d, src, { ...base, search: '', word: '服务' });
    expect(byWord.rows.map((r) => [r.customerId, r.date])).toEqual([
      ['D', '2025-03-20'],
      ['C', '2025-02-15'],
      ['A', '2025-01-10']
    ]);
    const bySearch = service.comments(d, src, { ...base, search: 'great', word: null });
    expect(bySearch.rows.map((r) => r.comment)).toEqual(['Great service']);
    expect(service.comments(d, src, { ...base, search: '', word: null }).total).toBe(5);
  });
});
