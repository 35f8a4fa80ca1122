// Value at stake 可能损失的价值 (DOMAIN §6, §7c): what losing a customer costs, for sorting lists.
import type { CustomerValue } from '../clv/model';
import { addDays } from '../dates';
import { quoteIdent } from '../sql-ident';
import { checkDate, DIALECTS, type SqlQuery } from '../sql';

/** Without a model, value at stake is the revenue of this many days ending on the as-of date. */
export const STAKE_REVENUE_DAYS = 365;

/** Where the value at stake of a list came from. */
export type StakeSource = 'model' | 'revenue';

/** A customer's value at stake by the model (DOMAIN §6): CLV if surely alive minus their CLV. */
export function valueAtStake(v: Pick<CustomerValue, 'clv' | 'clvIfAlive'>): number {
  return v.clvIfAlive - v.clv;
}

/** First and last day (inclusive) of the revenue window: the 365 days ending on the as-of date. */
export function stakeRevenueWindow(asOf: string): { from: string; to: string } {
  checkDate(asOf, 'asOf');
  return { from: addDays(asOf, -(STAKE_REVENUE_DAYS - 1)), to: asOf };
}

/**
 * Net revenue per customer over the window of {@link stakeRevenueWindow} (returns deducted,
 * rounded to the app's money precision): `customer_id, revenue`, customers with a row in it only.
 */
export function buildStakeRevenueSql(table: string, asOf: string): SqlQuery {
  const w = stakeRevenueWindow(asOf);
  const sql = `SELECT customer_id, ${DIALECTS.sqlite.roundMoney('SUM(amount)')} AS revenue
FROM ${quoteIdent(table)}
WHERE order_date >= ? AND order_date <= ?
GROUP BY customer_id
ORDER BY customer_id`;
  return { sql, params: [w.from, w.to] };
}

/** Value at stake per customer and where it came from. */
export interface StakeValues {
  source: StakeSource;
  /** Customers absent from the map have nothing at stake (0). */
  byCustomer: Map<string, number>;
}

/**
 * DOMAIN §7c: the model's value at stake when a fit is given, else the revenue rows of
 * {@link buildStakeRevenueSql}. Customers the model never saw (no purchase by its calibration
 * end) have 0 at stake under the model.
 */
export function valuesAtStake(
  model: readonly Pick<CustomerValue, 'customerId' | 'clv' | 'clvIfAlive'>[] | null,
  revenueRows: readonly (readonly unknown[])[]
): StakeValues {
  if (model) {
    return {
      source: 'model',
      byCustomer: new Map(model.map((v) => [v.customerId, valueAtStake(v)]))
    };
  }
  return {
    source: 'revenue',
    byCustomer: new Map(revenueRows.map(([id, revenue]) => [String(id), Number(revenue) || 0]))
  };
}
