// Parses one cell's text as a calendar day or a number (the import hot path), and detects per-column settings.
import type { DateOrder, DecimalMark } from './types';

/** A proleptic Gregorian calendar date. */
export interface CivilDate {
  y: number;
  m: number;
  d: number;
}

/** Days since 1970-01-01 of a calendar date (Hinnant's algorithm; pure arithmetic, no time zone). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** The calendar date of an epoch day (inverse of {@link daysFromCivil}). */
export function civilFromDays(day: number): CivilDate {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

/** `YYYY-MM-DD` of an epoch day. */
export function dayToIso(day: number): string {
  const i = day - ISO_CACHE_FROM;
  if (i >= 0 && i < ISO_CACHE_DAYS) return (isoCache[i] ??= isoText(day));
  return isoText(day);
}

/**
 * The texts of the days of 1900–2100 once made: an import asks for a day's text per row (a million
 * times for a few thousand days), and one shared string also compares at once with itself.
 */
const ISO_CACHE_FROM = -25_567; // 1900-01-01
const ISO_CACHE_DAYS = 73_414; // through 2100-12-31
const isoCache: string[] = [];

function isoText(day: number): string {
  const { y, m, d } = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** True for a real calendar day in years 1–9999 (29 February only in leap years). */
export function isValidCivil(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  if (m === 2) return d <= ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28);
  return d <= (m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

function dayOf(y: number, m: number, d: number): number {
  return isValidCivil(y, m, d) ? daysFromCivil(y, m, d) : NaN;
}

/** Options for {@link parseDate}: xlsx number cells formatted as dates hold Excel serial days. */
export interface DateParseOptions {
  excelSerial?: boolean;
  date1904?: boolean;
}

// Time of day and offset after a date: parsed only to be ignored (the day is taken as written).
const TIME =
  '(?:(?:上午|下午|晚上|早上|中午)?\\s*\\d{1,2}(?:[:：]\\d{2}(?:[:：]\\d{2}(?:[.,]\\d+)?)?' +
  '|[时點点](?:\\s*\\d{1,2}\\s*分(?:\\s*\\d{1,2}\\s*秒)?)?)\\s*(?:[AaPp]\\.?[Mm]\\.?)?)' +
  '\\s*(?:(?:Z|UTC|GMT)?\\s*[+-]\\d{2}(?::?\\d{2})?|Z|UTC|GMT)?';
const TAIL = `(?:(?:T|\\s+)${TIME})?`;
const ISO_TAIL = new RegExp(`${TAIL}$`, 'y');
const YMD = new RegExp(`^(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})${TAIL}$`);
const YEAR_LAST = new RegExp(`^(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4})${TAIL}$`);
const CJK = new RegExp(
  `^(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]?(?:\\s*${TIME})?$`
);
const DAY_NAME = new RegExp(
  `^(\\d{1,2})(?:st|nd|rd|th)?[\\s./-]*([a-z]{3,9})\\.?,?[\\s./-]*(\\d{4})${TAIL}$`,
  'i'
);
const NAME_DAY = new RegExp(
  `^([a-z]{3,9})\\.?[\\s./-]*(\\d{1,2})(?:st|nd|rd|th)?,?[\\s./-]*(\\d{4})${TAIL}$`,
  'i'
);
const SERIAL = /^\d+(?:\.\d+)?$/;
/** Longest date cell worth parsing; the longest spellings with a time and offset are about 40. */
const MAX_DATE_CHARS = 64;
/** Longest number cell worth parsing: 1e308 has 309 digits, plus separators and a currency. */
const MAX_NUMBER_CHARS = 450;
const MONTHS = `january february march april may june
  july august september october november december`.split(/\s+/);
/** Excel's serial 61 (1900-03-01) minus 61; serials 1–59 are one day later (Lotus 1900-02-29 bug). */
const EXCEL_1900 = daysFromCivil(1899, 12, 30);
const EXCEL_1904 = daysFromCivil(1904, 1, 1);

function monthFromName(word: string): number {
  const w = word.toLowerCase();
  // The regex guarantees ≥ 3 letters, so a prefix names one month ('mar' ≠ 'may', 'sept' = 9).
  for (let i = 0; i < 12; i++) if (MONTHS[i].startsWith(w)) return i + 1;
  return 0;
}

function isSpace(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0x3000 || c === 0xfeff;
}

/** Trims only when needed: most cells have no surrounding space, and trim() would allocate. */
function cheapTrim(text: string): string {
  const n = text.length;
  return n > 0 && (isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(n - 1)))
    ? text.trim()
    : text;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Fast path for `YYYY-MM-DD` with an optional time: char codes, no match arrays. */
function parseIsoFast(s: string): number | null {
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = digit(s, i);
    if (c < 0) return null;
    y = y * 10 + c;
  }
  const m1 = digit(s, 5);
  const m2 = digit(s, 6);
  const d1 = digit(s, 8);
  const d2 = digit(s, 9);
  if (m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) return null;
  if (s.length > 10 && !isPlainTime(s)) {
    ISO_TAIL.lastIndex = 10;
    if (!ISO_TAIL.test(s)) return NaN;
  }
  return dayOf(y, m1 * 10 + m2, d1 * 10 + d2);
}

/** ` HH:MM` or ` HH:MM:SS` (or with `T`) after an ISO date: skips the tail regex for the usual case. */
function isPlainTime(s: string): boolean {
  const n = s.length;
  const c = s.charCodeAt(10);
  if ((c !== 32 && c !== 84) || (n !== 16 && n !== 19) || s.charCodeAt(13) !== 58) return false;
  if (digit(s, 11) < 0 || digit(s, 12) < 0 || digit(s, 14) < 0 || digit(s, 15) < 0) return false;
  return n === 16 || (s.charCodeAt(16) === 58 && digit(s, 17) >= 0 && digit(s, 18) >= 0);
}

/** `YYYYMMDD` with a year in 1800–2199, NaN if impossible, null if not eight digits. */
function parseCompact(s: string): number | null {
  let v = 0;
  for (let i = 0; i < 8; i++) {
    const c = digit(s, i);
    if (c < 0) return null;
    v = v * 10 + c;
  }
  const y = Math.floor(v / 10000);
  return y < 1800 || y > 2199 ? NaN : dayOf(y, Math.floor(v / 100) % 100, v % 100);
}

/**
 * Parses a date cell to an epoch day (days since 1970-01-01), or NaN when unparseable or impossible.
 * Year-first forms (`2024-01-05`, `2024/1/5`, `2024.1.5`, `20240105`, `2024年1月5日`) and English month
 * names (`5-Jan-2024`, `Jan 5, 2024`) need no order; year-last numeric forms (`05/01/2024`) need
 * `order` and are NaN without it. Two-digit years are NaN. A time of day and a UTC offset may follow;
 * both are ignored and the calendar date is taken as written (`2024-01-05T23:30-05:00` is 2024-01-05),
 * so the result never depends on the time zone. Compact `YYYYMMDD` is limited to years 1800–2199
 * so that plain 8-digit numbers are rarely mistaken for dates. With `opts.excelSerial`, a number is an
 * Excel serial day (1900 system with the fake 1900-02-29 = serial 60 → NaN, or 1904 system).
 */
export function parseDate(
  text: string,
  order: DateOrder | undefined,
  opts?: DateParseOptions
): number {
  const s = cheapTrim(text);
  const n = s.length;
  // No date spelling is longer; the time-of-day patterns backtrack badly on long runs of spaces.
  if (n > MAX_DATE_CHARS) return NaN;
  if (n >= 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    const day = parseIsoFast(s);
    if (day !== null) return day;
  }
  if (opts?.excelSerial && SERIAL.test(s))
    return excelSerialToDay(Number(s), opts.date1904 === true);
  if (n === 8) {
    const day = parseCompact(s);
    if (day !== null) return day;
  }
  const isYearFirst = digit(s, 1) >= 0 && digit(s, 2) >= 0; // year-last has a separator at 1 or 2
  let g = isYearFirst ? YMD.exec(s) : YEAR_LAST.exec(s);
  if (g && isYearFirst) return dayOf(+g[1], +g[3], +g[4]);
  if (g) {
    if (order === undefined) return NaN;
    return order === 'dmy' ? dayOf(+g[4], +g[3], +g[1]) : dayOf(+g[4], +g[1], +g[3]);
  }
  g = CJK.exec(s);
  if (g) return dayOf(+g[1], +g[2], +g[3]);
  g = DAY_NAME.exec(s);
  if (g) return dayOf(+g[3], monthFromName(g[2]), +g[1]);
  g = NAME_DAY.exec(s);
  if (g) return dayOf(+g[3], monthFromName(g[1]), +g[2]);
  return NaN;
}

/** Epoch day of an Excel serial (fraction = time of day, dropped); NaN outside 1900/1904-01-01…9999-12-31. */
export function excelSerialToDay(serial: number, date1904 = false): number {
  const whole = Math.floor(serial);
  if (!Number.isFinite(whole) || whole < (date1904 ? 0 : 1) || whole > 2958465) return NaN;
  if (date1904) return EXCEL_1904 + whole;
  if (whole === 60) return NaN;
  return EXCEL_1900 + whole + (whole < 60 ? 1 : 0);
}

/** Headers that name a date or a time of day (`订单日期`, `InvoiceDate`, `下单时间`, `txn_dt`). */
export const DATE_HEADER = /日期|时间|date|time|\bday\b|_dt\b/i;
const PLAUSIBLE_FROM = daysFromCivil(1950, 1, 1);
const PLAUSIBLE_TO = daysFromCivil(2099, 12, 31);

/**
 * True when a number in a date column is an Excel serial day rather than a mistake: it names a day
 * from 1950-01-01 to 2099-12-31 in the workbook's date system (1900: 18264…73050). Files that drop
 * a date format (a sheet saved as CSV, a General-format cell) keep the serial; smaller or larger
 * numbers are something else and stay a bad date.
 */
export function isPlausibleSerial(serial: number, date1904 = false): boolean {
  const day = excelSerialToDay(serial, date1904);
  return day >= PLAUSIBLE_FROM && day <= PLAUSIBLE_TO;
}

/** What the year-last numeric values of a column say about their field order. */
export interface DateOrderDetection {
  /** Settled order, or undefined (no year-last values, nothing settles it, or a conflict). */
  order: DateOrder | undefined;
  /** Year-last values exist but none has a field > 12: the user must choose. */
  ambiguous: boolean;
  /** Some values need day-first and others month-first: no order reads them all. */
  conflict: boolean;
  yearLastCount: number;
}

const YEAR_LAST_HEAD = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.]\d{4}(?!\d)/;

/** Decides day-first vs month-first from a column's sample: any first field > 12 ⇒ dmy, any second ⇒ mdy. */
export function detectDateOrder(samples: readonly string[]): DateOrderDetection {
  let dmy = false;
  let mdy = false;
  let yearLastCount = 0;
  for (const s of samples) {
    const g = YEAR_LAST_HEAD.exec(s);
    if (!g) continue;
    yearLastCount++;
    const a = +g[1];
    const b = +g[2];
    if (a > 12 && b <= 12) dmy = true;
    else if (b > 12 && a <= 12) mdy = true;
  }
  const conflict = dmy && mdy;
  const order: DateOrder | undefined = conflict ? undefined : dmy ? 'dmy' : mdy ? 'mdy' : undefined;
  return { order, ambiguous: yearLastCount > 0 && !dmy && !mdy, conflict, yearLastCount };
}

const PLAIN_DOT = /^-?\d+(?:\.\d+)?$/;
const PLAIN_INT = /^-?\d+$/;
/** `1,234,567.89` — the most common non-plain spelling gets a regex-and-replace path. */
const COMMA_GROUPED = /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const LEAD_CURRENCY = /^(?:[$¥€£]|(?:rmb|cny|usd|eur|gbp|hk\$|us\$)(?![a-z]))\s*/i;
const TRAIL_CURRENCY = /\s*(?:[$¥€£元]|rmb|cny|usd|eur|gbp)$/i;
// Plain digits, or 3-digit groups with one kind of separator; then fraction and exponent.
const BODY: Record<DecimalMark, RegExp> = {
  '.': /^(?:\d*|\d{1,3}(?:(?:,\d{3})+|(?: \d{3})+|(?:'\d{3})+))(?:\.\d*)?(?:e[-+]?\d+)?$/i,
  ',': /^(?:\d*|\d{1,3}(?:(?:\.\d{3})+|(?: \d{3})+|(?:'\d{3})+))(?:,\d*)?(?:e[-+]?\d+)?$/i
};
const SEPARATORS: Record<DecimalMark, RegExp> = { '.': /[, ']/g, ',': /[. ']/g };

/** Maps full-width digits and signs, U+2212 minus, ￥ and exotic spaces to ASCII (slow path only). */
function toAscii(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x2212) out += '-';
    else if (c === 0xffe5) out += '¥';
    else if (c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x3000) out += ' ';
    else out += s[i];
  }
  return out;
}

function needsAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f && c !== 0xa5 && c !== 0xa3 && c !== 0x20ac && c !== 0x5143) return true;
  }
  return false;
}

/**
 * Parses a number cell, or NaN. Accepts currency symbols/codes before or after (¥ ￥ $ € £ 元 RMB CNY
 * USD EUR GBP), thousands separators in valid 3-digit groups (`,` or `.` — whichever is not the
 * decimal mark — and space, U+00A0, U+202F, `'`), `(123.45)` and trailing `123-` as negatives,
 * `+`/`-`/U+2212, full-width digits, and exponents. Percent signs, letters and two decimal marks ⇒ NaN.
 */
export function parseNumber(text: string, decimal: DecimalMark): number {
  if (text.length > MAX_NUMBER_CHARS && cheapTrim(text).length > MAX_NUMBER_CHARS) return NaN;
  if ((decimal === '.' ? PLAIN_DOT : PLAIN_INT).test(text)) return Number(text);
  if (decimal === '.' && COMMA_GROUPED.test(text)) return Number(text.replace(/,/g, ''));
  let s = cheapTrim(text);
  if (needsAscii(s)) s = toAscii(s).trim();
  let negative = false;
  let signs = 0;
  if (s.charCodeAt(0) === 40 && s.charCodeAt(s.length - 1) === 41) {
    negative = true;
    signs++;
    s = s.slice(1, -1).trim();
  }
  for (let pass = 0; pass < 2; pass++) {
    const c = s.charCodeAt(0);
    if (c === 45 || c === 43) {
      negative ||= c === 45;
      signs++;
      s = s.slice(1).trimStart();
    }
    if (pass === 0) s = s.replace(LEAD_CURRENCY, '');
  }
  if (s.charCodeAt(s.length - 1) === 45) {
    negative = true;
    signs++;
    s = s.slice(0, -1).trimEnd();
  }
  s = s.replace(TRAIL_CURRENCY, '');
  if (signs > 1 || !BODY[decimal].test(s) || !/\d/.test(s)) return NaN;
  let clean = s.replace(SEPARATORS[decimal], '');
  if (decimal === ',') clean = clean.replace(',', '.');
  const value = Number(clean);
  return negative ? -value : value;
}

/** The decimal mark a column uses, and whether any value showed it unambiguously. */
export interface DecimalMarkDetection {
  mark: DecimalMark;
  confident: boolean;
}

/**
 * Votes per value: the later of `.` and `,` is the decimal mark (`1.234,56`); a lone mark followed by
 * other than 3 digits is decimal (`12,5`, `12.5`); a repeated mark is a thousands separator
 * (`1,234,567`); `1,234` alone says nothing. Default `.`.
 */
export function detectDecimalMark(samples: readonly string[]): DecimalMarkDetection {
  let comma = 0;
  let dot = 0;
  for (const s of samples) {
    const c = s.lastIndexOf(',');
    const d = s.lastIndexOf('.');
    if (c === -1 && d === -1) continue;
    if (c !== -1 && d !== -1) {
      if (c > d) comma++;
      else dot++;
      continue;
    }
    const at = c === -1 ? d : c;
    const mark = c === -1 ? '.' : ',';
    if (s.indexOf(mark) !== at) {
      if (mark === ',') dot++;
      else comma++;
      continue;
    }
    let n = 0;
    while (digit(s, at + 1 + n) >= 0) n++;
    if (n === 3 || n === 0) continue;
    if (mark === ',') comma++;
    else dot++;
  }
  if (comma > dot) return { mark: ',', confident: dot === 0 };
  return { mark: '.', confident: dot > 0 && comma === 0 };
}

const MISSING = new Set(['', ...'na n/a #n/a null nan none - -- — 无 空'.split(' ')]);

/** True for a blank cell or a common "no value" token (`NA`, `NULL`, `#N/A`, `-`, …); detection skips these. */
export function isMissingText(text: string): boolean {
  const s = cheapTrim(text);
  return s.length <= 4 && MISSING.has(s.toLowerCase());
}

const EXCEL_ERROR = /^#(?:N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/;

/** True for an Excel error value (`#DIV/0!`, `#REF!`, …) as xlsx error cells and CSV exports spell them. */
export function isExcelError(text: string): boolean {
  return text.charCodeAt(0) === 35 && EXCEL_ERROR.test(text);
}
