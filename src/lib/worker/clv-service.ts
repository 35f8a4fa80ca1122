// The worker's lifetime-value session: fits the models on a dataset's daily order totals, keeps
// the last fit by its key for the churn lists and the customer export, and summarizes what the views draw.
import type { Database } from 'sql.js';
import { histogram, sum } from '$lib/analysis';
import { ClvError, fitClv, type ClvResult } from '$lib/analysis/clv/model';
import {
  dayNumber,
  dayParser,
  holdoutCounts,
  purchaseDaysByCustomer,
  type CalibrationRow
} from '$lib/analysis/clv/calibration';
import { buildOrderDaysSql } from '$lib/analysis/clv/calibration-sql';
import { holdoutByFrequency, pAliveMatrix, weeklyTracking } from '$lib/analysis/clv/diagnostics';
import type { CustomerClv } from '$lib/export/customers';
import { AppError } from '$lib/db/errors';
import type { ClvKey, ClvModelCheck, ClvSummary, DatasetInfo, FitProgress } from '$lib/db/protocol';
import { selectRows } from './sql-run';
import { namedPlaces } from './customer-places';
import { valueAtStake } from '$lib/analysis/rules/value-at-stake';
import { filterKey } from '$lib/analysis/data-filter';

const TOP = 50;
/** How many slipping customers the view names (the churn view lists them all). */
const SLIPPING = 10;
const DAY_MS = 86_400_000;

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

const keyOf = (k: ClvKey) =>
  JSON.stringify([k.datasetId, k.calibrationEnd, k.months, k.monthlyDiscount, filterKey(k.filter)]);

export class ClvService {
  /** The last fit and the key it was made for. */
  private last: { key: string; result: ClvResult; summary: ClvSummary } | null = null;

  constructor(private db: Database) {}

  /** Forgets the fit (data changed). */
  reset() {
    this.last = null;
  }

  /** The summary of `key`'s fit if it is the one held (nothing is fitted). */
  cached(key: ClvKey): ClvSummary | null {
    return this.last?.key === keyOf(key) ? this.last.summary : null;
  }

  /** The fitted model of `key`, fitted again when the worker no longer holds it. */
  model(d: DatasetInfo, key: ClvKey): ClvResult {
    if (this.last?.key !== keyOf(key)) this.fit(d, key, () => {});
    return this.last!.result;
  }

  /** P(alive), expected purchases in 90 days and 12-month CLV by customer, for the export. */
  exportValues(d: DatasetInfo, key: ClvKey): Map<string, CustomerClv> {
    return new Map(this.model(d, key).customers.map((c) => [c.customerId, c]));
  }

  /** Fits BG/NBD + Gamma-Gamma on transactions up to the calibration end and summarizes the result. */
  fit(d: DatasetInfo, key: ClvKey, onProgress: (p: FitProgress) => void): ClvSummary {
    if (d.kind !== 'transactions') throw new AppError('clv_needs_transactions');
    const started = performance.now();
    const rows = this.dailyTotals(d);
    if (rows.length === 0) throw new ClvError('no_customers');
    let lastReport = 0;
    const { calibrationEnd, months, monthlyDiscount } = key;
    const result = fitClv(rows, {
      calibrationEnd,
      months,
      monthlyDiscount,
      onProgress: (iterations, logLikelihood) => {
        const now = performance.now();
        if (now - lastReport < 100) return;
        lastReport = now;
        onProgress({ phase: 'fitting', iterations, logLikelihood });
      }
    });
    if (!result.bgnbd.converged && !Number.isFinite(result.bgnbd.logLikelihood)) {
      throw new ClvError('did_not_converge');
    }
    const byValue = [...result.customers].sort((a, b) => b.clv - a.clv);
    // Slipping: repeat buyers more likely gone than not (DOMAIN §6), most value at stake first.
    const atRisk = result.customers.filter((c) => c.x >= 1 && c.pAlive < 0.5);
    const slipping = [...atRisk]
      .sort((a, b) => valueAtStake(b) - valueAtStake(a) || (a.customerId < b.customerId ? -1 : 1))
      .slice(0, SLIPPING);
    const places = namedPlaces(
      this.db,
      d,
      [...byValue.slice(0, TOP), ...slipping].map((c) => c.customerId),
      d.dateTo ?? calibrationEnd
    );
    const named = (c: (typeof byValue)[number]) => ({
      ...c,
      ...(places.get(c.customerId) ?? { customerName: null, owner: null, region: null })
    });
    const clvs = byValue.map((c) => c.clv);
    const total = sum(clvs);
    const top10 = sum(clvs.slice(0, Math.ceil(clvs.length / 10)));
    const summary: ClvSummary = {
      datasetId: d.id,
      calibrationEnd: result.calibrationEnd,
      months: result.months,
      monthlyDiscount: result.monthlyDiscount,
      bgnbd: result.bgnbd,
      gammaGamma: result.gammaGamma,
      customers: result.customers.length,
      repeaters: result.repeaters,
      totalClv: total,
      atRisk: atRisk.length,
      atRiskStake: sum(atRisk.map(valueAtStake)),
      slipping: slipping.map((c) => ({ ...named(c), valueAtStake: valueAtStake(c) })),
      oneTime: result.customers.filter((c) => c.x === 0).length,
      top10Share: total > 0 ? top10 / total : 0,
      top: byValue.slice(0, TOP).map(named),
      // Values below one unit of money would stretch the log axis over empty decades.
      histogram: histogram(
        clvs.map((v) => (v >= 1 ? v : 0)),
        { log: true, bins: 30 }
      ),
      pAliveMatrix: pAliveMatrix(result.customers),
      modelCheck: modelCheck(rows, result),
      elapsedMs: Math.round(performance.now() - started)
    };
    this.last = { key: keyOf(key), result, summary };
    return summary;
  }

  /** One row per customer and day with orders: the model reads purchase days (DOMAIN §6). */
  private dailyTotals(d: DatasetInfo): CalibrationRow[] {
    const q = buildOrderDaysSql({ table: d.table, hasOrderId: d.hasOrderId });
    return selectRows(this.db, q).map(([customerId, date, amount, largestOrder]) => ({
      customerId: String(customerId),
      date: String(date),
      amount: Number(amount),
      largestOrder: Number(largestOrder)
    }));
  }
}

/** Holdout and weekly tracking checks when the data goes on after the calibration end. */
function modelCheck(rows: readonly CalibrationRow[], result: ClvResult): ClvModelCheck | null {
  const endDay = dayNumber(result.calibrationEnd);
  const dayOf = dayParser();
  let lastDay = -Infinity;
  let firstDay = Infinity;
  for (const r of rows) {
    const day = dayOf(r.date);
    if (day > lastDay) lastDay = day;
    if (day < firstDay) firstDay = day;
  }
  if (!(lastDay > endDay)) return null;
  const holdoutWeeks = (lastDay - endDay) / 7;
  const lastDate = isoDay(lastDay);
  const holdout = holdoutCounts(rows, result.calibrationEnd, lastDate);
  const params = result.bgnbd.params;
  const byFrequency = holdoutByFrequency(params, result.customers, holdout, holdoutWeeks);

  // Tracking: repeat purchase days of the calibration customers over the whole span.
  const firstDays = result.customers.map((c) => endDay - Math.round(c.T * 7));
  const purchaseDays = purchaseDaysByCustomer(rows);
  const repeatDays: number[] = [];
  result.customers.forEach((c, i) => {
    for (const day of purchaseDays.get(c.customerId)?.keys() ?? [])
      if (day > firstDays[i]) repeatDays.push(day);
  });
  const weeks = weeklyTracking(params, firstDays, repeatDays, firstDay, lastDay);
  const calibrationWeeks = Math.ceil((endDay + 1 - firstDay) / 7);
  let holdoutActual = 0;
  for (const c of result.customers) holdoutActual += holdout.get(c.customerId) ?? 0;
  const holdoutExpected = byFrequency.reduce((s, g) => s + g.predicted * g.customers, 0);
  return {
    holdoutFrom: isoDay(endDay + 1),
    holdoutTo: lastDate,
    holdoutWeeks,
    byFrequency,
    weekly: weeks.map((w) => ({
      start: isoDay(w.startDay),
      actual: w.actual,
      expected: w.expected
    })),
    calibrationWeeks,
    holdoutActual,
    holdoutExpected
  };
}
