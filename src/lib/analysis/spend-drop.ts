// Spend-drop alerts (DOMAIN §5): customers whose last 90 days fell below half their usual pace.
import { quoteIdent } from './sql-ident';
import type { SqlQuery } from './sql';

/** Length of the recent window and of the year before it, in days. */
export const RECENT_DAYS = 90;
export const YEAR_DAYS = 365;
/** Alert when recent spend is below this share of the year's average 90-day spend. */
export const DROP_SHARE = 0.5;

/** The two windows, as inclusive `YYYY-MM-DD` bounds: recent = (asOf − 90, asOf], year before it. */
export function spendDropWindows(asOf: string) {
  const shift = (days: number) => {
    const d = new Date(`${asOf}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - days);
    return d.toISOString().slice(0, 10);
  };
  return {
    recentFrom: shift(RECENT_DAYS - 1),
    recentTo: asOf,
    yearFrom: shift(RECENT_DAYS + YEAR_DAYS - 1),
    yearTo: shift(RECENT_DAYS)
  };
}

/**
 * Net spend per customer in both windows, for customers with any row in them. Plain SQL with bound
 * dates (the same text runs on SQLite, DuckDB and PostgreSQL over text or date columns).
 */
export function buildSpendDropSql(table: string, asOf: string): SqlQuery {
  const w = spendDropWindows(asOf);
  const sql = `SELECT customer_id,
  SUM(CASE WHEN order_date >= ? THEN amount ELSE 0 END) AS recent_spend,
  SUM(CASE WHEN order_date <= ? THEN amount ELSE 0 END) AS year_spend
FROM ${quoteIdent(table)}
WHERE order_date >= ? AND order_date <= ?
GROUP BY customer_id
ORDER BY customer_id`;
  return { sql, params: [w.recentFrom, w.yearTo, w.yearFrom, w.recentTo] };
}

const roundMoney = (x: number) => Math.round(x * 1e6) / 1e6;

/** One alert: recent spend, the year's average 90-day spend and the recent share of it. */
export interface SpendDrop {
  customerId: string;
  recentSpend: number;
  usualSpend: number;
  /** recentSpend / usualSpend (negative when returns outweigh purchases). */
  share: number;
}

/**
 * Alerts from the query's rows: customers active in the year before (net spend there > 0) whose
 * recent spend is below {@link DROP_SHARE} of that year's average 90-day spend, biggest drop in
 * money first.
 */
export function spendDropAlerts(rows: readonly (readonly unknown[])[]): SpendDrop[] {
  const out: SpendDrop[] = [];
  for (const [id, recent, year] of rows) {
    // Sums of float amounts carry dust (a purchase and its return leave 1e-13): round like money.
    const yearSpend = roundMoney(Number(year));
    if (!(yearSpend > 0)) continue;
    const usualSpend = (yearSpend * RECENT_DAYS) / YEAR_DAYS;
    const recentSpend = roundMoney(Number(recent));
    if (recentSpend < DROP_SHARE * usualSpend)
      out.push({
        customerId: String(id),
        recentSpend,
        usualSpend,
        share: recentSpend / usualSpend
      });
  }
  return out.sort(
    (a, b) =>
      b.usualSpend - b.recentSpend - (a.usualSpend - a.recentSpend) ||
      (a.customerId < b.customerId ? -1 : 1)
  );
}
