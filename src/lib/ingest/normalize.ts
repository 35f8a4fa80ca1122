// Turns one source row into the typed values of the normalized table, or a rejection reason.
import { dayToIso, isExcelError, isMissingText, parseDate, parseNumber } from './parse-values';
import { isSubtotal } from './parse-xlsx';
import type { ColumnMapping, DatasetKind, RejectReason, Role } from './types';
import { createTargetsNormalizer } from './normalize-targets';
import { createRelatedNormalizer, isRelatedKind } from './normalize-related';

/** Kept dimension columns at most: SQLite allows 2000 columns per table, and nobody charts more. */
export const MAX_DIMENSIONS = 1000;

export type Cell = string | number | null;

/** A column of a normalized table: fixed role columns first, then kept dimensions. */
export interface TableColumn {
  /** SQL column name. */
  name: string;
  /** Header in the source file ('' for role columns that were not mapped). */
  header: string;
  role: Role;
  type: 'text' | 'number' | 'date';
}

const TX_FIXED: [Role, TableColumn['type']][] = [
  ['customer_id', 'text'],
  ['customer_name', 'text'],
  ['date', 'date'],
  ['amount', 'number'],
  ['quantity', 'number'],
  ['unit_price', 'number'],
  ['order_id', 'text'],
  ['profit', 'number'],
  ['satisfaction', 'number'],
  ['nps', 'number']
];
/** SQL names of the fixed columns (the transaction date is stored as `order_date`). */
const SQL_NAME: Partial<Record<Role, string>> = { date: 'order_date' };

export type Accepted = { ok: true; values: Cell[] };
export type Rejected = { ok: false; reason: RejectReason };

/** A compiled row normalizer for one mapping. */
export interface Normalizer {
  kind: DatasetKind;
  /** Columns written for every row, in `values` order. */
  columns: TableColumn[];
  /** Role columns nobody mapped: added (all NULL) after the load so every table has them. */
  laterColumns: TableColumn[];
  /** Index into `values` of a few columns the import statistics need. */
  at: {
    customerId: number;
    customerName: number;
    date: number;
    amount: number;
    quantity: number;
    orderId: number;
  };
  /**
   * Writes the row's values into `out` from index `base` (straight into an insert buffer: no
   * per-row array at a million rows) and returns null, or returns why the row is rejected.
   */
  normalizeInto(row: string[], out: Cell[], base: number): RejectReason | null;
  /** The same, as a fresh array (tests, small inputs). */
  normalize(row: string[]): Accepted | Rejected;
  /**
   * What a row's undecodable cells (source column indexes) cost it: 'bad_encoding' when one
   * holds a required value or a number or date, which cannot be read; otherwise the row is kept
   * and the imported text columns among them (name, order ID, dimensions) are returned — they keep
   * their U+FFFD marks and the import warns. Unimported columns cost nothing.
   */
  checkUnreadable(columns: readonly number[]): 'bad_encoding' | number[];
}

const REQUIRED_REASON: Partial<Record<Role, RejectReason>> = {
  customer_id: 'missing_customer_id',
  date: 'missing_date',
  amount: 'missing_amount',
  quantity: 'bad_quantity',
  unit_price: 'bad_unit_price'
};
const BAD_REASON: Partial<Record<Role, RejectReason>> = {
  date: 'bad_date',
  amount: 'bad_amount',
  quantity: 'bad_quantity',
  unit_price: 'bad_unit_price'
};

/** Makes SQL column names for dimensions: the header itself, made unique and non-empty. */
export function dimensionNames(
  columns: { header: string; index: number }[],
  taken: Set<string>
): string[] {
  return columns.map(({ header, index }) => {
    const base = header.trim() || `column_${index + 1}`;
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** Compiles the mapping into a fast per-row function (orders here; other kinds in their files). */
export function createNormalizer(mapping: ColumnMapping): Normalizer {
  if (mapping.kind === 'targets') return createTargetsNormalizer(mapping);
  if (isRelatedKind(mapping.kind)) return createRelatedNormalizer(mapping);
  const fixed = TX_FIXED;
  const byRole = new Map(
    mapping.columns.filter((c) => c.role !== 'ignore').map((c) => [c.role, c])
  );
  // Beyond the cap, extra columns stay in the raw sheet (searchable, exported) but get no SQL column.
  const dims = mapping.columns.filter((c) => c.role === 'dimension').slice(0, MAX_DIMENSIONS);
  const hasAmount = byRole.has('amount');
  const required = new Set<Role>([
    'customer_id',
    'date',
    ...(hasAmount ? ['amount' as const] : ['quantity' as const, 'unit_price' as const])
  ]);
  const taken = new Set(fixed.map(([r]) => (SQL_NAME[r] ?? r).toLowerCase()));
  const dimNames = dimensionNames(dims, taken);
  const toColumn = ([role, type]: [Role, TableColumn['type']]): TableColumn => ({
    name: SQL_NAME[role] ?? role,
    header: byRole.get(role)?.header ?? '',
    role,
    type
  });
  // Only mapped roles (and the computed amount) are written row by row: every bound value
  // costs time at a million rows. Unmapped role columns are added afterwards, all NULL.
  const isStored = ([role]: [Role, TableColumn['type']]) => byRole.has(role) || role === 'amount';
  const storedFixed = fixed.filter(isStored);
  const columns: TableColumn[] = [
    ...storedFixed.map(toColumn),
    ...dims.map((d, i) => ({
      name: dimNames[i],
      header: d.header,
      role: 'dimension' as Role,
      type: 'text' as const
    }))
  ];
  const laterColumns = fixed.filter((f) => !isStored(f)).map(toColumn);

  // Source columns whose undecodable text rejects the row, and those kept with a warning.
  const unreadableRejects = new Set<number>();
  const unreadableKept = new Set<number>(dims.map((d) => d.index));
  type Step = (row: string[], out: Cell[], base: number) => RejectReason | undefined;
  const steps: Step[] = [];
  storedFixed.forEach(([role, type], slot) => {
    const col = byRole.get(role);
    if (!col) return;
    const src = col.index;
    const isRequired = required.has(role);
    (isRequired || type !== 'text' ? unreadableRejects : unreadableKept).add(src);
    const missing = REQUIRED_REASON[role] ?? 'bad_number';
    const bad = BAD_REASON[role] ?? 'bad_number';
    // Parsers return the stored value, or a (pre-allocated) rejection.
    const badResult = { reason: bad };
    let parse: (v: string) => Cell | { reason: RejectReason };
    if (type === 'text') parse = (v) => v;
    else if (type === 'date') {
      const order = col.dateOrder;
      const other = order === 'dmy' ? 'mdy' : 'dmy';
      const opts = { excelSerial: col.excelSerial, date1904: mapping.date1904 };
      const conflict = { reason: 'date_order_conflict' as const };
      parse = (v) => {
        const day = parseDate(v, order, opts);
        if (!Number.isNaN(day)) return dayToIso(day);
        return order && !Number.isNaN(parseDate(v, other, opts)) ? conflict : badResult;
      };
    } else {
      const mark = col.decimalMark ?? '.';
      parse = (v) => {
        const n = parseNumber(v, mark);
        return Number.isNaN(n) ? badResult : n;
      };
    }
    // `NA`, `-`, `NULL`… in a number or date column mean "no value", like a blank cell.
    // An Excel error value is no customer id or name either.
    const isBlank = type === 'text' ? (v: string) => v === '' || isExcelError(v) : isMissingText;
    steps.push((row, out, base) => {
      const v = (row[src] ?? '').trim();
      if (isBlank(v)) {
        if (isRequired) return missing;
        out[base + slot] = null;
        return;
      }
      const r = parse(v);
      if (r !== null && typeof r === 'object') return r.reason;
      out[base + slot] = r;
    });
  });
  dims.forEach((d, i) => {
    const slot = storedFixed.length + i;
    const src = d.index;
    steps.push((row, out, base) => {
      const v = (row[src] ?? '').trim();
      out[base + slot] = v === '' ? null : v;
    });
  });

  const slotOf = (role: Role) => storedFixed.findIndex(([r]) => r === role);
  const at = {
    customerId: slotOf('customer_id'),
    customerName: slotOf('customer_name'),
    date: slotOf('date'),
    amount: slotOf('amount'),
    quantity: slotOf('quantity'),
    orderId: slotOf('order_id')
  };
  const qtySlot = slotOf('quantity');
  const priceSlot = slotOf('unit_price');
  const width = columns.length;
  const computeAmount = !hasAmount;

  return {
    kind: mapping.kind,
    columns,
    laterColumns,
    at,
    normalizeInto(row, out, base) {
      for (let i = 0; i < steps.length; i++) {
        const reason = steps[i](row, out, base);
        // A 合计/Total line fails on its empty id or date; say what it really is.
        if (reason) return isSubtotal(row) ? 'subtotal_row' : reason;
      }
      if (computeAmount) {
        // Amount = quantity × unit price, rounded to 1e-9 to drop binary noise (6 × 2.55).
        const amount = (out[base + qtySlot] as number) * (out[base + priceSlot] as number);
        out[base + at.amount] = Math.round(amount * 1e9) / 1e9;
      }
      return null;
    },
    normalize(row) {
      const out: Cell[] = new Array(width).fill(null);
      const reason = this.normalizeInto(row, out, 0);
      return reason ? { ok: false, reason } : { ok: true, values: out };
    },
    checkUnreadable(unreadable) {
      if (unreadable.some((c) => unreadableRejects.has(c))) return 'bad_encoding';
      return unreadable.filter((c) => unreadableKept.has(c));
    }
  };
}
