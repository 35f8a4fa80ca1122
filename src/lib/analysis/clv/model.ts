// Fits BG/NBD + Gamma-Gamma on a calibration summary and values every customer (DOMAIN §6).
import { expectedPurchasesIfAlive, fitBgnbd, pAlive, type BgnbdFit } from './bgnbd';
import { buildCalibration, type CalibrationRow } from './calibration';
import { clv, WEEKS_PER_MONTH } from './clv';
import { expectedSpend, fitGammaGamma, isSpendObservation, type GammaGammaFit } from './gammagamma';
import { ClvError } from './errors';

/** Fewer repeat buyers than this and the models have nothing to learn from. */
export const MIN_REPEATERS = 10;

export interface ClvOptions {
  /** Calibration end (`YYYY-MM-DD`, inclusive): the as-of date of the model. */
  calibrationEnd: string;
  /** CLV horizon in months (default 12) and monthly discount rate (default 1 %). */
  months?: number;
  monthlyDiscount?: number;
  /** Progress of the BG/NBD fit: iterations so far and the best log-likelihood. */
  onProgress?: (iterations: number, logLikelihood: number) => void;
}

/** One customer's model outputs. */
export interface CustomerValue {
  customerId: string;
  x: number;
  tx: number;
  T: number;
  zbar: number;
  pAlive: number;
  expected30: number;
  expected90: number;
  expected365: number;
  expectedSpend: number;
  /** CLV over the chosen horizon. */
  clv: number;
  /** CLV over 12 months with the chosen discount (the export's `clv_12m`). */
  clv12: number;
  /** What the horizon CLV would be if the customer were surely alive; `clvIfAlive − clv` is at stake. */
  clvIfAlive: number;
}

export interface ClvResult {
  customers: CustomerValue[];
  bgnbd: BgnbdFit;
  gammaGamma: GammaGammaFit;
  repeaters: number;
  calibrationEnd: string;
  months: number;
  monthlyDiscount: number;
}

/** Expected purchases if alive and discounted purchase sums of one (x, T) history. */
interface HistoryValues {
  e30: number;
  e90: number;
  e365: number;
  horizon: number;
  twelve: number;
}

export { ClvError };

/** Fits both models on transactions up to `calibrationEnd` and values every customer. */
export function fitClv(rows: readonly CalibrationRow[], options: ClvOptions): ClvResult {
  const months = options.months ?? 12;
  const monthlyDiscount = options.monthlyDiscount ?? 0.01;
  const cal = buildCalibration([...rows], options.calibrationEnd);
  if (cal.length === 0) throw new ClvError('no_customers');
  const repeaters = cal.filter((c) => c.x > 0).length;
  if (repeaters < MIN_REPEATERS) {
    throw new ClvError('too_few_repeaters', { repeaters, needed: MIN_REPEATERS });
  }
  const data = {
    x: Float64Array.from(cal, (c) => c.x),
    tx: Float64Array.from(cal, (c) => c.tx),
    T: Float64Array.from(cal, (c) => c.T)
  };
  const bgnbd = fitBgnbd(data, { onProgress: options.onProgress });
  if (!Number.isFinite(bgnbd.logLikelihood)) throw new ClvError('did_not_converge');
  const gammaGamma = fitGammaGamma(cal.filter(isSpendObservation));
  const { params } = bgnbd;
  // Everything but the spend depends on (x, T) only, and daily data repeats those pairs a lot.
  const byHistory = new Map<string, HistoryValues>();
  const historyValues = (x: number, T: number): HistoryValues => {
    const key = `${x}|${T}`;
    let v = byHistory.get(key);
    if (!v) {
      const ifAlive = (weeks: number) => expectedPurchasesIfAlive(params, weeks, x, T);
      // CLV if alive = spend × Σ (A(m) − A(m−1)) / (1+d)^m: the sum is computed with spend 1.
      const perUnit = (horizon: number) =>
        clv({
          expectedByMonth: (m) => ifAlive(m * WEEKS_PER_MONTH),
          spend: 1,
          months: horizon,
          monthlyDiscount
        });
      const horizon = perUnit(months);
      v = {
        e30: ifAlive(30 / 7),
        e90: ifAlive(90 / 7),
        e365: ifAlive(365 / 7),
        horizon,
        twelve: months === 12 ? horizon : perUnit(12)
      };
      byHistory.set(key, v);
    }
    return v;
  };
  const customers = cal.map((c): CustomerValue => {
    // Customers without a usable spend history get the population mean (x = 0 in the formula).
    const raw = expectedSpend(gammaGamma.params, isSpendObservation(c) ? c.x : 0, c.zbar);
    const spend = Number.isFinite(raw) ? raw : 0;
    const alive = pAlive(params, c.x, c.tx, c.T);
    const h = historyValues(c.x, c.T);
    // E[X(t) | x, t_x, T] = P(alive) · E[X(t) | alive], so every CLV sum factors the same way.
    return {
      ...c,
      pAlive: alive,
      expected30: alive * h.e30,
      expected90: alive * h.e90,
      expected365: alive * h.e365,
      expectedSpend: raw,
      clv: alive * spend * h.horizon,
      clv12: alive * spend * h.twelve,
      clvIfAlive: spend * h.horizon
    };
  });
  return {
    customers,
    bgnbd,
    gammaGamma,
    repeaters,
    calibrationEnd: options.calibrationEnd,
    months,
    monthlyDiscount
  };
}
