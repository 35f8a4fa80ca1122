// The worker's lifetime-value session: fits the models on a dataset's daily order totals, keeps
// the last fit for the churn lists and the customer export, and summarizes what the views draw.
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
import { IngestError } from '$lib/ingest/inspect';
import type { ClvModelCheck, ClvSummary, DatasetInfo, FitProgress } from '$lib/db/protocol';

const TOP = 50;
const DAY_MS = 86_400_000;

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export interface ClvFitArgs {
  calibrationEnd: string;
  months: number;
  monthlyDiscount: number;
}

export class ClvService {
  private last: { datasetId: number; result: ClvResult; summary: ClvSummary } | null = null;

  constructor(private db: Database) {}

  /** Forgets the fit (data changed). */
  reset() {
    this.last = null;
  }

  /** The last fit of a dataset, if it is still current. */
  fitted(datasetId: number): ClvResult | null {
    return this.last?.datasetId === datasetId ? this.last.result : null;
  }

  summaryOf(datasetId: number): ClvSummary | null {
    return this.last?.datasetId === datasetId ? this.last.summary : null;
  }

  /** P(alive), expected purchases in 90 days and 12-month CLV by customer, for the export. */
  exportValues(datasetId: number): Map<string, CustomerClv> | undefined {
    const fit = this.fitted(datasetId);
    if (!fit) return undefined;
    return new Map(fit.customers.map((c) => [c.customerId, c]));
  }

  /** Fits BG/NBD + Gamma-Gamma on transactions up to `calibrationEnd` and summarizes the result. */
  fit(d: DatasetInfo, args: ClvFitArgs, onProgress: (p: FitProgress) => void): ClvSummary {
    if (d.kind !== 'transactions') throw new IngestError('clv_needs_transactions');
    const started = performance.now();
    const rows = this.dailyTotals(d);
    if (rows.length === 0) throw new ClvError('no_customers');
    let lastReport = 0;
    const result = fitClv(rows, {
      ...args,
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
      atRisk: result.customers.filter((c) => c.x >= 1 && c.pAlive < 0.5).length,
      oneTime: result.customers.filter((c) => c.x === 0).length,
      top10Share: total > 0 ? top10 / total : 0,
      top: byValue.slice(0, TOP),
      // Values below one unit of money would stretch the log axis over empty decades.
      histogram: histogram(
        clvs.map((v) => (v >= 1 ? v : 0)),
        { log: true, bins: 30 }
      ),
      pAliveMatrix: pAliveMatrix(result.customers),
      modelCheck: modelCheck(rows, result),
      elapsedMs: Math.round(performance.now() - started)
    };
    this.last = { datasetId: d.id, result, summary };
    return summary;
  }

  /** One row per customer and day with orders: the model reads purchase days (DOMAIN §6). */
  private dailyTotals(d: DatasetInfo): CalibrationRow[] {
    const hasOrderId = d.columns.some((c) => c.role === 'order_id' && c.header !== '');
    const stmt = this.db.prepare(buildOrderDaysSql({ table: d.table, hasOrderId }).sql);
    const rows: CalibrationRow[] = [];
    while (stmt.step()) {
      const [customerId, date, amount, largestOrder] = stmt.get() as [
        string,
        string,
        number,
        number
      ];
      rows.push({ customerId, date, amount, largestOrder });
    }
    stmt.free();
    return rows;
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
