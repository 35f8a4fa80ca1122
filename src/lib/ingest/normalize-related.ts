// Turns one row of a related dataset (DOMAIN §7: a customer table, survey responses, complaints,
// receivables) into the values of its table as kind-tables.ts lays it out, or a rejection.
import { KIND_COLUMNS, type FixedColumn, type RelatedKind } from './kind-tables';
import { dayToIso, isExcelError, isMissingText, parseDate, parseNumber } from './parse-values';
import { isSubtotal } from './parse-xlsx';
import {
  dimensionNames,
  MAX_DIMENSIONS,
  type Cell,
  type Normalizer,
  type TableColumn
} from './normalize';
import { isCustomerSummary, type ColumnMapping, type RejectReason, type Role } from './types';

/** Valid scores (DOMAIN §7): CSAT 1–5, NPS 0–10. */
const SCORE_RANGE: Partial<Record<Role, [number, number]>> = {
  satisfaction: [1, 5],
  nps: [0, 10]
};
/** The date each kind cannot do without (the response, opening or due date). */
const REQUIRED_DATE: Record<RelatedKind, Role | null> = {
  customers: null,
  feedback: 'date',
  complaints: 'opened_date',
  receivables: 'due_date'
};
/** Money columns: a value that is no number is a bad amount. */
const MONEY: Role[] = ['amount', 'paid_amount', 'monetary', 'credit_limit'];

/** A related kind's normalizer: the common interface, plus the cell a rejection was about. */
export interface RelatedNormalizer extends Normalizer {
  /** The text of the cell that the last rejection of this row was about (a bad date or score). */
  rejectedValue(row: string[], reason: RejectReason): string | undefined;
}

/** True for the kinds {@link createRelatedNormalizer} handles. */
export function isRelatedKind(kind: string): kind is RelatedKind {
  return kind in KIND_COLUMNS;
}

interface Slot {
  fixed: FixedColumn;
  /** Source column, -1 when unmapped (always NULL). */
  at: number;
  decimalMark: '.' | ',';
  dateOrder?: 'dmy' | 'mdy';
  excelSerial?: boolean;
}

/**
 * Compiles the mapping of a related dataset into a per-row function writing every fixed column of
 * `KIND_COLUMNS[kind]` (NULL when unmapped), then the dimensions. Rejections: an empty customer id
 * (`missing_customer_id`); an empty or unreadable response / opened / due date (`missing_date`,
 * `bad_date`), or any other unreadable date (`bad_date`); a CSAT outside 1–5 or an NPS outside 0–10
 * in survey responses (`bad_score`); money or a credit limit that is no number (`bad_amount`), an
 * empty receivable amount (`missing_amount`); other numbers (`bad_number`); a resolved date before
 * the opened date (`resolved_before_opened`). A customer table that is a per-customer summary
 * needs frequency, monetary and a last purchase (or recency) on every row that has a purchase;
 * a row with none of them (no last purchase, no recency, frequency empty or 0) is a prospect and
 * is kept.
 */
export function createRelatedNormalizer(mapping: ColumnMapping): RelatedNormalizer {
  const kind = mapping.kind;
  if (!isRelatedKind(kind)) throw new Error(`not a related kind: ${kind}`);
  const byRole = new Map(
    mapping.columns.filter((c) => c.role !== 'ignore').map((c) => [c.role, c])
  );
  const fixed = KIND_COLUMNS[kind];
  const slots: Slot[] = fixed.map((f) => {
    const c = byRole.get(f.role);
    return {
      fixed: f,
      at: c?.index ?? -1,
      decimalMark: c?.decimalMark ?? '.',
      dateOrder: c?.dateOrder,
      excelSerial: c?.excelSerial
    };
  });
  const dims = mapping.columns.filter((c) => c.role === 'dimension').slice(0, MAX_DIMENSIONS);
  const dimNames = dimensionNames(dims, new Set(fixed.map((f) => f.name.toLowerCase())));
  const columns: TableColumn[] = [
    ...slots.map((s) => ({
      name: s.fixed.name,
      header: s.at >= 0 ? (byRole.get(s.fixed.role)?.header ?? '') : '',
      role: s.fixed.role,
      type: s.fixed.type
    })),
    ...dims.map((d, i) => ({
      name: dimNames[i],
      header: d.header,
      role: 'dimension' as Role,
      type: 'text' as const
    }))
  ];
  const slotOf = (role: Role) => slots.findIndex((s) => s.fixed.role === role);
  const requiredDate = REQUIRED_DATE[kind];
  const isSummary =
    kind === 'customers' && isCustomerSummary([...byRole.keys()].filter((r) => r !== 'dimension'));
  const purchaseAt = {
    last: slotOf('last_purchase_date'),
    recency: slotOf('recency_days'),
    frequency: slotOf('frequency'),
    monetary: slotOf('monetary')
  };
  const openedAt = slotOf('opened_date');
  const resolvedAt = slotOf('resolved_date');
  const width = columns.length;
  const mapped = slots.map((s, i) => ({ ...s, slot: i })).filter((s) => s.at >= 0);
  const unmappedSlots = slots.flatMap((s, i) => (s.at < 0 ? [i] : []));
  /** Source column of the cell the last rejection was about. */
  let badColumn = -1;

  const fail = (at: number, reason: RejectReason): RejectReason => {
    badColumn = at;
    return reason;
  };

  /** Parses one mapped fixed cell into `out`, or returns why the row is rejected. */
  function readCell(s: Slot & { slot: number }, row: string[], out: Cell[], base: number) {
    const { fixed: f, at } = s;
    const v = (row[at] ?? '').trim();
    const isBlank = f.type === 'text' ? v === '' || isExcelError(v) : isMissingText(v);
    if (isBlank) {
      out[base + s.slot] = null;
      if (f.role === 'customer_id') return fail(at, 'missing_customer_id');
      if (f.role === requiredDate) return fail(at, 'missing_date');
      if (kind === 'receivables' && f.role === 'amount') return fail(at, 'missing_amount');
      return null;
    }
    if (f.type === 'text') {
      out[base + s.slot] = v;
      return null;
    }
    if (f.type === 'date') {
      const day = parseDate(v, s.dateOrder, {
        excelSerial: s.excelSerial,
        date1904: mapping.date1904
      });
      if (Number.isNaN(day)) {
        const other = s.dateOrder === 'dmy' ? 'mdy' : 'dmy';
        const fits =
          s.dateOrder && !Number.isNaN(parseDate(v, other, { excelSerial: s.excelSerial }));
        return fail(at, fits ? 'date_order_conflict' : 'bad_date');
      }
      out[base + s.slot] = dayToIso(day);
      return null;
    }
    const n = parseNumber(v, s.decimalMark);
    const range = kind === 'feedback' ? SCORE_RANGE[f.role] : undefined;
    if (range && (Number.isNaN(n) || n < range[0] || n > range[1])) return fail(at, 'bad_score');
    if (Number.isNaN(n)) return fail(at, MONEY.includes(f.role) ? 'bad_amount' : 'bad_number');
    out[base + s.slot] = n;
    return null;
  }

  /** A summary's row with a purchase needs all of its purchase columns (DOMAIN §1). */
  function checkPurchase(out: Cell[], base: number): RejectReason | null {
    const value = (slot: number) => out[base + slot];
    const frequency = value(purchaseAt.frequency) as number | null;
    const hasLast = value(purchaseAt.last) !== null || value(purchaseAt.recency) !== null;
    if (!hasLast && (frequency === null || frequency === 0)) return null; // a prospect
    const cell = (role: Role) => slots[slotOf(role)].at;
    if (frequency === null) return fail(cell('frequency'), 'missing_frequency');
    if (value(purchaseAt.monetary) === null) return fail(cell('monetary'), 'missing_monetary');
    if (!hasLast) {
      const lastAt = cell('last_purchase_date');
      return lastAt >= 0
        ? fail(lastAt, 'missing_date')
        : fail(cell('recency_days'), 'missing_recency');
    }
    return null;
  }

  function normalizeInto(row: string[], out: Cell[], base: number): RejectReason | null {
    badColumn = -1;
    for (const slot of unmappedSlots) out[base + slot] = null;
    for (const s of mapped) {
      const reason = readCell(s, row, out, base);
      // A 合计/Total line fails on its empty id or date; say what it really is.
      if (reason) return isSubtotal(row) ? 'subtotal_row' : reason;
    }
    if (isSummary) {
      const reason = checkPurchase(out, base);
      if (reason) return reason;
    }
    if (resolvedAt >= 0 && openedAt >= 0) {
      const opened = out[base + openedAt] as string | null;
      const resolved = out[base + resolvedAt] as string | null;
      if (opened !== null && resolved !== null && resolved < opened)
        return fail(slots[resolvedAt].at, 'resolved_before_opened');
    }
    dims.forEach((d, i) => {
      const v = (row[d.index] ?? '').trim();
      out[base + slots.length + i] = v === '' ? null : v;
    });
    return null;
  }

  const required = new Set(
    mapped
      .filter((s) => s.fixed.role === 'customer_id' || s.fixed.role === requiredDate)
      .map((s) => s.at)
  );
  const unreadableRejects = new Set(
    mapped.filter((s) => required.has(s.at) || s.fixed.type !== 'text').map((s) => s.at)
  );
  const unreadableKept = new Set([
    ...mapped.filter((s) => !unreadableRejects.has(s.at)).map((s) => s.at),
    ...dims.map((d) => d.index)
  ]);
  const mainDate = {
    customers: 'last_purchase_date',
    feedback: 'date',
    complaints: 'opened_date',
    receivables: 'due_date'
  } as const;
  const money = { customers: 'monetary', receivables: 'amount' } as const;
  return {
    kind,
    columns,
    laterColumns: [],
    at: {
      customerId: slotOf('customer_id'),
      customerName: slotOf('customer_name'),
      date: slotOf(mainDate[kind]),
      amount: kind === 'customers' || kind === 'receivables' ? slotOf(money[kind]) : -1,
      quantity: -1,
      orderId: -1
    },
    normalizeInto,
    normalize(row) {
      const out: Cell[] = new Array(width).fill(null);
      const reason = normalizeInto(row, out, 0);
      return reason ? { ok: false, reason } : { ok: true, values: out };
    },
    checkUnreadable(unreadable) {
      if (unreadable.some((c) => unreadableRejects.has(c))) return 'bad_encoding';
      return unreadable.filter((c) => unreadableKept.has(c));
    },
    rejectedValue(row, reason) {
      if (badColumn < 0 || reason.startsWith('missing') || reason === 'subtotal_row')
        return undefined;
      return (row[badColumn] ?? '').trim();
    }
  };
}
