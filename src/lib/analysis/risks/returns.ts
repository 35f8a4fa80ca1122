// Return rate (DOMAIN §7c): returned amount / purchased amount per customer, flagged above 30 % with
// at least 2 returns. A return is a row with a negative amount (DOMAIN §1), counted up to the as-of date.
import { quoteIdent } from '../sql-ident';
import { checkDate, DIALECTS, type SqlQuery } from '../sql';

export const RETURN_RATE_LIMIT = 0.3;
export const MIN_RETURNS = 2;

/**
 * Per customer with a return up to `asOf`: customer_id, purchased (sum of positive amounts),
 * returned (minus the sum of negative amounts), returns (rows with a negative amount).
 */
export function buildReturnTotalsSql(table: string, asOf: string): SqlQuery {
  const r = DIALECTS.sqlite.roundMoney;
  return {
    sql: `SELECT customer_id,
  ${r('SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END)')} AS purchased,
  ${r('-SUM(CASE WHEN amount < 0 THEN amount ELSE 0 END)')} AS returned,
  SUM(CASE WHEN amount < 0 THEN 1 ELSE 0 END) AS returns
FROM ${quoteIdent(table)}
WHERE order_date <= ?
GROUP BY customer_id
HAVING SUM(CASE WHEN amount < 0 THEN 1 ELSE 0 END) > 0
ORDER BY customer_id`,
    params: [checkDate(asOf, 'asOf')]
  };
}

/** A customer with a high return rate and the numbers behind it. */
export interface HighReturns {
  customerId: string;
  purchased: number;
  returned: number;
  returns: number;
  /** returned / purchased (null when nothing was purchased: every return counts then). */
  rate: number | null;
}

/**
 * Customers whose return rate is above {@link RETURN_RATE_LIMIT} with at least {@link MIN_RETURNS}
 * returns (a customer who returned without purchasing counts as above), highest returned first.
 */
export function highReturns(rows: readonly (readonly unknown[])[]): HighReturns[] {
  const out: HighReturns[] = [];
  for (const [id, p, r, n] of rows) {
    const purchased = Number(p);
    const returned = Number(r);
    const returns = Number(n);
    const rate = purchased > 0 ? returned / purchased : null;
    if (returns < MIN_RETURNS || (rate !== null && !(rate > RETURN_RATE_LIMIT))) continue;
    out.push({ customerId: String(id), purchased, returned, returns, rate });
  }
  return out.sort((a, b) => b.returned - a.returned || (a.customerId < b.customerId ? -1 : 1));
}
