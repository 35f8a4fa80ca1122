// Discounted customer lifetime value from expected cumulative purchases and expected spend (DOMAIN §6).

/**
 * Weeks in one CLV month. DOMAIN §6 says "a month = 30 days (4.345 weeks)", which disagree: 4.345 weeks
 * is 30.4 days. We follow "30 days", so a month is 30/7 ≈ 4.2857 weeks.
 */
export const WEEKS_PER_MONTH = 30 / 7;

/** Inputs to {@link clv}. */
export interface ClvInput {
  /** E[purchases by month m] for m = 0..months (m = 0 should be 0). */
  expectedByMonth: (m: number) => number;
  /** Expected spend per purchase. */
  spend: number;
  /** Horizon H in months (default 12). */
  months?: number;
  /** Monthly discount rate d (default 0.01). */
  monthlyDiscount?: number;
}

/** CLV = Σ_{m=1..H} (E(m) − E(m−1)) · spend / (1+d)^m. */
export function clv({
  expectedByMonth,
  spend,
  months = 12,
  monthlyDiscount = 0.01
}: ClvInput): number {
  if (!Number.isInteger(months) || months < 0)
    throw new Error(`months must be a non-negative integer`);
  if (!(monthlyDiscount > -1)) throw new Error(`monthlyDiscount must be > -1`);
  let total = 0;
  let prev = expectedByMonth(0);
  for (let m = 1; m <= months; m++) {
    const cur = expectedByMonth(m);
    total += ((cur - prev) * spend) / (1 + monthlyDiscount) ** m;
    prev = cur;
  }
  return total;
}
