// Calendar periods (DOMAIN §7a): a month, quarter or year, written the way the app keys it —
// `2025-03`, `2025-Q1`, `2025` — and read from the ways people write it in targets sheets.
import { addDays } from './dates';

export type Grain = 'month' | 'quarter' | 'year';

export const GRAINS: readonly Grain[] = ['month', 'quarter', 'year'];

/** One calendar period: `start` is its first day, `end` the first day after it (both `YYYY-MM-DD`). */
export interface Period {
  grain: Grain;
  /** `2025-03`, `2025-Q1` or `2025`. */
  key: string;
  start: string;
  end: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

const MONTHS_EN = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec'
] as const;

const ZH_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };

function validYear(y: number): boolean {
  return Number.isInteger(y) && y >= 1900 && y <= 2199;
}

/** The month `month` (1–12) of `year`. */
export function monthPeriod(year: number, month: number): Period {
  const start = `${year}-${pad2(month)}-01`;
  const end = month === 12 ? `${year + 1}-01-01` : `${year}-${pad2(month + 1)}-01`;
  return { grain: 'month', key: `${year}-${pad2(month)}`, start, end };
}

/** The quarter `q` (1–4) of `year`. */
export function quarterPeriod(year: number, q: number): Period {
  const start = `${year}-${pad2(q * 3 - 2)}-01`;
  const end = q === 4 ? `${year + 1}-01-01` : `${year}-${pad2(q * 3 + 1)}-01`;
  return { grain: 'quarter', key: `${year}-Q${q}`, start, end };
}

export function yearPeriod(year: number): Period {
  return { grain: 'year', key: String(year), start: `${year}-01-01`, end: `${year + 1}-01-01` };
}

/**
 * Reads a period as written in a targets sheet (DOMAIN §7a): months `2025-03`, `2025/3`, `202503`,
 * `2025年3月`, `Mar 2025`; quarters `2025-Q1`, `2025Q1`, `2025年第1季度`, `2025年一季度`; years `2025`,
 * `2025年`. Null for anything else (the row is rejected, never guessed).
 */
export function parsePeriod(text: string): Period | null {
  const t = text.trim().replace(/\s+/g, ' ');
  let m: RegExpExecArray | null;
  const month = (y: number, mo: number) =>
    validYear(y) && mo >= 1 && mo <= 12 ? monthPeriod(y, mo) : null;
  const quarter = (y: number, q: number) =>
    validYear(y) && q >= 1 && q <= 4 ? quarterPeriod(y, q) : null;
  if ((m = /^(\d{4})[-/.](\d{1,2})$/.exec(t))) return month(+m[1], +m[2]);
  if ((m = /^(\d{4})(\d{2})$/.exec(t))) return month(+m[1], +m[2]);
  if ((m = /^(\d{4}) ?年 ?(\d{1,2}) ?月$/.exec(t))) return month(+m[1], +m[2]);
  if ((m = /^([A-Za-z]{3})[a-z]*\.? ?,? ?(\d{4})$/.exec(t))) {
    const mo = MONTHS_EN.indexOf(m[1].toLowerCase() as (typeof MONTHS_EN)[number]);
    return mo < 0 ? null : month(+m[2], mo + 1);
  }
  if ((m = /^(\d{4}) ?[-/ ]? ?Q([1-4])$/i.exec(t))) return quarter(+m[1], +m[2]);
  if ((m = /^(\d{4}) ?年 ?第? ?([1-4一二三四]) ?季度?$/.exec(t)))
    return quarter(+m[1], ZH_DIGITS[m[2]] ?? +m[2]);
  if ((m = /^(\d{4}) ?年?$/.exec(t))) return validYear(+m[1]) ? yearPeriod(+m[1]) : null;
  return null;
}

/** The period of `grain` that contains the day `iso` (`YYYY-MM-DD`). */
export function periodOf(iso: string, grain: Grain): Period {
  const year = +iso.slice(0, 4);
  const month = +iso.slice(5, 7);
  if (grain === 'month') return monthPeriod(year, month);
  if (grain === 'quarter') return quarterPeriod(year, Math.ceil(month / 3));
  return yearPeriod(year);
}

/** A period from its key (`2025-03`, `2025-Q1`, `2025`); null when it is not one. */
export function periodFromKey(key: string): Period | null {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})$/.exec(key))) return monthPeriod(+m[1], +m[2]);
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) return quarterPeriod(+m[1], +m[2]);
  if ((m = /^(\d{4})$/.exec(key))) return yearPeriod(+m[1]);
  return null;
}

/** The period `n` periods after `p` (before, for negative `n`), of the same grain. */
export function shiftPeriod(p: Period, n: number): Period {
  const year = +p.key.slice(0, 4);
  if (p.grain === 'year') return yearPeriod(year + n);
  if (p.grain === 'quarter') {
    const index = year * 4 + (+p.key.slice(6) - 1) + n;
    return quarterPeriod(Math.floor(index / 4), (index % 4) + 1);
  }
  const index = year * 12 + (+p.key.slice(5, 7) - 1) + n;
  return monthPeriod(Math.floor(index / 12), (index % 12) + 1);
}

/** The same period one year earlier (YoY comparison). */
export function yearEarlier(p: Period): Period {
  return shiftPeriod(p, p.grain === 'month' ? -12 : p.grain === 'quarter' ? -4 : -1);
}

/** The periods of `grain` from the one containing `from` to the one containing `to`, in order. */
export function periodsBetween(from: string, to: string, grain: Grain): Period[] {
  const out: Period[] = [];
  for (let p = periodOf(from, grain); p.start <= to; p = shiftPeriod(p, 1)) out.push(p);
  return out;
}

/** Whole days in a period. */
export function daysIn(p: Period): number {
  return daysFrom(p.start, p.end);
}

/** Whole days from `earlier` to `later` (both `YYYY-MM-DD`). */
export function daysFrom(earlier: string, later: string): number {
  return Math.round((Date.parse(later) - Date.parse(earlier)) / 86_400_000);
}

/**
 * True when the analysis stops inside `p`: data up to the day before `asOf` (DOMAIN §2), so a
 * period is complete only when `asOf` is on or after its end. Time charts mark such a period.
 */
export function isIncomplete(p: Period, asOf: string): boolean {
  return asOf > p.start && asOf < p.end;
}

/** The last day inside `p`. */
export function lastDay(p: Period): string {
  return addDays(p.end, -1);
}
