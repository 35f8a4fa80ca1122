// The numbers behind a chart as a table: cells shown as formatted text, exported as values.
import { roundRow, toCsv, type NumberKind } from '../export/csv';

/** A raw value for export: text, a number, or null for an empty cell. */
export type CellValue = string | number | null;

/** A column of the chart's data table. */
export interface TableColumn {
  label: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /**
   * What the column's raw values are, so the CSV rounds them (money 2 decimals, prob/rate 4,
   * expected 3, int whole); without it numbers are only cut to 15 significant digits.
   */
  kind?: NumberKind;
}

/**
 * A table cell: the text shown (formatted with format.ts), and optionally the raw value written
 * to CSV instead (so spreadsheets get 1234.5, not "1,234.50").
 */
export type TableCell = string | { text: string; value: CellValue };

/** The text a cell shows. */
export function cellText(cell: TableCell): string {
  return typeof cell === 'string' ? cell : cell.text;
}

/** What a cell exports: its raw value when given, else its text. */
export function cellValue(cell: TableCell): CellValue {
  return typeof cell === 'string' ? cell : cell.value;
}

/** CSV text (with BOM) of a chart's table, numbers rounded by their column's `kind`. */
export function tableToCsv(
  columns: readonly TableColumn[],
  rows: readonly (readonly TableCell[])[]
): string {
  return toCsv(
    columns.map((c) => c.label),
    rows.map((r) =>
      roundRow(
        r.map(cellValue),
        columns.map((c) => c.kind ?? null)
      )
    )
  );
}
