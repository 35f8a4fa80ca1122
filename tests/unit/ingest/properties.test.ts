// Property-based tests (fast-check, fixed seed) of the value parsers, decoding and delimiter sniffing.
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createTextDecoder, detectEncoding, type SupportedEncoding } from '$lib/ingest/decode';
import {
  daysFromCivil,
  excelSerialToDay,
  isValidCivil,
  parseDate,
  parseNumber
} from '$lib/ingest/parse-values';
import { decodeChunks } from '$lib/ingest/read-file';
import { detectDelimiter } from '$lib/ingest/sniff';
import type { DecimalMark } from '$lib/ingest/types';

const SEED = 20261123;
const opts = (numRuns = 400) => ({ seed: SEED, numRuns });

// ── numbers ──

/** Integer part with thousands groups of three joined by `sep`. */
function group(whole: bigint, sep: string): string {
  const digits = whole.toString();
  const parts: string[] = [];
  for (let end = digits.length; end > 0; end -= 3)
    parts.unshift(digits.slice(Math.max(0, end - 3), end));
  return parts.join(sep);
}

const SPELLINGS: { mark: DecimalMark; sep: string }[] = [
  { mark: '.', sep: '' },
  { mark: '.', sep: ',' },
  { mark: '.', sep: ' ' },
  { mark: '.', sep: '\u00a0' },
  { mark: '.', sep: '\u202f' },
  { mark: '.', sep: "'" },
  { mark: ',', sep: '' },
  { mark: ',', sep: '.' },
  { mark: ',', sep: ' ' },
  { mark: ',', sep: '\u00a0' }
];
const NEGATIVES = [
  (s: string) => `-${s}`,
  (s: string) => `(${s})`,
  (s: string) => `\u2212${s}`,
  (s: string) => `${s}-`
];
const CURRENCIES = [
  (s: string) => s,
  (s: string) => `$${s}`,
  (s: string) => `¥${s}`,
  (s: string) => `￥${s}`,
  (s: string) => `€ ${s}`,
  (s: string) => `USD ${s}`,
  (s: string) => `${s} 元`,
  (s: string) => `${s} €`,
  (s: string) => `${s}RMB`
];

const amount = fc.record({
  cents: fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }),
  spelling: fc.constantFrom(...SPELLINGS),
  negative: fc.nat({ max: NEGATIVES.length - 1 }),
  currency: fc.nat({ max: CURRENCIES.length - 1 }),
  decimals: fc.constantFrom(0, 1, 2),
  pad: fc.constantFrom('', ' ', '\u3000')
});

/** One generated amount spelling (see `amount`). */
interface Spelled {
  cents: bigint;
  spelling: { mark: DecimalMark; sep: string };
  negative: number;
  currency: number;
  decimals: number;
  pad: string;
}

function spell(a: Spelled): { text: string; value: number } {
  const abs = a.cents < 0n ? -a.cents : a.cents;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0').slice(0, a.decimals);
  const body = group(whole, a.spelling.sep) + (a.decimals ? a.spelling.mark + frac : '');
  let text = CURRENCIES[a.currency](body);
  if (a.cents < 0n) text = NEGATIVES[a.negative](text);
  const shownCents = a.decimals === 0 ? whole * 100n : a.decimals === 1 ? (abs / 10n) * 10n : abs;
  const value = Number(a.cents < 0n ? -shownCents : shownCents) / 100;
  return { text: a.pad + text + a.pad, value };
}

describe('parseNumber properties', () => {
  it('reads every supported spelling of a generated amount back to the same value', () => {
    fc.assert(
      fc.property(amount, (a) => {
        const { text, value } = spell(a);
        const n = parseNumber(text, a.spelling.mark);
        expect(Math.round(n * 100) + 0).toBe(Math.round(value * 100) + 0); // -0 and 0 alike
      }),
      opts(2000)
    );
  }, 10_000); // CPU-bound; measured 0.1 s (0.5 s with both cores busy)

  it('never throws, and returns NaN or a finite number for any text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.constantFrom<DecimalMark>('.', ','),
        (s, mark) => {
          const n = parseNumber(s, mark);
          expect(typeof n).toBe('number');
          expect(Number.isNaN(n) || Number.isFinite(n) || Math.abs(n) === Infinity).toBe(true);
        }
      ),
      opts(3000)
    );
  }, 20_000); // CPU-bound; measured 1.4 s (5.4 s with both cores busy)

  it('rejects garbage: letters, percent signs, two decimal marks, broken groups', () => {
    const garbage = fc.oneof(
      fc
        .tuple(fc.integer(), fc.constantFrom('abc', 'x', 'kg', '%', 'pcs'))
        .map(([n, w]) => `${n}${w}`),
      fc.tuple(fc.nat(), fc.nat(), fc.nat()).map(([a, b, c]) => `${a}.${b}.${c}`),
      fc
        .tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 99 }))
        .map(([a, b]) => `${a},${b},5.1`),
      fc.constantFrom('', '-', '()', '$', '元', '1 2 3 4', '--5', '(-5)', '1e', 'e5')
    );
    fc.assert(
      fc.property(garbage, (s) => {
        expect(parseNumber(s, '.')).toBeNaN();
      }),
      opts(1000)
    );
  });
});

// ── dates ──

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const civil = fc
  .record({
    y: fc.integer({ min: 1800, max: 2199 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 })
  })
  .filter(({ y, m, d }) => isValidCivil(y, m, d));
const TIMES = [
  '',
  'T00:00:00',
  ' 23:59',
  'T12:34:56.789Z',
  'T23:30:00-05:00',
  ' 08:00:00+08:00',
  ' 下午3:05'
];
const p2 = (n: number) => String(n).padStart(2, '0');
const DATE_SPELLINGS: ((c: {
  y: number;
  m: number;
  d: number;
}) => [string, 'dmy' | 'mdy' | undefined])[] = [
  ({ y, m, d }) => [`${y}-${p2(m)}-${p2(d)}`, undefined],
  ({ y, m, d }) => [`${y}/${m}/${d}`, undefined],
  ({ y, m, d }) => [`${y}.${m}.${d}`, undefined],
  ({ y, m, d }) => [`${y}${p2(m)}${p2(d)}`, undefined],
  ({ y, m, d }) => [`${y}年${m}月${d}日`, undefined],
  ({ y, m, d }) => [`${d}-${MONTHS[m - 1]}-${y}`, undefined],
  ({ y, m, d }) => [`${MONTHS[m - 1]} ${d}, ${y}`, undefined],
  ({ y, m, d }) => [`${p2(d)}/${p2(m)}/${y}`, 'dmy'],
  ({ y, m, d }) => [`${m}/${d}/${y}`, 'mdy'],
  ({ y, m, d }) => [`${d}.${m}.${y}`, 'dmy']
];

describe('parseDate properties', () => {
  it('reads every supported spelling of a generated date, with any time and offset, as that calendar day', () => {
    fc.assert(
      fc.property(
        civil,
        fc.nat({ max: DATE_SPELLINGS.length - 1 }),
        fc.constantFrom(...TIMES),
        (c, k, time) => {
          const [text, order] = DATE_SPELLINGS[k](c);
          // Compact dates take no time; Chinese dates write it after a space, not a `T`.
          const withTime = k === 3 ? text : text + (k === 4 ? time.replace(/^T/, ' ') : time);
          expect(parseDate(withTime, order)).toBe(daysFromCivil(c.y, c.m, c.d));
        }
      ),
      opts(3000)
    );
  });

  it('gives NaN for impossible days in every spelling', () => {
    const impossible = fc
      .record({
        y: fc.integer({ min: 1800, max: 2199 }),
        m: fc.integer({ min: 1, max: 12 }),
        d: fc.integer({ min: 29, max: 31 })
      })
      .filter(({ y, m, d }) => !isValidCivil(y, m, d));
    fc.assert(
      fc.property(impossible, fc.nat({ max: DATE_SPELLINGS.length - 1 }), (c, k) => {
        const [text, order] = DATE_SPELLINGS[k](c);
        expect(parseDate(text, order)).toBeNaN();
      }),
      opts(1000)
    );
  });

  it('round-trips Excel serials in both date systems', () => {
    fc.assert(
      fc.property(
        civil.filter(({ y, m }) => y > 1904 || (y === 1904 && m > 2)),
        fc.boolean(),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (c, is1904, time) => {
          const day = daysFromCivil(c.y, c.m, c.d);
          const serial =
            day - (is1904 ? daysFromCivil(1904, 1, 1) : daysFromCivil(1899, 12, 30)) + time;
          expect(excelSerialToDay(serial, is1904)).toBe(day);
          expect(
            parseDate(String(serial), undefined, { excelSerial: true, date1904: is1904 })
          ).toBe(day);
        }
      ),
      opts(1000)
    );
  });

  it('never throws and returns NaN or a whole day for any text, order and options', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc.stringMatching(/^[0-9年月日/ .:T+-]{0,24}$/)
        ),
        fc.constantFrom(undefined, 'dmy' as const, 'mdy' as const),
        fc.boolean(),
        (s, order, excelSerial) => {
          const day = parseDate(s, order, { excelSerial });
          expect(Number.isNaN(day) || Number.isInteger(day)).toBe(true);
        }
      ),
      opts(3000)
    );
  });
});

// ── decoding and sniffing ──

/** Text without lone surrogates (what any encoder can write), from the given code point ranges. */
function textOf(ranges: [number, number][], maxLength = 200) {
  return fc
    .array(fc.oneof(...ranges.map(([min, max]) => fc.integer({ min, max }))), { maxLength })
    .map((codes) => String.fromCodePoint(...codes.filter((c) => c < 0xd800 || c > 0xdfff)));
}
const ASCII: [number, number] = [0x20, 0x7e];
const CJK: [number, number] = [0x4e00, 0x9fa5];
const SUPPLEMENTARY: [number, number] = [0x20000, 0x2a6d6];
const ANY: [number, number] = [0x1, 0x10ffff];

async function decodeInPieces(bytes: Uint8Array, cuts: number[], encoding: SupportedEncoding) {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  async function* pieces() {
    let at = 0;
    for (const p of [...points, bytes.length]) {
      yield bytes.subarray(at, p);
      at = p;
    }
  }
  let out = '';
  for await (const t of decodeChunks(pieces(), createTextDecoder(encoding), 0)) out += t;
  return out;
}

describe('decoding properties', () => {
  const cases: { encoding: SupportedEncoding; iconv: string; text: fc.Arbitrary<string> }[] = [
    { encoding: 'utf-8', iconv: 'utf8', text: textOf([ANY, CJK, ASCII]) },
    { encoding: 'utf-16le', iconv: 'utf16le', text: textOf([ANY, CJK, ASCII]) },
    { encoding: 'utf-16be', iconv: 'utf16be', text: textOf([ANY, CJK, ASCII]) },
    { encoding: 'gb18030', iconv: 'gb18030', text: textOf([CJK, ASCII, SUPPLEMENTARY]) }
  ];
  for (const c of cases) {
    it(`${c.encoding}: decode(encode(s)) == s whatever the chunk boundaries`, async () => {
      await fc.assert(
        fc.asyncProperty(c.text, fc.array(fc.nat(), { maxLength: 12 }), async (s, cuts) => {
          const bytes = new Uint8Array(iconv.encode(s, c.iconv));
          expect(await decodeInPieces(bytes, cuts, c.encoding)).toBe(s.replaceAll('\0', ''));
        }),
        opts(300)
      );
    });
  }

  it('detects valid UTF-8 text as UTF-8, and GB18030 Chinese text as GB18030', () => {
    fc.assert(
      fc.property(
        textOf([CJK, ASCII], 300).filter(
          (s) => /[\u4e00-\u9fa5]{8}/u.test(s) || !/[^\x20-\x7e]/.test(s)
        ),
        (s) => {
          expect(detectEncoding(new TextEncoder().encode(s), true).encoding).toBe('utf-8');
        }
      ),
      opts(300)
    );
    fc.assert(
      fc.property(
        textOf([CJK], 60).filter((s) => s.length >= 8),
        (s) => {
          const bytes = new Uint8Array(iconv.encode(`客户编号,金额\n${s},1\n`, 'gbk'));
          expect(detectEncoding(bytes, true).encoding).toBe('gb18030');
        }
      ),
      opts(300)
    );
  });

  it('finds the delimiter of a generated table', () => {
    const field = fc.stringMatching(/^[A-Za-z0-9 ._\u4e00-\u9fa5-]{1,12}$/);
    fc.assert(
      fc.property(
        fc.constantFrom('\t', ',', ';', '|'),
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 2, max: 20 }),
        fc.array(field, { minLength: 200, maxLength: 200 }),
        (delimiter, columns, rows, cells) => {
          const lines = Array.from({ length: rows }, (_, r) =>
            Array.from({ length: columns }, (_, c) => cells[(r * columns + c) % cells.length]).join(
              delimiter
            )
          );
          expect(detectDelimiter(lines.join('\n') + '\n')).toBe(delimiter);
        }
      ),
      opts(500)
    );
  }, 10_000); // CPU-bound; measured 0.2 s (0.6 s with both cores busy)
});
