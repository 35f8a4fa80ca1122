// The call list service on real sql.js (DOMAIN §7c): an imported order file, a master, surveys,
// complaints and receivables laid out as the import writes them; every row and number worked out
// by hand from the DOMAIN text, and the per-owner workbook read back.
import type { Database } from 'sql.js';
import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from './import-fixture';
import { createRelatedTable } from './related-fixture';
import { DEFAULT_LIFECYCLE_THRESHOLDS, DEFAULT_SEGMENT_RULES } from '../../../src/lib/analysis';
import { KIND_COLUMNS } from '../../../src/lib/ingest/kind-tables';
import { RfmService } from '../../../src/lib/worker/rfm-service';
import { CallsService, type CallsSources } from '../../../src/lib/worker/calls-service';
import type { CallsKey, DatasetInfo, RfmKey } from '../../../src/lib/db/protocol';

// As of 2026-01-01 (no model: value at stake = revenue 2025-01-02 … 2026-01-01):
// A  100 on 1, 11, 21 Sep 2025: gaps 10, 10 → overdue after 20 days; 102 days since, not lapsed
//    (≤ 180). Spend: last 90 days (4 Oct – 1 Jan) 0, the year before 300 → usual 73.97 → drop.
//    Stake 300. Owner: rep X.
// B  one order of 500 on 1 Oct 2025: 92 days, > 60 and ≤ 180 → no second order. 1 Oct is in the
//    year before the last 90 days (which start 4 Oct): 0 since → a spend drop too. Stake 500.
// C  50 on 20 Dec 2025; master owner "Zed/Lee", birthday 3 Jan → in 2 days; an open complaint.
// D  200 on 5 Jan 2024 and 100 on 15 Dec 2025: first order's 2nd anniversary on 5 Jan (4 days);
//    NPS 4 on 1 Dec 2025 → detractor. Stake 100.
// E  1,000 on 1 Jan 2023 — the data's first day: no anniversary (before the data, probably), and
//    lapsed: not on the list.
// F  80 on 1 Dec 2025, invoice of 80 due 1 Nov 2025 unpaid → 61 days past due. Stake 80.
const CSV = `Customer ID,Order ID,Order Date,Amount,Sales Rep,Region
E,e1,2023-01-01,1000,Y,West
D,d1,2024-01-05,200,X,East
A,a1,2025-09-01,100,X,East
A,a2,2025-09-11,100,X,East
A,a3,2025-09-21,100,X,East
B,b1,2025-10-01,500,Y,West
F,f1,2025-12-01,80,Y,West
D,d2,2025-12-15,100,X,East
C,c1,2025-12-20,50,X,North
`;
const AS_OF = '2026-01-01';

let db: Database;
let src: CallsSources;
let rfm: RfmService;
const related = (id: number, kind: keyof typeof KIND_COLUMNS, table: string, dims: string[] = []) =>
  ({
    id,
    kind,
    table,
    importedAt: 'x',
    dimensions: dims.map((h) => ({ name: h, header: h })),
    columns: KIND_COLUMNS[kind].map((c) => ({ ...c, header: c.name }))
  }) as unknown as DatasetInfo;

beforeAll(async () => {
  const imported = await importCsv(CSV, 'orders');
  db = imported.db;
  rfm = new RfmService(db);
  const master = createRelatedTable(
    db,
    7,
    'customers',
    [{ customer_id: 'C', owner: 'Zed/Lee', birthday: '1985-01-03', 联系人: '王芳', 电话: '138' }],
    ['联系人', '电话']
  );
  const feedback = createRelatedTable(db, 8, 'feedback', [
    { customer_id: 'D', response_date: '2025-12-01', nps: 4 },
    { customer_id: 'A', response_date: '2025-12-01', nps: 9 }
  ]);
  const complaints = createRelatedTable(db, 9, 'complaints', [
    { customer_id: 'C', opened_date: '2025-12-28' }
  ]);
  const receivables = createRelatedTable(db, 10, 'receivables', [
    { customer_id: 'F', due_date: '2025-11-01', amount: 80 },
    { customer_id: 'B', due_date: '2026-02-01', amount: 500 } // not due yet
  ]);
  src = {
    d: imported.d,
    model: null,
    master: related(7, 'customers', master, ['联系人', '电话']),
    feedback: related(8, 'feedback', feedback),
    complaints: related(9, 'complaints', complaints),
    receivables: related(10, 'receivables', receivables)
  };
});

const key = (): CallsKey => {
  const r: RfmKey = {
    datasetId: src.d.id,
    asOf: AS_OF,
    scoring: { bins: 5, method: 'ranked' },
    rules: [...DEFAULT_SEGMENT_RULES],
    quadrantSplit: 'median',
    filter: null
  };
  return {
    rfm: r,
    model: null,
    related: { masterId: 7, feedbackId: 8, complaintsId: 9, receivablesId: 10 },
    lifecycle: { ...DEFAULT_LIFECYCLE_THRESHOLDS },
    slaDays: 7,
    rhythmFactor: 2,
    secondOrderDays: 60
  };
};
const ALL = { owner: null, reason: null, tier: null };

describe('CallsService', () => {
  it('lists every customer with a reason, highest value at stake first', () => {
    const list = new CallsService(db, rfm).list(src, { ...key(), view: ALL, limit: null });
    expect(
      list.rows.map((r) => [r.customerId, r.codes.join(' '), r.valueAtStake, r.owner])
    ).toEqual([
      ['B', 'spend_drop no_second_order', 500, 'Y'],
      ['A', 'overdue_rhythm spend_drop', 300, 'X'],
      ['D', 'detractor anniversary', 100, 'X'],
      ['F', 'receivable', 80, 'Y'],
      ['C', 'complaint anniversary', 50, 'Zed/Lee']
    ]);
    expect(list.stakeSource).toBe('revenue');
    expect(list.all).toEqual({ count: 5, valueAtStake: 1030 });
    expect(list.unavailable).toEqual(['probably_lapsed']);
    expect(list.byReason.anniversary).toEqual({ count: 2, valueAtStake: 150 });
    const a = list.rows[1];
    expect(a.region).toBe('East');
    expect(a.reasons[0]).toEqual({
      code: 'overdue_rhythm',
      medianGapDays: 10,
      daysSince: 102,
      purchaseDays: 3
    });
    expect(a.reasons[1]).toMatchObject({ code: 'spend_drop', recentSpend: 0 });
    expect((a.reasons[1] as { usualSpend: number }).usualSpend).toBeCloseTo((300 * 90) / 365, 9);
    const c = list.rows[4];
    expect(c.reasons).toEqual([
      { code: 'complaint', open: 1, overdue: 0, daysOpen: 4 },
      { code: 'anniversary', kind: 'birthday', date: '2026-01-03', inDays: 2, years: 41 }
    ]);
    expect(c.contacts).toEqual(['王芳', '138']);
    expect(list.contactHeaders).toEqual(['联系人', '电话']);
    expect(list.rows[2].reasons[1]).toEqual({
      code: 'anniversary',
      kind: 'first_purchase',
      date: '2026-01-05',
      inDays: 4,
      years: 2
    });
    expect(list.rows[3].reasons).toEqual([
      { code: 'receivable', overdueAmount: 80, maxDaysPastDue: 61 }
    ]);
  });

  it('a view keeps one owner, reason or tier; the limit cuts the rows, not the totals', () => {
    const s = new CallsService(db, rfm);
    const x = s.list(src, { ...key(), view: { ...ALL, owner: { value: 'X' } }, limit: 1 });
    expect(x.rows.map((r) => r.customerId)).toEqual(['A']);
    expect(x.total).toEqual({ count: 2, valueAtStake: 400 });
    expect(x.all.count).toBe(5);
    const anniversary = s.list(src, {
      ...key(),
      view: { ...ALL, reason: 'anniversary' },
      limit: null
    });
    expect(anniversary.rows.map((r) => r.customerId)).toEqual(['D', 'C']);
    expect(x.owners).toEqual([
      { owner: 'X', count: 2 },
      { owner: 'Y', count: 2 },
      { owner: 'Zed/Lee', count: 1 }
    ]);
  });

  it('exports one workbook with a sheet per owner, named for Excel', async () => {
    const blob = await new CallsService(db, rfm).exportList(src, {
      ...key(),
      view: ALL,
      format: 'xlsx',
      perOwner: true,
      locale: 'en',
      playbooks: {},
      handled: { A: ['overdue_rhythm', 'spend_drop'] }
    });
    const wb = XLSX.read(new Uint8Array(await blob.arrayBuffer()));
    // "/" is not allowed in a sheet name: Zed/Lee → Zed_Lee.
    expect(wb.SheetNames).toEqual(['Y', 'X', 'Zed_Lee']);
    const x = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.X);
    expect(x.map((r) => [r.customer_id, r.value_at_stake, r.handled])).toEqual([
      ['A', 300, 1],
      ['D', 100, 0]
    ]);
    expect(x[0].reasons).toBe(
      'Usually buys every 10 days; nothing for 102 days; Spend in the last 90 days 0.00, usually 73.97'
    );
    const z = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.Zed_Lee);
    expect(z[0]).toMatchObject({ customer_id: 'C', 联系人: '王芳', 电话: '138' });
  });

  it('exports one owner’s rows as CSV with the recommended action', async () => {
    const blob = await new CallsService(db, rfm).exportList(src, {
      ...key(),
      view: { ...ALL, owner: { value: 'Y' } },
      format: 'csv',
      perOwner: false,
      locale: 'zh-CN',
      playbooks: {},
      handled: {}
    });
    const lines = (await blob.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0].split(',').slice(0, 8)).toEqual([
      'customer_id',
      'customer_name',
      'owner',
      'region',
      'value_at_stake',
      'reason_codes',
      'reasons',
      'recommended_action'
    ]);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['B', 'F']);
    expect(lines[1]).toContain('2025年10月1日 首次下单，已 92 天未再下单');
  });
});
