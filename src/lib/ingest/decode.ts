// Text encodings of imported files: detection from the first bytes, and streaming-safe decoders.

/** Encodings the app can read; the user may override the detected one with any of these. */
export const SUPPORTED_ENCODINGS = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'gb18030',
  'big5',
  'shift_jis',
  'windows-1252'
] as const;

/** One of {@link SUPPORTED_ENCODINGS}. */
export type SupportedEncoding = (typeof SUPPORTED_ENCODINGS)[number];

/**
 * Why {@link detectEncoding} chose its answer (shown in the import report):
 * - `bom`: a byte-order mark (UTF-8, UTF-16LE/BE or GB18030);
 * - `utf16-nulls`: BOM-less UTF-16, recognised by the 0x00 halves of ASCII characters;
 * - `ascii`: only 7-bit bytes, read as UTF-8;
 * - `utf8-valid`: non-ASCII bytes that form strictly valid UTF-8;
 * - `utf8-mostly`: valid UTF-8 but for a few stray sequences (a row pasted in from another
 *   encoding); those rows are rejected as `bad_encoding` rather than the whole file misread;
 * - `fallback-gb18030`: not UTF-8, so the usual Chinese Excel/WPS export encoding;
 * - `fallback-windows-1252`: not UTF-8, and the non-ASCII bytes stand alone as in Western text.
 */
export type EncodingReason =
  | 'bom'
  | 'utf16-nulls'
  | 'ascii'
  | 'utf8-valid'
  | 'utf8-mostly'
  | 'fallback-gb18030'
  | 'fallback-windows-1252';

/** Result of {@link detectEncoding}; `bomLength` bytes are to be skipped before decoding. */
export interface DetectedEncoding {
  encoding: SupportedEncoding;
  bomLength: number;
  reason: EncodingReason;
}

/** How many bytes the UTF-16 heuristic looks at. */
const UTF16_SAMPLE_BYTES = 4096;

const BOMS: { bytes: number[]; encoding: SupportedEncoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  // GB18030's own BOM (U+FEFF encoded); rare but unambiguous.
  { bytes: [0x84, 0x31, 0x95, 0x33], encoding: 'gb18030' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' }
];

function matchBom(head: Uint8Array): DetectedEncoding | undefined {
  for (const bom of BOMS) {
    if (head.length >= bom.bytes.length && bom.bytes.every((b, i) => head[i] === b)) {
      return { encoding: bom.encoding, bomLength: bom.bytes.length, reason: 'bom' };
    }
  }
  return undefined;
}

/**
 * BOM-less UTF-16 (Excel "Unicode text" without its BOM, some database dumps): text that is
 * mostly ASCII has a 0x00 in every other byte. Chinese-only UTF-16 without a BOM is not
 * recognisable this way, but Excel always writes the BOM.
 */
function guessUtf16(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(head.length, UTF16_SAMPLE_BYTES) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros / pairs > 0.3 && evenZeros / pairs < 0.05) return 'utf-16le';
  if (evenZeros / pairs > 0.3 && oddZeros / pairs < 0.05) return 'utf-16be';
  return undefined;
}

/** Strict UTF-8 check; with `stream` a sequence cut off at the very end is accepted. */
function isValidUtf8(head: Uint8Array, allowTruncatedTail: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(head, {
      stream: allowTruncatedTail
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * Counts well-formed multi-byte UTF-8 sequences and stray bytes. Legacy Chinese text forms valid
 * UTF-8 pairs only by accident (roughly one pair in ten), so a large majority of well-formed
 * sequences means UTF-8 with a few foreign rows.
 */
export function countUtf8Sequences(bytes: Uint8Array): { good: number; bad: number } {
  let good = 0;
  let bad = 0;
  const isCont = (i: number) => i < bytes.length && (bytes[i] & 0xc0) === 0x80;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    const n =
      b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    let ok = n > 0;
    for (let k = 1; ok && k <= n; k++) ok = isCont(i + k);
    if (ok) {
      good++;
      i += n;
    } else bad++;
  }
  return { good, bad };
}

/**
 * Western single-byte text has high bytes standing alone or before an ASCII letter (`Café,`,
 * `Müller`); Chinese GBK text pairs them (both bytes ≥ 0x81 for all common characters), and
 * GB18030's four-byte sequences are high, digit, high, digit.
 */
function looksLikeSingleByteWestern(head: Uint8Array): boolean {
  const isLead = (b: number) => b >= 0x81 && b <= 0xfe;
  const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
  let chinese = 0;
  let western = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] < 0x80) continue;
    if (!isLead(head[i])) {
      western++; // 0x80 and 0xFF never start a GB18030 character
      continue;
    }
    if (i + 1 >= head.length || (isDigit(head[i + 1]) && i + 3 >= head.length)) break; // cut off
    const next = head[i + 1];
    if (isDigit(next) && isLead(head[i + 2]) && isDigit(head[i + 3])) {
      chinese++;
      i += 3;
    } else if (next >= 0x80 && next <= 0xfe) {
      chinese++;
      i++;
    } else {
      western++;
      if (next >= 0x40 && next <= 0x7e) i++; // a valid but rare GBK pair; as likely `é` + letter
    }
  }
  return western > chinese;
}

/**
 * Detect the encoding of a file from its first bytes: BOM, BOM-less UTF-16, strict UTF-8
 * (a multi-byte character cut off at the end of `head` is fine unless `isWholeFile`),
 * otherwise GB18030 (a superset of GBK/GB2312) — or windows-1252 when the bytes look Western.
 */
export function detectEncoding(head: Uint8Array, isWholeFile: boolean): DetectedEncoding {
  const bom = matchBom(head);
  if (bom) return bom;
  const utf16 = guessUtf16(head);
  if (utf16) return { encoding: utf16, bomLength: 0, reason: 'utf16-nulls' };
  if (head.every((b) => b < 0x80)) return { encoding: 'utf-8', bomLength: 0, reason: 'ascii' };
  if (isValidUtf8(head, !isWholeFile)) {
    return { encoding: 'utf-8', bomLength: 0, reason: 'utf8-valid' };
  }
  const { good, bad } = countUtf8Sequences(head);
  if (good >= 10 && good >= 3 * bad) {
    return { encoding: 'utf-8', bomLength: 0, reason: 'utf8-mostly' };
  }
  if (looksLikeSingleByteWestern(head)) {
    return { encoding: 'windows-1252', bomLength: 0, reason: 'fallback-windows-1252' };
  }
  return { encoding: 'gb18030', bomLength: 0, reason: 'fallback-gb18030' };
}

/**
 * A WHATWG decoder for `encoding` (our names are already WHATWG labels). Decode chunks with
 * `decoder.decode(chunk, { stream: true })` and finish with `decoder.decode()` so characters
 * split across chunk boundaries survive. A leading BOM is dropped by the decoder.
 */
export function createTextDecoder(
  encoding: SupportedEncoding,
  opts: { fatal?: boolean } = {}
): TextDecoder {
  return new TextDecoder(encoding, { fatal: opts.fatal ?? false });
}

/** True when `value` names one of {@link SUPPORTED_ENCODINGS} (e.g. from saved settings). */
export function isSupportedEncoding(value: string): value is SupportedEncoding {
  return (SUPPORTED_ENCODINGS as readonly string[]).includes(value);
}

/** Decode a whole buffer (small files, clipboard), detecting the encoding unless given. */
export function decodeAll(
  bytes: Uint8Array,
  encoding?: SupportedEncoding
): { text: string; encoding: SupportedEncoding } {
  const chosen = encoding ?? detectEncoding(bytes, true).encoding;
  let text = createTextDecoder(chosen).decode(bytes);
  // UTF-8/16 decoders drop their BOM themselves; GB18030's BOM decodes to a plain U+FEFF.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding: chosen };
}
