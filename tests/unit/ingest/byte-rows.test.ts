import { describe, expect, it } from 'vitest';
import { readsBytes, streamColumns } from '$lib/ingest/byte-rows';
import { streamRows, type Inspected, type RowBatch } from '$lib/ingest/inspect';
import type { Newline } from '$lib/ingest/parse-csv';

function inspection(over: Partial<Inspected> & { width: number }): Inspected {
  const { width, ...rest } = over;
  return {
    format: 'csv',
    encoding: 'utf-8',
    encodingReason: '',
    bomBytes: 0,
    delimiter: ',',
    newline: '\n',
    sheets: [],
    headerRecord: 0,
    headerRow: 1,
    headers: Array.from({ length: width }, (_, i) => `c${i}`),
    sample: [],
    guesses: [],
    targetGuesses: [],
    relatedGuesses: {} as Inspected['relatedGuesses'],
    kind: 'transactions',
    confident: true,
    date1904: false,
    skippedRows: 0,
    ...rest
  };
}

type Seen = { rowNo: number; row: string[]; problem?: string; unreadable?: number[] };

function collect(into: Seen[]) {
  return (batch: RowBatch) => {
    for (let i = 0; i < batch.rows.length; i++) {
      into.push({
        rowNo: batch.rowNumbers[i],
        row: batch.rows[i],
        ...(batch.problems?.has(i) && { problem: batch.problems.get(i) }),
        ...(batch.unreadable?.has(i) && { unreadable: batch.unreadable.get(i) })
      });
    }
  };
}

/** The rows `streamRows` gives (papaparse over the decoded text): the reference. */
async function reference(bytes: Uint8Array<ArrayBuffer>, inspected: Inspected) {
  const seen: Seen[] = [];
  const { records } = await streamRows(new Blob([bytes]), inspected, collect(seen), () => {});
  return { seen, records };
}

/** The rows read from bytes, made whole; each partial row checked against its whole one. */
async function fromBytes(
  bytes: Uint8Array<ArrayBuffer>,
  inspected: Inspected,
  columns: number[],
  sliceBytes: number
) {
  const seen: Seen[] = [];
  const partialsOk: boolean[] = [];
  const keep = collect(seen);
  const { records } = await streamColumns(
    new Blob([bytes]),
    inspected,
    columns,
    (batch) => {
      if (batch.whole) {
        for (let i = 0; i < batch.rows.length; i++) {
          const partial = batch.rows[i];
          const whole = batch.whole(i);
          partialsOk.push(
            partial.length === whole.length &&
              partial.every(
                (cell, c) => cell === (columns.includes(c) ? whole[c] : '') || cell === whole[c]
              )
          );
        }
      }
      keep(batch);
    },
    () => {},
    sliceBytes
  );
  return { seen, records, partialsOk };
}

const enc = new TextEncoder();
const bytesOf = (...parts: (string | number[])[]) => {
  const arrays = parts.map((p) => (typeof p === 'string' ? enc.encode(p) : new Uint8Array(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
};

async function expectSame(
  bytes: Uint8Array<ArrayBuffer>,
  inspected: Inspected,
  columns: number[],
  sliceBytes: number
) {
  const want = await reference(bytes, inspected);
  const got = await fromBytes(bytes, inspected, columns, sliceBytes);
  expect(got.seen).toEqual(want.seen);
  expect(got.records).toBe(want.records);
  expect(got.partialsOk.every(Boolean)).toBe(true);
  return want;
}

describe('streamColumns', () => {
  it('reads plain rows, making strings only of the columns asked for', async () => {
    const text = 'id,名称,date,amount\nC1,宁波,2024-01-02,12.50\nC2,"苏州, ""新""",2024-01-03,7\n';
    const inspected = inspection({ width: 4 });
    const rows: string[][] = [];
    let whole: string[] | null = null;
    const { records } = await streamColumns(
      new Blob([enc.encode(text)]),
      inspected,
      [0, 3],
      (batch) => {
        rows.push(...batch.rows.map((r) => [...r]));
        whole = [...batch.whole!(1)];
      },
      () => {}
    );
    expect(rows).toEqual([
      ['C1', '', '', '12.50'],
      ['C2', '', '', '7']
    ]);
    expect(whole).toEqual(['C2', '苏州, "新"', '2024-01-03', '7']);
    expect(records).toBe(3);
  });

  const cases: [string, Uint8Array<ArrayBuffer>, Partial<Inspected>][] = [
    ['no newline at the end', bytesOf('h1,h2\na,b\nc,d'), {}],
    ['blank lines and a row of empty cells', bytesOf('h1,h2\n\na,b\n,\n \t,\u3000\nc,d\n\n'), {}],
    ['CRLF with a stray CR and LF in cells', bytesOf('h1,h2\r\na\rx,b\nz\r\nc,d\r\n'), {}],
    ['CR newlines', bytesOf('h1,h2\ra,b\rc,"d\re"\r'), { newline: '\r' }],
    ['quoted cells across lines, doubled quotes', bytesOf('h1,h2\n"a\nb","x""y"""\n"",""\n'), {}],
    ['a quote inside an unquoted cell', bytesOf('h1,h2\nab"c,d"\ne,f\n'), {}],
    ['text after a closing quote', bytesOf('h1,h2\na,b\n"c"x,d\ne,f\n'), {}],
    ['spaces after a closing quote', bytesOf('h1,h2\na,b\n"c"  ,d\ne,f\n'), {}],
    ['an unterminated quote', bytesOf('h1,h2\na,b\n"c,d\ne,f\n'), {}],
    ['a byte that is not UTF-8', bytesOf('h1,h2\na,b\nc,', [0xff, 0x41], '\ne,f\n'), {}],
    ...[
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf0, 0x80, 0x80, 0x80],
      [0xc1, 0xbf],
      [0xf5, 0x80, 0x80, 0x80]
    ].map((bad): [string, Uint8Array<ArrayBuffer>, Partial<Inspected>] => [
      `a sequence that is not UTF-8: ${bad.map((b) => b.toString(16)).join(' ')}`,
      bytesOf('h1,h2\na,b\nc,', bad, '\nd,e\n'),
      {}
    ]),
    [
      'the sequences at the ends of what is valid',
      bytesOf(
        'h1,h2\na,',
        [0xe0, 0xa0, 0x80],
        '\nb,',
        [0xed, 0x9f, 0xbf],
        '\nc,',
        [0xf4, 0x8f, 0xbf, 0xbf],
        '\nd,',
        [0xf0, 0x90, 0x80, 0x80],
        '\n'
      ),
      {}
    ],
    ['U+FFFD in the file', bytesOf('h1,h2\na,b\nc,x\uFFFDy\ne,f\n'), {}],
    ['a NUL byte', bytesOf('h1,h2\na,b\nc', [0], 'd,x\ne,f\n'), {}],
    ['a cut four-byte sequence at the end', bytesOf('h1,h2\na,b\nc,', [0xf0, 0x9f]), {}],
    ['emoji and a byte-order mark inside', bytesOf('h1,h2\na😀,\uFEFFb\n'), {}],
    ['a byte-order mark, skipped', bytesOf([0xef, 0xbb, 0xbf], 'h1,h2\na,b\n'), { bomBytes: 3 }],
    [
      'a second byte-order mark',
      bytesOf([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], 'h1,h2\na,b\n'),
      { bomBytes: 3 }
    ],
    ['more cells than the header', bytesOf('h1,h2\na,b,c\nd,e,\nf,g, \n'), {}],
    ['fewer cells than the header', bytesOf('h1,h2,h3\na\nb,c\n'), {}],
    ['title lines above the header', bytesOf('Report\n\nh1,h2\na,b\n'), { headerRecord: 2 }],
    ['tabs', bytesOf('h1\th2\na\t"b\tc"\n'), { delimiter: '\t' }],
    ['only a header', bytesOf('h1,h2'), {}],
    ['a 合计 line', bytesOf('h1,h2\na,b\n合计,12\n'), {}],
    ['an empty file', bytesOf(''), {}]
  ];
  for (const [name, bytes, over] of cases) {
    it(`gives the rows papaparse gives: ${name}`, async () => {
      const inspected = inspection({ width: 2, ...over });
      for (const slice of [1, 2, 3, 5, 1 << 20]) await expectSame(bytes, inspected, [0], slice);
    });
  }

  it('gives the rows papaparse gives on random files, cut anywhere', async () => {
    let seed = 7;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const cells: (string | number[])[] = [
      'C0001',
      '',
      ' ',
      '2024-01-02',
      '12.5',
      '宁波市澜安医药',
      '😀x',
      '"a,b"',
      '"x""y"',
      '"two\nlines"',
      '"two\r\nlines"',
      'a"b',
      'x\r',
      '\u3000',
      '合计',
      '"',
      '""',
      '"ab"c',
      [0xff],
      [0xe5, 0xae],
      '\uFFFD',
      [0]
    ];
    // Files without the rare troubles too (they are read from bytes to the end).
    const plain = cells.slice(0, 11);
    for (let n = 0; n < 300; n++) {
      const delimiter = pick([',', '\t', ';']);
      const newline = pick<Newline>(['\n', '\r\n', '\r']);
      const width = 1 + Math.floor(random() * 4);
      const palette = random() < 0.5 ? plain : cells;
      const parts: (string | number[])[] = [];
      const rows = Math.floor(random() * 12);
      for (let r = 0; r <= rows; r++) {
        const count = random() < 0.8 ? width : 1 + Math.floor(random() * (width + 2));
        for (let c = 0; c < count; c++) {
          if (c > 0) parts.push(delimiter);
          parts.push(r === 0 ? `h${c}` : pick(palette));
        }
        if (r < rows || random() < 0.5) parts.push(newline);
      }
      const bytes = bytesOf(...parts);
      const inspected = inspection({ width, delimiter, newline });
      const columns = [...Array(width).keys()].filter(() => random() < 0.5);
      try {
        await expectSame(bytes, inspected, columns, 1 + Math.floor(random() * 40));
      } catch (err) {
        throw new Error(`file ${n}: ${JSON.stringify(new TextDecoder().decode(bytes))}`, {
          cause: err
        });
      }
    }
  });

  it('reads gzip-compressed files from their bytes too', async () => {
    const text = enc.encode('h1,h2\nC1,宁波\n"C2",x\n');
    const gz = new Uint8Array(
      await new Response(
        new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))
      ).arrayBuffer()
    );
    const inspected = inspection({ width: 2, format: 'csv.gz' });
    expect(readsBytes(inspected)).toBe(true);
    const seen: Seen[] = [];
    await streamColumns(new Blob([gz]), inspected, [0, 1], collect(seen), () => {});
    expect(seen.map((s) => s.row)).toEqual([
      ['C1', '宁波'],
      ['C2', 'x']
    ]);
  });

  it('leaves other encodings and spreadsheets to the text reader', () => {
    expect(readsBytes(inspection({ width: 2, encoding: 'gb18030' }))).toBe(false);
    expect(readsBytes(inspection({ width: 2, format: 'xlsx' }))).toBe(false);
    expect(readsBytes(inspection({ width: 2, delimiter: '"' }))).toBe(false);
    expect(readsBytes(inspection({ width: 2 }))).toBe(true);
  });

  it('stops when told to', async () => {
    const text = 'h\n' + Array.from({ length: 100 }, (_, i) => `r${i}`).join('\n');
    let batches = 0;
    await streamColumns(
      new Blob([enc.encode(text)]),
      inspection({ width: 1 }),
      [0],
      () => {
        batches++;
        return false;
      },
      () => {},
      16
    );
    expect(batches).toBe(1);
  });
});
