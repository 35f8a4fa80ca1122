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
