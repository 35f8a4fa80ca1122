// Workbook reading: zip guard, header below titles, subtotals, merges, dates in any time zone, .xls.
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import {
  cellToText,
  checkZipSizes,
  listSheets,
  openWorkbook,
  readSheet,
  serialToIso,
  type SheetTable
} from '../../../src/lib/ingest/parse-xlsx';

type Aoa = unknown[][];

function book(sheets: Record<string, XLSX.WorkSheet>, date1904 = false): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  for (const [name, ws] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, ws, name);
  if (date1904) wb.Workbook = { ...wb.Workbook, WBProps: { date1904: true } };
  return wb;
}

const sheet = (aoa: Aoa) => XLSX.utils.aoa_to_sheet(aoa, { cellDates: true });
const write = (wb: XLSX.WorkBook, bookType: XLSX.BookType = 'xlsx') =>
  new Uint8Array(XLSX.write(wb, { type: 'array', bookType }));

function table(bytes: Uint8Array, name = 'S'): SheetTable {
  const read = readSheet(bytes, name);
  if (!read.ok) throw new Error(`readSheet failed: ${read.reason} ${read.detail ?? ''}`);
  return read.table;
}

/** A zip holding one stored entry whose central directory declares the given sizes. */
function zipDeclaring(size: number, compressed: number, zip64Eocd = false): Uint8Array {
  const out: number[] = [];
  /** Little-endian fields given as [byte width, value] pairs. */
  const put = (...fields: [2 | 4 | 8, number][]) => {
    for (const [width, value] of fields) {
      for (let k = 0; k < width; k++) out.push(Math.floor(value / 2 ** (8 * k)) % 256);
    }
  };
  const name = [...new TextEncoder().encode('xl/worksheets/sheet1.xml')];
  const isBig = size >= 0xffffffff || compressed >= 0xffffffff;
  put([4, 0x04034b50], [2, 20], [2, 0], [2, 0], [4, 0], [4, 0], [4, 4], [4, 4]);
  put([2, name.length], [2, 0]);
  out.push(...name, 0x3c, 0x61, 0x2f, 0x3e); // "<a/>"
  const cdOffset = out.length;
  put([4, 0x02014b50], [2, 45], [2, 45], [2, 0], [2, 8], [4, 0], [4, 0]);
  put([4, isBig ? 0xffffffff : compressed], [4, isBig ? 0xffffffff : size]);
  put([2, name.length], [2, isBig ? 20 : 0], [2, 0], [2, 0], [2, 0], [4, 0], [4, 0]);
  out.push(...name);
  if (isBig) put([2, 0x0001], [2, 16], [8, size], [8, compressed]);
  const cdSize = out.length - cdOffset;
  if (zip64Eocd) {
    const eocd64 = out.length;
    put([4, 0x06064b50], [8, 44], [2, 45], [2, 45], [4, 0], [4, 0], [8, 1], [8, 1]);
    put([8, cdSize], [8, cdOffset]);
    put([4, 0x07064b50], [4, 0], [8, eocd64], [4, 1]);
  }
  const entries = zip64Eocd ? 0xffff : 1;
  put([4, 0x06054b50], [2, 0], [2, 0], [2, entries], [2, entries]);
  put([4, zip64Eocd ? 0xffffffff : cdSize], [4, zip64Eocd ? 0xffffffff : cdOffset], [2, 0]);
  return new Uint8Array(out);
}

/** Rewrite the `<dimension>` of the first sheet of an xlsx (SheetJS writes the real one). */
function withDeclaredRef(bytes: Uint8Array, ref: string): Uint8Array {
  const zip = XLSX.CFB.read(bytes, { type: 'array' });
  const path = (zip.FullPaths as string[]).findIndex((p) => p.endsWith('xl/worksheets/sheet1.xml'));
  const entry = zip.FileIndex[path];
  const xml = new TextDecoder()
    .decode(entry.content)
    .replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="${ref}"/>`);
  entry.content = new TextEncoder().encode(xml);
  entry.size = entry.content.length;
  return new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'array' }));
}

const ORDERS: Aoa = [
  ['2024年客户订单明细'],
  [],
  ['导出时间：', '2024-03-01 10:00'],
  ['客户编号', '客户名称', '订单日期', '订单金额'],
  ['C001', ' 张三 ', new Date(2024, 0, 5), 120.5],
  ['C002', '李四', new Date(2024, 0, 6, 13, 30), 80],
  [],
  ['C003', 'Wang', new Date(2024, 1, 29), 0.1 + 0.2],
  ['合计', '', '', 200.8],
  ['Grand Total:', '', '', 200.8]
];

describe('readSheet: header, titles, subtotals', () => {
  it.each(['xlsx', 'xls'] as const)('finds the header below the title block (%s)', (bookType) => {
    const ws = sheet(ORDERS);
    ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 3 } }];
    const t = table(write(book({ S: ws }), bookType));
    expect(t.headers).toEqual(['客户编号', '客户名称', '订单日期', '订单金额']);
    expect(t.headerRow).toBe(4);
    expect(t.skippedTitleRows).toBe(2);
    expect(t.rows).toEqual([
      ['C001', '张三', '2024-01-05', '120.5'],
      ['C002', '李四', '2024-01-06 13:30:00', '80'],
      ['C003', 'Wang', '2024-02-29', '0.3']
    ]);
    expect(t.rowNumbers).toEqual([5, 6, 8]);
    expect(t.subtotalRows).toEqual([9, 10]);
    expect(t.date1904).toBe(false);
  });

  it.each(['小计：', 'Total', 'SUBTOTAL', '总 计', '总额', 'grand total'])(
    '%s is a subtotal',
    (label) => {
      const t = table(
        write(
          book({
            S: sheet([
              ['id', 'amount'],
              ['A', 1],
              ['', label, 1],
              ['B', 2]
            ])
          })
        )
      );
      expect(t.rows).toEqual([
        ['A', '1'],
        ['B', '2']
      ]);
      expect(t.subtotalRows).toEqual([3]);
    }
  );

  it('keeps data that merely mentions a total', () => {
    const t = table(
      write(
        book({
          S: sheet([
            ['name', 'amount'],
            ['Total Wine', 1],
            ['合计公司', 2]
          ])
        })
      )
    );
    expect(t.rows).toHaveLength(2);
  });

  it('does not take a narrow "label: value" row for the header', () => {
    const t = table(
      write(
        book({
          S: sheet([
            ['部门：', '华东区'],
            ['客户', '金额'],
            ['A', 1]
          ])
        })
      )
    );
    expect(t.headers).toEqual(['客户', '金额']);
    expect(t.skippedTitleRows).toBe(1);
  });

  it('drops merged banner rows in the body and fills vertically merged cells', () => {
    const ws = sheet([
      ['客户', '订单', '金额'],
      ['华东区'],
      ['C1', 'O1', 1],
      [null, 'O2', 2],
      ['C2', 'O3', 3]
    ]);
    ws['!merges'] = [
      { s: { r: 1, c: 0 }, e: { r: 1, c: 2 } },
      { s: { r: 2, c: 0 }, e: { r: 3, c: 0 } }
    ];
    const t = table(write(book({ S: ws })));
    expect(t.rows).toEqual([
      ['C1', 'O1', '1'],
      ['C1', 'O2', '2'],
      ['C2', 'O3', '3']
    ]);
    expect(t.bannerRows).toEqual([2]);
  });

  it('trims empty leading columns and keeps a header-only sheet', () => {
    const t = table(write(book({ S: sheet([[], [null, 'id', 'name']]) })));
    expect(t).toMatchObject({ headers: ['id', 'name'], rows: [], headerRow: 2 });
  });

  it('reports an empty sheet and a missing one', () => {
    const bytes = write(book({ S: sheet([[]]) }));
    expect(readSheet(bytes, 'S')).toMatchObject({ ok: false, reason: 'empty_sheet' });
    expect(readSheet(bytes, 'Nope')).toMatchObject({ ok: false, reason: 'sheet_not_found' });
  });
});

describe('cell text', () => {
  it.each([
    [{ t: 's', v: '  x ' }, 'x'],
    [{ t: 'n', v: 1234.56 * 3 }, '3703.68'],
    [{ t: 'n', v: 12345678901234 }, '12345678901234'],
    [{ t: 'n', v: -0.5 }, '-0.5'],
    [{ t: 'b', v: true }, 'TRUE'],
    [{ t: 'b', v: false }, 'FALSE'],
    [{ t: 'e', v: 7 }, '#DIV/0!'],
    [{ t: 'e', v: 0x2a, w: '#N/A' }, '#N/A'],
    [{ t: 'z' }, ''],
    [{ t: 'n', v: 6, f: 'B2*2' }, '6'],
    [{ t: 'n', v: 45296, z: 'yyyy"年"m"月"d"日"' }, '2024-01-05'],
    [{ t: 'n', v: 45296.25, z: 'm/d/yy h:mm' }, '2024-01-05 06:00:00'],
    [{ t: 'n', v: 45296, z: 14 }, '2024-01-05'],
    [{ t: 'n', v: 45296, z: '0.00' }, '45296'],
    [{ t: 'd', v: new Date('2024-01-05T00:00:00Z') }, '2024-01-05']
  ] as [XLSX.CellObject, string][])('%j → %j', (cell, text) => {
    expect(cellToText(cell, false)).toBe(text);
  });

  it.each([
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [61, false, '1900-03-01'],
    [45296, false, '2024-01-05'],
    [45296.5, false, '2024-01-05 12:00:00'],
    [45296.99999999, false, '2024-01-06'],
    [0.75, false, '18:00:00'],
    [43834, true, '2024-01-05'],
    [1, true, '1904-01-02']
  ])('serial %d (1904: %s) → %s', (serial, date1904, iso) => {
    expect(serialToIso(serial, date1904)).toBe(iso);
  });

  it('keeps formula cached values and error codes (so the report can name them) in a workbook', () => {
    const ws = sheet([['a', 'b', 'c', 'd']]);
    XLSX.utils.sheet_add_aoa(
      ws,
      [
        [
          { t: 'n', v: 2 },
          { t: 'n', v: 4, f: 'A2*2' },
          { t: 's', v: 'ok', f: 'IF(A2>1,"ok","no")' },
          { t: 'e', v: 0x07 }
        ]
      ],
      { origin: 'A2' }
    );
    for (const bookType of ['xlsx', 'xls'] as const) {
      expect(table(write(book({ S: ws }), bookType)).rows).toEqual([['2', '4', 'ok', '#DIV/0!']]);
    }
  });
});

describe('dates', () => {
  it(`gives the same calendar day in any time zone (TZ=${process.env.TZ ?? 'unset'})`, () => {
    const t = table(
      write(
        book({
          S: sheet([['订单日期'], [new Date(2024, 0, 1)], [new Date(2024, 11, 31, 23, 59, 59)]])
        })
      )
    );
    expect(t.rows).toEqual([['2024-01-01'], ['2024-12-31 23:59:59']]);
  });

  it.each(['xlsx', 'xls'] as const)('reads a 1904 workbook (%s)', (bookType) => {
    const ws = sheet([
      ['订单日期', '金额'],
      [{ t: 'n', v: 43834, z: 'yyyy-mm-dd' }, 5]
    ]);
    const bytes = write(book({ S: ws }, true), bookType);
    expect(table(bytes)).toMatchObject({ date1904: true, rows: [['2024-01-05', '5']] });
    expect(listSheets(bytes)).toMatchObject({ ok: true, date1904: true });
  });

  it('reads plain serial numbers in date columns as dates, by the CSV rule', () => {
    const day = (v: number) => ({ t: 'n', v, z: 'yyyy-mm-dd' });
    const ws = sheet([
      ['InvoiceDate', '下单时间', '金额', '订单日期', 'Period', 'Score'],
      [45296, 45296.5, 45296, day(45296), day(45296), day(45296)],
      [45300, 'n/a', 45300, 45301, 45302, 45302],
      [99999, 12, 5, 18263, day(45303), 45303],
      ['', '', '', 73051, '', '']
    ]);
    const t = table(write(book({ S: ws })));
    expect(t.rows).toEqual([
      ['2024-01-05', '2024-01-05 12:00:00', '45296', '2024-01-05', '2024-01-05', '2024-01-05'],
      // 订单日期 mixes date cells and General serials; Period is no date header but mostly dates.
      ['2024-01-09', 'n/a', '45300', '2024-01-10', '2024-01-11', '45302'],
      // Outside 1950-01-01 (18264) … 2099-12-31 (73050) a number is no serial: a bad date later.
      ['99999', '12', '5', '18263', '2024-01-12', '45303'],
      ['', '', '', '73051', '', '']
    ]);
  });

  it('reads plain serials in the 1904 date system of the workbook', () => {
    const ws = sheet([
      ['Order Date', 'Amount'],
      [43834, 5],
      [16802, 6],
      [16801, 7]
    ]);
    // 1904 system: 43834 is 2024-01-05, 16802 is 1950-01-01 (in 1900 it would be 1945-12-31).
    expect(table(write(book({ S: ws }, true))).rows).toEqual([
      ['2024-01-05', '5'],
      ['1950-01-01', '6'],
      ['16801', '7']
    ]);
    expect(table(write(book({ S: ws }))).rows.map((r) => r[0])).toEqual([
      '2020-01-04',
      '16802',
      '16801'
    ]);
  });

  it('reads only the head of a sheet when asked', () => {
    const ws = sheet([['note'], ['Customer ID', 'Amount'], ['A', 1], ['B', 2], ['C', 3]]);
    const read = readSheet(write(book({ S: ws })), 'S', { maxRows: 4 });
    expect(read).toMatchObject({
      ok: true,
      table: {
        headers: ['Customer ID', 'Amount'],
        rows: [
          ['A', '1'],
          ['B', '2']
        ]
      }
    });
  });
});

describe('workbooks', () => {
  it('lists sheets with their real size and hidden flag', () => {
    const wb = book({
      Orders: sheet([['title'], [], ['a', 'b', 'c'], [1, 2, 3]]),
      Notes: sheet([['x']])
    });
    wb.Workbook = { ...wb.Workbook, Sheets: [{ Hidden: 0 }, { Hidden: 1 }] };
    const listed = listSheets(write(wb));
    expect(listed).toEqual({
      ok: true,
      date1904: false,
      sheets: [
        { name: 'Orders', rows: 3, cols: 3, isHidden: false },
        { name: 'Notes', rows: 1, cols: 1, isHidden: true }
      ]
    });
  });

  it('lists a sheet whose part is missing from a damaged workbook as empty', () => {
    const wb = book({ Orders: sheet([['a'], [1]]) });
    wb.SheetNames.push('Lost'); // named in workbook.xml, but its sheet XML did not parse
    expect(listSheets(wb)).toMatchObject({
      ok: true,
      sheets: [
        { name: 'Orders', rows: 2 },
        { name: 'Lost', rows: 0, cols: 0 }
      ]
    });
    expect(readSheet(wb, 'Lost')).toMatchObject({ ok: false, reason: 'sheet_not_found' });
  });

  it('reads any sheet of an opened workbook without parsing it again', () => {
    const opened = openWorkbook(write(book({ A: sheet([['k'], [1]]), B: sheet([['v'], ['x']]) })));
    if (!opened.ok) throw new Error(opened.reason);
    expect(readSheet(opened.workbook, 'B')).toMatchObject({ ok: true, table: { rows: [['x']] } });
  });

  it('ignores an absurd declared range and stays fast', () => {
    const bytes = withDeclaredRef(
      write(
        book({
          S: sheet([
            ['id', 'n'],
            ['a', 1],
            ['b', 2]
          ])
        })
      ),
      'A1:XFD1048576'
    );
    const opened = openWorkbook(bytes);
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.workbook.Sheets.S['!ref']).toBe('A1:XFD1048576');
    // A merge declared down to the last row must not be walked either.
    opened.workbook.Sheets.S['!merges'] = [{ s: { r: 1, c: 0 }, e: { r: 1048575, c: 0 } }];
    expect(readSheet(opened.workbook, 'S')).toMatchObject({
      table: {
        rows: [
          ['a', '1'],
          ['a', '2']
        ]
      }
    });
    const started = performance.now();
    expect(table(bytes).rows).toEqual([
      ['a', '1'],
      ['b', '2']
    ]);
    expect(listSheets(bytes)).toMatchObject({ sheets: [{ rows: 3, cols: 2 }] });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('reads HTML "xls" exports as text cells', () => {
    const html = new TextEncoder().encode(
      '<table><tr><td>客户</td><td>日期</td></tr><tr><td>00123</td><td>01/05/2024</td></tr></table>'
    );
    const opened = openWorkbook(html, 'export.xls');
    if (!opened.ok) throw new Error(opened.reason);
    expect(readSheet(opened.workbook, opened.workbook.SheetNames[0])).toMatchObject({
      table: { rows: [['00123', '01/05/2024']] }
    });
  });

  it.each([
    ['random bytes', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), 'corrupt'],
    ['a truncated zip', write(book({ S: sheet([['a']]) })).subarray(0, 200), 'corrupt'],
    ['text', new TextEncoder().encode('id,amount\n1,2\n'), 'corrupt']
  ])('refuses %s', (_, bytes, reason) => {
    expect(openWorkbook(bytes)).toMatchObject({ ok: false, reason });
  });

  it('recognises a password-protected (encrypted) xlsx', () => {
    const container = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(
      container,
      '/EncryptionInfo',
      new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0])
    );
    XLSX.CFB.utils.cfb_add(container, '/EncryptedPackage', new Uint8Array(64));
    const bytes = new Uint8Array(XLSX.CFB.write(container, { type: 'array' }));
    expect(openWorkbook(bytes, 'locked.xlsx')).toMatchObject({
      ok: false,
      reason: 'password_protected'
    });
  });
});

describe('checkZipSizes', () => {
  const GB = 1024 ** 3;

  it('accepts a real workbook', () => {
    expect(checkZipSizes(write(book({ S: sheet([['a'], [1]]) })))).toEqual({ ok: true });
  });

  it.each([
    ['5 GB from 4 bytes (ZIP64 extra)', 5 * GB, 4, false, 'zip_bomb'],
    ['5 GB stored (ZIP64 extra)', 5 * GB, 5 * GB, false, 'too_large'],
    ['5 GB with a ZIP64 end record', 5 * GB, 5 * GB, true, 'too_large'],
    ['2 GB in 32-bit fields', 2 * GB, 2 * GB, false, 'too_large'],
    ['60 MB from 100 KB', 60 * 1024 ** 2, 100 * 1024, false, 'zip_bomb']
  ])('refuses %s before SheetJS sees it', (_, size, compressed, zip64, reason) => {
    const bytes = zipDeclaring(size, compressed, zip64);
    expect(checkZipSizes(bytes)).toMatchObject({ ok: false, reason });
    expect(openWorkbook(bytes)).toMatchObject({ ok: false, reason });
  });

  it('accepts modest declared sizes and high ratios below 50 MB', () => {
    expect(checkZipSizes(zipDeclaring(40 * 1024 ** 2, 1024))).toEqual({ ok: true });
    expect(checkZipSizes(zipDeclaring(300 * 1024 ** 2, 10 * 1024 ** 2))).toEqual({ ok: true });
  });

  it('calls a zip without a central directory corrupt', () => {
    expect(checkZipSizes(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]))).toMatchObject({
      ok: false,
      reason: 'corrupt'
    });
  });
});
