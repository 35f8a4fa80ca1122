// Complaints (DOMAIN §7b): open, overdue against the SLA, resolved, time to resolve, the groups and
// lists a manager acts on, and whether customers bought again after a complaint. SQL in, plain TS out.
import { quoteIdent } from './sql-ident';
import { checkDate, type SqlQuery } from './sql';
import { addDays, isIsoDay } from './dates';
import { daysBetween } from './lifecycle';
import { median } from './concentration';
import { complaintState } from './profile';

/** The DOMAIN default of `complaint_sla_days`. */
export const DEFAULT_SLA_DAYS = 7;
/** Days after a complaint in which a new purchase counts as buying again. */
export const REPURCHASE_WINDOW_DAYS = 90;

/** One complaint row as the view reads it (dates `YYYY-MM-DD`). */
export interface ComplaintRow {
  rowNo: number;
  customerId: string;
  opened: string;
  resolved: string | null;
  type: string | null;
  owner: string | null;
}

/** What the view knows about a complaining customer from the orders and the RFM analysis. */
export interface ComplaintCustomer {
  name: string | null;
  /** Segment id; null when the customer has no purchase (or no orders at all). */
  segment: string | null;
  abc: 'A' | 'B' | 'C' | null;
  /** The customer's owner: master owner, else their sales-rep value (DOMAIN §8); null: none. */
  owner: string | null;
}

/** Counts of one group of complaints. */
export interface ComplaintGroup {
  /** The type, owner, segment id or tier; null: not given. */
  key: string | null;
  total: number;
  open: number;
  overdue: number;
  resolved: number;
  medianDaysToResolve: number | null;
}

/** A customer with at least one open complaint. */
export interface OpenComplaintCustomer {
  customerId: string;
  name: string | null;
  open: number;
  overdue: number;
  /** The oldest open complaint's opened date and its days open at the as-of date. */
  oldestOpened: string;
  daysOpen: number;
  owner: string | null;
  segment: string | null;
  abc: 'A' | 'B' | 'C' | null;
}

/** Complaints whose 90-day window is over, and how many of them the customer bought again after. */
export interface RepurchaseCount {
  complaints: number;
  boughtAgain: number;
}

export interface ComplaintsResult {
  /** Complaints opened on or before the as-of date (the ones counted). */
  total: number;
  open: number;
  overdue: number;
  resolved: number;
  medianDaysToResolve: number | null;
  /** Opened after the as-of date: not counted. */
  afterAsOf: number;
  /** Resolved before they were opened: counted as resolved, left out of the time to resolve. */
  resolvedBeforeOpened: number;
  byType: ComplaintGroup[];
  byOwner: ComplaintGroup[];
  bySegment: ComplaintGroup[];
  byTier: ComplaintGroup[];
  openCustomers: OpenComplaintCustomer[];
  repurchase: { resolved: RepurchaseCount; unresolved: RepurchaseCount };
  /** Complaints whose 90-day window has not ended before the as-of date (not in `repurchase`). */
  windowNotOver: number;
}

/** The complaints of a related table (DOMAIN §7; `kind-tables.ts`): customer id trimmed, dated rows. */
export function buildComplaintRowsSql(table: string): SqlQuery {
  const t = quoteIdent(table);
  return {
    sql: `SELECT row_no, TRIM(customer_id) AS customer_id, opened_date, resolved_date,
  NULLIF(TRIM(complaint_type), '') AS complaint_type, NULLIF(TRIM(owner), '') AS owner
FROM ${t}
WHERE customer_id IS NOT NULL AND TRIM(customer_id) <> '' AND opened_date IS NOT NULL
ORDER BY row_no`,
    params: []
  };
}

/** Rows of {@link buildComplaintRowsSql} as complaints. */
export function toComplaintRows(rows: readonly (readonly unknown[])[]): ComplaintRow[] {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return rows.map(([rowNo, customerId, opened, resolved, type, owner]) => ({
    rowNo: Number(rowNo),
    customerId: String(customerId),
    opened: String(opened),
    resolved: text(resolved),
    type: text(type),
    owner: text(owner)
  }));
}

/**
 * The purchase days (days with a positive order, DOMAIN §2: an order is an order id per customer,
 * else a row) up to `asOf` of the customers named in the complaints table, ascending.
 */
export function buildComplaintPurchasesSql(opts: {
  orders: string;
  complaints: string;
  asOf: string;
  hasOrderId: boolean;
}): SqlQuery {
  const t = quoteIdent(opts.orders);
  const c = quoteIdent(opts.complaints);
  checkDate(opts.asOf, 'asOf');
  const orderKey = 'customer_id, order_id, CASE WHEN order_id IS NULL THEN row_no END';
  const orders = opts.hasOrderId
    ? `SELECT customer_id, MIN(order_date) AS order_date, SUM(amount) AS amount FROM ${t}
  WHERE order_date <= ? AND customer_id IN (SELECT id FROM named) GROUP BY ${orderKey}`
    : `SELECT customer_id, order_date, amount FROM ${t}
  WHERE order_date <= ? AND customer_id IN (SELECT id FROM named)`;
  return {
    sql: `WITH named AS (SELECT DISTINCT TRIM(customer_id) AS id FROM ${c}),
orders AS (
  ${orders}
)
SELECT DISTINCT customer_id, order_date FROM orders WHERE amount > 0
ORDER BY customer_id, order_date`,
    params: [opts.asOf]
  };
}

/** Purchase days per customer from the rows of {@link buildComplaintPurchasesSql}. */
export function toPurchaseDays(rows: readonly (readonly unknown[])[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [id, day] of rows) {
    const key = String(id);
    const days = out.get(key);
    if (days) days.push(String(day));
    else out.set(key, [String(day)]);
  }
  return out;
}

/** A complaint's state at the as-of date. */
interface Judged {
  row: ComplaintRow;
  isOpen: boolean;
  isOverdue: boolean;
  /** Days to resolve (resolved by the as-of date, not before it was opened). */
  days: number | null;
}

/**
 * The complaint's state at `asOf`: counted when opened on or before it; open when it has no
 * resolved date on or before it; overdue when open and as-of − opened > `slaDays`; resolved
 * otherwise, with days to resolve = resolved − opened.
 */
function judge(row: ComplaintRow, asOf: string, slaDays: number): Judged {
  const resolved = row.resolved !== null && isIsoDay(row.resolved) ? row.resolved : null;
  const { state, days } = complaintState(row.opened, resolved, asOf, slaDays);
  const isOpen = state !== 'resolved';
  return { row, isOpen, isOverdue: state === 'overdue', days: !isOpen && days >= 0 ? days : null };
}

function group(judged: readonly Judged[], keyOf: (j: Judged) => string | null): ComplaintGroup[] {
  const groups = new Map<string | null, Judged[]>();
  for (const j of judged) {
    const k = keyOf(j);
    const list = groups.get(k);
    if (list) list.push(j);
    else groups.set(k, [j]);
  }
  return [...groups]
    .map(([key, list]) => count(key, list))
    .sort((a, b) => b.total - a.total || compareKeys(a.key, b.key));
}

function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function count(key: string | null, list: readonly Judged[]): ComplaintGroup {
  const days = list.flatMap((j) => (j.days === null ? [] : [j.days]));
  return {
    key,
    total: list.length,
    open: list.filter((j) => j.isOpen).length,
    overdue: list.filter((j) => j.isOverdue).length,
    resolved: list.filter((j) => !j.isOpen).length,
    medianDaysToResolve: median(days)
  };
}

/** True when a purchase day falls within (start, start + 90 days]. */
function boughtWithin(days: readonly string[] | undefined, start: string, end: string): boolean {
  return !!days && days.some((d) => d > start && d <= end);
}

/**
 * Everything the complaints view shows (DOMAIN §7b), at `asOf` with `slaDays`. Owner = the
 * complaint's owner, else the customer's. Bought again: a purchase day within 90 days after the
 * resolved date (resolved complaints) or the opened date (open ones), counted only when that
 * window ends before the as-of date.
 */
export function summarizeComplaints(input: {
  complaints: readonly ComplaintRow[];
  asOf: string;
  slaDays: number;
  purchaseDays: ReadonlyMap<string, readonly string[]>;
  customers: ReadonlyMap<string, ComplaintCustomer>;
}): ComplaintsResult {
  const { asOf, slaDays, customers, purchaseDays } = input;
  const counted = input.complaints.filter((c) => c.opened <= asOf);
  const judged = counted.map((c) => judge(c, asOf, slaDays));
  const customer = (j: Judged) => customers.get(j.row.customerId);
  const ownerOf = (j: Judged) => j.row.owner ?? customer(j)?.owner ?? null;
  const all = count(null, judged);

  const openBy = new Map<string, Judged[]>();
  for (const j of judged) {
    if (!j.isOpen) continue;
    const list = openBy.get(j.row.customerId);
    if (list) list.push(j);
    else openBy.set(j.row.customerId, [j]);
  }
  const openCustomers = [...openBy].map(([customerId, list]): OpenComplaintCustomer => {
    const oldest = list.reduce((a, b) => (b.row.opened < a.row.opened ? b : a));
    const c = customers.get(customerId);
    return {
      customerId,
      name: c?.name ?? null,
      open: list.length,
      overdue: list.filter((j) => j.isOverdue).length,
      oldestOpened: oldest.row.opened,
      daysOpen: daysBetween(asOf, oldest.row.opened),
      owner: ownerOf(oldest),
      segment: c?.segment ?? null,
      abc: c?.abc ?? null
    };
  });
  openCustomers.sort(
    (a, b) =>
      b.overdue - a.overdue || b.daysOpen - a.daysOpen || compareKeys(a.customerId, b.customerId)
  );

  const repurchase = {
    resolved: { complaints: 0, boughtAgain: 0 },
    unresolved: { complaints: 0, boughtAgain: 0 }
  };
  let windowNotOver = 0;
  for (const j of judged) {
    const start = j.isOpen ? j.row.opened : j.row.resolved!;
    const end = addDays(start, REPURCHASE_WINDOW_DAYS);
    if (!(end < asOf)) {
      windowNotOver++;
      continue;
    }
    const bucket = j.isOpen ? repurchase.unresolved : repurchase.resolved;
    bucket.complaints++;
    if (boughtWithin(purchaseDays.get(j.row.customerId), start, end)) bucket.boughtAgain++;
  }

  return {
    total: all.total,
    open: all.open,
    overdue: all.overdue,
    resolved: all.resolved,
    medianDaysToResolve: all.medianDaysToResolve,
    afterAsOf: input.complaints.length - counted.length,
    resolvedBeforeOpened: judged.filter((j) => !j.isOpen && j.days === null).length,
    byType: group(judged, (j) => j.row.type),
    byOwner: group(judged, ownerOf),
    bySegment: group(judged, (j) => customer(j)?.segment ?? null),
    byTier: group(judged, (j) => customer(j)?.abc ?? null),
    openCustomers,
    repurchase,
    windowNotOver
  };
}
