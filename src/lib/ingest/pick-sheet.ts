// Chooses the sheet of a workbook that holds the data: the one whose header matches the roles best.
import type * as XLSX from '@e965/xlsx';
import { detectColumns, detectKind } from './detect-roles';
import { readSheet, type SheetInfo } from './parse-xlsx';
import type { Role } from './types';

/** Rows read from the top of each sheet to score it: its header and a sample below it. */
export const SHEET_HEAD_ROWS = 200;

/** What the head of one sheet says about it; `found` are the required roles (DOMAIN §1) guessed. */
export interface SheetScore extends RequiredRoles {
  name: string;
  /** Data rows below its header (in the head read). */
  hasData: boolean;
  isHidden: boolean;
  /** Columns guessed with high confidence. */
  confident: number;
  /** Non-empty rows of the whole sheet. */
  rows: number;
}

/** Required roles a sheet holds, and how many required slots it leaves empty. */
export interface RequiredRoles {
  found: Role[];
  missing: number;
}

/** Why a sheet was opened, for the mapping step: its required columns and the other sheets' ones. */
export interface SheetChoice extends RequiredRoles {
  others: ({ name: string } & RequiredRoles)[];
}

// Each required slot is met by one of its alternatives (DOMAIN §1).
const TRANSACTION_SLOTS: Role[][][] = [
  [['customer_id']],
  [['date']],
  [['amount'], ['quantity', 'unit_price']]
];
const CUSTOMER_SLOTS: Role[][][] = [
  [['customer_id']],
  [['last_purchase_date'], ['recency_days']],
  [['frequency']],
  [['monetary']]
];

/** The required roles a set of mapped columns holds, and how many required slots are empty. */
export function findRequiredRoles(columns: readonly { role: Role }[]): RequiredRoles {
  const has = (role: Role) => columns.some((c) => c.role === role);
  const slots = detectKind(columns) === 'customers' ? CUSTOMER_SLOTS : TRANSACTION_SLOTS;
  const found: Role[] = [];
  let missing = 0;
  for (const slot of slots) {
    const met = slot.find((roles) => roles.every(has));
    if (!met) missing++;
    found.push(...(met ?? slot.flat().filter(has)));
  }
  return { found, missing };
}

/**
 * Orders sheets best first: one with data rows, then fewest required roles missing, then visible,
 * then most confident guesses, then most rows; ties keep workbook order (the sort is stable).
 */
export function compareSheets(a: SheetScore, b: SheetScore): number {
  return (
    Number(b.hasData) - Number(a.hasData) ||
    a.missing - b.missing ||
    Number(a.isHidden) - Number(b.isHidden) ||
    b.confident - a.confident ||
    b.rows - a.rows
  );
}

/** Scores one sheet from its head only, so a big workbook's other sheets cost little. */
export function scoreSheet(workbook: XLSX.WorkBook, sheet: SheetInfo): SheetScore {
  const base = { name: sheet.name, isHidden: sheet.isHidden, rows: sheet.rows };
  const read = sheet.rows > 0 && readSheet(workbook, sheet.name, { maxRows: SHEET_HEAD_ROWS });
  if (!read || !read.ok) {
    return { ...base, found: [], missing: TRANSACTION_SLOTS.length, hasData: false, confident: 0 };
  }
  const guesses = detectColumns(read.table.headers, read.table.rows);
  return {
    ...base,
    ...findRequiredRoles(guesses),
    hasData: read.table.rows.length > 0,
    confident: guesses.filter((g) => g.confidence === 'high').length
  };
}

/** The best sheet of a workbook and every sheet's score (workbook order), or undefined without sheets. */
export function pickSheet(
  workbook: XLSX.WorkBook,
  sheets: readonly SheetInfo[]
): { sheet: string; scores: SheetScore[] } | undefined {
  const scores = sheets.map((s) => scoreSheet(workbook, s));
  const best = [...scores].sort(compareSheets)[0];
  return best && { sheet: best.name, scores };
}
