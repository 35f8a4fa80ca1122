// Format sniffing from magic bytes and delimiter detection outside quotes.
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, sniffFormat, stripBom } from '../../../src/lib/ingest/sniff';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p))
  );

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++)
    new DataView(out.buffer).setUint16(i * 2, text.charCodeAt(i), true);
  return out;
}

function workbookBytes(bookType: XLSX.BookType): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([
      ['客户', '金额'],
      ['C1', 1]
    ]),
    'S'
  );
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType }));
}

describe('sniffFormat', () => {
  it.each([
    ['empty', new Uint8Array(0), 'a.csv'],
    ['gzip', bytes([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0]), 'orders.csv.gz'],
    ['xlsx', bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0]), 'orders.csv'],
    ['xls', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'orders.xlsx'],
    ['binary', bytes('%PDF-1.7\n', [0xe2, 0xe3, 0xcf, 0xd3]), 'report.csv'],
    ['binary', bytes('id,name\n1,', [0x00, 0x01], 'x\n'), 'data.csv'],
    ['binary', bytes([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07], 'some text after'), 'x.txt'],
    ['text', bytes('客户编号,金额\nC1,12.5\n'), 'a.csv'],
    ['text', bytes('id,name\n1,', [0xd6, 0xd0, 0xce, 0xc4], '\n'), 'gbk.csv'],
    ['text', bytes('a\tb\r\n1\t2\f\r\n', [0x1a]), 'dos.txt'],
    ['text', bytes([0xff, 0xfe], [...utf16le('id\tname\n1\tA\n')]), 'unicode.txt'],
    ['text', utf16le('id\tname\n1\tAlice\n2\tBob\n'), 'unicode.txt'],
    ['xls', bytes('<html><body><table><tr><td>客户</td></tr></table></body></html>'), 'export.xls'],
    [
      'xls',
      bytes(
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
      ),
      'x.xml'
    ],
    ['xls', bytes('<html><head><title>report</title></head>'), 'report.xls'],
    ['text', bytes('<html><head><title>report</title></head>'), 'page.txt']
  ] as const)('%s: %s', (format, head, name) => {
    expect(sniffFormat(head, name)).toBe(format);
  });

  it('sniffs real workbooks by content, whatever their name', () => {
    expect(sniffFormat(workbookBytes('xlsx'), 'renamed.csv')).toBe('xlsx');
    expect(sniffFormat(workbookBytes('xls'), 'renamed.txt')).toBe('xls');
  });
});

describe('detectDelimiter', () => {
  it.each([
    [',', 'id,name,amount\n1,Ann,3\n2,Bob,4\n'],
    ['\t', 'id\tname\tamount\n1\tAnn\t3\n2\tBob\t4\n'],
    [';', 'id;name;amount\n1;Ann;3\n2;Bob;4\n'],
    ['|', 'id|name|amount\n1|Ann|3\n2|Bob|4\n'],
    [',', 'id,note\n1,"a;b|c\td"\n2,"x;y;z|w"\n3,"p;q"\n'],
    [';', 'id;note\n1;"a,b,c"\n2;"x,y"\n3;"1,2,3,4"\n'],
    ['\t', 'name\tamount\nAnn\t1,234.56\nBob\t2,000.00\n'],
    [';', 'Name;Amount;Price\nA;1,5;2,25\nB;3,75;1,5\n'],
    [',', 'id,"multi\nline, with comma",x\n1,"a\nb",c\n2,d,e\n'],
    [',', 'id,size\n1,12" pipe\n2,"say ""hi"", ok"\n'],
    [',', '2024年客户订单明细\n\n客户,日期,金额\nC1,2024-01-05,12\nC2,2024-01-06,13\n'],
    [',', 'id,name\r\n1,Ann\r\n2,Bob\r\n'],
    [',', '\uFEFFid;x,y,z\n1,2,3\n4,5,6\n7,8,9\n'],
    [',', 'customer_id\nC1\nC2\n'],
    [',', ''],
    ['\t', 'single line\twithout newline\tat all'],
    [',', 'id,name\n1,Ann\n2,Bob\n3;b;c;d;e;f']
  ] as const)('%j for %j', (delimiter, text) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it('prefers tab over comma when both are equally consistent', () => {
    expect(detectDelimiter('a\tb,c\nd\te,f\n')).toBe('\t');
  });

  it('looks at no more than the first 50 lines', () => {
    const text = 'a;b\n'.repeat(50) + 'a,b,c\n'.repeat(200);
    expect(detectDelimiter(text)).toBe(';');
  });
});

describe('stripBom', () => {
  it('removes one leading BOM only', () => {
    expect(stripBom('\uFEFFid')).toBe('id');
    expect(stripBom('id\uFEFF')).toBe('id\uFEFF');
  });
});
