// Customer classes and conversion of the customer master (DOMAIN §7b): prospect / new / existing
// per customer, counts by owner or any attribute, and created → first purchase by creation month.
import { daysBetween } from './lifecycle';
import { median } from './decay';
import { quoteIdent } from './sql-ident';
import { checkDate } from './sql';
import type { SqlQuery } from './sql';

/** The classes, in the order views show them. */
export const CUSTOMER_CLASSES = ['existing', 'new', 'prospect'] as const;
export type CustomerClass = (typeof CUSTOMER_CLASSES)[number];

/** Days after creation within which a first purchase converts (DOMAIN §7b: day 90 counts). */
export const CONVERSION_DAYS = 90;

/** One row of the customer master as the views read it. */
export interface MasterCustomer {
  customerId: string;
  name: string | null;
  owner: string | null;
  createdDate: string | null;
  status: string | null;
  birthday: string | null;
  creditLimit: number | null;
  /** The master's dimension values, in the master's `dimensions` order. */
  dims: (string | null)[];
}

/** What the orders tell of one customer up to the as-of date (DOMAIN §2, §3, §8). */
export interface OrderCustomer {
  customerId: string;
  name: string | null;
  /** First order with a positive amount on or before the as-of date; null: none. */
  firstPurchase: string | null;
  /** The customer's value of each orders dimension (DOMAIN §8), in the orders' `dimensions` order. */
  dims: (string | null)[];
}

/** A customer with their class and the attributes the counts group by. */
export interface ClassedCustomer {
  customerId: string;
  name: string | null;
  cls: CustomerClass;
  isInMaster: boolean;
  firstPurchase: string | null;
  createdDate: string | null;
  /** The master's owner, else the orders' sales-rep value (DOMAIN §7c, §8); null: neither. */
  owner: string | null;
  /** The value of each grouping attribute by header (master first, else orders). */
  values: Record<string, string | null>;
}

/**
 * The class of a customer at `asOf` (DOMAIN §7b, lifecycle's `new_days`): without a purchase on or
 * before the as-of date a prospect; new when as-of − first purchase ≤ `newDays` (the lifecycle
 * view's rule); else existing.
 */
export function classOf(
  firstPurchase: string | null,
  asOf: string,
  newDays: number
): CustomerClass {
  if (firstPurchase === null || firstPurchase > asOf) return 'prospect';
  return daysBetween(asOf, firstPurchase) <= newDays ? 'new' : 'existing';
}

export interface ClassifyInput {
  master: readonly MasterCustomer[];
  /** Headers of the master's dimensions, in `MasterCustomer.dims` order. */
  masterHeaders: readonly string[];
  orders: readonly OrderCustomer[];
  /** Headers of the orders' dimensions, in `OrderCustomer.dims` order. */
  orderHeaders: readonly string[];
  /** Index of the orders' sales-rep dimension, or −1. */
  repIndex: number;
  asOf: string;
  newDays: number;
  /**
   * Which customers the view shows (the app filter's answer), or null for all: a customer with
   * orders whose rows pass the filter, or a master row whose own attributes pass it.
   */
  keep?: ((c: { customerId: string; isInMaster: boolean }) => boolean) | null;
}

/**
 * Every customer of the master and of the orders, classed. Customers with orders but absent from
 * the master count as new or existing; order customers with only returns (no purchase) and no
 * master row are not customers of any class and are left out.
 */
export function classifyCustomers(input: ClassifyInput): ClassedCustomer[] {
  const byId = new Map<string, OrderCustomer>();
  for (const o of input.orders) byId.set(o.customerId.trim(), o);
  const out: ClassedCustomer[] = [];
  const seen = new Set<string>();
  const orderValues = (o: OrderCustomer | undefined) => {
    const values: Record<string, string | null> = {};
    input.orderHeaders.forEach((h, i) => (values[h] = o?.dims[i] ?? null));
    return values;
  };
  const repOf = (o: OrderCustomer | undefined) =>
    input.repIndex >= 0 ? (o?.dims[input.repIndex] ?? null) : null;
  for (const m of input.master) {
    const id = m.customerId.trim();
    if (seen.has(id)) continue; // a repeated id: its first row is the customer
    seen.add(id);
    const o = byId.get(id);
    const values = orderValues(o);
    input.masterHeaders.forEach((h, i) => {
      values[h] = m.dims[i] ?? values[h] ?? null;
    });
    const first = o?.firstPurchase ?? null;
    out.push({
      customerId: id,
      name: m.name ?? o?.name ?? null,
      cls: classOf(first, input.asOf, input.newDays),
      isInMaster: true,
      firstPurchase: first !== null && first <= input.asOf ? first : null,
      createdDate: m.createdDate,
      owner: nonEmpty(m.owner) ?? repOf(o),
      values
    });
  }
  for (const o of input.orders) {
    const id = o.customerId.trim();
    if (seen.has(id) || o.firstPurchase === null || o.firstPurchase > input.asOf) continue;
    seen.add(id);
    out.push({
      customerId: id,
      name: o.name,
      cls: classOf(o.firstPurchase, input.asOf, input.newDays),
      isInMaster: false,
      firstPurchase: o.firstPurchase,
      createdDate: null,
      owner: repOf(o),
      values: orderValues(o)
    });
  }
  const keep = input.keep;
  return keep ? out.filter((c) => keep(c)) : out;
}

function nonEmpty(v: string | null): string | null {
  return v !== null && v.trim() !== '' ? v : null;
}

/** Counts of each class. */
export type ClassCounts = Record<CustomerClass, number>;

export function countClasses(customers: readonly Pick<ClassedCustomer, 'cls'>[]): ClassCounts {
  const counts: ClassCounts = { existing: 0, new: 0, prospect: 0 };
  for (const c of customers) counts[c.cls]++;
  return counts;
}

/** What the counts group by: the owner, or an attribute (dimension) by header. */
export type ClassGrouping = { by: 'owner' } | { by: 'attribute'; header: string };

export interface ClassGroup extends ClassCounts {
  /** The owner or attribute value; null: the customers without one. */
  key: string | null;
  total: number;
}

/** The value a customer has under `grouping`. */
export function groupValueOf(c: ClassedCustomer, grouping: ClassGrouping): string | null {
  return grouping.by === 'owner' ? c.owner : (c.values[grouping.header] ?? null);
}

/** Class counts per value of `grouping`, most customers first (the no-value group last). */
export function groupClasses(
  customers: readonly ClassedCustomer[],
  grouping: ClassGrouping
): ClassGroup[] {
  const groups = new Map<string | null, ClassGroup>();
  for (const c of customers) {
    const key = groupValueOf(c, grouping);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, existing: 0, new: 0, prospect: 0, total: 0 }));
    g[c.cls]++;
    g.total++;
  }
  return [...groups.values()].sort((a, b) =>
    a.key === null
      ? 1
      : b.key === null
        ? -1
        : b.total - a.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** Conversion of the master customers created in one month (DOMAIN §7b). */
export interface ConversionRow {
  /** `YYYY-MM` of the created date. */
  month: string;
  /** Master customers created in the month (those who bought before it excluded). */
  created: number;
  /** Of them, with a first purchase 0–90 days after creation (day 90 counts, day 91 does not). */
  converted: number;
  /** converted / created; null when none were created. */
  rate: number | null;
  /** Median days from creation to the first purchase of the converted; null: none converted. */
  medianDays: number | null;
  /** Created customers whose first purchase came before the created date (left out of `created`). */
  boughtBefore: number;
  /** The 90-day window of the month's last day ends after the as-of date: still converting. */
  isOpen: boolean;
}

/**
 * Created → first purchase by creation month: master customers with a created date on or before
 * `asOf`; a first purchase up to the as-of date counts when 0 ≤ days ≤ 90 after creation. A first
 * purchase before the created date (the customer was already buying) is counted apart, not as a
 * conversion.
 */
export function conversionByMonth(
  customers: readonly Pick<ClassedCustomer, 'isInMaster' | 'createdDate' | 'firstPurchase'>[],
  asOf: string,
  windowDays = CONVERSION_DAYS
): ConversionRow[] {
  const months = new Map<string, { created: number; days: number[]; before: number }>();
  for (const c of customers) {
    if (!c.isInMaster || !c.createdDate || c.createdDate > asOf) continue;
    const month = c.createdDate.slice(0, 7);
    let m = months.get(month);
    if (!m) months.set(month, (m = { created: 0, days: [], before: 0 }));
    const days = c.firstPurchase ? daysBetween(c.firstPurchase, c.createdDate) : null;
    if (days !== null && days < 0) {
      m.before++;
      continue;
    }
    m.created++;
    if (days !== null && days <= windowDays) m.days.push(days);
  }
  return [...months.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, m]) => ({
      month,
      created: m.created,
      converted: m.days.length,
      rate: m.created ? m.days.length / m.created : null,
      medianDays: median(m.days),
      boughtBefore: m.before,
      isOpen: daysBetween(asOf, lastDayOfMonth(month)) < windowDays
    }));
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m, 0));
  return d.toISOString().slice(0, 10);
}

/**
 * The customer master's rows: `customer_id` (trimmed), name, owner, created date, status,
 * birthday, credit limit, then the given dimension columns, in file order. `has` names the
 * table's columns: a fixed column it lacks (a table imported before masters had them) reads NULL.
 */
export function buildMasterRowsSql(
  table: string,
  dimensions: readonly string[],
  has: (column: string) => boolean = () => true
): SqlQuery {
  const fixed = ['customer_name', 'owner', 'created_date', 'status', 'birthday', 'credit_limit']
    .map((c) => (has(c) ? quoteIdent(c) : `NULL AS ${quoteIdent(c)}`))
    .join(', ');
  const dims = dimensions.map((d) => `,\n  ${quoteIdent(d)}`).join('');
  return {
    sql: `SELECT TRIM(customer_id) AS customer_id, ${fixed}${dims}
FROM ${quoteIdent(table)}
WHERE customer_id IS NOT NULL AND TRIM(customer_id) <> ''
ORDER BY row_no`,
    params: []
  };
}

/** Reads one row of `buildMasterRowsSql`. */
export function toMasterCustomer(row: readonly unknown[]): MasterCustomer {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    customerId: String(row[0]),
    name: text(row[1]),
    owner: text(row[2]),
    createdDate: text(row[3]),
    status: text(row[4]),
    birthday: text(row[5]),
    creditLimit: row[6] === null || row[6] === undefined ? null : Number(row[6]),
    dims: row.slice(7).map(text)
  };
}

/** Distinct customers with a row on or before `asOf` in an orders table (the filter's copy). */
export function buildOrderCustomerIdsSql(table: string, asOf: string): SqlQuery {
  return {
    sql: `SELECT DISTINCT TRIM(customer_id) FROM ${quoteIdent(table)} WHERE order_date <= ?`,
    params: [checkDate(asOf, 'asOf')]
  };
}

/**
 * Whether a master row passes the app filter's dimension values (DOMAIN §8 reads rows by their own
 * values; a master row's own values are its columns of the same header). A filtered dimension the
 * master does not have keeps no master row; the date range does not apply (the master has no dates).
 */
export function masterFilterTest(
  filterDims: readonly { column: string; values: readonly (string | null)[] }[],
  orderDimensions: readonly { name: string; header: string }[],
  masterHeaders: readonly string[]
): (m: Pick<MasterCustomer, 'dims'>) => boolean {
  const tests = filterDims
    .filter((f) => f.values.length > 0)
    .map((f) => {
      const header = orderDimensions.find((d) => d.name === f.column)?.header;
      const index = header === undefined ? -1 : masterHeaders.indexOf(header);
      return { index, values: new Set(f.values) };
    });
  return (m) => tests.every((t) => t.index >= 0 && t.values.has(m.dims[t.index] ?? null));
}
