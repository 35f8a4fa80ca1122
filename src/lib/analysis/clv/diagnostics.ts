// What the fitted lifetime-value model says in aggregate and how well it predicts: the P(alive)
// matrix, the holdout check by calibration frequency and the weekly tracking plot (DOMAIN §6).
import { expectedPurchases, expectedPurchasesFromStart, type BgnbdParams } from './bgnbd';

/** A customer as the diagnostics see it: calibration history (weeks) and P(alive). */
export interface DiagnosticCustomer {
  customerId: string;
  x: number;
  tx: number;
  T: number;
  pAlive: number;
}

/** An inclusive integer range of repeat purchases; `to` null means "and more". */
export interface FrequencyBand {
  from: number;
  to: number | null;
}

/** One cell of the P(alive) matrix: customers in a frequency band and a recency band. */
export interface PAliveCell {
  row: number;
  col: number;
  customers: number;
  meanPAlive: number;
}

/**
 * Mean P(alive) of the customers by repeat purchases x (rows) and weeks since their last purchase
 * T − t_x (columns, `[from, to)`). Rows are x = 0…9 one by one, then wider bands up to the data's
 * largest x; columns are `cols` equal bands of whole weeks.
 */
export interface PAliveMatrix {
  rows: FrequencyBand[];
  cols: { from: number; to: number }[];
  cells: PAliveCell[];
}

const WIDE_BANDS = [10, 15, 20, 30, 50, 100, 200];

/** Frequency bands covering 0…maxX: single values up to 9, then 10–14, 15–19, 20–29, … */
export function frequencyBands(maxX: number): FrequencyBand[] {
  const bands: FrequencyBand[] = [];
  for (let x = 0; x <= Math.min(maxX, 9); x++) bands.push({ from: x, to: x });
  for (let i = 0; i < WIDE_BANDS.length && WIDE_BANDS[i] <= maxX; i++) {
    const next = WIDE_BANDS[i + 1];
    bands.push({ from: WIDE_BANDS[i], to: next === undefined || next > maxX ? null : next - 1 });
  }
  if (bands.length > 0) bands[bands.length - 1].to = null;
  return bands;
}

/** Index of the band holding `x` (bands ascending and contiguous). */
function bandOf(bands: readonly FrequencyBand[], x: number): number {
  for (let i = bands.length - 1; i > 0; i--) if (x >= bands[i].from) return i;
  return 0;
}

/** The P(alive) matrix of {@link PAliveMatrix}; `cols` recency bands (default 10). */
export function pAliveMatrix(customers: readonly DiagnosticCustomer[], cols = 10): PAliveMatrix {
  if (customers.length === 0) return { rows: [], cols: [], cells: [] };
  let maxX = 0;
  let maxWeeks = 0;
  for (const c of customers) {
    maxX = Math.max(maxX, c.x);
    maxWeeks = Math.max(maxWeeks, c.T - c.tx);
  }
  const rows = frequencyBands(maxX);
  const width = Math.max(1, Math.ceil((Math.floor(maxWeeks) + 1) / cols));
  const colBands = Array.from({ length: cols }, (_, i) => ({
    from: i * width,
    to: (i + 1) * width
  }));
  while (colBands.length > 1 && colBands[colBands.length - 1].from > maxWeeks) colBands.pop();
  const sums = new Map<number, { n: number; p: number }>();
  for (const c of customers) {
    const row = bandOf(rows, c.x);
    const col = Math.min(colBands.length - 1, Math.floor((c.T - c.tx) / width));
    const key = row * colBands.length + col;
    const s = sums.get(key) ?? { n: 0, p: 0 };
    s.n++;
    s.p += c.pAlive;
    sums.set(key, s);
  }
  const cells = [...sums]
    .map(([key, s]) => ({
      row: Math.floor(key / colBands.length),
      col: key % colBands.length,
      customers: s.n,
      meanPAlive: s.p / s.n
    }))
    .sort((a, b) => a.row - b.row || a.col - b.col);
  return { rows, cols: colBands, cells };
}

/** Holdout check for one calibration frequency group (x = 0…6, then 7+). */
export interface HoldoutGroup {
  band: FrequencyBand;
  customers: number;
  /** Mean purchase days per customer in the holdout period, observed and predicted. */
  actual: number;
  predicted: number;
}

/**
 * Predicted E[X(t*) | x, t_x, T] against the purchases observed in the `holdoutWeeks` after the
 * calibration end, averaged by calibration frequency 0…6 and 7+ (DOMAIN §6 model check).
 */
export function holdoutByFrequency(
  params: BgnbdParams,
  customers: readonly DiagnosticCustomer[],
  holdout: ReadonlyMap<string, number>,
  holdoutWeeks: number
): HoldoutGroup[] {
  const bands: FrequencyBand[] = [0, 1, 2, 3, 4, 5, 6].map((x) => ({ from: x, to: x }));
  bands.push({ from: 7, to: null });
  const groups = bands.map((band) => ({ band, customers: 0, actual: 0, predicted: 0 }));
  for (const c of customers) {
    const g = groups[Math.min(7, c.x)];
    g.customers++;
    g.actual += holdout.get(c.customerId) ?? 0;
    g.predicted += expectedPurchases(params, holdoutWeeks, c.x, c.tx, c.T);
  }
  for (const g of groups) {
    if (g.customers === 0) continue;
    g.actual /= g.customers;
    g.predicted /= g.customers;
  }
  return groups;
}

/** One week of the tracking plot: repeat purchases observed and expected by the model. */
export interface TrackingWeek {
  /** Day number of the week's first day. */
  startDay: number;
  actual: number;
  expected: number;
}

/**
 * Weekly repeat purchases of the calibration customers, observed against the model's expectation
 * Σᵢ E[X(t − sᵢ)] (FHL 2005 eq. 9 per customer from their first purchase day sᵢ). Weeks start at
 * `startDay` and run to `endDay` inclusive (the last week may be shorter). `repeatDays` holds every
 * purchase day after a customer's first, one entry per customer and day.
 */
export function weeklyTracking(
  params: BgnbdParams,
  firstDays: readonly number[],
  repeatDays: readonly number[],
  startDay: number,
  endDay: number
): TrackingWeek[] {
  const weeks = Math.max(0, Math.ceil((endDay + 1 - startDay) / 7));
  const byFirst = new Map<number, number>();
  for (const s of firstDays) byFirst.set(s, (byFirst.get(s) ?? 0) + 1);
  // E0 depends only on the whole number of days since the first purchase: compute each once.
  const memo = new Map<number, number>();
  const fromStart = (days: number) => {
    if (days <= 0) return 0;
    let v = memo.get(days);
    if (v === undefined) {
      v = expectedPurchasesFromStart(params, days / 7);
      memo.set(days, v);
    }
    return v;
  };
  const cumulative = (boundary: number) => {
    let total = 0;
    for (const [s, n] of byFirst) total += n * fromStart(boundary - s);
    return total;
  };
  const out: TrackingWeek[] = [];
  let previous = cumulative(startDay);
  for (let w = 0; w < weeks; w++) {
    const from = startDay + 7 * w;
    const next = cumulative(Math.min(from + 7, endDay + 1));
    out.push({ startDay: from, actual: 0, expected: next - previous });
    previous = next;
  }
  for (const d of repeatDays) {
    const w = Math.floor((d - startDay) / 7);
    if (w >= 0 && w < weeks) out[w].actual++;
  }
  return out;
}
