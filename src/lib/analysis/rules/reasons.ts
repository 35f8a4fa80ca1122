// The reasons a customer is on this week's call list (DOMAIN §7c), with the numbers each sentence says.
import type { AbcTier } from '../types';

/** Reason codes, in the order a row lists them (the `data-reasons` test hook's words). */
export const REASON_CODES = [
  'overdue_rhythm',
  'spend_drop',
  'probably_lapsed',
  'complaint',
  'detractor',
  'receivable',
  'no_second_order',
  'anniversary'
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** One reason with its numbers (money in the dataset's currency, days whole). */
export type Reason =
  | { code: 'overdue_rhythm'; medianGapDays: number; daysSince: number; purchaseDays: number }
  | { code: 'spend_drop'; recentSpend: number; usualSpend: number }
  | { code: 'probably_lapsed'; pAlive: number; tier: Extract<AbcTier, 'A' | 'B'> }
  | { code: 'complaint'; open: number; overdue: number; daysOpen: number }
  | { code: 'detractor'; nps: number; date: string }
  | { code: 'receivable'; overdueAmount: number; maxDaysPastDue: number }
  | { code: 'no_second_order'; firstPurchase: string; days: number }
  | {
      code: 'anniversary';
      kind: 'birthday' | 'first_purchase';
      date: string;
      inDays: number;
      years: number;
    };

/** True for a known reason code. */
export function isReasonCode(v: unknown): v is ReasonCode {
  return typeof v === 'string' && (REASON_CODES as readonly string[]).includes(v);
}

/** The distinct codes of reasons, in {@link REASON_CODES} order. */
export function reasonCodes(reasons: readonly Pick<Reason, 'code'>[]): ReasonCode[] {
  const set = new Set(reasons.map((r) => r.code));
  return REASON_CODES.filter((c) => set.has(c));
}
