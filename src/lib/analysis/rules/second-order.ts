// New customers with no second purchase after `second_order_days` (DOMAIN §7c).
import { daysBetween } from '../lifecycle';

/** DOMAIN §7c default of `second_order_days`. */
export const DEFAULT_SECOND_ORDER_DAYS = 60;

/**
 * Days since the only purchase of a customer who bought once (one order with a positive amount,
 * DOMAIN §3 F = 1) more than `secondOrderDays` ago and is not yet Lapsed (recency ≤ lapseDays: a
 * one-time buyer still worth a second-order call); null for everyone else.
 */
export function daysWithoutSecondOrder(
  c: { frequency: number; firstPurchase: string | null },
  asOf: string,
  secondOrderDays: number,
  lapseDays: number
): number | null {
  if (c.frequency !== 1 || c.firstPurchase === null) return null;
  const days = daysBetween(asOf, c.firstPurchase);
  return days > secondOrderDays && days <= lapseDays ? days : null;
}
