// Turns one row of a targets sheet into the stored values (key, canonical period and its grain,
// targets, parent, market size), or a rejection; and keeps the first row of each key + period.
import { parsePeriod, type Grain } from '$lib/analysis/period';
import { isExcelError, isMissingText, parseNumber } from './parse-values';
import { isSubtotal } from './parse-xlsx';
import type { Cell, Normalizer, TableColumn } from './normalize';
import type { ColumnMapping, RejectReason, Role } from './types';

/**
 * The stored layout of `ds{id}_targets` (after `row_no`), which the targets views read by name:
 * `period` is the canonical key (`2025-03`, `2025-Q1`, `2025`) and `grain` its granularity.
 */
export const TARGETS_LAYOUT: readonly { name: string; role: Role; type: TableColumn['type'] }[] = [
  { name: 'target_key', role: 'target_key', type: 'text' },
  { name: 'period', role: 'period', type: 'text' },
  // Computed from the period; no column of the file holds it.
  { name: 'grain', role: 'ignore', type: 'text' },
  { name: 'revenue_target', role: 'revenue_target', type: 'number' },
  { name: 'new_customer_target', role: 'new_customer_target', type: 'number' },
  { name: 'parent', role: 'parent', type: 'text' },
  { name: 'market_size', role: 'market_size', type: 'number' }
];

/** Value slots of the layout (index into a row's values). */
export const TARGET_SLOT = {
  key: 0,
  period: 1,
  grain: 2,
  revenueTarget: 3,
  newCustomerTarget: 4,
  parent: 5,
  marketSize: 6
} as const;

/** Number roles and their value slots. */
const NUMBER_SLOTS: [Role, number][] = [
  ['revenue_target', TARGET_SLOT.revenueTarget],
  ['new_customer_target', TARGET_SLOT.newCustomerTarget],
  ['market_size', TARGET_SLOT.marketSize]
];

/** A targets normalizer: the common interface, plus which cell a rejection was about. */
export interface TargetsNormalizer extends Normalizer {
  /** The cell text a rejection is about (the unreadable period or target), if any. */
  rejectedValue(row: string[], reason: RejectReason): string | undefined;
}

/** Compiles a targets mapping (DOMAIN §7, §7a) into a per-row function writing {@link TARGETS_LAYOUT}. */
export function createTargetsNormalizer(mapping: ColumnMapping): TargetsNormalizer {
  const byRole = new Map(
    mapping.columns.filter((c) => c.role !== 'ignore').map((c) => [c.role, c])
  );
  const src = (role: Role) => byRole.get(role)?.index ?? -1;
  const keyAt = src('target_key');
  const periodAt = src('period');
  const parentAt = src('parent');
  const numbers = NUMBER_SLOTS.map(([role, slot]) => ({
    at: src(role),
    slot,
    mark: byRole.get(role)?.decimalMark ?? '.'
  })).filter((n) => n.at >= 0);
  const columns: TableColumn[] = TARGETS_LAYOUT.map((c) => ({
    ...c,
    header: c.role === 'ignore' ? '' : (byRole.get(c.role)?.header ?? '')
  }));
  const cell = (row: string[], at: number) => (at < 0 ? '' : (row[at] ?? '').trim());
  const isBlankText = (v: string) => v === '' || isExcelError(v);
  /** The first target cell that is not a number, if any. */
  const badNumber = (row: string[]) =>
    numbers.find((n) => {
      const v = cell(row, n.at);
      return !isMissingText(v) && Number.isNaN(parseNumber(v, n.mark));
    });

  function normalizeInto(row: string[], out: Cell[], base: number): RejectReason | null {
    const key = cell(row, keyAt);
    if (isBlankText(key)) return isSubtotal(row) ? 'subtotal_row' : 'missing_key';
    if (isSubtotal(row)) return 'subtotal_row';
    const period = parsePeriod(cell(row, periodAt));
    if (!period) return 'unknown_period';
    out[base + TARGET_SLOT.key] = key;
    out[base + TARGET_SLOT.period] = period.key;
    out[base + TARGET_SLOT.grain] = period.grain satisfies Grain;
    out[base + TARGET_SLOT.revenueTarget] = null;
    out[base + TARGET_SLOT.newCustomerTarget] = null;
    out[base + TARGET_SLOT.marketSize] = null;
    for (const n of numbers) {
      const v = cell(row, n.at);
      if (isMissingText(v)) continue;
      const x = parseNumber(v, n.mark);
      if (Number.isNaN(x)) return 'bad_target';
      out[base + n.slot] = x;
    }
    const parent = cell(row, parentAt);
    out[base + TARGET_SLOT.parent] = isBlankText(parent) ? null : parent;
    return null;
  }

  const unreadableRejects = new Set([keyAt, periodAt, ...numbers.map((n) => n.at)]);
  return {
    kind: 'targets',
    columns,
    laterColumns: [],
    at: { customerId: -1, customerName: -1, date: -1, amount: -1, quantity: -1, orderId: -1 },
    normalizeInto,
    normalize(row) {
      const out: Cell[] = new Array(columns.length).fill(null);
      const reason = normalizeInto(row, out, 0);
      return reason ? { ok: false, reason } : { ok: true, values: out };
    },
    checkUnreadable(unreadable) {
      if (unreadable.some((c) => unreadableRejects.has(c))) return 'bad_encoding';
      return unreadable.filter((c) => c === parentAt);
    },
    rejectedValue(row, reason) {
      if (reason === 'unknown_period') return cell(row, periodAt);
      if (reason === 'bad_target') {
        const n = badNumber(row);
        return n ? cell(row, n.at) : undefined;
      }
      return undefined;
    }
  };
}

/** What a targets dataset holds, for the report and the Data page. */
export interface TargetsFacts {
  /** Distinct keys (reps, teams, regions …). */
  keys: number;
  /** Distinct periods (`2025-03`, `2025-Q1`, `2025` count as three). */
  periods: number;
  /** The granularities present, month first. */
  grains: Grain[];
  /** The periods starting first and last (keys; a year and its first month start together). */
  first: string | null;
  last: string | null;
}

/**
 * Counts the accepted rows of a targets sheet and finds repeats: a key + period seen before is
 * rejected (`duplicate_key_period`) and the first row is kept — the sheet's order decides.
 */
export class TargetsTally {
  #first = new Map<string, number>();
  #keys = new Set<string>();
  #periods = new Set<string>();

  /** The row number of an earlier row with this key and canonical period, if any; else records it. */
  firstRowOf(key: string, period: string, rowNo: number): number | undefined {
    const id = `${key}\u0001${period}`;
    const first = this.#first.get(id);
    if (first !== undefined) return first;
    this.#first.set(id, rowNo);
    this.#keys.add(key);
    this.#periods.add(period);
    return undefined;
  }

  facts(): TargetsFacts {
    return targetsFacts(this.#keys.size, this.#periods);
  }
}

const GRAIN_ORDER: Grain[] = ['month', 'quarter', 'year'];

/** The facts of a set of canonical period keys held by `keys` distinct keys. */
export function targetsFacts(keys: number, periods: Iterable<string>): TargetsFacts {
  const found = [...periods]
    .map((p) => parsePeriod(p))
    .filter((p) => p !== null)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const grains = new Set(found.map((p) => p.grain));
  return {
    keys,
    periods: new Set(found.map((p) => p.key)).size,
    grains: GRAIN_ORDER.filter((g) => grains.has(g)),
    first: found[0]?.key ?? null,
    last: found.at(-1)?.key ?? null
  };
}
