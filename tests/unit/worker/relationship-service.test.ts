// The relationship service on real sql.js: an imported orders CSV beside a customer master (and
// survey, complaint, receivable tables) laid out as the import writes them; classes, conversion,
// the list export and one customer's profile, checked against values worked out by hand.
import type { Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from './import-fixture';
import { createRelatedTable } from './related-fixture';
import { DEFAULT_LIFECYCLE_THRESHOLDS, DEFAULT_SEGMENT_RULES } from '../../../src/lib/analysis';
import { KIND_COLUMNS, type RelatedKind } from '../../../src/lib/ingest/kind-tables';
import { RfmService } from '../../../src/lib/worker/rfm-service';
import { RelationshipService } from '../../../src/lib/worker/relationship-service';
import type { DatasetInfo, RfmKey } from '../../../src/lib/db/protocol';
import type { RelationshipArgs } from '../../../src/lib/db/relation-protocol';

// Orders up to 2025-06-30 (the default as-of date is the day after the last date: 2025-07-01).
const CSV = `Customer ID,Order ID,Order Date,Amount,Sales Rep,Product Category,Profit,Satisfaction
A,a1,2025-01-05,100,张伟,办公,20,
A,a2,2025-06-01,300,张伟,家具,-10,4
B,b1,2025-04-02,50,王芳,办公,5,
C,c1,2025-02-01,-40,王芳,办公,,
E,e1,2025-06-30,80,李娜,家具,8,2
`;
const AS_OF = '2025-07-01';

let db: Database;
let d: DatasetInfo;

/** A related dataset's catalog entry for a table made by createRelatedTable. */
function related(id: number, kind: RelatedKind, dims: string[] = []): DatasetInfo {
  const columns = [
    ...KIND_COLUMNS[kind].map((c) => ({
      name: c.name,
      header: c.name,
      role: c.role,
      type: c.type
    })),
    ...dims.map((h) => ({ name: h, header: h, role: 'dimension', type: 'text' as const }))
  ];
  return {
    ...d,
    id,
    kind: kind === 'customers' ? 'customers' : kind,
    name: kind,
    table: `ds${id}_${kind}`,
    columns,
    dimensions: dims.map((h) => ({ name: h, header: h }))
  } as DatasetInfo;
}

let master: DatasetInfo;
let feedback: DatasetInfo;
let complaints: DatasetInfo;
let receivables: DatasetInfo;

beforeAll(async () => {
  ({ db, d } = await importCsv(CSV, 'orders'));
  createRelatedTable(
    db,
    90,
    'customers',
    [
      // A: owner in the master; first purchase 2025-01-05 → 177 days before the as-of: existing.
      {
        customer_id: 'A',
        customer_name: '甲公司',
        owner: '赵六',
        created_date: '2024-12-20',
        行业: '制造'
      },
      // B: blank owner → the orders' rep 王芳; first purchase 2025-04-02 → 90 days: new.
      { customer_id: ' B ', owner: '', created_date: '2025-01-02', 行业: '零售' },
      // C: only a return → prospect; created in January, never bought.
      { customer_id: 'C', owner: '王芳', created_date: '2025-01-20', 行业: '零售' },
      // P: a prospect who never ordered.
      {
        customer_id: 'P',
        customer_name: '潜在公司',
        owner: '赵六',
        created_date: '2025-06-15',
        credit_limit: 5000,
        行业: '制造'
      }
    ],
    ['行业']
  );
  master = related(90, 'customers', ['行业']);
  createRelatedTable(db, 91, 'feedback', [
    { customer_id: 'A', response_date: '2025-06-05', satisfaction: 2, nps: 3, comment: '送货太慢' },
    { customer_id: 'A', response_date: '2025-08-01', satisfaction: 5, nps: 10, comment: 'later' }
  ]);
  feedback = related(91, 'feedback');
  createRelatedTable(db, 92, 'complaints', [
    { customer_id: 'A', opened_date: '2025-06-20', complaint_type: '物流' },
    { customer_id: 'A', opened_date: '2025-05-01', resolved_date: '2025-05-04' }
  ]);
  complaints = related(92, 'complaints');
  createRelatedTable(db, 93, 'receivables', [
    { customer_id: 'A', invoice_no: 'INV1', due_date: '2025-06-01', amount: 300, paid_amount: 100 }
  ]);
  receivables = related(93, 'receivables');
});

const args = (over: Partial<RelationshipArgs> = {}): RelationshipArgs => ({
  ordersId: d.id,
  masterId: 90,
  asOf: AS_OF,
  filter: null,
  newDays: 90,
  grouping: { by: 'owner' },
  ...over
});

describe('RelationshipService', () => {
  it('classes the master and the buying customers (DOMAIN §7b)', () => {
    const s = new RelationshipService(db).summary({ orders: d, filtered: d, master }, args());
    // existing A; new B (90 days) and E (not in the master, 1 day); prospects C and P.
    expect(s.counts).toEqual({ existing: 1, new: 2, prospect: 2 });
    expect(s.notInMaster).toBe(1);
    expect(s.masterCustomers).toBe(4);
    expect(s.groups).toEqual([
      { key: '王芳', existing: 0, new: 1, prospect: 1, total: 2 },
      { key: '赵六', existing: 1, new: 0, prospect: 1, total: 2 },
      { key: '李娜', existing: 0, new: 1, prospect: 0, total: 1 }
    ]);
    expect(s.attributes).toEqual(['行业', 'Sales Rep', 'Product Category']);
    // Dec: A created 12-20, bought 01-05 (16 days). Jan: B (01-02 → 04-02 = 90 days, counts) and C
    // (never). Jun: P (never; window open).
    expect(s.conversion.map((r) => [r.month, r.created, r.converted, r.medianDays])).toEqual([
      ['2024-12', 1, 1, 16],
      ['2025-01', 2, 1, 90],
      ['2025-06', 1, 0, null]
    ]);
  });

  it('with newDays 89, B is existing', () => {
    const s = new RelationshipService(db).summary(
      { orders: d, filtered: d, master },
      args({ newDays: 89 })
    );
    expect(s.counts).toEqual({ existing: 2, new: 1, prospect: 2 });
  });

  it('groups by a master attribute and lists a group with the master columns', async () => {
    const service = new RelationshipService(db);
    const grouping = { by: 'attribute', header: '行业' } as const;
    const s = service.summary({ orders: d, filtered: d, master }, args({ grouping }));
    expect(s.groups.map((g) => [g.key, g.total])).toEqual([
      ['制造', 2],
      ['零售', 2],
      [null, 1]
    ]);
    const list = args({ grouping });
    const page = service.customers(
      { orders: d, filtered: d, master },
      { ...list, cls: 'prospect', group: { value: '制造' } },
      0,
      10
    );
    expect(page.rows.map((r) => r.customerId)).toEqual(['P']);
    const blob = await service.exportList(
      { orders: d, filtered: d, master },
      { ...list, cls: 'prospect', group: null },
      'csv',
      'zh-CN'
    );
    const lines = (await blob.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      'customer_id,customer_name,class,owner,first_purchase,created_date,status,birthday,credit_limit,in_master,行业,Sales Rep,Product Category'
    );
    expect(lines.slice(1)).toEqual([
      'C,,潜在客户,王芳,,2025-01-20,,,,1,零售,王芳,办公',
      'P,潜在公司,潜在客户,赵六,,2025-06-15,,,5000,1,制造,,'
    ]);
  });

  it('assembles one customer’s profile', () => {
    const rfm = new RfmService(db);
    const key: RfmKey = {
      datasetId: d.id,
      asOf: AS_OF,
      scoring: { bins: 5, method: 'ranked' },
      rules: [...DEFAULT_SEGMENT_RULES],
      quadrantSplit: 'median',
      filter: null
    };
    const profileArgs = {
      key,
      customerId: 'A',
      related: { masterId: 90, feedbackId: 91, complaintsId: 92, receivablesId: 93 },
      lifecycle: { ...DEFAULT_LIFECYCLE_THRESHOLDS },
      model: null,
      complaintSlaDays: 7,
      mixHeader: null
    };
    const p = new RelationshipService(db).profile(
      d,
      { master, feedback, complaints, receivables },
      profileArgs,
      rfm.customer(d, key, 'A'),
      null
    );
    expect(p.owner).toBe('赵六');
    expect(p.cls).toBe('existing');
    expect(p.stage).toBe('repeat'); // 2 orders, last 30 days ago, first 177 days ago
    expect(p.attributes?.find((a) => a.header === '行业')?.value).toBe('制造');
    expect(p.attributes?.find((a) => a.role === 'created_date')?.value).toBe('2024-12-20');
    expect(p.monthly.map((m) => m.amount)).toEqual([100, 0, 0, 0, 0, 300, 0]);
    expect(p.mix).toEqual({
      header: 'Product Category',
      rows: [
        { value: '家具', amount: 300, share: 0.75 },
        { value: '办公', amount: 100, share: 0.25 }
      ]
    });
    // The response after the as-of date is not shown; the order's own answer is.
    expect(p.surveys.map((s) => [s.date, s.csat, s.nps, s.source])).toEqual([
      ['2025-06-05', 2, 3, 'feedback'],
      ['2025-06-01', 4, null, 'orders']
    ]);
    // 06-20 → 07-01: open 11 days > 7: overdue; 05-01 → 05-04 resolved in 3 days.
    expect(p.complaints?.map((c) => [c.status, c.days])).toEqual([
      ['overdue', 11],
      ['resolved', 3]
    ]);
    expect(p.receivables).toEqual([
      { invoiceNo: 'INV1', dueDate: '2025-06-01', amount: 300, outstanding: 200, daysPastDue: 30 }
    ]);
    expect(p.profit).toEqual({ profit: 10, revenue: 400, margin: 0.025 });
  });

  it('gives a prospect a profile of attributes and no orders', () => {
    const rfm = new RfmService(db);
    const key: RfmKey = {
      datasetId: d.id,
      asOf: AS_OF,
      scoring: { bins: 5, method: 'ranked' },
      rules: [...DEFAULT_SEGMENT_RULES],
      quadrantSplit: 'median',
      filter: null
    };
    const p = new RelationshipService(db).profile(
      d,
      { master, feedback: null, complaints: null, receivables: null },
      {
        key,
        customerId: 'P',
        related: { masterId: 90, feedbackId: null, complaintsId: null, receivablesId: null },
        lifecycle: { ...DEFAULT_LIFECYCLE_THRESHOLDS },
        model: null,
        complaintSlaDays: 7,
        mixHeader: null
      },
      rfm.customer(d, key, 'P'),
      null
    );
    expect(p.cls).toBe('prospect');
    expect(p.customer).toBeNull();
    expect(p.orders).toEqual([]);
    expect(p.name).toBe('潜在公司');
    expect(p.attributes?.find((a) => a.role === 'credit_limit')?.value).toBe(5000);
    expect(p.complaints).toBeNull();
    expect(p.profit).toBeNull(); // no profit rows of P
  });
});
