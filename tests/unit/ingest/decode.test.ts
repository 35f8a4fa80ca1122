// Encoding detection and chunk-safe decoding: BOMs, strict UTF-8, GB18030, UTF-16, Western text.
import { describe, expect, it } from 'vitest';
import {
  SUPPORTED_ENCODINGS,
  createTextDecoder,
  decodeAll,
  detectEncoding,
  isSupportedEncoding,
  type SupportedEncoding
} from '../../../src/lib/ingest/decode';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p))
  );

/** UTF-16 code units of `text` as bytes, without BOM. */
function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i), littleEndian);
  return out;
}

// Known GB18030 byte sequences (there is no GB18030 encoder in the platform to produce them).
const GBK_ZHONGWEN = [0xd6, 0xd0, 0xce, 0xc4]; // 中文
const GB_EURO = [0xa2, 0xe3]; // €
const GB_U20000 = [0x95, 0x32, 0x82, 0x36]; // 𠀀 (four-byte sequence)

/** Decode `data` in two chunks split at `at`, streaming as the file reader does. */
function decodeSplit(data: Uint8Array, encoding: SupportedEncoding, at: number): string {
  const decoder = createTextDecoder(encoding, { fatal: true });
  return (
    decoder.decode(data.subarray(0, at), { stream: true }) +
    decoder.decode(data.subarray(at), { stream: true }) +
    decoder.decode()
  );
}

describe('detectEncoding', () => {
  it.each([
    ['utf-8', [0xef, 0xbb, 0xbf], 3],
    ['utf-16le', [0xff, 0xfe], 2],
    ['utf-16be', [0xfe, 0xff], 2],
    ['gb18030', [0x84, 0x31, 0x95, 0x33], 4]
  ] as const)('recognises the %s BOM', (encoding, bom, bomLength) => {
    const head = bytes([...bom], [0x41, 0x00, 0x42, 0x00]);
    expect(detectEncoding(head, true)).toEqual({ encoding, bomLength, reason: 'bom' });
  });

  it('reads 7-bit text as UTF-8', () => {
    expect(detectEncoding(bytes('id,amount\n1,2\n'), true)).toEqual({
      encoding: 'utf-8',
      bomLength: 0,
      reason: 'ascii'
    });
    expect(detectEncoding(new Uint8Array(0), true).encoding).toBe('utf-8');
  });

  it('accepts strictly valid UTF-8 with Chinese and 4-byte characters', () => {
    const head = bytes('客户编号,订单金额\nC001,¥12.50 𠮷\n');
    expect(detectEncoding(head, true).reason).toBe('utf8-valid');
  });

  it('accepts a multi-byte character cut off at the end of a partial head only', () => {
    const full = bytes('客户,金额\n张三');
    const cut = full.subarray(0, full.length - 1);
    expect(detectEncoding(cut, false)).toMatchObject({ encoding: 'utf-8', reason: 'utf8-valid' });
    expect(detectEncoding(cut, true).encoding).not.toBe('utf-8');
  });

  it('rejects UTF-8 that is broken in the middle', () => {
    const head = bytes('a,', [0xe4, 0xb8], ',b\n'); // truncated 中 followed by more text
    expect(detectEncoding(head, false).encoding).not.toBe('utf-8');
  });

  it('falls back to GB18030 for GBK bytes', () => {
    const head = bytes('id,name\n1,', GBK_ZHONGWEN, '\n2,', GBK_ZHONGWEN, GB_EURO, '\n');
    expect(detectEncoding(head, true)).toEqual({
      encoding: 'gb18030',
      bomLength: 0,
      reason: 'fallback-gb18030'
    });
    expect(decodeAll(head).text).toBe('id,name\n1,中文\n2,中文€\n');
  });

  it('reads GB18030 four-byte sequences', () => {
    const head = bytes('x,', GB_U20000, GBK_ZHONGWEN, '\n');
    expect(detectEncoding(head, true).encoding).toBe('gb18030');
    expect(decodeAll(head).text).toBe('x,𠀀中文\n');
  });

  it('falls back to windows-1252 when high bytes stand alone (Café, Müller)', () => {
    const head = bytes(
      'name,city\nCaf',
      [0xe9],
      ',M',
      [0xfc],
      'nchen\nJos',
      [0xe9],
      ',Z',
      [0xfc],
      'rich\n'
    );
    expect(detectEncoding(head, true)).toMatchObject({
      encoding: 'windows-1252',
      reason: 'fallback-windows-1252'
    });
    expect(decodeAll(head).text).toBe('name,city\nCafé,München\nJosé,Zürich\n');
  });

  it.each([
    ['utf-16le', true],
    ['utf-16be', false]
  ] as const)('recognises %s without BOM from its NUL bytes', (encoding, littleEndian) => {
    const data = utf16('客户ID\tAmount\nC001\t12.5\nC002\t7\n', littleEndian);
    expect(detectEncoding(data, true)).toEqual({ encoding, bomLength: 0, reason: 'utf16-nulls' });
    expect(decodeAll(data).text).toBe('客户ID\tAmount\nC001\t12.5\nC002\t7\n');
  });
});

describe('createTextDecoder streaming', () => {
  const cases: [SupportedEncoding, Uint8Array, string][] = [
    ['utf-8', bytes('a中€𠮷b'), 'a中€𠮷b'],
    ['gb18030', bytes('a', GBK_ZHONGWEN, GB_EURO, GB_U20000, 'b'), 'a中文€𠀀b'],
    ['utf-16le', utf16('a中𠮷b', true), 'a中𠮷b'],
    ['utf-16be', utf16('a中𠮷b', false), 'a中𠮷b']
  ];

  it.each(cases)('%s survives a chunk split at every byte position', (encoding, data, text) => {
    for (let at = 0; at <= data.length; at++) {
      expect(decodeSplit(data, encoding, at), `split at ${at}`).toBe(text);
    }
  });

  it.each(cases)('%s survives one-byte chunks', (encoding, data, text) => {
    const decoder = createTextDecoder(encoding);
    let out = '';
    for (let i = 0; i < data.length; i++) {
      out += decoder.decode(data.subarray(i, i + 1), { stream: true });
    }
    expect(out + decoder.decode()).toBe(text);
  });

  it('maps every supported encoding to a platform decoder', () => {
    for (const encoding of SUPPORTED_ENCODINGS) {
      expect(() => createTextDecoder(encoding)).not.toThrow();
    }
    expect(createTextDecoder('big5').decode(new Uint8Array([0xa4, 0xa4]))).toBe('中');
    expect(createTextDecoder('shift_jis').decode(new Uint8Array([0x93, 0xfa]))).toBe('日');
  });

  it('throws on invalid bytes only when fatal', () => {
    const bad = new Uint8Array([0x61, 0xff, 0x62]);
    expect(() => createTextDecoder('utf-8', { fatal: true }).decode(bad)).toThrow();
    expect(createTextDecoder('utf-8').decode(bad)).toBe('a\uFFFDb');
  });
});

describe('decodeAll', () => {
  it('drops the BOM and reports the encoding', () => {
    expect(decodeAll(bytes([0xef, 0xbb, 0xbf], '客户\n'))).toEqual({
      text: '客户\n',
      encoding: 'utf-8'
    });
    expect(decodeAll(bytes([0xff, 0xfe], [...utf16('ab', true)]))).toEqual({
      text: 'ab',
      encoding: 'utf-16le'
    });
    expect(decodeAll(bytes([0x84, 0x31, 0x95, 0x33], GBK_ZHONGWEN)).text).toBe('中文');
  });

  it('uses the encoding the user chose', () => {
    expect(decodeAll(bytes(GBK_ZHONGWEN), 'gb18030')).toEqual({
      text: '中文',
      encoding: 'gb18030'
    });
  });
});

describe('isSupportedEncoding', () => {
  it('accepts our names only', () => {
    expect(isSupportedEncoding('gb18030')).toBe(true);
    expect(isSupportedEncoding('latin1')).toBe(false);
  });
});
