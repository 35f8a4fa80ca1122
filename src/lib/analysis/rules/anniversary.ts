// Birthdays (master) and anniversaries of the first purchase in the next 7 days (DOMAIN §7c).
import { addDays, isIsoDay } from '../dates';
import { daysBetween } from '../lifecycle';

/** The window: the as-of date and the six days after it. */
export const ANNIVERSARY_WINDOW_DAYS = 7;

/** A date's next yearly return within the window. */
export interface Anniversary {
  /** The day it falls on (`YYYY-MM-DD`). */
  date: string;
  /** Days from the as-of date (0: on the as-of date). */
  inDays: number;
  /** Whole years since the original date on that day. */
  years: number;
}

/** `month-day` of `year`; 29 Feb falls on 28 Feb in a year without it. */
function onYear(iso: string, year: number): string {
  const md = iso.slice(5, 10);
  const candidate = `${String(year).padStart(4, '0')}-${md}`;
  return isIsoDay(candidate) ? candidate : `${String(year).padStart(4, '0')}-02-28`;
}

/**
 * The return of `original` (`YYYY-MM-DD`) in the {@link ANNIVERSARY_WINDOW_DAYS} days starting on
 * `asOf`, at least one year after it; null when none (or not a calendar day).
 */
export function nextAnniversary(
  original: string | null,
  asOf: string,
  windowDays = ANNIVERSARY_WINDOW_DAYS
): Anniversary | null {
  if (!original) return null;
  const day = original.slice(0, 10);
  if (!isIsoDay(day)) return null;
  const last = addDays(asOf, windowDays - 1);
  const y = Number(asOf.slice(0, 4));
  for (const year of [y, y + 1]) {
    const date = onYear(day, year);
    const years = year - Number(day.slice(0, 4));
    if (years >= 1 && date >= asOf && date <= last)
      return { date, inDays: daysBetween(date, asOf), years };
  }
  return null;
}
