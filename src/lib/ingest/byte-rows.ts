// An orders file's rows for the import's first pass, read straight from its UTF-8 bytes: one scan
// finds the records and fields, and only the columns the pass reads become strings. Decoding the
// whole text and parsing it with papaparse took ≈ 1.8 s of each half's ≈ 4.5 s at a million rows.
// The rows are exactly those `streamRows` gives (the same records, numbers, blank rows dropped) as
// long as the text is plain: well-formed quotes, valid UTF-8 without U+FFFD, no NUL, no second
// byte-order mark. From the first record that is not, the rest goes to `streamRows`' own reading.
import { grown } from '$lib/analysis/string-map';
import { createTextDecoder } from './decode';
import { streamRows, textRows, type Inspected, type RowBatch } from './inspect';
import { isBlankRecord } from './parse-csv';
import { decodeChunks, readPieces } from './read-file';
import { yieldTurn } from './yield-turn';

type Rows = Promise<{ parserIssues: { code: string; record: number }[]; records: number }>;

const QUOTE = 0x22;
/** Field flags: quoted, with doubled quotes inside, with bytes beyond ASCII. */
const QUOTED = 1;
const ESCAPED = 2;
const WIDE = 4;
/** Bytes scanned at a time (a stream's piece may be a whole Blob, as in Node). */
const SLICE_BYTES = 1 << 20;
/**
 * A record longer than this (a quote opened and never closed swallows the rest of the file) goes
 * to the parser rather than be scanned again with every slice.
 */
const MAX_RECORD_BYTES = 8 << 20;
/** How long scanning goes on before the worker answers what waits (a cancel). */
const YIELD_MS = 40;
/** Code units turned into a string at a time (a call takes only so many arguments). */
const STRING_STEP = 8192;

/** True when `inspected`'s rows can be read from its bytes (see the file's comment). */
export function readsBytes(inspected: Inspected): boolean {
  const d = inspected.delimiter;
  const code = d.charCodeAt(0);
  return (
    !inspected.table &&
    inspected.encoding === 'utf-8' &&
    (inspected.format === 'csv' || inspected.format === 'csv.gz') &&
    d.length === 1 &&
    code > 0 &&
    code < 0x80 &&
    code !== QUOTE &&
    !inspected.newline.includes(d)
  );
}

/**
 * The length of the valid UTF-8 sequence that starts at `buf[i]` (a byte ≥ 0x80), as the WHATWG
 * decoder reads it; 0 when the bytes end before it does and more may come; -1 when it is not
 * valid, or is U+FFFD itself (the decoder's mark for bytes it could not read).
 */
function sequenceLength(buf: Uint8Array, i: number, n: number, final: boolean): number {
  const b = buf[i];
  let length: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) length = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    length = 3;
    if (b === 0xe0) lo = 0xa0;
    else if (b === 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    length = 4;
    if (b === 0xf0) lo = 0x90;
    else if (b === 0xf4) hi = 0x8f;
  } else return -1;
  if (i + length > n) return final ? -1 : 0;
  const c1 = buf[i + 1];
  if (c1 < lo || c1 > hi) return -1;
  for (let k = 2; k < length; k++) if ((buf[i + k] & 0xc0) !== 0x80) return -1;
  if (b === 0xef && c1 === 0xbf && buf[i + 2] === 0xbd) return -1;
  return length;
}

/** Reused for every string made: code units, then one `String.fromCharCode` call. */
const units: number[] = [];

/** The text of field bytes `buf[from, to)` with flags `flag` (quotes already stripped). */
function textOf(buf: Uint8Array, from: number, to: number, flag: number): string {
  if (from === to) return '';
  let m = 0;
  if ((flag & WIDE) === 0) for (let j = from; j < to; j++) units[m++] = buf[j];
  else {
    for (let j = from; j < to;) {
      const b = buf[j];
      if (b < 0x80) {
        units[m++] = b;
        j++;
      } else if (b < 0xe0) {
        units[m++] = ((b & 0x1f) << 6) | (buf[j + 1] & 0x3f);
        j += 2;
      } else if (b < 0xf0) {
        units[m++] = ((b & 0x0f) << 12) | ((buf[j + 1] & 0x3f) << 6) | (buf[j + 2] & 0x3f);
        j += 3;
      } else {
        const cp =
          ((b & 0x07) << 18) |
          ((buf[j + 1] & 0x3f) << 12) |
          ((buf[j + 2] & 0x3f) << 6) |
          (buf[j + 3] & 0x3f);
        units[m++] = 0xd7c0 + (cp >> 10);
        units[m++] = 0xdc00 | (cp & 0x3ff);
        j += 4;
      }
    }
  }
  units.length = m;
  let text: string;
  if (m <= STRING_STEP) text = String.fromCharCode.apply(null, units);
  else {
    text = '';
    for (let k = 0; k < m; k += STRING_STEP)
      text += String.fromCharCode.apply(null, units.slice(k, k + STRING_STEP));
  }
  return (flag & ESCAPED) === 0 ? text : text.replaceAll('""', '"');
}

/**
 * Finds the records of delimited UTF-8 bytes, as papaparse splits the same text (the quote `"`
 * opens a quoted field only at a field's start; a doubled one inside stands for one), and makes
 * the rows of the columns asked for.
 */
class RecordScanner {
  readonly #delimiter: number;
  readonly #newline0: number;
  /** The newline's second byte (`\r\n`), or -1. */
  readonly #newline1: number;
  // The fields of the records found by the last `scan`: bytes [start, end), flags.
  #start = new Int32Array(1 << 16);
  #end = new Int32Array(1 << 16);
  #flag = new Uint8Array(1 << 16);
  #fields = 0;
  /** Per record found: its first field; one more entry closes the last record. */
  #first = new Int32Array(1 << 12);
  records = 0;

  constructor(delimiter: string, newline: string) {
    this.#delimiter = delimiter.charCodeAt(0);
    this.#newline0 = newline.charCodeAt(0);
    this.#newline1 = newline.length > 1 ? newline.charCodeAt(1) : -1;
  }

  #field(start: number, end: number, flag: number) {
    const f = this.#fields++;
    if (f === this.#start.length) {
      this.#start = grown(this.#start, f + 1);
      this.#end = grown(this.#end, f + 1);
      this.#flag = grown(this.#flag, f + 1);
    }
    this.#start[f] = start;
    this.#end[f] = end;
    this.#flag[f] = flag;
  }

  #record() {
    const r = ++this.records;
    if (r === this.#first.length) this.#first = grown(this.#first, r + 1);
    this.#first[r] = this.#fields;
  }

  /**
   * The record at `at` runs past the bytes: its fields are dropped; it is read again with more
   * (or, at the end, it is not plain: a quote never closed, a character cut short).
   */
  #unfinished(at: number, final: boolean): number {
    this.#fields = this.#first[this.records];
    return final ? -(at + 1) : at;
  }

  /**
   * Scans `buf[0, n)`, which begins at a record; `final`: nothing follows. Returns where the
   * records found end (an unfinished one begins there), or `-(at + 1)` when the record at `at` is
   * not plain (the records before it are found).
   */
  scan(buf: Uint8Array, n: number, final: boolean): number {
    this.#fields = 0;
    this.records = 0;
    this.#first[0] = 0;
    const delimiter = this.#delimiter;
    const nl0 = this.#newline0;
    const nl1 = this.#newline1;
    const newlineBytes = nl1 < 0 ? 1 : 2;
    let i = 0;
    for (;;) {
      const at = i;
      // Nothing after the last newline is no record (as papaparse streams it).
      if (i >= n) return at;
      // The fields of the record at `at`.
      for (;;) {
        let flag = 0;
        let start = i;
        let end: number;
        if (buf[i] === QUOTE) {
          flag = QUOTED;
          start = ++i;
          for (;;) {
            if (i >= n) return this.#unfinished(at, final);
            const b = buf[i];
            if (b === QUOTE) {
              if (i + 1 >= n && !final) return this.#unfinished(at, final);
              if (buf[i + 1] === QUOTE) {
                flag |= ESCAPED;
                i += 2;
                continue;
              }
              break;
            }
            if (b >= 0x80) {
              const k = sequenceLength(buf, i, n, final);
              if (k <= 0) return k === 0 ? this.#unfinished(at, final) : -(at + 1);
              flag |= WIDE;
              i += k;
              continue;
            }
            if (b === 0) return -(at + 1);
            i++;
          }
          end = i++;
          // After the closing quote: a delimiter, a newline or the end (else papaparse's own rules).
          if (i < n && buf[i] !== delimiter) {
            if (buf[i] !== nl0) return -(at + 1);
            if (nl1 >= 0) {
              if (i + 1 >= n) return this.#unfinished(at, final);
              if (buf[i + 1] !== nl1) return -(at + 1);
            }
          }
        } else {
          for (; i < n; i++) {
            const b = buf[i];
            if (b === delimiter) break;
            if (b === nl0) {
              if (nl1 < 0) break;
              if (i + 1 >= n) {
                if (!final) return this.#unfinished(at, final);
              } else if (buf[i + 1] === nl1) break;
            } else if (b >= 0x80) {
              const k = sequenceLength(buf, i, n, final);
              if (k <= 0) return k === 0 ? this.#unfinished(at, final) : -(at + 1);
              flag |= WIDE;
              i += k - 1;
            } else if (b === 0) return -(at + 1);
          }
          end = i;
        }
        if (i >= n && !final) return this.#unfinished(at, final);
        this.#field(start, end, flag);
        if (i >= n) {
          this.#record();
          return n;
        }
        if (buf[i] === delimiter) {
          i++;
          continue;
        }
        i += newlineBytes;
        this.#record();
        break;
      }
    }
  }

  /** Rows of empty cells by length, copied for each row (one copy beats filling a new array). */
  readonly #blanks: string[][] = [];

  /** Cells of record `r` of the last scan: every one, or those of `columns` (the others empty). */
  row(buf: Uint8Array, r: number, columns: readonly number[] | null): string[] {
    const first = this.#first[r];
    const count = this.#first[r + 1] - first;
    if (columns === null) {
      const row: string[] = [];
      for (let f = first; f < first + count; f++)
        row.push(textOf(buf, this.#start[f], this.#end[f], this.#flag[f]));
      return row;
    }
    const row = (this.#blanks[count] ??= new Array<string>(count).fill('')).slice();
    for (let k = 0; k < columns.length; k++) {
      const c = columns[k];
      if (c >= count) continue;
      const f = first + c;
      row[c] = textOf(buf, this.#start[f], this.#end[f], this.#flag[f]);
    }
    return row;
  }

  /** Fields of record `r`. */
  fieldCount(r: number): number {
    return this.#first[r + 1] - this.#first[r];
  }

  /** True when every field of record `r` is empty (a blank line). */
  isEmpty(r: number): boolean {
    for (let f = this.#first[r]; f < this.#first[r + 1]; f++)
      if (this.#end[f] > this.#start[f]) return false;
    return true;
  }
}

/**
 * Streams the data rows of an inspected file as {@link streamRows} does, but rows hold only the
 * cells of `columns` (the others are empty; `RowBatch.whole` gives a row with every cell). Files
 * it cannot read from bytes (see {@link readsBytes}) are read by `streamRows`.
 */
export async function streamColumns(
  file: Blob,
  inspected: Inspected,
  columns: readonly number[],
  onBatch: (batch: RowBatch) => boolean | void,
  onBytes: (bytes: number) => void,
  /** Bytes scanned at a time (tests make it small, to cut records and characters anywhere). */
  sliceBytes = SLICE_BYTES
): Rows {
  if (!readsBytes(inspected)) return streamRows(file, inspected, onBatch, onBytes);
  const width = inspected.headers.length;
  const asked = [...new Set(columns)].filter((c) => c < width);
  const scanner = new RecordScanner(inspected.delimiter, inspected.newline);
  const pieces = readPieces(file, inspected.format === 'csv.gz', onBytes);
  let work = new Uint8Array(sliceBytes * 2);
  /** Bytes of an unfinished record at the start of `work`. */
  let carry = 0;
  /** The file's bytes before `work` (after the byte-order mark). */
  let before = 0;
  let skip = inspected.bomBytes;
  let records = 0;
  let lastYield = performance.now();

  /** Hands on the rows of the records scanned; false: stop. */
  const deliver = (buf: Uint8Array): boolean => {
    const batch: RowBatch = { rows: [], rowNumbers: [] };
    const recordOf: number[] = [];
    for (let r = 0; r < scanner.records; r++) {
      const index = records++;
      if (index <= inspected.headerRecord || scanner.isEmpty(r)) continue;
      let row = scanner.row(buf, r, scanner.fieldCount(r) > width ? null : asked);
      // Every cell asked for blank: the whole row says whether it is a blank line.
      if (row.every((cell) => cell.trim() === '')) {
        row = scanner.row(buf, r, null);
        if (isBlankRecord(row)) continue;
      }
      batch.rows.push(row);
      batch.rowNumbers.push(index + 1);
      recordOf.push(r);
    }
    if (batch.rows.length === 0) return true;
    batch.whole = (i) => (batch.rows[i] = scanner.row(buf, recordOf[i], null));
    return onBatch(batch) !== false;
  };

  /** The rest of the file from `work[from, n)` on, read by the parser. */
  const readRest = async (from: number, n: number, after: Uint8Array): Rows => {
    async function* rest() {
      yield work.subarray(from, n);
      if (after.length > 0) yield after;
      for await (const piece of pieces) yield piece;
    }
    // A byte-order mark is dropped only at the text's start, as the whole file's decoder does.
    const atStart = before + from === 0;
    const decoder = atStart
      ? createTextDecoder('utf-8')
      : new TextDecoder('utf-8', { ignoreBOM: true });
    return textRows(decodeChunks(rest(), decoder, 0), inspected, onBatch, records);
  };

  let done = false;
  while (!done) {
    const next = await pieces.next();
    done = next.done === true;
    let piece: Uint8Array = next.done ? new Uint8Array(0) : next.value;
    if (skip > 0) {
      const cut = Math.min(skip, piece.length);
      piece = piece.subarray(cut);
      skip -= cut;
    }
    for (let at = 0; at < piece.length || (done && at === 0); at += sliceBytes) {
      const part = piece.subarray(at, at + sliceBytes);
      const n = carry + part.length;
      if (work.length < n) {
        const wider = new Uint8Array(n * 2);
        wider.set(work.subarray(0, carry));
        work = wider;
      }
      work.set(part, carry);
      const final = done && at + sliceBytes >= piece.length;
      const after = piece.subarray(at + sliceBytes);
      // A second byte-order mark at the start: the decoder would drop it.
      if (before === 0 && n >= 3 && work[0] === 0xef && work[1] === 0xbb && work[2] === 0xbf)
        return readRest(0, n, after);
      const end = scanner.scan(work, n, final);
      if (!deliver(work)) {
        await pieces.return(undefined);
        return { parserIssues: [], records };
      }
      if (end < 0) return readRest(-end - 1, n, after);
      carry = n - end;
      if (carry > MAX_RECORD_BYTES) return readRest(end, n, after);
      work.copyWithin(0, end, n);
      before += end;
      if (performance.now() - lastYield > YIELD_MS) {
        await yieldTurn();
        lastYield = performance.now();
      }
    }
  }
  return { parserIssues: [], records };
}
