// CSV writing for downloads: RFC 4180 quoting, UTF-8 BOM for Excel, formula-injection defence.

type CsvCell = string | number | null | undefined;

/** Cells starting like a formula are prefixed with `'` so spreadsheets show them as text. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Makes one cell safe and quoted as needed; numbers are written as numbers. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Builds CSV text (with a BOM so Excel reads UTF-8 Chinese correctly). */
export function toCsv(header: string[], rows: Iterable<CsvCell[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
