// Fits BG/NBD + Gamma-Gamma on a calibration summary and values every customer (DOMAIN §6).
import { expectedPurchases, fitBgnbd, pAlive, type BgnbdFit } from './bgnbd';
import { buildCalibration, type CalibrationRow } from './calibration';
import { clv, WEEKS_PER_MONTH } from './clv';
import { expectedSpend, fitGammaGamma, isSpendObservation, type GammaGammaFit } from './gammagamma';

/** Fewer repeat buyers than this and the models have nothing to learn from. */
export const MIN_REPEATERS = 10;

export interface ClvOptions {
  /** Calibration end (`YYYY-MM-DD`, inclusive): the as-of date of the model. */
  calibrationEnd: string;
  /** CLV horizon in months (default 12) and monthly discount rate (default 1 %). */
  months?: number;
  monthlyDiscount?: number;
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
  clv: number;
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

/** Why a fit cannot be made; the UI explains it (message key `clv.error.<code>`). */
export class ClvError extends Error {
  constructor(
    public code: 'too_few_repeaters' | 'no_customers' | 'did_not_converge',
    public detail: Record<string, number> = {}
  ) {
    super(code);
    this.name = 'ClvError';
  }
}

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
  const bgnbd = fitBgnbd(data);
  if (!Number.isFinite(bgnbd.logLikelihood)) throw new ClvError('did_not_converge');
  const gammaGamma = fitGammaGamma(cal.filter(isSpendObservation));
  const { params } = bgnbd;
  const customers = cal.map((c): CustomerValue => {
    // Customers without a usable spend history get the population mean (x = 0 in the formula).
    const spend = expectedSpend(gammaGamma.params, isSpendObservation(c) ? c.x : 0, c.zbar);
    const byWeeks = (weeks: number) => expectedPurchases(params, weeks, c.x, c.tx, c.T);
    return {
      ...c,
      pAlive: pAlive(params, c.x, c.tx, c.T),
      expected30: byWeeks(30 / 7),
      expected90: byWeeks(90 / 7),
      expected365: byWeeks(365 / 7),
      expectedSpend: spend,
      clv: clv({
        expectedByMonth: (m) => byWeeks(m * WEEKS_PER_MONTH),
        spend: Number.isFinite(spend) ? spend : 0,
        months,
        monthlyDiscount
      })
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
