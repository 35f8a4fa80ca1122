// Generic "table as CSV": labels as header, typed cells, the shared CSV rules.
import { describe, expect, it } from 'vitest';
import { tableCells, tableToCsv, type TableColumn } from '../../../src/lib/export/tables';

const columns: TableColumn[] = [
  { key: 'segment', label: '客户分群' },
  { key: 'customers', label: 'Customers' },
  { key: 'share', label: 'Share' }
];

describe('tableToCsv', () => {
  it('writes the labels as header, in column order, with BOM and CRLF', () => {
    const rows = [
      { share: 0.25, segment: '核心客户', customers: 12, extra: 'ignored' },
      { segment: 'Lost, for now', customers: 3, share: 0.1 + 0.2 }
    ];
    expect(tableToCsv(columns, rows)).toBe(
      '\uFEFF客户分群,Customers,Share\r\n核心客户,12,0.25\r\n"Lost, for now",3,0.3\r\n'
    );
  });

  it('defends text against formulas but keeps numbers numeric', () => {
    const csv = tableToCsv(columns, [{ segment: '-5', customers: -5, share: '@x' }]);
    expect(csv.split('\r\n')[1]).toBe("'-5,-5,'@x");
  });

  it('writes a header only for no rows', () => {
    expect(tableToCsv(columns, [])).toBe('\uFEFF客户分群,Customers,Share\r\n');
  });
});

describe('rounding by column kind', () => {
  it('rounds money to 2, rates to 4, expected counts to 3, integers whole', () => {
    const cols: TableColumn[] = [
      { key: 'revenue', label: 'Revenue', kind: 'money' },
      { key: 'share', label: 'Share', kind: 'rate' },
      { key: 'expected', label: 'Expected', kind: 'expected' },
      { key: 'orders', label: 'Orders', kind: 'int' },
      { key: 'raw', label: 'Raw' }
    ];
    const rows = [
      {
        revenue: 375459273.30000013,
        share: 1.2e-15,
        expected: 1.00049,
        orders: 4.9999999,
        raw: 0.1 + 0.2
      },
      { revenue: -0.000001, share: 0.123456, expected: Number.NaN, orders: -0, raw: 1.2e-15 }
    ];
    expect(tableCells(cols, rows)).toEqual([
      [375459273.3, 0, 1, 5, 0.3],
      [0, 0.1235, null, 0, 1.2e-15]
    ]);
    expect(tableToCsv(cols, rows).split('\r\n')[2]).toBe('0,0.1235,,0,1.2e-15');
  });
});

describe('tableCells', () => {
  it.each<[unknown, string | number | null]>([
    ['001', '001'],
    [42, 42],
    [-1.5, -1.5],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
    [null, null],
    [undefined, null],
    [true, 'true'],
    [10n, 10],
    [2n ** 64n, '18446744073709551616'],
    [new Date(Date.UTC(2024, 0, 5)), '2024-01-05'],
    [new Date(Number.NaN), null],
    [{ a: 1 }, '{"a":1}'],
    [[1, 2], '[1,2]']
  ])('%o → %o', (value, expected) => {
    expect(tableCells([{ key: 'v', label: 'V' }], [{ v: value }])).toEqual([[expected]]);
  });

  it('leaves a missing key empty', () => {
    expect(tableCells(columns, [{ segment: 'x' }])).toEqual([['x', null, null]]);
  });
});
