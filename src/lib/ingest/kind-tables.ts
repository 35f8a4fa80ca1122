// The fixed columns of the normalized table of each related dataset kind (DOMAIN §7): the one
// contract between the import, which writes them, and the views, which read them. Every table also
// has `row_no` (the source row) first and the kept dimension columns (named by their header) last.
// Dates are ISO calendar days (`YYYY-MM-DD`) as text; money and scores are REAL.
import type { Role } from './types';

export interface FixedColumn {
  role: Role;
  /** SQL column name. */
  name: string;
  type: 'text' | 'number' | 'date';
}

const col = (role: Role, type: FixedColumn['type'], name: string = role): FixedColumn => ({
  role,
  name,
  type
});

/**
 * A customer table: the per-customer summary roles (DOMAIN §1; NULL in a master that has none)
 * and the master's attributes. A row with no last purchase, no recency and no positive frequency
 * is a prospect (DOMAIN §7b) when the table stands beside orders.
 */
export const CUSTOMER_COLUMNS: readonly FixedColumn[] = [
  col('customer_id', 'text'),
  col('customer_name', 'text'),
  col('last_purchase_date', 'date'),
  col('first_purchase_date', 'date'),
  col('recency_days', 'number'),
  col('frequency', 'number'),
  col('monetary', 'number'),
  col('satisfaction', 'number'),
  col('nps', 'number'),
  col('owner', 'text'),
  col('created_date', 'date'),
  col('status', 'text'),
  col('birthday', 'date'),
  col('credit_limit', 'number')
];

/** Survey responses: CSAT 1–5 in `satisfaction`, NPS 0–10 in `nps` (either may be NULL). */
export const FEEDBACK_COLUMNS: readonly FixedColumn[] = [
  col('customer_id', 'text'),
  col('date', 'date', 'response_date'),
  col('satisfaction', 'number'),
  col('nps', 'number'),
  col('comment', 'text')
];

/** Complaints: open while `resolved_date` is NULL (DOMAIN §7b). */
export const COMPLAINT_COLUMNS: readonly FixedColumn[] = [
  col('customer_id', 'text'),
  col('opened_date', 'date'),
  col('complaint_type', 'text'),
  col('status', 'text'),
  col('resolved_date', 'date'),
  col('owner', 'text'),
  col('comment', 'text')
];

/** Receivables: outstanding = amount − paid amount (DOMAIN §7c). */
export const RECEIVABLE_COLUMNS: readonly FixedColumn[] = [
  col('customer_id', 'text'),
  col('due_date', 'date'),
  col('amount', 'number'),
  col('invoice_no', 'text'),
  col('invoice_date', 'date'),
  col('paid_date', 'date'),
  col('paid_amount', 'number')
];

/** The related kinds' tables (`ds{id}_{kind}`): every fixed column exists, unmapped ones all NULL. */
export const KIND_COLUMNS = {
  customers: CUSTOMER_COLUMNS,
  feedback: FEEDBACK_COLUMNS,
  complaints: COMPLAINT_COLUMNS,
  receivables: RECEIVABLE_COLUMNS
} as const;

export type RelatedKind = keyof typeof KIND_COLUMNS;
