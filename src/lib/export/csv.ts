// CSV writing for downloads: RFC 4180 quoting, UTF-8 BOM for Excel, formula-injection defence.

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
 * A number as exported: non-finite → null (an empty cell), otherwise rounded to 15 significant
 * digits — what Excel keeps — so sums like 0.1 + 0.2 are written as 0.3, not 0.30000000000000004.
 */
export function tidyNumber(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  return Number.isInteger(value) ? value : Number(value.toPrecision(15));
}

/** Makes one cell safe and quoted as needed; numbers are written as numbers. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = escapeFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Builds CSV text (with a BOM so Excel reads UTF-8 Chinese correctly). */
export function toCsv(header: string[], rows: Iterable<CsvCell[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
