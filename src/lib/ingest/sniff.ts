// What kind of file was dropped (magic bytes first, name as a hint) and how its text is delimited.

import { detectEncoding } from './decode';

/** The reader a file needs: `xls` covers BIFF and the HTML/XML "xls" many exports produce. */
export type FileFormat = 'gzip' | 'xlsx' | 'xls' | 'text' | 'binary' | 'empty';

/** Field delimiters {@link detectDelimiter} chooses from, in tie-break order. */
export const DELIMITERS = ['\t', ',', ';', '|'] as const;

/** One of {@link DELIMITERS}. */
export type Delimiter = (typeof DELIMITERS)[number];

/** Bytes inspected for binary content and markup. */
const SAMPLE_BYTES = 8192;
/** Lines {@link detectDelimiter} looks at. */
const DELIMITER_SAMPLE_LINES = 50;

const MAGIC: { bytes: number[]; format: FileFormat }[] = [
  { bytes: [0x1f, 0x8b], format: 'gzip' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], format: 'xlsx' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], format: 'xls' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], format: 'binary' } // %PDF-
];

function startsWith(head: Uint8Array, bytes: number[]): boolean {
  return head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
}

/** Control bytes other than tab, LF, FF, CR and the DOS end-of-file mark 0x1A. */
function isOddControl(b: number): boolean {
  return (
    (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1a) || b === 0x7f
  );
}

/**
 * Binary when odd control bytes are more than 1 % of the sample. A few NULs (padding after the data,
 * one stray byte in a cell) are common in exports from old systems and are dropped when decoding.
 */
function looksBinary(sample: Uint8Array): boolean {
  let end = sample.length;
  while (end > 0 && sample[end - 1] === 0) end--; // NUL padding after the data
  let controls = 0;
  for (let i = 0; i < end; i++) if (isOddControl(sample[i])) controls++;
  return controls > Math.max(1, end * 0.01);
}

/** HTML tables and SpreadsheetML 2003, which ERP/OA systems often save with an .xls name. */
function looksLikeMarkupSheet(sample: Uint8Array, fileName: string): boolean {
  // Markup is ASCII; latin1 keeps byte offsets and never fails on GBK or UTF-8 text.
  const text = new TextDecoder('latin1').decode(sample).replace(/^\uFEFF|^ï»¿/, '');
  if (!text.trimStart().startsWith('<')) return false;
  const lower = text.toLowerCase();
  if (lower.includes('<table') || lower.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    return true;
  }
  return /\.xlsx?$/i.test(fileName);
}

/**
 * Sniff the format from the first bytes of a file. Magic bytes decide (an xlsx named `.csv` is
 * xlsx); `fileName` only settles markup whose table starts beyond `head`.
 */
export function sniffFormat(head: Uint8Array, fileName: string): FileFormat {
  if (head.length === 0) return 'empty';
  for (const magic of MAGIC) if (startsWith(head, magic.bytes)) return magic.format;
  const sample = head.subarray(0, SAMPLE_BYTES);
  const { encoding } = detectEncoding(sample, false);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return 'text';
  if (looksBinary(sample)) return 'binary';
  if (looksLikeMarkupSheet(sample, fileName)) return 'xls';
  return 'text';
}

/** Remove a leading U+FEFF (byte-order mark) from decoded text. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Per line, how often each delimiter occurs outside double quotes. A quote opens a quoted field
 * only at the start of a field (`12" pipe` is plain text); quoted fields may span lines. Only
 * complete lines count, unless the text has a single line; blank lines are skipped.
 */
function countPerLine(text: string): number[][] {
  const lines: number[][] = [];
  let counts = DELIMITERS.map(() => 0);
  let isQuoted = false;
  let isFieldStart = true;
  let hasContent = false;
  for (let i = 0; i < text.length && lines.length < DELIMITER_SAMPLE_LINES; i++) {
    const ch = text[i];
    if (isQuoted) {
      if (ch === '"' && text[i + 1] === '"') i++;
      else if (ch === '"') isQuoted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (hasContent) lines.push(counts);
      counts = DELIMITERS.map(() => 0);
      hasContent = false;
      isFieldStart = true;
    } else if (ch === '"' && isFieldStart) {
      isQuoted = true;
      hasContent = true;
    } else {
      const k = DELIMITERS.indexOf(ch as Delimiter);
      if (k >= 0) counts[k]++;
      if (k >= 0 || ch.trim() !== '') hasContent = true;
      if (k >= 0) isFieldStart = true;
      else if (ch !== ' ') isFieldStart = false;
    }
  }
  if (lines.length === 0 && hasContent) lines.push(counts);
  return lines;
}

/**
 * Choose the field delimiter of delimited text: the candidate whose most common per-line count
 * (at least 1) holds on the most lines; ties go to tab, comma, semicolon, pipe in that order
 * (a TSV often has `1,234.56` amounts, a CSV rarely has tabs). A single column gives ','.
 */
export function detectDelimiter(text: string): Delimiter {
  const lines = countPerLine(stripBom(text));
  let best: Delimiter = ',';
  let bestFrequency = 0;
  DELIMITERS.forEach((delimiter, k) => {
    const histogram = new Map<number, number>();
    for (const counts of lines) histogram.set(counts[k], (histogram.get(counts[k]) ?? 0) + 1);
    let frequency = 0;
    for (const [count, lineCount] of histogram) {
      if (count >= 1 && lineCount > frequency) frequency = lineCount;
    }
    if (frequency > bestFrequency) {
      best = delimiter;
      bestFrequency = frequency;
    }
  });
  return best;
}
