// Writes .xlsx workbooks from header + rows tables: typed cells, safe text, frozen header, widths.
//
// SheetJS is large: import this module lazily where a download is asked for,
// `const { toXlsx } = await import('$lib/export/xlsx');`, never statically from a page or the worker.

import * as XLSX from '@e965/xlsx';
import { escapeFormula, tidyNumber, type ExportCell } from './csv';

/** MIME type of the bytes `toXlsx` returns, for the download Blob. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One sheet to write: a header row and data rows (numbers → numeric cells, text → text cells). */
export interface XlsxSheet {
  name: string;
  header: string[];
  rows: ExportCell[][];
}

/** Excel's limit on the characters in one cell; longer text makes Excel "repair" the file. */
const MAX_CELL_CHARS = 32_767;
const MAX_NAME_CHARS = 31;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/**
 * Builds an .xlsx file. Text cells are always string cells (so `001` and `=1+1` never become a
 * number or a formula) and get the CSV export's formula-injection prefix; finite numbers are
 * numeric cells; null and non-finite numbers are empty. Each sheet has its header row frozen, an
 * autofilter on it and column widths fitted to the content. Sheet names are made valid for Excel.
 */
export function toXlsx(sheets: XlsxSheet[]): Uint8Array<ArrayBuffer> {
  if (sheets.length === 0) throw new RangeError('toXlsx needs at least one sheet');
  const wb = XLSX.utils.book_new();
  const used = new Set<string>();
  for (const sheet of sheets) {
    const name = uniqueName(sanitizeSheetName(sheet.name), used);
    XLSX.utils.book_append_sheet(wb, buildSheet(sheet), name);
  }
  // Written uncompressed, then zipped once with compression after the sheet views are patched.
  const stored = XLSX.write(wb, { type: 'array', bookType: 'xlsx', bookSST: true });
  return freezeHeaderRows(new Uint8Array(stored as ArrayBuffer));
}

/**
 * Makes a sheet name valid for Excel: no `[ ] : * ? / \`, at most 31 characters, not blank, not
 * starting or ending with `'`, and not the reserved name `History`.
 */
export function sanitizeSheetName(name: string): string {
  let clean = name
    .replace(/[[\]:*?/\\\p{Cc}]/gu, '_')
    .trim()
    .replace(/^'+|'+$/g, '');
  clean = truncate(clean, MAX_NAME_CHARS).trim();
  if (clean === '') return 'Sheet';
  return clean.toLowerCase() === 'history' ? 'History_' : clean;
}

function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    candidate = truncate(name, MAX_NAME_CHARS - suffix.length) + suffix;
  }
  used.add(candidate.toLowerCase()); // Excel compares sheet names case-insensitively
  return candidate;
}

/** Cuts to `max` UTF-16 units without splitting a surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = /[\uD800-\uDBFF]/.test(text[max - 1]) ? max - 1 : max;
  return text.slice(0, cut);
}

function buildSheet({ header, rows }: XlsxSheet): XLSX.WorkSheet {
  const ws: XLSX.WorkSheet = {};
  const widths: number[] = header.map(() => MIN_WIDTH);
  let lastCol = header.length - 1;
  const put = (r: number, c: number, value: ExportCell | undefined) => {
    const cell = toCell(value);
    if (!cell) return;
    ws[XLSX.utils.encode_cell({ r, c })] = cell;
    widths[c] = Math.max(widths[c] ?? MIN_WIDTH, displayWidth(cell) + 2);
    if (c > lastCol) lastCol = c;
  };
  header.forEach((h, c) => put(0, c, h));
  rows.forEach((row, r) => row.forEach((v, c) => put(r + 1, c, v)));

  const range = { s: { r: 0, c: 0 }, e: { r: rows.length, c: Math.max(lastCol, 0) } };
  ws['!ref'] = XLSX.utils.encode_range(range);
  ws['!cols'] = Array.from({ length: range.e.c + 1 }, (_, c) => ({
    wch: Math.min(widths[c] ?? MIN_WIDTH, MAX_WIDTH)
  }));
  if (header.length > 0) {
    ws['!autofilter'] = {
      ref: XLSX.utils.encode_range({ s: range.s, e: { r: rows.length, c: header.length - 1 } })
    };
  }
  return ws;
}

function toCell(value: ExportCell | undefined): XLSX.CellObject | undefined {
  if (typeof value === 'number') {
    const v = tidyNumber(value);
    return v === null ? undefined : { t: 'n', v };
  }
  if (typeof value !== 'string' || value === '') return undefined;
  return { t: 's', v: truncate(escapeFormula(value), MAX_CELL_CHARS) };
}

/** East Asian wide and full-width characters (CJK, kana, Hangul, full-width forms). */
const WIDE =
  /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** Approximate width in Excel's character units: CJK and full-width characters count double. */
function displayWidth(cell: XLSX.CellObject): number {
  // Excel's General format shows at most 11 characters of a number.
  if (cell.t === 'n') return Math.min(String(cell.v).length, 11);
  let width = 0;
  for (const ch of String(cell.v)) {
    if (width > MAX_WIDTH) break;
    width += WIDE.test(ch) ? 2 : 1;
  }
  return width;
}

// SheetJS Community Edition cannot write frozen panes, so the pane goes into each worksheet's
// XML (`<sheetView>`, before `<sheetData>`) and the package is zipped again, compressed.
const SHEET_XML = /^xl\/worksheets\/sheet\d+\.xml$/;
const FROZEN_VIEW =
  '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
  '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>';

function freezeHeaderRows(stored: Uint8Array): Uint8Array<ArrayBuffer> {
  const zip = XLSX.CFB.read(stored, { type: 'array' });
  const root: string = zip.FullPaths[0];
  zip.FullPaths.forEach((fullPath: string, i: number) => {
    if (!SHEET_XML.test(fullPath.slice(root.length))) return;
    const entry = zip.FileIndex[i];
    entry.content = freezeSheetXml(entry.content as Uint8Array);
    entry.size = entry.content.length;
  });
  const zipped: Uint8Array = XLSX.CFB.write(zip, {
    fileType: 'zip',
    type: 'array',
    compression: true
  });
  return new Uint8Array(zipped); // a fresh, exactly sized buffer (Node hands back a pooled Buffer)
}

function freezeSheetXml(xml: Uint8Array): Uint8Array {
  // Only the part before <sheetData> is decoded: the cells can be tens of megabytes.
  const end = indexOfAscii(xml, '<sheetData');
  if (end < 0) return xml;
  const head = new TextDecoder().decode(xml.subarray(0, end));
  const frozen = head.replace(/<sheetView ([^>]*?)\/>/, `<sheetView $1>${FROZEN_VIEW}</sheetView>`);
  if (frozen === head) return xml;
  const headBytes = new TextEncoder().encode(frozen);
  const out = new Uint8Array(headBytes.length + xml.length - end);
  out.set(headBytes);
  out.set(xml.subarray(end), headBytes.length);
  return out;
}

/** Byte offset of an ASCII needle (safe in UTF-8: ASCII bytes never occur inside a multi-byte character). */
function indexOfAscii(bytes: Uint8Array, needle: string): number {
  const first = needle.charCodeAt(0);
  outer: for (let i = bytes.indexOf(first); i >= 0; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) {
      if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    }
    return i;
  }
  return -1;
}
