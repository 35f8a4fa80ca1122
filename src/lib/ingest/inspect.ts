// Looks at the head of a file (format, encoding, delimiter, header, roles) and then streams its rows.
import { createTextDecoder, detectEncoding, type SupportedEncoding } from './decode';
import { REQUIRED_ROLES, detectColumns, detectKind, isConfident } from './detect-roles';
import { detectTargetColumns, looksLikeTargets } from './detect-targets';
import { detectFileKind, detectRelatedColumns, isRelatedConfident } from './detect-kinds';
import type { RelatedKind } from './kind-tables';
import { listSheets, openWorkbook, readSheet, type SheetTable } from './parse-xlsx';
import { findRequiredRoles, pickSheet, type SheetChoice } from './pick-sheet';
import {
  guessNewline,
  isBlankRecord,
  parseCsvStream,
  parseCsvText,
  type Newline
} from './parse-csv';
import { decodeChunks, dropNuls, readBytes, readHead } from './read-file';
import { detectDelimiter, sniffFormat } from './sniff';
import { MAX_DIMENSIONS } from './normalize';
import { DATE_HEADER, isPlausibleSerial } from './parse-values';
import type { ColumnGuess, DatasetKind } from './types';
import { IngestError } from './errors';
import { yieldTurn } from './yield-turn';

export { IngestError };

/** Columns past the dimension cap are shown as not imported (they stay in the raw sheet). */
function capDimensions(guesses: ColumnGuess[]): ColumnGuess[] {
  let kept = 0;
  for (const g of guesses) {
    if (g.role === 'dimension' && ++kept > MAX_DIMENSIONS) g.role = 'ignore';
  }
  return guesses;
}

/**
 * Decompressed bytes looked at to detect encoding, delimiter, header and roles: 7,000 rows of the
 * 1M-row bench file, 4,565 of Superstore's wider ones (role detection takes up to 5,000). The
 * mapping step waits for them: a worker just started read 4 MB in 0.5–1.2 s, 1 MB in 0.2–0.4 s.
 */
export const HEAD_BYTES = 1024 * 1024;
/** Rows handed to role detection. */
export const DETECT_ROWS = 5000;
/** Spreadsheets are read whole; refuse files that cannot reasonably fit. */
export const MAX_SPREADSHEET_BYTES = 300 * 1024 * 1024;

export type SourceFormat = 'csv' | 'csv.gz' | 'xlsx' | 'xls';

/** Everything learned from the head of a file. */
export interface Inspected {
  format: SourceFormat;
  encoding: SupportedEncoding;
  encodingReason: string;
  bomBytes: number;
  delimiter: string;
  newline: Newline;
  sheets: { name: string; rows: number; cols: number }[];
  sheet?: string;
  /** 0-based record index of the header (CSV) or Excel row number of the header (xlsx). */
  headerRecord: number;
  headerRow: number;
  headers: string[];
  sample: string[][];
  /** Roles as an orders or customer file. */
  guesses: ColumnGuess[];
  /** Roles as a targets sheet (the mapping step switches to them when the kind is targets). */
  targetGuesses: ColumnGuess[];
  /** Roles as each related kind: a customer table (master or summary), survey, complaints, receivables. */
  relatedGuesses: Record<RelatedKind, ColumnGuess[]>;
  kind: DatasetKind;
  confident: boolean;
  date1904: boolean;
  skippedRows: number;
  /** The parsed sheet, kept for the import (spreadsheets are read whole anyway). */
  table?: SheetTable;
  /** Why this sheet was opened, when the workbook has several and the user picked none. */
  sheetChoice?: SheetChoice;
}

/** Names blank headers and trims the rest. */
function cleanHeaders(raw: string[]): string[] {
  return raw.map((h, i) => h.replace(/^\uFEFF/, '').trim() || `Column ${i + 1}`);
}

/**
 * Picks the header among the first records: the first one that fills most of the table's width
 * with text, so a title block (`2024年客户订单`, `导出时间：…`, blank lines) above it is skipped.
 */
export function findHeaderRecord(records: string[][]): number {
  const probe = records.slice(0, 30);
  const filled = probe.map((r) => r.filter((c) => c.trim() !== '').length);
  const width = Math.max(0, ...filled);
  const needed = Math.max(1, Math.ceil(width * 0.6));
  const index = filled.findIndex((n) => n >= needed);
  return index < 0 ? 0 : index;
}

async function inspectSpreadsheet(file: Blob & { name?: string }, sheet?: string) {
  if (file.size > MAX_SPREADSHEET_BYTES) throw new IngestError('too_large', { mb: 300 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  // openWorkbook checks declared zip sizes before SheetJS inflates anything.
  const opened = openWorkbook(bytes, file.name ?? '');
  if (!opened.ok) throw new IngestError(`xlsx_${opened.reason}`);
  const listed = listSheets(opened.workbook);
  if (!listed.ok) throw new IngestError(`xlsx_${listed.reason}`);
  const sheets = listed.sheets.map(({ name, rows, cols }) => ({ name, rows, cols }));
  // The user's pick, else the sheet whose header holds the most required roles (a notes sheet
  // often comes first).
  const picked = sheet || sheets.length < 2 ? undefined : pickSheet(opened.workbook, listed.sheets);
  const chosen = sheet ?? picked?.sheet ?? sheets[0]?.name;
  if (!chosen) throw new IngestError('xlsx_no_sheets');
  const read = readSheet(opened.workbook, chosen);
  if (!read.ok) throw new IngestError(`xlsx_${read.reason}`);
  return { sheets, sheet: chosen, table: read.table, scores: picked?.scores };
}

const SERIAL_TEXT = /^\d{5}(?:\.\d+)?$/;

/**
 * Columns of a text file whose header names a date and whose every value is an Excel serial day
 * (a sheet saved as CSV after its date format was lost): read them as serials, like xlsx.
 * The plausibility rule is the one xlsx uses for number cells without a date format.
 */
export function findSerialDateColumns(headers: string[], rows: string[][]): Set<number> {
  const found = new Set<number>();
  headers.forEach((header, c) => {
    if (!DATE_HEADER.test(header)) return;
    let count = 0;
    for (const row of rows) {
      const v = (row[c] ?? '').trim();
      if (v === '') continue;
      if (!SERIAL_TEXT.test(v) || !isPlausibleSerial(Number(v))) return;
      count++;
    }
    if (count > 0) found.add(c);
  });
  return found;
}

/** The roles as each kind, which kind the file is (DOMAIN §7), and how sure that is. */
function readRoles(guesses: ColumnGuess[], sample: string[][]) {
  const targetGuesses = detectTargetColumns(guesses, sample);
  const isTargets = looksLikeTargets(guesses, targetGuesses);
  const relatedGuesses: Record<RelatedKind, ColumnGuess[]> = {
    customers: detectRelatedColumns('customers', guesses),
    feedback: detectRelatedColumns('feedback', guesses),
    complaints: detectRelatedColumns('complaints', guesses),
    receivables: detectRelatedColumns('receivables', guesses)
  };
  const baseKind: DatasetKind = isTargets ? 'targets' : detectKind(guesses);
  const kind = detectFileKind(guesses, relatedGuesses, baseKind);
  const confident =
    kind === 'transactions' || kind === 'targets' || baseKind === 'customers'
      ? isConfident(isTargets ? targetGuesses : guesses)
      : isRelatedConfident(kind, relatedGuesses[kind], REQUIRED_ROLES[kind]);
  return { guesses, targetGuesses, relatedGuesses, kind, confident };
}

/** Inspects a file: format, encoding, delimiter, header row, column roles. */
export async function inspectFile(
  file: Blob & { name?: string },
  options: { encoding?: SupportedEncoding; sheet?: string } = {}
): Promise<Inspected> {
  const name = file.name ?? '';
  const first = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
  const sniffed = sniffFormat(first, name);
  if (sniffed === 'empty') throw new IngestError('empty_file');
  if (sniffed === 'binary') throw new IngestError('binary_file');
  if (sniffed === 'xlsx' || sniffed === 'xls') {
    const { sheets, sheet, table, scores } = await inspectSpreadsheet(file, options.sheet);
    if (table.headers.length === 0) throw new IngestError('no_header');
    if (table.rows.length === 0) throw new IngestError('no_data_rows');
    const headers = cleanHeaders(table.headers);
    // Serial days are already dates here: readSheet converts those of date columns.
    const guesses = capDimensions(detectColumns(headers, table.rows.slice(0, DETECT_ROWS)));
    const roles = readRoles(guesses, table.rows.slice(0, DETECT_ROWS));
    return {
      format: sniffed,
      encoding: 'utf-8',
      encodingReason: 'xlsx',
      bomBytes: 0,
      delimiter: '',
      newline: '\n',
      sheets,
      sheet,
      headerRecord: 0,
      headerRow: table.headerRow,
      headers,
      sample: table.rows.slice(0, DETECT_ROWS),
      ...roles,
      date1904: table.date1904,
      skippedRows: table.skippedTitleRows + table.subtotalRows.length + table.bannerRows.length,
      table,
      sheetChoice: scores && {
        ...findRequiredRoles(guesses),
        others: scores
          .filter((s) => s.name !== sheet)
          .map(({ name, found, missing }) => ({ name, found, missing }))
      }
    };
  }
  const gzip = sniffed === 'gzip';
  const head = await readHead(file, gzip, HEAD_BYTES);
  if (gzip) {
    const inner = sniffFormat(head.bytes.subarray(0, 4096), name.replace(/\.gz$/i, ''));
    if (inner === 'empty') throw new IngestError('empty_file');
    if (inner !== 'text') throw new IngestError('binary_file');
  }
  const detected = detectEncoding(head.bytes, head.isWholeFile);
  const encoding = options.encoding ?? detected.encoding;
  const bomBytes =
    options.encoding && options.encoding !== detected.encoding ? 0 : detected.bomLength;
  const text = dropNuls(
    createTextDecoder(encoding).decode(head.bytes.subarray(bomBytes), {
      stream: !head.isWholeFile
    })
  );
  const delimiter = detectDelimiter(text);
  const records = parseCsvText(text, delimiter);
  if (!head.isWholeFile && records.length > 1) records.pop(); // possibly cut mid-record
  const headerRecord = findHeaderRecord(records);
  if (records.length === 0 || isBlankRecord(records[headerRecord] ?? [])) {
    throw new IngestError('empty_file');
  }
  const headers = cleanHeaders(records[headerRecord]);
  const sample = records.slice(headerRecord + 1).filter((r) => !isBlankRecord(r));
  if (sample.length === 0 && head.isWholeFile) throw new IngestError('no_data_rows');
  const guesses = capDimensions(
    detectColumns(headers, sample.slice(0, DETECT_ROWS), {
      excelSerialColumns: findSerialDateColumns(headers, sample.slice(0, DETECT_ROWS))
    })
  );
  const roles = readRoles(guesses, sample.slice(0, DETECT_ROWS));
  return {
    format: gzip ? 'csv.gz' : 'csv',
    encoding,
    encodingReason: options.encoding ? 'user' : detected.reason,
    bomBytes,
    delimiter,
    newline: guessNewline(text),
    sheets: [],
    headerRecord,
    headerRow: headerRecord + 1,
    headers,
    sample,
    ...roles,
    date1904: false,
    skippedRows: records.slice(0, headerRecord).filter((r) => !isBlankRecord(r)).length
  };
}

/** A batch of data rows with their spreadsheet row numbers (as Excel shows them). */
export interface RowBatch {
  rows: string[][];
  rowNumbers: number[];
  /** Rows (indexes into `rows`) the reader already knows are broken, and why. */
  problems?: Map<number, 'unterminated_quote'>;
  /**
   * Rows (indexes into `rows`) with cells that did not decode in the file's encoding, and those
   * cells' column indexes: whether that costs the row depends on the columns' roles.
   */
  unreadable?: Map<number, number[]>;
  /**
   * Set when rows hold only the columns a reader asked for (the others are empty): row `i` with
   * every cell, put in its place in `rows` and returned. Only while the batch is being handed on.
   */
  whole?: (i: number) => string[];
}

/** How {@link streamRows} paces itself: work behind the page's back reads in small steps. */
export interface StreamPace {
  /** Bytes of file text parsed at a time (default 4 MB, the import's chunk). */
  chunkBytes?: number;
  /** Waited for before each chunk (background work gives way to what the page waits for). */
  pause?: () => Promise<void>;
}

/**
 * Streams the data rows of an inspected file in batches. Blank rows are dropped; `onBytes`
 * reports file bytes consumed. `onBatch` returns `false` to stop early. After each batch the
 * worker answers what waits (a cancel, a view's request).
 */
export async function streamRows(
  file: Blob,
  inspected: Inspected,
  onBatch: (batch: RowBatch) => boolean | void,
  onBytes: (bytes: number) => void,
  pace: StreamPace = {}
): Promise<{ parserIssues: { code: string; record: number }[]; records: number }> {
  if (inspected.table) {
    const { rows, rowNumbers } = inspected.table;
    const step = 5000;
    for (let i = 0; i < rows.length; i += step) {
      const end = Math.min(rows.length, i + step);
      const go = onBatch({ rows: rows.slice(i, end), rowNumbers: rowNumbers.slice(i, end) });
      onBytes(Math.round((file.size * end) / rows.length));
      if (go === false) break;
      await yieldTurn();
      await pace.pause?.();
    }
    return { parserIssues: [], records: rows.length };
  }
  const bytes = readBytes(file, inspected.format === 'csv.gz', onBytes, pace.chunkBytes);
  const texts = decodeChunks(bytes, createTextDecoder(inspected.encoding), inspected.bomBytes);
  return textRows(texts, inspected, onBatch, 0, pace);
}

/**
 * The rows of decoded file text, as {@link streamRows} hands them on; `firstRecord`: the index of
 * the text's first record in the file (a reader that went on from its own records' end).
 */
export async function textRows(
  texts: AsyncIterable<string>,
  inspected: Inspected,
  onBatch: (batch: RowBatch) => boolean | void,
  firstRecord = 0,
  pace: StreamPace = {}
): Promise<{ parserIssues: { code: string; record: number }[]; records: number }> {
  // U+FFFD in UTF-8 text marks bytes that were not UTF-8 (a row from another encoding): the import
  // decides per cell. One indexOf per chunk; rows are searched only after a hit.
  const isUnicode = inspected.encoding.startsWith('utf-');
  let sawReplacement = false;
  async function* watch(chunks: AsyncIterable<string>) {
    for await (const text of chunks) {
      if (isUnicode && !sawReplacement && text.includes('\uFFFD')) sawReplacement = true;
      await pace.pause?.();
      yield text;
    }
  }
  const result = await parseCsvStream(
    watch(texts),
    inspected.delimiter,
    inspected.newline,
    (records, first, unterminated) => {
      const batch: RowBatch = { rows: [], rowNumbers: [] };
      for (let i = 0; i < records.length; i++) {
        const index = firstRecord + first + i;
        const record = records[i];
        if (index <= inspected.headerRecord || isBlankRecord(record)) continue;
        const at = batch.rows.push(record) - 1;
        batch.rowNumbers.push(index + 1);
        if (unterminated.has(first + i))
          (batch.problems ??= new Map()).set(at, 'unterminated_quote');
        else if (sawReplacement) {
          const columns = unreadableColumns(record);
          if (columns.length > 0) (batch.unreadable ??= new Map()).set(at, columns);
        }
      }
      return onBatch(batch);
    }
  );
  return {
    parserIssues: result.issues.map((issue) => ({ ...issue, record: issue.record + firstRecord })),
    records: firstRecord + result.records
  };
}

/** Indexes of the cells holding U+FFFD (bytes the decoder could not read). */
function unreadableColumns(record: string[]): number[] {
  const columns: number[] = [];
  for (let c = 0; c < record.length; c++) if (record[c].includes('\uFFFD')) columns.push(c);
  return columns;
}
