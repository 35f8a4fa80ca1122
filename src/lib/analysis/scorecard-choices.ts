// What the scorecard starts on: the sales-rep-like dimension, and the periods a grain offers with the
// latest complete one chosen (DOMAIN §2, §7a).
import { isIncomplete, periodsBetween, type Grain, type Period } from './period';

/** Headers that name the person who owns the sale, strongest first (DOMAIN §1's sales-rep words). */
export const REP_HEADERS = [
  /销售代表|业务员|负责人|销售员|客户经理|sales\s*rep|salesperson|sales\s*person|account\s*manager/i,
  /销售|\brep\b|owner|seller/i
];

/** Index of the sales-rep-like dimension (the customer's owner, DOMAIN §7c), else −1. */
export function repDimensionIndex(dimensions: readonly { header: string }[]): number {
  for (const pattern of REP_HEADERS) {
    const i = dimensions.findIndex((d) => pattern.test(d.header));
    if (i >= 0) return i;
  }
  return -1;
}

/** Index of the sales-rep-like dimension, else 0 (−1 without dimensions). */
export function defaultDimensionIndex(dimensions: readonly { header: string }[]): number {
  if (dimensions.length === 0) return -1;
  return Math.max(0, repDimensionIndex(dimensions));
}

/** A period the scorecard offers. */
export interface PeriodChoice extends Period {
  /** The as-of date falls inside it: the data stops before its end. */
  isIncomplete: boolean;
}

/**
 * The periods of `grain` holding data, newest first: from the one with `dateFrom` to the one with
 * the last day analysed (the data's last date, or the as-of date when earlier). Null dates: none.
 */
export function periodChoices(
  grain: Grain,
  dateFrom: string | null,
  dateTo: string | null,
  asOf: string
): PeriodChoice[] {
  if (!dateFrom || !dateTo) return [];
  const last = dateTo < asOf ? dateTo : asOf;
  if (last < dateFrom) return [];
  return periodsBetween(dateFrom, last, grain)
    .map((p) => ({ ...p, isIncomplete: isIncomplete(p, asOf) }))
    .reverse();
}

/**
 * The period shown first: the latest complete one (it ends on or before the as-of date), else the
 * newest there is. Null without periods.
 */
export function defaultPeriod(choices: readonly PeriodChoice[], asOf: string): PeriodChoice | null {
  return choices.find((p) => p.end <= asOf) ?? choices[0] ?? null;
}
