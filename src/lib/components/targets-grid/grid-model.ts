// The targets grid's rules, apart from its markup: how a typed cell reads, which cell an arrow key
// moves to, which cells to save, and how a period key is written for people.
import { formatMonth } from '$lib/i18n/format';
import type { Locale } from '$lib/i18n/i18n.svelte';
import { isMissingText, parseNumber } from '$lib/ingest/parse-values';
import type { TargetCell } from '$lib/db';

/** The two numbers a grid cell pair can hold. */
export type CellField = 'revenueTarget' | 'newCustomerTarget';

/** What a typed cell holds: a number, nothing (empty), or text that is no number. */
export type CellValue = { ok: true; value: number | null } | { ok: false };

/**
 * Reads a typed cell like the import reads a target (DOMAIN: numbers with thousands separators,
 * `1,234.5`; blank, `-` or `NA` is no value). Anything else is invalid and is shown as such.
 */
export function readCell(text: string): CellValue {
  const v = text.trim();
  if (v === '' || isMissingText(v)) return { ok: true, value: null };
  const n = parseNumber(v, '.');
  return Number.isFinite(n) ? { ok: true, value: n } : { ok: false };
}

/** Key of a cell in the drafts map. */
export function cellKey(key: string, period: string, field: CellField): string {
  return `${field}\u0001${key}\u0001${period}`;
}

/** A grid position: row (key) and column (one input per period and field). */
export interface GridPos {
  row: number;
  col: number;
}

/**
 * Where an arrow key (or Enter, which moves down) goes from `pos` in a grid of `rows` × `cols`;
 * null when the key is not a move or the edge is reached. Left/Right move only when the caret is
 * at the start/end of the text (`atStart`/`atEnd`), so arrows still edit within a cell.
 */
export function moveInGrid(
  pos: GridPos,
  key: string,
  rows: number,
  cols: number,
  caret: { atStart: boolean; atEnd: boolean } = { atStart: true, atEnd: true }
): GridPos | null {
  const to = (row: number, col: number) =>
    row >= 0 && row < rows && col >= 0 && col < cols ? { row, col } : null;
  switch (key) {
    case 'ArrowUp':
      return to(pos.row - 1, pos.col);
    case 'ArrowDown':
    case 'Enter':
      return to(pos.row + 1, pos.col);
    case 'ArrowLeft':
      return caret.atStart ? to(pos.row, pos.col - 1) : null;
    case 'ArrowRight':
      return caret.atEnd ? to(pos.row, pos.col + 1) : null;
    default:
      return null;
  }
}

/** The text a stored number is shown as in a cell (plain, so it reads back the same). */
export function cellText(value: number | null): string {
  return value === null ? '' : String(value);
}

/**
 * The cells to save for keys × periods: each typed text where the user typed (drafts), else the
 * stored value; pairs with neither number are left out (the save clears them). Returns null when a
 * typed cell is not a number: nothing is saved while one is invalid, none is dropped.
 */
export function cellsToSave(
  keys: readonly string[],
  periods: readonly string[],
  stored: readonly TargetCell[],
  drafts: Readonly<Record<string, string>>
): TargetCell[] | null {
  const byCell = new Map(stored.map((c) => [`${c.key}\u0001${c.period}`, c]));
  const out: TargetCell[] = [];
  for (const key of keys) {
    for (const period of periods) {
      const old = byCell.get(`${key}\u0001${period}`);
      const read = (field: CellField): CellValue => {
        const typed = drafts[cellKey(key, period, field)];
        return typed === undefined ? { ok: true, value: old?.[field] ?? null } : readCell(typed);
      };
      const revenue = read('revenueTarget');
      const newCustomers = read('newCustomerTarget');
      if (!revenue.ok || !newCustomers.ok) return null;
      if (revenue.value === null && newCustomers.value === null) continue;
      out.push({
        key,
        period,
        revenueTarget: revenue.value,
        newCustomerTarget: newCustomers.value
      });
    }
  }
  return out;
}

/** A period key for people: a month as 2025年3月 / Mar 2025, a quarter 2025年第1季度 / Q1 2025, a year as is. */
export function formatPeriodKey(locale: Locale, key: string | null): string {
  if (!key) return '—';
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return locale === 'zh-CN' ? `${q[1]}年第${q[2]}季度` : `Q${q[2]} ${q[1]}`;
  if (/^\d{4}-\d{2}$/.test(key)) return formatMonth(locale, key);
  return locale === 'zh-CN' ? `${key}年` : key;
}
