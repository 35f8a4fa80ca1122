// Rows of the related kinds (DOMAIN §7) become the columns of kind-tables.ts exactly — every fixed
// column, NULL when unmapped, dimensions after — or a rejection with its reason.
import { describe, expect, it } from 'vitest';
import { createNormalizer } from '../../../src/lib/ingest/normalize';
import { createRelatedNormalizer } from '../../../src/lib/ingest/normalize-related';
import { KIND_COLUMNS } from '../../../src/lib/ingest/kind-tables';
import type { ColumnMapping, DatasetKind, Role, ValueType } from '../../../src/lib/ingest/types';

/** A mapping of `kind` whose columns are given as [header, role, type]. */
function mapping(kind: DatasetKind, cols: [string, Role, ValueType?][]): ColumnMapping {
  return {
    kind,
    columns: cols.map(([header, role, type], index) => ({
      index,
      header,
      role,
      type: type ?? 'text'
    }))
  };
}

describe('survey responses', () => {
  const n = createRelatedNormalizer(
    mapping('feedback', [
      ['客户编号', 'customer_id'],
      ['调查日期', 'date', 'date'],
      ['满意度', 'satisfaction', 'integer'],
      ['NPS', 'nps', 'integer'],
      ['评价', 'comment'],
      ['渠道', 'dimension']
    ])
  );

  it('writes customer_id, response_date, satisfaction, nps, comment, then the dimensions', () => {
    expect(n.columns.map((c) => c.name)).toEqual([
      'customer_id',
      'response_date',
      'satisfaction',
      'nps',
      'comment',
      '渠道'
    ]);
    expect(n.columns.slice(0, 5).map((c) => c.name)).toEqual(
      KIND_COLUMNS.feedback.map((c) => c.name)
    );
    expect(n.laterColumns).toEqual([]);
    expect(n.normalize([' C001 ', '2025年3月1日', '4', '9', '交货及时', ''])).toEqual({
      ok: true,
      values: ['C001', '2025-03-01', 4, 9, '交货及时', null]
    });
    // A response with NPS only.
    expect(n.normalize(['C002', '2025/3/2', '', '10', '', '电话'])).toEqual({
      ok: true,
      values: ['C002', '2025-03-02', null, 10, null, '电话']
    });
  });

  it.each([
    [['', '2025-03-01', '4', '9', '', ''], 'missing_customer_id'],
    [['C1', '', '4', '9', '', ''], 'missing_date'],
    [['C1', '2025-02-30', '4', '9', '', ''], 'bad_date'],
    [['C1', 'soon', '4', '9', '', ''], 'bad_date'],
    [['C1', '2025-03-01', '6', '9', '', ''], 'bad_score'],
    [['C1', '2025-03-01', '0', '9', '', ''], 'bad_score'],
    [['C1', '2025-03-01', '4', '11', '', ''], 'bad_score'],
    [['C1', '2025-03-01', '4', '-1', '', ''], 'bad_score'],
    [['C1', '2025-03-01', 'good', '9', '', ''], 'bad_score']
  ])('rejects %j: %s', (row, reason) => {
    expect(n.normalize(row)).toEqual({ ok: false, reason });
  });

  it('names the cell it could not read', () => {
    const row = ['C1', '2025-03-01', '4', '11', '', ''];
    expect(n.normalize(row)).toEqual({ ok: false, reason: 'bad_score' });
    expect(n.rejectedValue(row, 'bad_score')).toBe('11');
    expect(n.normalize(['C1', '', '4', '9', '', ''])).toMatchObject({ reason: 'missing_date' });
    expect(n.rejectedValue(['C1', '', '4', '9', '', ''], 'missing_date')).toBeUndefined();
  });
});

describe('complaints', () => {
  const n = createRelatedNormalizer(
    mapping('complaints', [
      ['Customer ID', 'customer_id'],
      ['Opened', 'opened_date', 'date'],
      ['Status', 'status'],
      ['Resolved', 'resolved_date', 'date']
    ])
  );

  it('writes every fixed column, the unmapped ones NULL, and keeps the status text as it is', () => {
    expect(n.columns.map((c) => [c.name, c.header])).toEqual([
      ['customer_id', 'Customer ID'],
      ['opened_date', 'Opened'],
      ['complaint_type', ''],
      ['status', 'Status'],
      ['resolved_date', 'Resolved'],
      ['owner', ''],
      ['comment', '']
    ]);
    expect(n.normalize(['C1', '2025-03-01', '处理中', '2025-03-04'])).toEqual({
      ok: true,
      values: ['C1', '2025-03-01', null, '处理中', '2025-03-04', null, null]
    });
    // Open: no resolved date. Resolved the same day is fine.
    expect(n.normalize(['C1', '2025-03-01', 'open', ''])).toMatchObject({ ok: true });
    expect(n.normalize(['C1', '2025-03-01', 'closed', '2025-03-01'])).toMatchObject({ ok: true });
  });

  it.each([
    [['C1', '', 'open', ''], 'missing_date'],
    [['C1', '2025-13-01', 'open', ''], 'bad_date'],
    [['C1', '2025-03-01', 'closed', 'yesterday'], 'bad_date'],
    [['C1', '2025-03-05', 'closed', '2025-03-04'], 'resolved_before_opened']
  ])('rejects %j: %s', (row, reason) => {
    expect(n.normalize(row)).toEqual({ ok: false, reason });
  });
});

describe('receivables', () => {
  const n = createRelatedNormalizer(
    mapping('receivables', [
      ['客户编号', 'customer_id'],
      ['到期日', 'due_date', 'date'],
      ['应收金额', 'amount', 'number'],
      ['已付金额', 'paid_amount', 'number']
    ])
  );
  it('reads money with symbols and separators; amount is required', () => {
    expect(n.normalize(['C1', '2025-02-04', '¥1,200.50', ''])).toEqual({
      ok: true,
      values: ['C1', '2025-02-04', 1200.5, null, null, null, null]
    });
    expect(n.normalize(['C1', '2025-02-04', '', '1'])).toEqual({
      ok: false,
      reason: 'missing_amount'
    });
    expect(n.normalize(['C1', '2025-02-04', 'lots', '1'])).toEqual({
      ok: false,
      reason: 'bad_amount'
    });
    expect(n.normalize(['C1', '', '100', ''])).toEqual({ ok: false, reason: 'missing_date' });
  });
});

describe('customer tables', () => {
  const master = createNormalizer(
    mapping('customers', [
      ['客户编号', 'customer_id'],
      ['客户名称', 'customer_name'],
      ['负责人', 'owner'],
      ['建档日期', 'created_date', 'date'],
      ['信用额度', 'credit_limit', 'integer'],
      ['行业', 'dimension']
    ])
  );

  it('a master writes all 14 fixed columns, then its dimensions', () => {
    expect(master.columns.map((c) => c.name)).toEqual([
      ...KIND_COLUMNS.customers.map((c) => c.name),
      '行业'
    ]);
    expect(master.normalize(['C1', '甲公司', '张伟', '2023/1/5', '50000', '制造业'])).toEqual({
      ok: true,
      values: [
        'C1',
        '甲公司',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        '张伟',
        '2023-01-05',
        null,
        null,
        50000,
        '制造业'
      ]
    });
    expect(master.normalize(['C1', '甲', '张伟', '', '', ''])).toMatchObject({ ok: true });
  });

  it.each([
    [['', '甲', '张伟', '2023-01-05', '1', ''], 'missing_customer_id'],
    [['C1', '甲', '张伟', '2023-02-29', '1', ''], 'bad_date'],
    [['C1', '甲', '张伟', '2023-01-05', 'many', ''], 'bad_amount']
  ])('a master rejects %j: %s', (row, reason) => {
    expect(master.normalize(row)).toEqual({ ok: false, reason });
  });

  const summary = createNormalizer(
    mapping('customers', [
      ['id', 'customer_id'],
      ['last', 'last_purchase_date', 'date'],
      ['f', 'frequency', 'integer'],
      ['m', 'monetary', 'number'],
      ['created', 'created_date', 'date']
    ])
  );
  const values = (last: string | null, f: number | null, m: number | null, created: string) => [
    'C1',
    null,
    last,
    null,
    null,
    f,
    m,
    null,
    null,
    null,
    created,
    null,
    null,
    null
  ];

  it('a summary keeps prospects (no purchase at all) and checks the rows that have one', () => {
    expect(summary.normalize(['C1', '2024-03-01', '3', '99.5', '2023-01-01'])).toEqual({
      ok: true,
      values: values('2024-03-01', 3, 99.5, '2023-01-01')
    });
    // Prospects: frequency empty or 0, no last purchase; spend empty or 0.
    expect(summary.normalize(['C1', '', '', '', '2025-05-01'])).toEqual({
      ok: true,
      values: values(null, null, null, '2025-05-01')
    });
    expect(summary.normalize(['C1', '', '0', '0', '2025-05-01'])).toEqual({
      ok: true,
      values: values(null, 0, 0, '2025-05-01')
    });
    // A buyer missing a purchase column is rejected, as before prospects existed.
    expect(summary.normalize(['C1', '2024-03-01', '', '99.5', ''])).toEqual({
      ok: false,
      reason: 'missing_frequency'
    });
    expect(summary.normalize(['C1', '2024-03-01', '3', '', ''])).toEqual({
      ok: false,
      reason: 'missing_monetary'
    });
    expect(summary.normalize(['C1', '', '3', '1', ''])).toEqual({
      ok: false,
      reason: 'missing_date'
    });
  });
});
