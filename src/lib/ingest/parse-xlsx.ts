// Workbooks (.xlsx/.xls) read safely in memory: size guard, sheet list, and one sheet as a text table.

import * as XLSX from '@e965/xlsx';
import { DATE_HEADER, isPlausibleSerial } from './parse-values';
import { sniffFormat } from './sniff';

/** Why a workbook or sheet could not be read. Messages live in i18n under `xlsx.<reason>`. */
export type XlsxFailure =
  | 'zip_bomb'
  | 'too_large'
  | 'corrupt'
  | 'password_protected'
  | 'no_sheets'
  | 'sheet_not_found'
  | 'empty_sheet';

/** A failed workbook operation; `detail` is for logs, not for people. */
export interface XlsxError {
  ok: false;
  reason: XlsxFailure;
  detail?: string;
}

/** Outcome of the workbook functions (`{ ok: true, ...payload }`); failures are never thrown. */
export type XlsxResult<T extends object> = ({ ok: true } & T) | XlsxError;

/** One sheet as listed in the sheet picker; `rows` counts non-empty rows. */
export interface SheetInfo {
  name: string;
  rows: number;
  cols: number;
  isHidden: boolean;
}

/** A sheet's table as text, ready for the value parsers shared with CSV. */
export interface SheetTable {
  headers: string[];
  rows: string[][];
  /** Excel row number (1-based, as Excel shows it) of each entry of `rows`. */
  rowNumbers: number[];
  /** Excel row number of the header row. */
  headerRow: number;
  /** Non-empty rows above the header (titles, export notes). */
  skippedTitleRows: number;
  /** Excel row numbers of 合计/Total rows, left out of `rows`. */
  subtotalRows: number[];
  /** Excel row numbers of merged banner rows (one merged cell) below the header, left out. */
  bannerRows: number[];
  date1904: boolean;
}

/** Largest total declared uncompressed size of a zip we agree to open. */
export const MAX_UNCOMPRESSED_BYTES = 1024 ** 3;
const BOMB_RATIO = 200;
const BOMB_MIN_BYTES = 50 * 1024 ** 2;
const HEADER_SEARCH_ROWS = 30;
const WIDTH_SAMPLE_ROWS = 200;
const SUBTOTAL_LABEL = /^(合计|小计|总计|总额|total|subtotal|grand ?total)[:：]?$/i;

type ZipCheck =
  { ok: true } | { ok: false; reason: 'zip_bomb' | 'too_large' | 'corrupt'; detail: string };

/**
 * Walk a zip's central directory (ZIP64 included) and refuse it before decompression when the
 * declared sizes are too large in total or an entry's ratio is absurd. Declared sizes can lie;
 * the caller's file-size cap bounds what deflate can really produce (≈1000:1).
 */
export function checkZipSizes(bytes: Uint8Array): ZipCheck {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (p: number) => view.getUint16(p, true);
  const u32 = (p: number) => view.getUint32(p, true);
  const u64 = (p: number) => u32(p) + u32(p + 4) * 2 ** 32;
  const corrupt = (detail: string): ZipCheck => ({ ok: false, reason: 'corrupt', detail });

  let eocd = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 0xffff); p--) {
    if (u32(p) === 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) return corrupt('no end of central directory');
  let entries = u16(eocd + 10);
  let cdSize = u32(eocd + 12);
  let cdOffset = u32(eocd + 16);
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || u32(locator) !== 0x07064b50) return corrupt('no ZIP64 locator');
    const zip64 = u64(locator + 8);
    if (zip64 + 56 > bytes.length || u32(zip64) !== 0x06064b50) return corrupt('bad ZIP64 record');
    entries = u64(zip64 + 32);
    cdSize = u64(zip64 + 40);
    cdOffset = u64(zip64 + 48);
  }
  if (cdOffset + cdSize > bytes.length) return corrupt('central directory out of range');

  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > bytes.length || u32(p) !== 0x02014b50) return corrupt(`bad entry ${i}`);
    let compressed = u32(p + 20);
    let size = u32(p + 24);
    const nameLength = u16(p + 28);
    const extraEnd = p + 46 + nameLength + u16(p + 30);
    // ZIP64 extra field 0x0001 holds, in order, only the sizes whose 32-bit field is 0xFFFFFFFF;
    // without it they stay at 4 GiB, which is refused anyway.
    for (let e = p + 46 + nameLength; e + 4 <= Math.min(extraEnd, bytes.length);) {
      let q = e + 4;
      if (u16(e) === 0x0001 && size === 0xffffffff && q + 8 <= bytes.length) {
        size = u64(q);
        q += 8;
      }
      if (u16(e) === 0x0001 && compressed === 0xffffffff && q + 8 <= bytes.length) {
        compressed = u64(q);
      }
      e += 4 + u16(e + 2);
    }
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    if (size > BOMB_MIN_BYTES && size > compressed * BOMB_RATIO) {
      return { ok: false, reason: 'zip_bomb', detail: `${name}: ${size} bytes from ${compressed}` };
    }
    total += size;
    if (total > MAX_UNCOMPRESSED_BYTES) {
      return { ok: false, reason: 'too_large', detail: `${total} bytes uncompressed` };
    }
    p = extraEnd + u16(p + 32);
  }
  return { ok: true };
}

/** Parse a workbook after the size guard; `fileName` helps recognise HTML/XML "xls" exports. */
export function openWorkbook(
  bytes: Uint8Array,
  fileName = ''
): XlsxResult<{ workbook: XLSX.WorkBook }> {
  const format = sniffFormat(bytes.subarray(0, 8192), fileName);
  if (format === 'xlsx') {
    const check = checkZipSizes(bytes);
    if (!check.ok) return check;
  } else if (format !== 'xls') {
    // SheetJS would happily read random bytes as a one-column text sheet.
    return { ok: false, reason: 'corrupt', detail: `not a workbook (${format})` };
  }
  let wb: XLSX.WorkBook;
  try {
    // raw: HTML "xls" cells stay text (keeps 00123 and leaves 01/05/2024 to our date parser).
    wb = XLSX.read(bytes, {
      type: 'array',
      cellDates: false,
      cellNF: true,
      cellText: false,
      dense: true,
      raw: true
    });
  } catch (error) {
    // SheetJS throws Errors and sometimes bare strings; an encrypted xlsx can fail either way.
    const detail = error instanceof Error ? error.message : String(error);
    const isLocked = /password|encrypt/i.test(detail) || hasEncryptedPackage(bytes);
    return { ok: false, reason: isLocked ? 'password_protected' : 'corrupt', detail };
  }
  if (wb.SheetNames.length === 0) return { ok: false, reason: 'no_sheets' };
  return { ok: true, workbook: wb };
}

/** A password-protected xlsx is an OLE container holding an `EncryptedPackage` stream. */
function hasEncryptedPackage(bytes: Uint8Array): boolean {
  try {
    const container = XLSX.CFB.read(bytes, { type: 'array' });
    return Boolean(XLSX.CFB.find(container, 'EncryptedPackage'));
  } catch {
    return false;
  }
}

function toWorkbook(input: Uint8Array | XLSX.WorkBook): XlsxResult<{ workbook: XLSX.WorkBook }> {
  return input instanceof Uint8Array ? openWorkbook(input) : { ok: true, workbook: input };
}

/** True when the workbook counts days from 1904-01-01 (old Mac Excel). */
export function isDate1904(wb: XLSX.WorkBook): boolean {
  return wb.Workbook?.WBProps?.date1904 === true;
}

/** The sheet's cells by absolute row and column, without touching the declared `!ref`. */
function cellGrid(ws: XLSX.WorkSheet): (XLSX.CellObject | undefined)[][] {
  if (ws['!data']) return ws['!data'];
  const grid: XLSX.CellObject[][] = [];
  for (const key of Object.keys(ws)) {
    if (key.startsWith('!')) continue;
    const { r, c } = XLSX.utils.decode_cell(key);
    (grid[r] ??= [])[c] = ws[key] as XLSX.CellObject;
  }
  return grid;
}

/**
 * Every row as trimmed text ('' for holes), or the first `maxRows`; rows beyond the last used one
 * do not exist.
 */
function textGrid(ws: XLSX.WorkSheet, date1904: boolean, maxRows = Infinity): string[][] {
  const cells = cellGrid(ws);
  const out: string[][] = [];
  for (let r = 0; r < Math.min(cells.length, maxRows); r++) {
    const row = cells[r] ?? [];
    const texts: string[] = [];
    for (let c = 0; c < row.length; c++) texts.push(cellToText(row[c], date1904));
    out.push(texts);
  }
  return out;
}

/** Sheet names with their real (not declared) size, and the workbook's date system. */
export function listSheets(
  input: Uint8Array | XLSX.WorkBook
): XlsxResult<{ sheets: SheetInfo[]; date1904: boolean }> {
  const opened = toWorkbook(input);
  if (!opened.ok) return opened;
  const wb = opened.workbook;
  const sheets = wb.SheetNames.map((name, i): SheetInfo => {
    // A damaged workbook can name a sheet whose part is missing: it lists as empty.
    const ws = wb.Sheets[name] as XLSX.WorkSheet | undefined;
    const grid = ws ? textGrid(ws, false) : [];
    let rows = 0;
    let first = Infinity;
    let last = -1;
    for (const row of grid) {
      const used = usedSpan(row);
      if (!used) continue;
      rows++;
      first = Math.min(first, used[0]);
      last = Math.max(last, used[1]);
    }
    const isHidden = (wb.Workbook?.Sheets?.[i]?.Hidden ?? 0) !== 0;
    return { name, rows, cols: rows ? last - first + 1 : 0, isHidden };
  });
  return { ok: true, sheets, date1904: isDate1904(wb) };
}

/** First and last non-empty column of a row, or undefined for an empty row. */
function usedSpan(row: string[]): [number, number] | undefined {
  let first = -1;
  let last = -1;
  for (let c = 0; c < row.length; c++) {
    if (row[c] === '') continue;
    if (first < 0) first = c;
    last = c;
  }
  return first < 0 ? undefined : [first, last];
}

const countFilled = (row: string[]) => row.reduce((n, v) => (v === '' ? n : n + 1), 0);

/** Header cells are labels: not numbers, dates or `导出时间：`-style captions. */
function isLabel(text: string): boolean {
  return !/^[-+(]?[¥￥$€£]?\s*[\d,.]+%?\)?$|^\d{4}[-/.年]\d{1,2}|[:：]$/.test(text);
}

function isHeaderLike(row: string[], width: number): boolean {
  const filled = row.filter((v) => v !== '');
  if (filled.length < (width <= 2 ? width : Math.ceil(width * 0.75))) return false;
  const labels = filled.filter(isLabel).length;
  return labels >= filled.length * 0.7 && new Set(filled).size >= filled.length * 0.9;
}

export function isSubtotal(row: string[]): boolean {
  const first = row.find((v) => v !== '') ?? '';
  // Labels are often padded with (full-width) spaces to line up: `合 计`.
  return SUBTOTAL_LABEL.test(first.replace(/\s+/g, ''));
}

/**
 * Read one sheet as a text table: finds the header below any title block, drops empty, banner
 * and 合计/Total rows, fills vertically merged cells, and converts dates to ISO text (serial
 * numbers without a date format too, in date columns). `maxRows` reads only the sheet's head
 * (enough to find its header and guess its columns).
 */
export function readSheet(
  input: Uint8Array | XLSX.WorkBook,
  sheetName: string,
  opts: { maxRows?: number } = {}
): XlsxResult<{ table: SheetTable }> {
  const opened = toWorkbook(input);
  if (!opened.ok) return opened;
  const wb = opened.workbook;
  const ws = wb.Sheets[sheetName];
  if (!ws) return { ok: false, reason: 'sheet_not_found', detail: sheetName };
  const date1904 = isDate1904(wb);
  const grid = textGrid(ws, date1904, opts.maxRows);
  const merges = ws['!merges'] ?? [];

  // A banner is a row whose only content is a merged cell spanning columns (a title).
  const mergeStarts = new Map<number, number[]>();
  for (const m of merges) {
    if (m.e.c > m.s.c) mergeStarts.set(m.s.r, [...(mergeStarts.get(m.s.r) ?? []), m.s.c]);
  }
  const isBanner = (r: number) =>
    countFilled(grid[r]) === 1 && (mergeStarts.get(r) ?? []).some((c) => grid[r][c] !== '');
  const filledRows = grid.flatMap((row, r) => (countFilled(row) > 0 ? [r] : []));
  if (filledRows.length === 0) return { ok: false, reason: 'empty_sheet' };
  const candidates = filledRows.filter((r) => !isBanner(r));
  const width = Math.max(
    0,
    ...candidates.slice(0, WIDTH_SAMPLE_ROWS).map((r) => countFilled(grid[r]))
  );
  const searched = candidates.slice(0, HEADER_SEARCH_ROWS);
  const headerIndex =
    searched.find((r, i) => i < candidates.length - 1 && isHeaderLike(grid[r], width)) ??
    searched.find((r) => countFilled(grid[r]) === width) ??
    searched[0];

  // Before merges copy cells: a merged date cell is converted once, where its value is.
  readSerialsAsDates(grid, cellGrid(ws), headerIndex, date1904);

  // Vertically merged body cells (a customer spanning order lines) hold their value everywhere.
  // Clamp to the real grid: a merge's declared range can be as absurd as a sheet's `!ref`.
  const lastColumn = grid.reduce((n, row) => Math.max(n, row.length - 1), 0);
  for (const m of merges) {
    if (m.e.r === m.s.r || m.s.r <= headerIndex) continue;
    const value = grid[m.s.r]?.[m.s.c] ?? '';
    for (let r = m.s.r; r <= Math.min(m.e.r, grid.length - 1); r++) {
      for (let c = m.s.c; c <= Math.min(m.e.c, lastColumn); c++) grid[r][c] = value;
    }
  }

  const body: number[] = [];
  const subtotalRows: number[] = [];
  const bannerRows: number[] = [];
  for (let r = headerIndex + 1; r < grid.length; r++) {
    if (countFilled(grid[r]) === 0) continue;
    if (isBanner(r)) bannerRows.push(r + 1);
    else if (isSubtotal(grid[r])) subtotalRows.push(r + 1);
    else body.push(r);
  }
  let start = Infinity;
  let end = -1;
  for (const r of [headerIndex, ...body]) {
    const [first, last] = usedSpan(grid[r]) ?? [Infinity, -1];
    start = Math.min(start, first);
    end = Math.max(end, last);
  }
  const slice = (r: number) =>
    Array.from({ length: end - start + 1 }, (_, k) => grid[r][start + k] ?? '');

  const headers = slice(headerIndex);
  const rows = body.map(slice);

  return {
    ok: true,
    table: {
      headers,
      rows,
      rowNumbers: body.map((r) => r + 1),
      headerRow: headerIndex + 1,
      skippedTitleRows: filledRows.filter((r) => r < headerIndex).length,
      subtotalRows,
      bannerRows,
      date1904
    }
  };
}

/**
 * In a date column — its header names a date, or most of its cells are formatted as dates — a
 * number cell without a date format (a General cell typed or pasted as 45296) holding a plausible
 * serial day is a date, by the rule CSV serials follow; other numbers stay numbers (a bad date).
 */
function readSerialsAsDates(
  grid: string[][],
  cells: (XLSX.CellObject | undefined)[][],
  headerIndex: number,
  date1904: boolean
) {
  const header = grid[headerIndex];
  const width = grid.reduce((n, row) => Math.max(n, row.length), 0);
  const filled = new Array<number>(width).fill(0);
  const dated = new Array<number>(width).fill(0);
  for (let r = headerIndex + 1; r < grid.length; r++) {
    const row = cells[r] ?? [];
    for (let c = 0; c < Math.min(row.length, width); c++) {
      if (grid[r][c] === '' || grid[r][c] === undefined) continue;
      filled[c]++;
      if (row[c]?.t === 'n' && isDateFormat(row[c]?.z)) dated[c]++;
    }
  }
  for (let c = 0; c < width; c++) {
    if (!DATE_HEADER.test(header[c] ?? '') && dated[c] * 2 <= filled[c]) continue;
    for (let r = headerIndex + 1; r < grid.length; r++) {
      const cell = cells[r]?.[c];
      if (cell?.t !== 'n' || isDateFormat(cell.z)) continue;
      const serial = Number(cell.v);
      if (isPlausibleSerial(serial, date1904)) grid[r][c] = serialToIso(serial, date1904);
    }
  }
}

/** Answers per format string: a sheet has a few formats and thousands of cells. */
const dateFormats = new Map<string, boolean>();

function isDateFormat(format: XLSX.NumberFormat | undefined): boolean {
  if (typeof format === 'string') {
    let known = dateFormats.get(format);
    if (known === undefined) dateFormats.set(format, (known = isDateCode(format)));
    return known;
  }
  // Numbered formats are looked up each time: a workbook's custom numbers (164+) are its own.
  return typeof format === 'number' && isDateCode(XLSX.SSF.get_table()[format]);
}

function isDateCode(code: unknown): boolean {
  try {
    return typeof code === 'string' && XLSX.SSF.is_date(code) === true;
  } catch {
    return false;
  }
}

/** Shortest text; fractions rounded to Excel's 15 significant digits (3703.68, not …0003). */
function numberToText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
}

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Excel serial day → `YYYY-MM-DD[ HH:MM:SS]`, computed in UTC so the time zone never shifts the
 * day. 1900 system: serial 1 is 1900-01-01 and Excel's phantom 1900-02-29 (60) is skipped.
 */
export function serialToIso(serial: number, date1904: boolean): string {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_465) return numberToText(serial);
  const seconds = Math.round(serial * 86_400);
  const days = Math.floor(seconds / 86_400);
  const rest = seconds - days * 86_400;
  const time = `${pad(Math.floor(rest / 3600))}:${pad(Math.floor(rest / 60) % 60)}:${pad(rest % 60)}`;
  if (days === 0) return time; // a time-of-day cell
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, days < 60 ? 31 : 30);
  const date = new Date(epoch + days * DAY_MS).toISOString().slice(0, 10);
  return rest === 0 ? date : `${date} ${time}`;
}

/** One cell as text for the value parsers; formulas give their cached value, errors their code (`#DIV/0!`). */
export function cellToText(cell: XLSX.CellObject | undefined, date1904: boolean): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  switch (cell.t) {
    case 's':
      return String(cell.v).trim();
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'n':
      return isDateFormat(cell.z)
        ? serialToIso(Number(cell.v), date1904)
        : numberToText(Number(cell.v));
    case 'd':
      // Not produced with cellDates: false. SheetJS 0.20 Dates hold the wall time as UTC.
      return cell.v instanceof Date && !isNaN(cell.v.getTime())
        ? cell.v.toISOString().slice(0, 19).replace('T', ' ').replace(' 00:00:00', '')
        : String(cell.v).trim();
    case 'e':
      // `#N/A` reads as a missing value, `#DIV/0!` as a bad one: the report says which.
      return cell.w ?? XLSX.utils.format_cell(cell) ?? '#ERROR';
    default:
      return ''; // 'z' stub cells
  }
}
