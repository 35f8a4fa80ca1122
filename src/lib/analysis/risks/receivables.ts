// Receivables at the as-of date (DOMAIN §7c): outstanding per invoice and per customer, days past
// due, the ageing bucket, overdue = outstanding > 0 and past due. SQL over the related table
// `ds{id}_receivables` (columns in `ingest/kind-tables.ts`) and the same rules in plain TS.
//
// Readings where DOMAIN leaves a choice (said in the view's help text):
// - an invoice dated after the as-of date is not counted (it did not exist yet); no invoice date: counted;
// - a payment dated after the as-of date had not been made at the as-of date (paid 0 then);
// - a paid date with no paid amount means paid in full; a paid amount with no paid date counts;
// - an over-paid invoice or a credit note (negative amount) has 0 outstanding, never a negative one.
import { quoteIdent } from '../sql-ident';
import { checkDate, MONEY_DECIMALS, type SqlQuery } from '../sql';
import { daysBetween } from '../lifecycle';

/** Ageing buckets of outstanding invoices by days past due, in order. */
export const RECEIVABLE_BUCKETS = ['not_due', 'd1_30', 'd31_60', 'd61_90', 'd90_plus'] as const;
export type ReceivableBucket = (typeof RECEIVABLE_BUCKETS)[number];

/** One invoice at the as-of date. */
export interface ReceivableInvoice {
  rowNo: number;
  customerId: string;
  invoiceNo: string | null;
  invoiceDate: string | null;
  dueDate: string;
  amount: number;
  /** What had been paid by the as-of date. */
  paid: number;
  /** max(0, amount − paid). */
  outstanding: number;
  /** as-of − due date, whole days, when outstanding > 0; null when nothing is outstanding. */
  daysPastDue: number | null;
  /** The ageing bucket when outstanding > 0; null when nothing is outstanding. */
  bucket: ReceivableBucket | null;
  /** Outstanding > 0 and past the due date (days past due ≥ 1). */
  isOverdue: boolean;
}

/** One customer's receivables at the as-of date (customers with something outstanding). */
export interface ReceivableCustomer {
  customerId: string;
  /** Invoices with outstanding > 0. */
  openInvoices: number;
  overdueInvoices: number;
  outstanding: number;
  overdueOutstanding: number;
  /** The largest days past due over the overdue invoices; null when none is overdue. */
  maxDaysPastDue: number | null;
  /** Outstanding per ageing bucket. */
  buckets: Record<ReceivableBucket, number>;
}

const round = (x: number) => Math.round(x * 10 ** MONEY_DECIMALS) / 10 ** MONEY_DECIMALS;

/** The bucket of an outstanding invoice `daysPastDue` days past its due date (≤ 0: not due). */
export function bucketOf(daysPastDue: number): ReceivableBucket {
  if (daysPastDue <= 0) return 'not_due';
  if (daysPastDue <= 30) return 'd1_30';
  if (daysPastDue <= 60) return 'd31_60';
  if (daysPastDue <= 90) return 'd61_90';
  return 'd90_plus';
}

/**
 * What an invoice still owes at `asOf`: amount − paid amount, where a paid date with no paid
 * amount means paid in full and a payment dated after `asOf` is not yet made; never below 0.
 */
export function outstandingOf(
  inv: { amount: number; paidDate: string | null; paidAmount: number | null },
  asOf: string
): number {
  const paidYet = inv.paidDate === null || inv.paidDate <= asOf;
  const paid = !paidYet
    ? 0
    : inv.paidAmount !== null
      ? inv.paidAmount
      : inv.paidDate
        ? inv.amount
        : 0;
  return Math.max(0, round(inv.amount - paid));
}

/** The SQL expression of what an invoice had paid by the as-of date (the first bound `?`). */
const PAID_SQL = `CASE WHEN paid_date IS NOT NULL AND paid_date > ? THEN 0
      WHEN paid_amount IS NOT NULL THEN paid_amount
      WHEN paid_date IS NOT NULL THEN amount ELSE 0 END`;

/** The invoice rows at the as-of date as a CTE body (binds `asOf` three times). */
function invoicesCte(table: string): string {
  const t = quoteIdent(table);
  return `base AS (
  SELECT row_no, TRIM(customer_id) AS customer_id, NULLIF(TRIM(invoice_no), '') AS invoice_no,
    invoice_date, due_date, amount, ${PAID_SQL} AS paid
  FROM ${t}
  WHERE customer_id IS NOT NULL AND TRIM(customer_id) <> '' AND due_date IS NOT NULL
    AND amount IS NOT NULL AND (invoice_date IS NULL OR invoice_date <= ?)
),
inv AS (
  SELECT *, MAX(0, ROUND(amount - paid, ${MONEY_DECIMALS})) AS outstanding,
    CAST(julianday(?) - julianday(due_date) AS INTEGER) AS dpd
  FROM base
)`;
}

/**
 * Every invoice counted at `asOf` (DOMAIN §7c): row_no, customer_id (trimmed), invoice_no,
 * invoice_date, due_date, amount, paid, outstanding, days_past_due (NULL when nothing is
 * outstanding), in source order. Read with {@link toReceivableInvoices}.
 */
export function buildReceivableInvoicesSql(opts: { table: string; asOf: string }): SqlQuery {
  const asOf = checkDate(opts.asOf, 'asOf');
  return {
    sql: `WITH ${invoicesCte(opts.table)}
SELECT row_no, customer_id, invoice_no, invoice_date, due_date, amount, paid, outstanding,
  CASE WHEN outstanding > 0 THEN dpd END AS days_past_due
FROM inv
ORDER BY row_no`,
    params: [asOf, asOf, asOf]
  };
}

/** Rows of {@link buildReceivableInvoicesSql} as invoices. */
export function toReceivableInvoices(rows: readonly (readonly unknown[])[]): ReceivableInvoice[] {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return rows.map(([rowNo, id, no, invDate, due, amount, paid, outstanding, dpd]) => {
    const days = dpd === null || dpd === undefined ? null : Number(dpd);
    return {
      rowNo: Number(rowNo),
      customerId: String(id),
      invoiceNo: text(no),
      invoiceDate: text(invDate),
      dueDate: String(due),
      amount: Number(amount),
      paid: Number(paid),
      outstanding: Number(outstanding),
      daysPastDue: days,
      bucket: days === null ? null : bucketOf(days),
      isOverdue: days !== null && days > 0
    };
  });
}

/**
 * Per customer with outstanding > 0 at `asOf`: customer_id, open_invoices, overdue_invoices,
 * outstanding, overdue_outstanding, max_days_past_due (over overdue invoices; NULL when none),
 * then the outstanding in each bucket of {@link RECEIVABLE_BUCKETS}; by outstanding descending.
 * Read with {@link toReceivableCustomers}.
 */
export function buildReceivableCustomersSql(opts: { table: string; asOf: string }): SqlQuery {
  const asOf = checkDate(opts.asOf, 'asOf');
  const sum = (cond: string) =>
    `ROUND(SUM(CASE WHEN ${cond} THEN outstanding ELSE 0 END), ${MONEY_DECIMALS})`;
  return {
    sql: `WITH ${invoicesCte(opts.table)}
SELECT customer_id, COUNT(*) AS open_invoices, SUM(dpd > 0) AS overdue_invoices,
  ROUND(SUM(outstanding), ${MONEY_DECIMALS}) AS outstanding,
  ${sum('dpd > 0')} AS overdue_outstanding,
  MAX(CASE WHEN dpd > 0 THEN dpd END) AS max_days_past_due,
  ${[
    'dpd <= 0',
    'dpd BETWEEN 1 AND 30',
    'dpd BETWEEN 31 AND 60',
    'dpd BETWEEN 61 AND 90',
    'dpd > 90'
  ]
    .map((c, i) => `${sum(c)} AS b${i}`)
    .join(',\n  ')}
FROM inv
WHERE outstanding > 0
GROUP BY customer_id
ORDER BY outstanding DESC, customer_id`,
    params: [asOf, asOf, asOf]
  };
}

/** Rows of {@link buildReceivableCustomersSql} as customers. */
export function toReceivableCustomers(rows: readonly (readonly unknown[])[]): ReceivableCustomer[] {
  return rows.map((r) => {
    const [id, open, overdue, outstanding, overdueOutstanding, maxDpd, ...b] = r;
    return {
      customerId: String(id),
      openInvoices: Number(open),
      overdueInvoices: Number(overdue),
      outstanding: Number(outstanding),
      overdueOutstanding: Number(overdueOutstanding),
      maxDaysPastDue: maxDpd === null || maxDpd === undefined ? null : Number(maxDpd),
      buckets: Object.fromEntries(
        RECEIVABLE_BUCKETS.map((k, i) => [k, Number(b[i] ?? 0)])
      ) as Record<ReceivableBucket, number>
    };
  });
}

/** The same per-customer summary computed in TS from invoices (e.g. after a filter). */
export function summarizeReceivableCustomers(
  invoices: readonly ReceivableInvoice[]
): ReceivableCustomer[] {
  const by = new Map<string, ReceivableCustomer>();
  for (const inv of invoices) {
    if (!(inv.outstanding > 0) || inv.daysPastDue === null || inv.bucket === null) continue;
    let c = by.get(inv.customerId);
    if (!c) {
      c = {
        customerId: inv.customerId,
        openInvoices: 0,
        overdueInvoices: 0,
        outstanding: 0,
        overdueOutstanding: 0,
        maxDaysPastDue: null,
        buckets: Object.fromEntries(RECEIVABLE_BUCKETS.map((k) => [k, 0])) as Record<
          ReceivableBucket,
          number
        >
      };
      by.set(inv.customerId, c);
    }
    c.openInvoices++;
    c.outstanding = round(c.outstanding + inv.outstanding);
    c.buckets[inv.bucket] = round(c.buckets[inv.bucket] + inv.outstanding);
    if (inv.isOverdue) {
      c.overdueInvoices++;
      c.overdueOutstanding = round(c.overdueOutstanding + inv.outstanding);
      c.maxDaysPastDue = Math.max(c.maxDaysPastDue ?? 0, inv.daysPastDue);
    }
  }
  return [...by.values()].sort(
    (a, b) => b.outstanding - a.outstanding || (a.customerId < b.customerId ? -1 : 1)
  );
}

/** Days past due of an invoice at `asOf` (as-of − due date); negative before the due date. */
export function daysPastDue(dueDate: string, asOf: string): number {
  return daysBetween(asOf, dueDate);
}
