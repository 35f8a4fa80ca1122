// Per-customer calibration summaries (x, t_x, T, zbar) and holdout repeat counts for BG/NBD + Gamma-Gamma (DOMAIN §6).

/**
 * One order of a customer (orders formed as in DOMAIN §2), or several of their orders on one calendar
 * day merged: the date (YYYY-MM-DD), the net total and the largest single order total among them.
 */
export interface CalibrationRow {
  customerId: string;
  date: string;
  /** Net total of the order(s). */
  amount: number;
  /** Largest order total among merged orders; absent when the row is one order (= `amount`). */
  largestOrder?: number;
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
 * True for an order whose total is below zero once rounded to 6 decimals (the app's money
 * precision): a return (DOMAIN §6). Float dust from lines that cancel out is a 0 order, a purchase.
 */
export function isReturnOrder(total: number): boolean {
  return Math.round(total * 1e6) < 0;
}

/** A customer's purchase days: day number → the day's net total (its purchases and returns). */
export type PurchaseDays = Map<number, number>;

/**
 * Purchase days per customer (DOMAIN §6) among the days `include` accepts: a day counts when at
 * least one of its orders is a purchase (total ≥ 0), also when its returns outweigh it; its value is
 * the net total of all the day's orders. Customers with no purchase day are absent.
 */
export function purchaseDaysByCustomer(
  rows: readonly CalibrationRow[],
  include: (day: number) => boolean = () => true
): Map<string, PurchaseDays> {
  const byCustomer = new Map<string, Map<number, { total: number; purchase: boolean }>>();
  const dayOf = dayParser();
  for (const row of rows) {
    const day = dayOf(row.date);
    if (!include(day)) continue;
    let days = byCustomer.get(row.customerId);
    if (!days) {
      days = new Map();
      byCustomer.set(row.customerId, days);
    }
    const purchase = !isReturnOrder(row.largestOrder ?? row.amount);
    const seen = days.get(day);
    if (seen) {
      seen.total += row.amount;
      seen.purchase ||= purchase;
    } else days.set(day, { total: row.amount, purchase });
  }
  const out = new Map<string, PurchaseDays>();
  for (const [id, days] of byCustomer) {
    const kept: PurchaseDays = new Map();
    for (const [day, d] of days) if (d.purchase) kept.set(day, d.total);
    if (kept.size > 0) out.set(id, kept);
  }
  return out;
}

/**
 * Calibration summaries per customer (DOMAIN §6), in first-appearance order of customers, over
 * the rows dated on or before `calibrationEnd`. A purchase day is a day with at least one order
 * whose total is ≥ 0 (0 included: CDNOW's published summary counts its $0.00 rows), even when the
 * same day's returns are larger; days with only returns are not purchases. A purchase day is worth
 * the day's net total, which can be ≤ 0.
 * x = purchase days − 1; t_x = (last − first) / unit; T = (calibrationEnd − first) / unit;
 * zbar = mean value of the repeat purchase days (first day excluded), 0 when x = 0.
 */
export function buildCalibration(
  rows: readonly CalibrationRow[],
  calibrationEnd: string,
  unit: TimeUnit = 'weeks'
): CalibrationCustomer[] {
  const end = dayNumber(calibrationEnd);
  const div = unit === 'weeks' ? 7 : 1;
  const out: CalibrationCustomer[] = [];
  for (const [customerId, days] of purchaseDaysByCustomer(rows, (d) => d <= end)) {
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
 * Number of purchase days (as in {@link buildCalibration}) per customer strictly after
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
  for (const [id, days] of purchaseDaysByCustomer(rows, (d) => d > from && d <= to))
    counts.set(id, days.size);
  return counts;
}
