// The hostile and messy file corpus: every case's bytes are generated here, next to its expected outcome.
import { deflateRawSync } from 'node:zlib';
import {
  dateCell,
  encode,
  join,
  lines,
  rawXlsx,
  serial1900,
  serial1904,
  utf8,
  workbook,
  zip
} from './build';

/** Figures of the import report (a subset is checked; amounts to the cent). */
export interface ExpectedReport {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  customers: number;
  totalAmount: number;
  dateFrom?: string;
  dateTo?: string;
  returns?: number;
  encoding?: string;
}

/** What must happen when the file is dropped. */
export type Expected =
  | {
      /** Imported; `rejected` lists every rejection reason with its spreadsheet row numbers. */
      outcome: 'accepted';
      report: ExpectedReport;
      rejected?: Record<string, number[]>;
      /** Every warning about kept rows, with their spreadsheet row numbers. */
      warnings?: Record<string, number[]>;
      /** The day/month question the mapping step must ask, and the answer the test gives. */
      question?: { header: string; answer: 'dmy' | 'mdy' };
      /** Roles the detector must have chosen (header → role). */
      roles?: Record<string, string>;
      /** A text that must be found in the data view as literal text, with its match count. */
      search?: { text: string; total: number };
      /** The sheet the mapping step must have chosen. */
      sheet?: string;
    }
  | {
      /** Refused with a translated message (`error.<code>`) naming the file and what to do. */
      outcome: 'error';
      code: string;
    };

/** One corpus file. `repeat` builds a huge file from one chunk without holding it twice. */
export interface CorpusCase {
  id: string;
  /** What the case covers (the issue's wording). */
  covers: string;
  name: string;
  bytes: Uint8Array;
  repeat?: number;
  expect: Expected;
  /** A known, not yet fixed failure of the browser run: the e2e test asserts that it still fails. */
  knownIssue?: string;
}

const HEAD = 'Customer ID,Customer Name,Order Date,Amount';
const ZH_HEAD = '客户编号,客户名称,订单日期,订单金额';

/** The small good dataset imported before the corpus; it must survive every case intact. */
export const GOOD = {
  name: 'good.csv',
  bytes: utf8(
    lines([
      HEAD,
      'G1,Good One,2024-01-02,100',
      'G1,Good One,2024-02-03,50.5',
      'G2,Good Two,2024-03-04,200',
      'G3,Good Three,2024-04-05,49.5'
    ])
  ),
  rows: 4,
  customers: 3,
  totalAmount: 400
};

const CANARY_NAMES = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload=window.__pwned=1>',
  "javascript:window.__pwned=1//'"
];

/** Rows whose names hold characters in several encodings (GBK-only, 4-byte GB18030). */
const GBK_ONLY = ['朱镕基', '王喆', '李堃', '陈玥']; // 镕 喆 堃 玥 are in GBK but not GB2312
const GB18030_4BYTE = ['𠮷野家', '𡈽田', '€uro Café']; // U+20BB7, U+2123D, € and é: 4-byte GB18030

function cjkRows(names: string[]): string[] {
  return names.map(
    (n, i) => `K${i + 1},${n},2024-05-${String(i + 1).padStart(2, '0')},${10 * (i + 1)}`
  );
}

/** A UTF-8 file over 4 MiB whose every row is CJK, so 3-byte characters straddle every chunk boundary. */
function bigCjk(): { bytes: Uint8Array; rows: number; total: number } {
  const parts = [ZH_HEAD];
  let size = utf8(ZH_HEAD).length + 1;
  let rows = 0;
  // 4 MiB is both the detection head and the streaming chunk; go past it with a prime-ish row length.
  while (size < 4.3 * 1024 * 1024) {
    rows++;
    const line = `C${rows % 997},客户名称甲乙丙丁戊己庚辛${'壬癸'.repeat(rows % 7)},2024-01-0${1 + (rows % 9)},1`;
    parts.push(line);
    size += utf8(line).length + 1;
  }
  return { bytes: utf8(lines(parts)), rows, total: rows };
}

function wideCsv(columns: number): Uint8Array {
  const head = [HEAD, ...Array.from({ length: columns - 4 }, (_, i) => `Attr ${i + 1}`)];
  const row = (id: string, amount: number) =>
    [id, `Name ${id}`, '2024-06-01', String(amount), ...head.slice(4).map((_, i) => `v${i}`)].join(
      ','
    );
  return utf8(lines([head.join(','), row('W1', 5), row('W2', 7)]));
}

const BIG = bigCjk();

/** A real zip bomb: one sheet that inflates to 120 MB of spaces from about 120 KB. */
function zipBomb(): Uint8Array {
  const filler = new Uint8Array(120 * 1024 * 1024).fill(0x20);
  const deflated = deflateRawSync(filler, { level: 9 }).length;
  if (deflated > filler.length / 200) throw new Error('corpus: bomb not dense enough');
  return zip([
    {
      name: '[Content_Types].xml',
      data: utf8(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
      )
    },
    { name: 'xl/worksheets/sheet1.xml', data: filler }
  ]);
}

/** 301 MiB of "xlsx" (zip magic then zeros) as one 1 MiB chunk repeated: too large to open. */
function hugeChunk(): Uint8Array {
  const chunk = new Uint8Array(1024 * 1024);
  chunk.set([0x50, 0x4b, 0x03, 0x04]);
  return chunk;
}

/** Every corpus case, in the order the tests run them. */
export const CORPUS: CorpusCase[] = [
  // ── encodings ──
  {
    id: 'gbk-beyond-gb2312',
    covers: 'GBK with characters outside GB2312',
    name: '客户_gbk.csv',
    bytes: encode(lines([ZH_HEAD, ...cjkRows(GBK_ONLY)], '\r\n'), 'gbk'),
    expect: {
      outcome: 'accepted',
      report: {
        rowsRead: 4,
        rowsAccepted: 4,
        rowsRejected: 0,
        customers: 4,
        totalAmount: 100,
        encoding: 'gb18030'
      },
      search: { text: '镕', total: 1 }
    }
  },
  {
    id: 'gb18030-4byte',
    covers: 'GB18030 4-byte characters',
    name: 'gb18030.csv',
    bytes: encode(lines([ZH_HEAD, ...cjkRows(GB18030_4BYTE)]), 'gb18030'),
    expect: {
      outcome: 'accepted',
      report: {
        rowsRead: 3,
        rowsAccepted: 3,
        rowsRejected: 0,
        customers: 3,
        totalAmount: 60,
        encoding: 'gb18030'
      },
      search: { text: '𠮷', total: 1 }
    }
  },
  {
    id: 'utf16-unicode-text',
    covers: 'UTF-16 Excel "Unicode text" (BOM, tabs, CRLF)',
    name: 'unicode.txt',
    bytes: encode(
      lines(
        [
          '客户编号\t客户名称\t订单日期\t订单金额',
          'U1\t张三\t2024/3/1\t1,000.50',
          'U2\t李四\t2024/3/2\t99.5'
        ],
        '\r\n'
      ),
      'utf-16le',
      true
    ),
    expect: {
      outcome: 'accepted',
      report: {
        rowsRead: 2,
        rowsAccepted: 2,
        rowsRejected: 0,
        customers: 2,
        totalAmount: 1100,
        encoding: 'utf-16le'
      }
    }
  },
  {
    id: 'utf8-one-gbk-row',
    covers:
      'a UTF-8 file with rows in another encoding: an unreadable name is kept with a warning, an unreadable customer ID is rejected',
    name: 'mixed.csv',
    bytes: join(
      utf8(
        lines([ZH_HEAD, 'M1,张三,2024-01-01,10', 'M2,李四,2024-01-02,20', 'M3,王五,2024-01-03,30'])
      ),
      encode('M4,赵六,2024-01-04,40\n', 'gbk'),
      utf8(lines(['M5,钱七,2024-01-05,50', 'M6,孙八,2024-01-06,60'])),
      encode('客户7,周九,2024-01-07,70\n', 'gbk'),
      utf8(lines(['M8,吴十,2024-01-08,80']))
    ),
    expect: {
      outcome: 'accepted',
      // Row 5 (M4) counts with its name unreadable; row 8 has no readable customer ID.
      report: {
        rowsRead: 8,
        rowsAccepted: 7,
        rowsRejected: 1,
        customers: 7,
        totalAmount: 290,
        encoding: 'utf-8'
      },
      rejected: { bad_encoding: [8] },
      warnings: { unreadable_text: [5] },
      search: { text: '\uFFFD', total: 1 }
    }
  },
  {
    id: 'utf8-chunk-boundaries',
    covers: 'multi-byte characters across every chunk boundary (4.3 MB, all CJK)',
    name: 'big_cjk.csv',
    bytes: BIG.bytes,
    expect: {
      outcome: 'accepted',
      report: {
        rowsRead: BIG.rows,
        rowsAccepted: BIG.rows,
        rowsRejected: 0,
        customers: 997,
        totalAmount: BIG.total,
        encoding: 'utf-8'
      }
    }
  },
  // ── numbers ──
  {
    id: 'numbers-decimal-comma',
    covers: 'decimal comma with dot thousands, currency before/after, parentheses, Unicode minus',
    name: 'zahlen.csv',
    bytes: utf8(
      lines([
        'Customer ID;Customer Name;Order Date;Amount',
        'D1;Müller;2024-01-02;1.234,56',
        'D2;Schmidt;2024-01-03;€ 12,50',
        'D3;Weiß;2024-01-04;7,25 €',
        'D4;Groß;2024-01-05;(1.000,00)',
        'D5;Öz;2024-01-06;\u22125,00',
        'D6;Ära;2024-01-07;2.000.000,01'
      ])
    ),
    expect: {
      outcome: 'accepted',
      report: {
        rowsRead: 6,
        rowsAccepted: 6,
        rowsRejected: 0,
        customers: 6,
        totalAmount: 2000249.32,
        returns: 2
      },
      roles: { 'Customer ID': 'customer_id', Amount: 'amount' }
    }
  },
  {
    id: 'numbers-space-thousands',
    covers: 'spaces and no-break spaces as thousands separators, currency codes and 元',
    name: 'spaces.csv',
    bytes: utf8(
      lines([
        HEAD,
        'S1,A,2024-02-01,"1 234.50"',
        'S2,B,2024-02-02,"2\u00a0000.25"',
        'S3,C,2024-02-03,"3\u202f000"',
        'S4,D,2024-02-04,USD 10',
        'S5,E,2024-02-05,20 元',
        'S6,F,2024-02-06,￥30',
        'S7,G,2024-02-07,"$1,000.00"',
        'S8,H,2024-02-08,12 34'
      ])
    ),
    expect: {
      outcome: 'accepted',
      report: { rowsRead: 8, rowsAccepted: 7, rowsRejected: 1, customers: 7, totalAmount: 7294.75 },
      rejected: { bad_amount: [9] }
    }
  },
  // ── dates ──
  {
    id: 'dates-mixed-settled',
    covers: 'mixed date spellings in one column; day/month order settled by a day > 12',
    name: 'dates_mixed.csv',
    bytes: utf8(
      lines([
        HEAD,
        'T1,A,2024-01-05,1',
        'T2,B,2024/1/6,1',
        'T3,C,20240107,1',
        'T4,D,2024年1月8日,1',
        'T5,E,9-Jan-2024,1',
        'T6,F,"Jan 10, 2024",1',
        'T7,G,13/01/2024,1',
        'T8,H,02/01/2024,1',
        'T9,I,2024-01-31T23:30:00-05:00,1'
      ])
    ),
    expect: {
      outcome: 'accepted',
      report: {
        rowsRead: 9,
        rowsAccepted: 9,
        rowsRejected: 0,
        customers: 9,
        totalAmount: 9,
        dateFrom: '2024-01-02',
        dateTo: '2024-01-31'
      }
    }
  },
  {
    id: 'dates-unsettled',
    covers: 'day/month order the values cannot settle: a question to the user',
    name: 'dates_unsettled.csv',
    // Its own header set: a remembered answer for another file's layout must not hide the question.
    bytes: utf8(
      lines(['Customer,Date,Amount', 'Q1,01/02/2024,5', 'Q2,03/04/2024,6', 'Q1,05/06/2024,7'])
    ),
    expect: {
      outcome: 'accepted',
      question: { header: 'Date', answer: 'mdy' },
      report: {
        rowsRead: 3,
        rowsAccepted: 3,
        rowsRejected: 0,
        customers: 2,
        totalAmount: 18,
        dateFrom: '2024-01-02',
        dateTo: '2024-05-06'
      }
    }
  },
  {
    id: 'dates-serials-in-csv',
    covers: 'Excel serial numbers in a CSV date column',
    name: 'serials.csv',
    bytes: utf8(
      lines([
        HEAD,
        `E1,A,${serial1900(2024, 1, 5)},10`,
        `E2,B,${serial1900(2024, 2, 29)},20`,
        `E3,C,${serial1900(2024, 12, 31)}.5,30`
      ])
    ),
    expect: {
      outcome: 'accepted',
      report: {
        rowsRead: 3,
        rowsAccepted: 3,
        rowsRejected: 0,
        customers: 3,
        totalAmount: 60,
        dateFrom: '2024-01-05',
        dateTo: '2024-12-31'
      },
      roles: { 'Order Date': 'date' }
    }
  },
  {
    id: 'dates-impossible',
    covers: 'impossible dates next to Feb 29',
    name: 'feb29.csv',
    bytes: utf8(
      lines([
        HEAD,
        'F1,A,2024-02-29,1',
        'F2,B,2023-02-29,2',
        'F3,C,2024-02-30,3',
        'F4,D,2000-02-29,4',
        'F5,E,1900-02-29,5',
        'F6,F,2024-04-31,6',
        'F7,G,2024-13-01,7',
        'F8,H,2024-03-01,8'
      ])
    ),
    expect: {
      outcome: 'accepted',
      report: {
        rowsRead: 8,
        rowsAccepted: 3,
        rowsRejected: 5,
        customers: 3,
        totalAmount: 13,
        dateFrom: '2000-02-29',
        dateTo: '2024-03-01'
      },
      rejected: { bad_date: [3, 4, 6, 7, 8] }
    }
  },
  // ── structure ──
  {
    id: 'title-subtotal-blank',
    covers: 'title rows, blank lines, a subtotal row',
    name: '2024年订单.csv',
    bytes: utf8(
      lines(
        [
          '2024年客户订单明细,,,',
          '导出时间：2024-07-01,,,',
          ',,,',
          ZH_HEAD,
          'B1,甲,2024-01-01,100',
          '',
          'B2,乙,2024-01-02,200',
          ',,,',
          'B3,丙,2024-01-03,300',
          '合计,,,600'
        ],
        '\r\n'
      )
    ),
    expect: {
      outcome: 'accepted',
      report: { rowsRead: 4, rowsAccepted: 3, rowsRejected: 1, customers: 3, totalAmount: 600 },
      rejected: { subtotal_row: [10] }
    }
  },
  {
    id: 'ragged-rows',
    covers: 'ragged rows (too few and too many fields)',
    name: 'ragged.csv',
    bytes: utf8(
      lines([
        HEAD,
        'R1,A,2024-01-01,10',
        'R2,B,2024-01-02',
        'R3,C,2024-01-03,30,extra,more',
        'R4,D,2024-01-04,40,,'
      ])
    ),
    expect: {
      outcome: 'accepted',
      report: { rowsRead: 4, rowsAccepted: 2, rowsRejected: 2, customers: 2, totalAmount: 50 },
      rejected: { missing_amount: [3], wrong_field_count: [4] }
    }
  },
  {
    id: 'unterminated-quote',
    covers: 'an unterminated quote',
    name: 'quote.csv',
    bytes: utf8(lines([HEAD, 'U1,A,2024-01-01,10', 'U2,"B,2024-01-02,20', 'U3,C,2024-01-03,30'])),
    expect: {
      outcome: 'accepted',
      report: { rowsRead: 2, rowsAccepted: 1, rowsRejected: 1, customers: 1, totalAmount: 10 },
      rejected: { unterminated_quote: [3] }
    }
  },
  {
    id: 'quoted-newlines',
    covers: 'quoted newlines and doubled quotes inside fields',
    name: 'multiline.csv',
    bytes: utf8(
      lines([
        HEAD,
        'N1,"Line one\nLine two",2024-01-01,10',
        'N2,"Say ""hi""\r\nthere",2024-01-02,20',
        'N3,C,2024-01-03,30'
      ])
    ),
    expect: {
      outcome: 'accepted',
      report: { rowsRead: 3, rowsAccepted: 3, rowsRejected: 0, customers: 3, totalAmount: 60 },
      search: { text: 'Say "hi"', total: 1 }
    }
  },
  {
    id: 'headers-dup-empty-proto',
    covers: 'duplicate, empty and __proto__ headers',
    name: 'headers.csv',
    bytes: utf8(
      lines([
        'Customer ID,Order Date,Amount,Region,Region,,__proto__,constructor',
        'H1,2024-01-01,10,East,E2,x,p1,c1',
        'H2,2024-01-02,20,West,W2,y,p2,c2'
      ])
    ),
    expect: {
      outcome: 'accepted',
      report: { rowsRead: 2, rowsAccepted: 2, rowsRejected: 0, customers: 2, totalAmount: 30 },
      search: { text: 'p2', total: 1 }
    }
  },
  {
    id: 'header-only',
    covers: 'header only',
    name: 'header_only.csv',
    bytes: utf8(lines([HEAD])),
    expect: { outcome: 'error', code: 'no_data_rows' }
  },
  {
    id: 'empty',
    covers: 'empty file',
    name: 'empty.csv',
    bytes: new Uint8Array(0),
    expect: { outcome: 'error', code: 'empty_file' }
  },
  {
    id: 'bom-only',
    covers: 'BOM only',
    name: 'bom.csv',
    bytes: new Uint8Array([0xef, 0xbb, 0xbf]),
    expect: { outcome: 'error', code: 'empty_file' }
  },
  {
    id: 'nul-bytes',
    covers: 'NUL bytes in a text file (padding after the data, one inside a cell)',
    name: 'nul.csv',
    bytes: join(
      utf8(lines([HEAD, 'Z1,A\0,2024-01-01,10', 'Z2,B,2024-01-02,20'])),
      new Uint8Array(16)
    ),
    expect: {
      outcome: 'accepted',
      report: { rowsRead: 2, rowsAccepted: 2, rowsRejected: 0, customers: 2, totalAmount: 30 }
    }
  },
  {
    id: 'cr-only',
    covers: 'CR-only line ends',
    name: 'mac.csv',
    bytes: utf8(lines([HEAD, 'C1,A,2024-01-01,10', 'C2,B,2024-01-02,20'], '\r')),
    expect: {
      outcome: 'accepted',
      report: { rowsRead: 2, rowsAccepted: 2, rowsRejected: 0, customers: 2, totalAmount: 30 }
    }
  },
  {
    id: 'binary-as-csv',
    covers: 'binary bytes with a .csv name',
    name: 'photo.csv',
    bytes: new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3
    ]),
    expect: { outcome: 'error', code: 'binary_file' }
  },
  {
    id: 'xlsx-as-csv',
    covers: 'xlsx bytes with a .csv name',
    name: 'really_a_workbook.csv',
    bytes: workbook([
      {
        name: 'Sheet1',
        rows: [
          ['Customer ID', 'Order Date', 'Amount'],
          ['X1', dateCell(serial1900(2024, 3, 1)), 42]
        ]
      }
    ]),
    expect: {
      outcome: 'accepted',
      report: {
        rowsRead: 1,
        rowsAccepted: 1,
        rowsRejected: 0,
        customers: 1,
        totalAmount: 42,
        dateFrom: '2024-03-01'
      }
    }
  },
  // ── size ──
  {
    id: 'wide-2000-columns',
    covers: '2000 columns',
    name: 'wide.csv',
    bytes: wideCsv(2000),
    expect: {
      outcome: 'accepted',
      report: { rowsRead: 2, rowsAccepted: 2, rowsRejected: 0, customers: 2, totalAmount: 12 }
    }
  },
  {
    id: 'multi-mb-cell',
    covers: 'a multi-MB cell',
    name: 'big_cell.csv',
    bytes: utf8(
      lines([HEAD, `L1,"${'长'.repeat(2 * 1024 * 1024)}",2024-01-01,10`, 'L2,B,2024-01-02,20'])
    ),
    expect: {
      outcome: 'accepted',
      report: { rowsRead: 2, rowsAccepted: 2, rowsRejected: 0, customers: 2, totalAmount: 30 }
    }
  },
  {
    id: 'larger-than-memory',
    covers:
      'a file larger than memory allows (301 MiB workbook built from one repeated 1 MiB chunk)',
    name: 'huge.xlsx',
    bytes: hugeChunk(),
    repeat: 301,
    expect: { outcome: 'error', code: 'too_large' }
  },
  // ── xlsx oddities ──
  {
    id: 'xlsx-second-sheet',
    covers: 'xlsx with its data on the second sheet',
    name: 'second_sheet.xlsx',
    bytes: workbook([
      { name: '封面', rows: [['客户订单报表']] },
      {
        name: '数据',
        rows: [
          ['客户编号', '订单日期', '订单金额'],
          ['A1', dateCell(serial1900(2024, 1, 31)), 100],
          ['A2', dateCell(serial1900(2024, 2, 29)), 200]
        ]
      }
    ]),
    expect: {
      outcome: 'accepted',
      sheet: '数据',
      report: {
        rowsRead: 2,
        rowsAccepted: 2,
        rowsRejected: 0,
        customers: 2,
        totalAmount: 300,
        dateFrom: '2024-01-31',
        dateTo: '2024-02-29'
      }
    }
  },
  {
    id: 'xlsx-notes-first',
    covers: 'xlsx whose first sheet is several lines of notes',
    name: 'notes_first.xlsx',
    bytes: workbook([
      {
        name: 'Notes',
        rows: [['About this export'], ['Exported from the ERP on 2024-07-01'], ['Amounts in CNY']]
      },
      {
        name: 'Orders',
        rows: [
          ['Customer ID', 'Order Date', 'Amount'],
          ['N1', dateCell(serial1900(2024, 4, 1)), 15],
          ['N2', dateCell(serial1900(2024, 4, 2)), 25],
          ['N1', dateCell(serial1900(2024, 4, 3)), 35]
        ]
      }
    ]),
    expect: {
      outcome: 'accepted',
      sheet: 'Orders',
      report: {
        rowsRead: 3,
        rowsAccepted: 3,
        rowsRejected: 0,
        customers: 2,
        totalAmount: 75,
        dateFrom: '2024-04-01',
        dateTo: '2024-04-03'
      }
    }
  },
  {
    id: 'xlsx-general-serials',
    covers: 'xlsx date column with serials typed as plain numbers (General format) next to dates',
    name: 'general_serials.xlsx',
    bytes: workbook([
      {
        name: 'Orders',
        rows: [
          ['Customer ID', 'Order Date', 'Amount'],
          ['P1', dateCell(serial1900(2024, 1, 5)), 10],
          ['P2', serial1900(2024, 3, 1), 20],
          ['P3', serial1900(2024, 12, 31) + 0.5, 30],
          ['P4', dateCell(serial1900(2024, 6, 1)), 40],
          ['P5', 99999, 50]
        ]
      }
    ]),
    expect: {
      outcome: 'accepted',
      // 99999 is no day of 1950–2099: still a bad date.
      report: {
        rowsRead: 5,
        rowsAccepted: 4,
        rowsRejected: 1,
        customers: 4,
        totalAmount: 100,
        dateFrom: '2024-01-05',
        dateTo: '2024-12-31'
      },
      rejected: { bad_date: [6] }
    }
  },
  {
    id: 'xlsx-1904',
    covers: 'xlsx in the 1904 date system',
    name: 'mac_1904.xlsx',
    bytes: workbook(
      [
        {
          name: 'Orders',
          rows: [
            ['Customer ID', 'Order Date', 'Amount'],
            ['M1', dateCell(serial1904(2024, 1, 5)), 10],
            ['M2', dateCell(serial1904(2024, 12, 31)), 20]
          ]
        }
      ],
      { date1904: true }
    ),
    expect: {
      outcome: 'accepted',
      report: {
        rowsRead: 2,
        rowsAccepted: 2,
        rowsRejected: 0,
        customers: 2,
        totalAmount: 30,
        dateFrom: '2024-01-05',
        dateTo: '2024-12-31'
      }
    }
  },
  {
    id: 'xlsx-formula-error-cells',
    covers: 'xlsx formula cells and error cells',
    name: 'formulas.xlsx',
    bytes: workbook([
      {
        name: 'Orders',
        rows: [
          ['Customer ID', 'Order Date', 'Amount'],
          ['F1', dateCell(serial1900(2024, 1, 1)), { t: 'n', v: 30, f: '10*3' }],
          ['F2', dateCell(serial1900(2024, 1, 2)), { t: 'e', v: 0x07, w: '#DIV/0!' }],
          ['F3', dateCell(serial1900(2024, 1, 3)), { t: 'e', v: 0x2a, w: '#N/A' }],
          ['F4', dateCell(serial1900(2024, 1, 4)), 12.5]
        ]
      }
    ]),
    expect: {
      outcome: 'accepted',
      report: { rowsRead: 4, rowsAccepted: 2, rowsRejected: 2, customers: 2, totalAmount: 42.5 },
      rejected: { bad_amount: [3], missing_amount: [4] }
    }
  },
  {
    id: 'xlsx-huge-dimension',
    covers: 'xlsx declaring a dimension far beyond its data (A1:XFD1048576)',
    name: 'dimension.xlsx',
    bytes: rawXlsx(
      '<dimension ref="A1:XFD1048576"/><sheetData>' +
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Customer ID</t></is></c><c r="B1" t="inlineStr"><is><t>Order Date</t></is></c><c r="C1" t="inlineStr"><is><t>Amount</t></is></c></row>' +
        '<row r="2"><c r="A2" t="inlineStr"><is><t>D1</t></is></c><c r="B2" t="inlineStr"><is><t>2024-05-01</t></is></c><c r="C2"><v>5</v></c></row>' +
        '</sheetData>'
    ),
    expect: {
      outcome: 'accepted',
      report: { rowsRead: 1, rowsAccepted: 1, rowsRejected: 0, customers: 1, totalAmount: 5 }
    }
  },
  {
    id: 'xlsx-zip-bomb',
    covers: 'a zip bomb (120 MB sheet from ~120 KB)',
    name: 'bomb.xlsx',
    bytes: zipBomb(),
    expect: { outcome: 'error', code: 'xlsx_zip_bomb' }
  },
  // ── hostile content ──
  {
    id: 'html-script-names',
    covers: 'HTML and script in names and headers',
    name: '<img src=x onerror=alert(1)>.csv',
    bytes: utf8(
      lines([
        'Customer ID,"<b onmouseover=window.__pwned=1>Name</b>",Order Date,Amount',
        ...CANARY_NAMES.map(
          (n, i) => `"X${i + 1}","${n.replace(/"/g, '""')}",2024-01-0${i + 1},${i + 1}`
        )
      ])
    ),
    expect: {
      outcome: 'accepted',
      report: { rowsRead: 4, rowsAccepted: 4, rowsRejected: 0, customers: 4, totalAmount: 10 },
      search: { text: '<script>', total: 1 }
    }
  },
  {
    id: 'formula-looking-cells',
    covers: 'formula-looking cells (CSV injection)',
    name: 'formulas.csv',
    bytes: utf8(
      lines([
        HEAD,
        '=1+1,"=HYPERLINK(""http://evil.example"",""x"")",2024-01-01,10',
        '+cmd,"+cmd|\' /C calc\'!A0",2024-01-02,20',
        '@SUM,@SUM(1),2024-01-03,30',
        '-2+3,-2+3,2024-01-04,40'
      ])
    ),
    expect: {
      outcome: 'accepted',
      report: { rowsRead: 4, rowsAccepted: 4, rowsRejected: 0, customers: 4, totalAmount: 100 },
      search: { text: '=HYPERLINK', total: 1 }
    }
  }
];

/** The bytes of a case as a Blob (a repeated chunk stays one allocation in the caller). */
export function caseBlob(c: CorpusCase): Blob {
  const parts = c.repeat ? Array.from({ length: c.repeat }, () => c.bytes) : [c.bytes];
  return new Blob(parts as BlobPart[]);
}
