// CSV writing for downloads: RFC 4180 quoting, UTF-8 BOM for Excel, formula-injection defence,
// and the rounding of exported numbers by what their column holds.
import { roundTo } from '$lib/i18n/round';

/** One exported cell: text stays text, numbers stay numbers, null is an empty cell. */
export type ExportCell = string | number | null;

type CsvCell = ExportCell | undefined;

/** Cells starting like a formula are prefixed with `'` so spreadsheets show them as text. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Formula-injection defence for one text cell (DOMAIN §9): text starting with `= + - @`, a tab or
 * a CR gets a leading `'`. Shared by the CSV and XLSX writers; numbers never pass through here.
 */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * What a number column holds, declared where the column is declared; it decides the rounding
 * (DOMAIN §9, GLOSSARY "Exports"): `money` 2 decimals, `prob` (a probability) and `rate` (a
 * share or ratio) 4, `expected` (an expected count) 3, `int` a whole number (counts, days,
 * scores), `number` a number of unknown meaning (a user's SQL result), cut to 15 significant
 * digits only.
 */
export type NumberKind = 'money' | 'prob' | 'rate' | 'expected' | 'int' | 'number';

const DECIMALS: Record<Exclude<NumberKind, 'number'>, number> = {
  money: 2,
  prob: 4,
  rate: 4,
  expected: 3,
  int: 0
};

/**
 * A number as exported, rounded for its column's kind: 375459273.30000013 → 375459273.3 (money),
 * 1.2e-15 → 0 (prob), −0.000001 → 0 (never −0); NaN and ±Infinity → null, an empty cell.
 */
export function exportNumber(value: number, kind: NumberKind = 'number'): number | null {
  if (!Number.isFinite(value)) return null;
  return kind === 'number' ? tidyNumber(value) : roundTo(value, DECIMALS[kind]);
}

/**
 * A number of unknown meaning as exported: non-finite → null, otherwise rounded to 15
 * significant digits — what Excel keeps — so 0.1 + 0.2 is written as 0.3, not
 * 0.30000000000000004; −0 → 0. Every number cell gets at least this ({@link csvCell}, `toXlsx`).
 */
export function tidyNumber(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  const tidy = Number.isInteger(value) ? value : Number(value.toPrecision(15));
  return tidy === 0 ? 0 : tidy;
}

/** One row's cells with every number rounded by its column's kind (`kinds[i]`, default `number`). */
export function roundRow(
  row: readonly ExportCell[],
  kinds: readonly (NumberKind | null)[]
): ExportCell[] {
  return row.map((v, i) => (typeof v === 'number' ? exportNumber(v, kinds[i] ?? 'number') : v));
}

/** Makes one cell safe and quoted as needed; numbers are written as numbers, never float noise. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(tidyNumber(value) ?? '');
  const text = escapeFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Builds CSV text (with a BOM so Excel reads UTF-8 Chinese correctly). */
export function toCsv(header: string[], rows: Iterable<CsvCell[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
