// Any on-screen table as an export: column keys and labels plus row objects → typed cells or CSV.

import { exportNumber, toCsv, type ExportCell, type NumberKind } from './csv';

/** One exported column: `key` reads the row object, `label` is the header text (already translated). */
export interface TableColumn {
  key: string;
  label: string;
  /** What the column's numbers are; it decides their rounding (default: 15 significant digits). */
  kind?: NumberKind;
}

/**
 * The rows as export cells, in column order: numbers stay numbers, rounded by the column's `kind`
 * (non-finite → empty), `Date`s
 * become their UTC day `YYYY-MM-DD`, bigints numbers (text beyond 2^53), booleans their text, null/undefined an empty
 * cell, and other objects JSON text. Use it with `toXlsx` for a table's Excel download.
 */
export function tableCells(
  columns: TableColumn[],
  rows: Record<string, unknown>[]
): ExportCell[][] {
  return rows.map((row) => columns.map((col) => toExportCell(row[col.key], col.kind)));
}

/** A table as CSV text (UTF-8 BOM, formula-injection defence), the labels as its header. */
export function tableToCsv(columns: TableColumn[], rows: Record<string, unknown>[]): string {
  return toCsv(
    columns.map((c) => c.label),
    tableCells(columns, rows)
  );
}

function toExportCell(value: unknown, kind: NumberKind | undefined): ExportCell {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return exportNumber(value, kind);
    case 'boolean':
      return String(value);
    case 'bigint':
      return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
    case 'undefined':
      return null;
    default:
      if (value === null) return null;
      if (value instanceof Date) {
        return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
      }
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
