// Per-customer calibration summaries (x, t_x, T, zbar) and holdout repeat counts for BG/NBD + Gamma-Gamma (DOMAIN §6).

/** One transaction row: customer, calendar day (YYYY-MM-DD) and amount. */
export interface CalibrationRow {
  customerId: string;
  date: string;
  amount: number;
}

/** Per-customer calibration summary: x repeat days, t_x and T in the chosen unit, zbar mean repeat-day value. */
export interface CalibrationCustomer {
  customerId: string;
  x: number;
  tx: number;
  T: number;
  zbar: number;
}

/** Time unit for t_x and T. */
export type TimeUnit = 'weeks' | 'days';

const DAY_MS = 86_400_000;

/** Day number (days since 1970-01-01, UTC) of a 'YYYY-MM-DD' string; throws on a malformed date. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`Invalid date "${date}": expected YYYY-MM-DD`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    throw new Error(`Invalid date "${date}"`);
  return Math.round(ms / DAY_MS);
}

/**
 * {@link dayNumber} remembering each date it has parsed: a million rows hold a few thousand
 * distinct dates, so each is parsed once.
 */
export function dayParser(): (date: string) => number {
  const parsed = new Map<string, number>();
  return (date) => {
    let day = parsed.get(date);
    if (day === undefined) {
      day = dayNumber(date);
      parsed.set(date, day);
    }
    return day;
  };
}

/**
 * True for a day whose merged total is below zero once rounded to 6 decimals (the app's money
 * precision), so float dust from a purchase cancelled by a return the same day is not a return.
 */
export function isReturnDay(total: number): boolean {
  return Math.round(total * 1e6) < 0;
}

/** Group rows by customer into a map of day number → summed amount (same-day purchases merged). */
function purchaseDays(
  rows: readonly CalibrationRow[],
  include: (day: number) => boolean
): Map<string, Map<number, number>> {
  const byCustomer = new Map<string, Map<number, number>>();
  const dayOf = dayParser();
  for (const row of rows) {
    const day = dayOf(row.date);
    if (!include(day)) continue;
    let days = byCustomer.get(row.customerId);
    if (!days) {
      days = new Map();
      byCustomer.set(row.customerId, days);
    }
    days.set(day, (days.get(day) ?? 0) + row.amount);
  }
  // A day whose merged total is negative only returned goods: it is not a purchase.
  for (const [id, days] of byCustomer) {
    for (const [day, total] of days) if (isReturnDay(total)) days.delete(day);
    if (days.size === 0) byCustomer.delete(id);
  }
  return byCustomer;
}

/**
 * Calibration summaries per customer (DOMAIN §6), in first-appearance order of customers.
 * Only rows dated on or before `calibrationEnd` count; same-day rows of a customer are merged into one
 * purchase (amounts summed). Days whose total is 0 count: CDNOW has $0.00 rows and the published
 * summary (0 mismatches on 2,357 customers) counts them as purchases. Days whose total is negative
 * (only returns) are not purchases.
 * x = distinct days − 1; t_x = (last − first) / unit; T = (calibrationEnd − first) / unit;
 * zbar = mean merged value of the repeat days (first day excluded), 0 when x = 0.
 */
export function buildCalibration(
  rows: readonly CalibrationRow[],
  calibrationEnd: string,
  unit: TimeUnit = 'weeks'
): CalibrationCustomer[] {
  const end = dayNumber(calibrationEnd);
  const div = unit === 'weeks' ? 7 : 1;
  const out: CalibrationCustomer[] = [];
  for (const [customerId, days] of purchaseDays(rows, (d) => d <= end)) {
    const sorted = [...days.keys()].sort((a, b) => a - b);
    const first = sorted[0];
    const last = sorted[sorted.length - 1];
    const x = sorted.length - 1;
    let sum = 0;
    for (let i = 1; i < sorted.length; i++) sum += days.get(sorted[i]) ?? 0;
    out.push({
      customerId,
      x,
      tx: (last - first) / div,
      T: (end - first) / div,
      zbar: x > 0 ? sum / x : 0
    });
  }
  return out;
}

/**
 * Number of purchase days (same-day rows merged, any amount) per customer strictly after
 * `calibrationEnd` and on or before `end` — all of them are repeat purchases for customers seen in
 * the calibration period. Customers with no holdout purchase are absent from the map (count 0).
 */
export function holdoutCounts(
  rows: readonly CalibrationRow[],
  calibrationEnd: string,
  end: string
): Map<string, number> {
  const from = dayNumber(calibrationEnd);
  const to = dayNumber(end);
  const counts = new Map<string, number>();
  for (const [id, days] of purchaseDays(rows, (d) => d > from && d <= to))
    counts.set(id, days.size);
  return counts;
}
