// Pure builders of the Satisfaction view's reads (DOMAIN §7, §7b): survey responses from a feedback
// table and from the orders' own satisfaction/NPS columns, and the customer master's owner.
import { quoteIdent } from '../sql-ident';
import { Binder, checkDate, type SqlQuery } from '../sql';

/** Where responses come from: a feedback table, the orders table, or both. */
export interface ResponsesSqlOptions {
  /** `ds{id}_feedback` (kind-tables.ts layout), or null. */
  feedbackTable: string | null;
  /** SQL names of the feedback table's dimension columns, in order. */
  feedbackDims: readonly string[];
  /** The orders table (or its filtered copy) when its satisfaction/NPS columns are mapped. */
  ordersTable: string | null;
  /** `YYYY-MM-DD`: responses dated later are left out, as later orders are (DOMAIN §2). */
  asOf: string;
}

/** A score in range, else NULL (an out-of-range number is no answer). */
const inRange = (col: string, lo: number, hi: number) =>
  `CASE WHEN ${col} BETWEEN ${lo} AND ${hi} THEN ${col} END`;

/**
 * One row per response: `customer_id, response_date, csat, nps, comment, source, row_no,
 * dim_0 …` — `source` 0 for the feedback table, 1 for an order row (DOMAIN §7: each order row with
 * a value is a response dated on its order date). A response needs a CSAT 1–5, an NPS 0–10 or a
 * comment; customer ids are trimmed text. Ordered by customer, date, source, row.
 */
export function buildResponsesSql(o: ResponsesSqlOptions): SqlQuery {
  const b = new Binder('sqlite');
  const parts: string[] = [];
  const dimNulls = o.feedbackDims.map((_, i) => `NULL AS dim_${i}`);
  if (o.feedbackTable) {
    const asOf = b.bind(checkDate(o.asOf, 'asOf'));
    const dims = o.feedbackDims.map((n, i) => `${quoteIdent(n)} AS dim_${i}`);
    const comment = `NULLIF(TRIM(comment), '')`;
    parts.push(`SELECT TRIM(CAST(customer_id AS TEXT)) AS customer_id, response_date,
  ${inRange('satisfaction', 1, 5)} AS csat, ${inRange('nps', 0, 10)} AS nps,
  ${comment} AS comment, 0 AS source, row_no${dims.map((x) => `, ${x}`).join('')}
FROM ${quoteIdent(o.feedbackTable)}
WHERE response_date IS NOT NULL AND response_date <= ${asOf}
  AND customer_id IS NOT NULL AND TRIM(CAST(customer_id AS TEXT)) <> ''
  AND (satisfaction BETWEEN 1 AND 5 OR nps BETWEEN 0 AND 10 OR ${comment} IS NOT NULL)`);
  }
  if (o.ordersTable) {
    const asOf = b.bind(checkDate(o.asOf, 'asOf'));
    parts.push(`SELECT TRIM(CAST(customer_id AS TEXT)) AS customer_id, order_date AS response_date,
  ${inRange('satisfaction', 1, 5)} AS csat, ${inRange('nps', 0, 10)} AS nps,
  NULL AS comment, 1 AS source, row_no${dimNulls.map((x) => `, ${x}`).join('')}
FROM ${quoteIdent(o.ordersTable)}
WHERE order_date <= ${asOf} AND (satisfaction BETWEEN 1 AND 5 OR nps BETWEEN 0 AND 10)`);
  }
  if (parts.length === 0) throw new Error('no source of responses');
  const sql = `SELECT * FROM (
${parts.join('\nUNION ALL\n')}
) AS r
ORDER BY customer_id, response_date, source, row_no`;
  return { sql, params: b.params };
}

/** Each master customer's owner: `customer_id, owner` (trimmed; a customer listed twice gets the first owner in sort order). */
export function buildOwnersSql(customersTable: string): SqlQuery {
  return {
    sql: `SELECT TRIM(CAST(customer_id AS TEXT)) AS customer_id, MIN(NULLIF(TRIM(owner), '')) AS owner
FROM ${quoteIdent(customersTable)}
WHERE customer_id IS NOT NULL
GROUP BY TRIM(CAST(customer_id AS TEXT))`,
    params: []
  };
}
