// Fits the lifetime-value models on a dataset: daily purchase totals from SQL, modelling in JS.
import type { Database } from 'sql.js';
import { ClvError, fitClv } from '$lib/analysis/clv/model';
import { IngestError } from '$lib/ingest/inspect';
import { quoteIdent } from './schema';
import type { ClvSummary, DatasetInfo } from './protocol';

const TOP = 50;

/** Fits BG/NBD + Gamma-Gamma on transactions up to `calibrationEnd` and summarizes the result. */
export function fitDatasetClv(
  db: Database,
  d: DatasetInfo,
  args: { calibrationEnd: string; months: number; monthlyDiscount: number }
): ClvSummary {
  if (d.kind !== 'transactions') throw new IngestError('clv_needs_transactions');
  const started = performance.now();
  // One row per customer and day: the model merges same-day purchases anyway (DOMAIN §6).
  const stmt = db.prepare(
    `SELECT customer_id, order_date, SUM(amount) FROM ${quoteIdent(d.table)}
     WHERE order_date <= ? GROUP BY customer_id, order_date`
  );
  stmt.bind([args.calibrationEnd]);
  const rows: { customerId: string; date: string; amount: number }[] = [];
  while (stmt.step()) {
    const [customerId, date, amount] = stmt.get() as [string, string, number];
    rows.push({ customerId, date, amount });
  }
  stmt.free();
  const result = fitClv(rows, args);
  if (!result.bgnbd.converged && !Number.isFinite(result.bgnbd.logLikelihood)) {
    throw new ClvError('did_not_converge');
  }
  const byValue = [...result.customers].sort((a, b) => b.clv - a.clv);
  return {
    datasetId: d.id,
    calibrationEnd: result.calibrationEnd,
    months: result.months,
    monthlyDiscount: result.monthlyDiscount,
    bgnbd: result.bgnbd,
    gammaGamma: result.gammaGamma,
    customers: result.customers.length,
    repeaters: result.repeaters,
    totalClv: result.customers.reduce((s, c) => s + c.clv, 0),
    atRisk: result.customers.filter((c) => c.x >= 1 && c.pAlive < 0.5).length,
    top: byValue.slice(0, TOP),
    elapsedMs: Math.round(performance.now() - started)
  };
}
