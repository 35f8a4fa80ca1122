import { describe, expect, it } from 'vitest';
import { createNormalizer } from '../../../src/lib/ingest/normalize';
import type { ColumnMapping } from '../../../src/lib/ingest/types';

const tx = (columns: Partial<ColumnMapping['columns'][number]>[]): ColumnMapping => ({
  kind: 'transactions',
  columns: columns.map((c, index) => ({
    index,
    header: `h${index}`,
    type: 'text',
    role: 'ignore',
    ...c
  }))
});

const amountFile = tx([
  { role: 'customer_id' },
  { role: 'date', type: 'date', dateOrder: 'dmy' },
  { role: 'amount', type: 'number' },
  { role: 'profit', type: 'number' },
  { role: 'dimension', header: 'Region' },
  { role: 'ignore', header: 'Junk' }
]);
const priceFile = tx([
  { role: 'customer_id' },
  { role: 'date', type: 'date' },
  { role: 'quantity', type: 'number' },
  { role: 'unit_price', type: 'number' },
  { role: 'order_id' }
]);

describe('createNormalizer', () => {
  it('stores mapped roles, then dimensions; adds unmapped roles later', () => {
    const n = createNormalizer(amountFile);
    expect(n.columns.map((c) => c.name)).toEqual([
      'customer_id',
      'order_date',
      'amount',
      'profit',
      'Region'
    ]);
    expect(n.laterColumns.map((c) => c.name)).toEqual([
      'customer_name',
      'quantity',
      'unit_price',
      'order_id',
      'satisfaction',
      'nps'
    ]);
    expect(n.normalize([' 007 ', '05/01/2024', '¥1,234.50', '', ' East ', 'x'])).toEqual({
      ok: true,
      values: ['007', '2024-01-05', 1234.5, null, 'East']
    });
  });

  it.each([
    [['', '05/01/2024', '1', '', ''], 'missing_customer_id'],
    [['C1', '', '1', '', ''], 'missing_date'],
    [['C1', '2024-02-30', '1', '', ''], 'bad_date'],
    [['C1', '05/13/2024', '1', '', ''], 'date_order_conflict'],
    [['C1', '05/01/2024', '', '', ''], 'missing_amount'],
    [['C1', '05/01/2024', 'N/A', '', ''], 'missing_amount'],
    [['C1', '05/01/2024', 'twelve', '', ''], 'bad_amount'],
    [['C1', '05/01/2024', '1', 'lots', ''], 'bad_number']
  ])('rejects %j as %s', (row, reason) => {
    expect(createNormalizer(amountFile).normalize(row)).toEqual({ ok: false, reason });
  });

  it('treats NA-style cells in optional number columns as empty', () => {
    expect(
      createNormalizer(amountFile).normalize(['C1', '05/01/2024', '1', '-', ''])
    ).toMatchObject({
      ok: true,
      values: ['C1', '2024-01-05', 1, null, null]
    });
  });

  it('computes amount = quantity × unit price without binary noise, and keeps returns negative', () => {
    const n = createNormalizer(priceFile);
    expect(n.columns.map((c) => c.name)).toEqual([
      'customer_id',
      'order_date',
      'amount',
      'quantity',
      'unit_price',
      'order_id'
    ]);
    expect(n.normalize(['17850', '2010-12-01 08:26:00', '6', '2.55', '536365'])).toEqual({
      ok: true,
      values: ['17850', '2010-12-01', 15.3, 6, 2.55, '536365']
    });
    const ret = n.normalize(['17850', '2010-12-01', '-2', '2.55', 'C536379']);
    expect(ret.ok && ret.values[2]).toBe(-5.1);
    expect(n.normalize(['17850', '2010-12-01', '', '2.55', 'x'])).toEqual({
      ok: false,
      reason: 'bad_quantity'
    });
    expect(n.normalize(['17850', '2010-12-01', '1', 'free', 'x'])).toEqual({
      ok: false,
      reason: 'bad_unit_price'
    });
  });

  it('checks the required columns of customer-level files', () => {
    const n = createNormalizer({
      kind: 'customers',
      columns: [
        { index: 0, header: 'id', role: 'customer_id', type: 'text' },
        { index: 1, header: 'last', role: 'last_purchase_date', type: 'date' },
        { index: 2, header: 'f', role: 'frequency', type: 'integer' },
        { index: 3, header: 'm', role: 'monetary', type: 'number' }
      ]
    });
    // Every column of a customer table (kind-tables.ts), unmapped ones NULL.
    expect(n.normalize(['C1', '2024-03-01', '3', '99.5'])).toEqual({
      ok: true,
      values: [
        'C1',
        null,
        '2024-03-01',
        null,
        null,
        3,
        99.5,
        null,
        null,
        null,
        null,
        null,
        null,
        null
      ]
    });
    expect(n.normalize(['C1', '2024-03-01', '', '99.5'])).toEqual({
      ok: false,
      reason: 'missing_frequency'
    });
    expect(n.normalize(['C1', '2024-03-01', '3', ''])).toEqual({
      ok: false,
      reason: 'missing_monetary'
    });
    expect(n.normalize(['C1', '', '3', '1'])).toEqual({ ok: false, reason: 'missing_date' });
  });

  it('gives dimensions unique, non-clashing column names', () => {
    const n = createNormalizer(
      tx([
        { role: 'customer_id' },
        { role: 'date', type: 'date' },
        { role: 'amount', type: 'number' },
        { role: 'dimension', header: 'amount' },
        { role: 'dimension', header: 'Region' },
        { role: 'dimension', header: 'region' },
        { role: 'dimension', header: '' }
      ])
    );
    expect(n.columns.slice(3).map((c) => c.name)).toEqual([
      'amount_2',
      'Region',
      'region_2',
      'column_7'
    ]);
  });

  describe('checkUnreadable: what undecodable cells cost a row', () => {
    // 0 id, 1 name, 2 date, 3 amount, 4 order id, 5 profit, 6 region, 7 ignored
    const withName = tx([
      { role: 'customer_id' },
      { role: 'customer_name' },
      { role: 'date', type: 'date' },
      { role: 'amount', type: 'number' },
      { role: 'order_id' },
      { role: 'profit', type: 'number' },
      { role: 'dimension', header: 'Region' },
      { role: 'ignore' }
    ]);
    it.each([
      [[1], [1]], // the name: kept, warned
      [[4], [4]], // the order id is optional text
      [[6], [6]], // a dimension
      [[7], []], // not imported: nothing to say
      [
        [1, 6, 7],
        [1, 6]
      ],
      [[0], 'bad_encoding'], // the customer id is required
      [[2], 'bad_encoding'], // the date
      [[3], 'bad_encoding'], // the amount
      [[5], 'bad_encoding'], // an optional number cannot be read either
      [[1, 3], 'bad_encoding']
    ] as [number[], number[] | 'bad_encoding'][])('%j → %j', (columns, expected) => {
      expect(createNormalizer(withName).checkUnreadable(columns)).toEqual(expected);
    });

    it('rejects on quantity and unit price when they make the amount', () => {
      const n = createNormalizer(priceFile);
      expect(n.checkUnreadable([2])).toBe('bad_encoding');
      expect(n.checkUnreadable([3])).toBe('bad_encoding');
      expect(n.checkUnreadable([4])).toEqual([4]);
    });
  });
});
