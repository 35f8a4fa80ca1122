// How a related dataset (customer master, survey responses, complaints, receivables; DOMAIN §7)
// meets the orders: its rows join by customer_id, trimmed and compared as text. Rows naming a
// customer with no orders are counted and listed, never dropped silently.
import { quoteIdent } from './sql-ident';
import type { SqlQuery } from './sql';
import type { RelatedKind } from '$lib/ingest/kind-tables';

export type { RelatedKind };

/** The date each kind's rows are listed with (the first one a row would be looked up by). */
export const RELATED_DATE_COLUMN: Record<RelatedKind, string> = {
  customers: 'created_date',
  feedback: 'response_date',
  complaints: 'opened_date',
  receivables: 'due_date'
};

/** A customer id as joined: trimmed text (`' 42 '` and `42` are the same customer). */
export function joinIdSql(column: string): string {
  return `TRIM(CAST(${column} AS TEXT))`;
}

/** Whether a row of the related table (aliased `r`) names a customer the orders know. */
function matchSql(ordersTable: string): string {
  return `EXISTS (SELECT 1 FROM ${quoteIdent(ordersTable)} o WHERE o.customer_id = ${joinIdSql('r.customer_id')})`;
}

/**
 * One row: the related table's rows, those naming no customer of the orders (an empty id counts
 * as unmatched), and the distinct non-empty customer ids among them.
 */
export function buildRelatedMatchSql(relatedTable: string, ordersTable: string): SqlQuery {
  return {
    sql: `SELECT COUNT(*) AS rows,
  COALESCE(SUM(m = 0), 0) AS unmatched_rows,
  COUNT(DISTINCT CASE WHEN m = 0 AND id <> '' THEN id END) AS unmatched_customers
FROM (SELECT ${joinIdSql('r.customer_id')} AS id, ${matchSql(ordersTable)} AS m
  FROM ${quoteIdent(relatedTable)} r)`,
    params: []
  };
}

/**
 * The unmatched rows themselves, in file order: source row number, customer id and the kind's
 * date, from `offset`, at most `limit`.
 */
export function buildUnmatchedRowsSql(
  relatedTable: string,
  ordersTable: string,
  kind: RelatedKind,
  offset: number,
  limit: number
): SqlQuery {
  const date = quoteIdent(RELATED_DATE_COLUMN[kind]);
  return {
    sql: `SELECT r.row_no, ${joinIdSql('r.customer_id')} AS customer_id, r.${date} AS date
FROM ${quoteIdent(relatedTable)} r
WHERE NOT ${matchSql(ordersTable)}
ORDER BY r.row_no
LIMIT ? OFFSET ?`,
    params: [limit, offset]
  };
}

/** A related dataset's rows against the orders. */
export interface RelatedMatch {
  rows: number;
  unmatchedRows: number;
  unmatchedCustomers: number;
}

/** One unmatched row, as listed. */
export interface UnmatchedRow {
  rowNo: number;
  customerId: string;
  date: string | null;
}

/** Reads the one row of {@link buildRelatedMatchSql}. */
export function toRelatedMatch(row: readonly unknown[] | undefined): RelatedMatch {
  const n = (v: unknown) => Number(v ?? 0);
  return { rows: n(row?.[0]), unmatchedRows: n(row?.[1]), unmatchedCustomers: n(row?.[2]) };
}

/** Reads the rows of {@link buildUnmatchedRowsSql}. */
export function toUnmatchedRows(rows: readonly (readonly unknown[])[]): UnmatchedRow[] {
  return rows.map((r) => ({
    rowNo: Number(r[0]),
    customerId: String(r[1] ?? ''),
    date: r[2] === null || r[2] === undefined ? null : String(r[2])
  }));
}
