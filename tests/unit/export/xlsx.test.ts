// Workbook writing, checked by reading the bytes back with SheetJS: cell types, safe text, panes.
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import type { ScoredCustomer } from '../../../src/lib/analysis/types';
import { customerExportHeader, customerExportRows } from '../../../src/lib/export/customers';
import { sanitizeSheetName, toXlsx, type XlsxSheet } from '../../../src/lib/export/xlsx';

const header = ['customer_id', '客户名称', 'monetary', 'note'];
const rows: XlsxSheet['rows'] = [
  ['001', '上海星辰贸易有限公司', 1234.5, '=SUM(A1)'],
  ['002', '北京', -5, '+86 138 0000 0000'],
  ['1e3', null, 0, '@cmd'],
  ['=1+1', '\tTabbed', Number.NaN, '-5']
];

function readBack(bytes: Uint8Array) {
  return XLSX.read(bytes, { type: 'array', cellStyles: true });
}

function sheetXml(bytes: Uint8Array, index = 1): string {
  const zip = XLSX.CFB.read(bytes, { type: 'array' });
  const i = zip.FullPaths.findIndex((p: string) => p.endsWith(`/xl/worksheets/sheet${index}.xml`));
  return new TextDecoder().decode(zip.FileIndex[i].content as Uint8Array);
}

describe('toXlsx', () => {
  const bytes = toXlsx([{ name: 'Customers', header, rows }]);
  const wb = readBack(bytes);
  const ws = wb.Sheets.Customers;

  it('writes the header exactly, as text cells', () => {
    expect(wb.SheetNames).toEqual(['Customers']);
    expect(XLSX.utils.sheet_to_json(ws, { header: 1 })[0]).toEqual(header);
    expect(ws.B1).toMatchObject({ t: 's', v: '客户名称' });
  });

  it('keeps text as text: leading zeros, number-like and Chinese text intact', () => {
    expect(ws.A2).toMatchObject({ t: 's', v: '001' });
    expect(ws.A4).toMatchObject({ t: 's', v: '1e3' });
    expect(ws.B2).toMatchObject({ t: 's', v: '上海星辰贸易有限公司' });
  });

  it('writes numbers as numeric cells, negatives included', () => {
    expect(ws.C2).toMatchObject({ t: 'n', v: 1234.5 });
    expect(ws.C3).toMatchObject({ t: 'n', v: -5 });
    expect(ws.C4).toMatchObject({ t: 'n', v: 0 });
  });

  it('writes no float noise and no negative zero in numeric cells', () => {
    const book = readBack(
      toXlsx([{ name: 'n', header: ['x'], rows: [[0.1 + 0.2], [375459273.30000013], [-0]] }])
    );
    const sheet = book.Sheets.n;
    expect([sheet.A2.v, sheet.A3.v, Object.is(sheet.A4.v, 0)]).toEqual([0.3, 375459273.3, true]);
  });

  it.each([
    ['D2', "'=SUM(A1)"],
    ['D3', "'+86 138 0000 0000"],
    ['D4', "'@cmd"],
    ['D5', "'-5"],
    ['A5', "'=1+1"],
    ['B5', "'\tTabbed"]
  ])('writes formula-like text in %s as the text %j, never a formula', (ref, text) => {
    expect(ws[ref]).toMatchObject({ t: 's', v: text });
    expect(ws[ref].f).toBeUndefined();
  });

  it('leaves null and non-finite numbers empty', () => {
    expect(ws.B4).toBeUndefined();
    expect(ws.C5).toBeUndefined();
    expect(ws['!ref']).toBe('A1:D5');
  });

  it('freezes the header row and puts an autofilter on it', () => {
    const xml = sheetXml(bytes);
    expect(xml).toContain(
      '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    );
    expect(xml).toContain('<autoFilter ref="A1:D5"/>');
  });

  it('sizes columns to their content, wider for Chinese', () => {
    const wch = wb.Sheets.Customers['!cols']!.map((c) => c.wch ?? c.width);
    expect(wch).toHaveLength(4);
    // '上海星辰贸易有限公司' is 10 wide characters: 20 units + 2 of padding.
    expect(wch[1]).toBeGreaterThanOrEqual(20);
    expect(wch[0]).toBeLessThan(wch[1]!);
    expect(Math.max(...(wch as number[]))).toBeLessThanOrEqual(61);
  });

  it('is a compressed zip', () => {
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(bytes[8]).toBe(8); // compression method of the first entry: deflate
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.byteLength).toBe(bytes.buffer.byteLength);
  });

  it('writes several sheets, each frozen, with valid and distinct names', () => {
    const out = toXlsx([
      { name: 'Segments: 2024/Q1 [draft]?', header: ['a'], rows: [[1]] },
      { name: 'segments: 2024/q1 [draft]?', header: ['b'], rows: [['x']] },
      { name: '', header: [], rows: [] }
    ]);
    const book = readBack(out);
    expect(book.SheetNames).toEqual([
      'Segments_ 2024_Q1 _draft__',
      'segments_ 2024_q1 _draft__ (2)',
      'Sheet'
    ]);
    expect(book.Sheets[book.SheetNames[1]].A2).toMatchObject({ t: 's', v: 'x' });
    for (const i of [1, 2, 3]) expect(sheetXml(out, i)).toContain('state="frozen"');
  });

  it('cuts text to Excel’s 32,767 characters per cell', () => {
    const out = readBack(toXlsx([{ name: 'S', header: ['t'], rows: [['x'.repeat(40_000)]] }]));
    expect((out.Sheets.S.A2.v as string).length).toBe(32_767);
  });

  it('needs at least one sheet', () => {
    expect(() => toXlsx([])).toThrow(RangeError);
  });

  it('round-trips the customer export with its exact header', () => {
    const c: ScoredCustomer = {
      customerId: '007',
      customerName: '杭州云帆',
      firstPurchase: '2024-01-05',
      lastPurchase: '2024-06-30',
      recencyDays: 3,
      frequency: 2,
      monetary: -12.5,
      dims: ['华东'],
      rScore: 5,
      fScore: 2,
      mScore: 1,
      rfmCode: '521',
      rfmSum: 8,
      segment: 'new_customers',
      class8: 'general_development',
      quadrant: 'low',
      abc: 'C'
    };
    const opts = {
      locale: 'zh-CN' as const,
      segmentName: () => '新客户',
      dimensionHeaders: ['地区']
    };
    const head = customerExportHeader(opts);
    const book = readBack(
      toXlsx([{ name: '客户', header: head, rows: customerExportRows([c], opts) }])
    );
    const [h, r] = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['客户'], { header: 1 });
    expect(h).toEqual(head);
    expect(r).toEqual([
      '007',
      '杭州云帆',
      3,
      2,
      -12.5,
      5,
      2,
      1,
      '521',
      '新客户',
      '一般发展客户',
      '低价值客户',
      'C',
      undefined,
      '2024-01-05',
      '2024-06-30',
      '华东'
    ]);
    expect(book.Sheets['客户'].I2).toMatchObject({ t: 's', v: '521' });
    expect(book.Sheets['客户'].O2).toMatchObject({ t: 's', v: '2024-01-05' });
  });
});

describe('sanitizeSheetName', () => {
  it.each([
    ['Customers', 'Customers'],
    ['a[b]c:d*e?f/g\\h', 'a_b_c_d_e_f_g_h'],
    ["'quoted'", 'quoted'],
    ['   ', 'Sheet'],
    ['History', 'History_'],
    ['history', 'History_'],
    ['x'.repeat(40), 'x'.repeat(31)],
    ['客户'.repeat(20), '客户'.repeat(15) + '客'],
    ['a'.repeat(30) + '😀', 'a'.repeat(30)],
    ['line\nbreak', 'line_break']
  ])('%j → %j', (name, expected) => {
    const clean = sanitizeSheetName(name);
    expect(clean).toBe(expected);
    expect(clean.length).toBeLessThanOrEqual(31);
  });
});
