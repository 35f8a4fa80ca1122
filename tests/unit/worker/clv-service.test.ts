// The worker's lifetime-value and churn services on real sql.js with CDNOW imported by the real pipeline.
import { readFileSync } from 'node:fs';
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, expect, it } from 'vitest';
import { importFile } from '../../../src/lib/worker/import';
import { ClvService } from '../../../src/lib/worker/clv-service';
import { churnList, churnLists, exportChurnList } from '../../../src/lib/worker/churn-service';
import { RfmService } from '../../../src/lib/worker/rfm-service';
import { CATALOG_SQL } from '../../../src/lib/worker/schema';
import { inspectFile } from '../../../src/lib/ingest/inspect';
import { DEFAULT_SEGMENT_RULES } from '../../../src/lib/analysis';
import type { DatasetInfo, FitProgress } from '../../../src/lib/db/protocol';
import { DATASET_FILES, describeWithData } from '../../datasets';

const FILE = DATASET_FILES.cdnowElog;

/** CDNOW read by hand: customer (sampleid) → purchase days (yyyymmdd numbers as day offsets). */
function rawDays(): Map<string, Set<string>> {
  const [, ...lines] = readFileSync(FILE, 'utf8').trim().split(/\r?\n/);
  const days = new Map<string, Set<string>>();
  for (const line of lines) {
    const [, id, date] = line.split(',');
    const set = days.get(id) ?? new Set<string>();
    set.add(date);
    days.set(id, set);
  }
  return days;
}

describeWithData(['cdnowElog'], 'ClvService on CDNOW', () => {
  let db: Database;
  let d: DatasetInfo;

  beforeAll(async () => {
    const SQL = await initSqlJs();
    db = new SQL.Database();
    db.run(CATALOG_SQL);
    const file = new File([readFileSync(FILE)], 'cdnowElog.csv');
    const inspected = await inspectFile(file);
    const columns = inspected.guesses.map((g) => {
      if (g.header === 'sampleid') return { ...g, role: 'customer_id' as const };
      if (g.header === 'masterid') return { ...g, role: 'ignore' as const };
      return g;
    });
    const mapping = { kind: inspected.kind, columns, date1904: false };
    d = await importFile(
      db,
      file,
      inspected,
      mapping,
      { mode: 'add', name: 'cdnow' },
      () => {},
      () => false
    );
    // Imports CDNOW through the real pipeline: about 1.6 s with both cores busy.
  }, 30_000);

  it('fits the published model, reports progress and checks the holdout period', () => {
    const clv = new ClvService(db);
    const progress: FitProgress[] = [];
    const key = {
      datasetId: d.id,
      calibrationEnd: '1997-09-30',
      months: 12,
      monthlyDiscount: 0.01,
      filter: null
    };
    const s = clv.fit(d, key, (p) => progress.push(p));
    expect(Number(s.bgnbd.params.r.toPrecision(3))).toBe(0.243);
    expect(s.bgnbd.logLikelihood).toBeCloseTo(-9582.43, 1);
    expect(s.customers).toBe(2357);
    expect(s.repeaters).toBe(946);
    expect(s.oneTime).toBe(2357 - 946);
    expect(s.top).toHaveLength(50);
    expect(s.top[0].clv).toBeGreaterThanOrEqual(s.top[49].clv);
    expect(s.histogram.counts.reduce((a, b) => a + b, 0) + s.histogram.excluded).toBe(2357);
    expect(s.pAliveMatrix.cells.reduce((a, c) => a + c.customers, 0)).toBe(2357);
    for (const p of progress) expect(p.phase).toBe('fitting');

    // Holdout: 1997-10-01 … 1998-06-30, counted independently from the raw file.
    const check = s.modelCheck!;
    expect(check.holdoutFrom).toBe('1997-10-01');
    expect(check.holdoutTo).toBe('1998-06-30');
    expect(check.holdoutWeeks).toBeCloseTo(273 / 7, 10);
    let holdoutDays = 0;
    let repeatDays = 0;
    for (const days of rawDays().values()) {
      const sorted = [...days].sort();
      holdoutDays += sorted.filter((x) => x > '19970930').length;
      repeatDays += sorted.length - 1;
    }
    expect(check.holdoutActual).toBe(holdoutDays);
    expect(check.weekly.reduce((a, w) => a + w.actual, 0)).toBe(repeatDays);
    expect(check.byFrequency.reduce((a, g) => a + g.customers, 0)).toBe(2357);
    // The model's holdout forecast: 1,653 predicted against 1,882 repeat purchases, low for x = 1
    // and 2 as in FHL 2005's conditional-expectation figure (0.70 actual vs 0.52 for x = 1).
    expect(check.holdoutExpected / check.holdoutActual).toBeGreaterThan(0.85);
    expect(check.byFrequency[1].actual).toBeCloseTo(0.697, 3);
    expect(check.byFrequency[1].predicted).toBeCloseTo(0.523, 3);
    expect(check.holdoutExpected / check.holdoutActual).toBeLessThan(1.1);
    // Weekly expectations add up to the cumulative expectation over the whole span.
    const expectedTotal = check.weekly.reduce((a, w) => a + w.expected, 0);
    expect(expectedTotal / repeatDays).toBeGreaterThan(0.9);
    expect(expectedTotal / repeatDays).toBeLessThan(1.1);
    expect(check.weekly[0].start).toBe('1997-01-01');
    expect(check.calibrationWeeks).toBe(39);

    // Export values are the fitted ones; the fit is held by its key, and only by it.
    expect(clv.exportValues(d, key).size).toBe(2357);
    expect(clv.cached(key)).toBe(s);
    expect(clv.cached({ ...key, months: 6 })).toBeNull();
    clv.reset();
    expect(clv.cached(key)).toBeNull();
  }, 60_000);

  it('lists at-risk, one-time, cannot-lose customers and spend drops', async () => {
    const clv = new ClvService(db);
    const key = {
      datasetId: d.id,
      calibrationEnd: '1998-06-30',
      months: 12,
      monthlyDiscount: 0.01,
      filter: null
    };
    // The model of a key the worker does not hold is fitted on demand (a restarted worker).
    const fit = clv.model(d, key);
    const rfm = new RfmService(db);
    const rfmKey = {
      datasetId: d.id,
      asOf: d.defaultAsOf!,
      scoring: { bins: 5, method: 'ranked' as const },
      rules: structuredClone([...DEFAULT_SEGMENT_RULES]),
      quadrantSplit: 'median' as const,
      filter: null
    };
    const ctx = {
      asOf: rfmKey.asOf,
      rules: rfmKey.rules,
      customers: rfm.scoredWithDims(d, rfmKey)
    };
    const atRisk = churnList(db, d, 'atRisk', ctx, fit);
    const expectedAtRisk = fit.customers.filter((c) => c.x >= 1 && c.pAlive < 0.5);
    expect(atRisk.rows).toHaveLength(expectedAtRisk.length);
    expect(atRisk.rows.length).toBeGreaterThan(0);
    for (const r of atRisk.rows) expect(r.pAlive!).toBeLessThan(0.5);
    const oneTime = churnList(db, d, 'oneTime', ctx, fit);
    expect(oneTime.rows).toHaveLength(fit.customers.filter((c) => c.x === 0).length);
    const cannotLose = churnList(db, d, 'cannotLose', ctx, fit);
    for (const r of cannotLose.rows) expect(r.abc).toBe('A');
    for (let i = 1; i < cannotLose.rows.length; i++)
      expect(cannotLose.rows[i - 1].clvAtStake!).toBeGreaterThanOrEqual(
        cannotLose.rows[i].clvAtStake!
      );
    // CLV at stake = CLV if alive − CLV, i.e. CLV · (1 − p) / p.
    for (const r of cannotLose.rows.slice(0, 5))
      expect(r.clvAtStake!).toBeCloseTo((r.clv! * (1 - r.pAlive!)) / r.pAlive!, 6);

    const drops = churnList(db, d, 'spendDrop', ctx, fit);
    for (const r of drops.rows) expect(r.spendShare!).toBeLessThan(0.5);
    const csv = await (await exportChurnList(drops, ctx.rules, 'csv', 'en')).text();
    expect(csv.split('\r\n')[0]).toContain('spend_last_90d');
    expect(csv.split('\r\n')[0]).toContain('value_at_stake');
    expect(csv).not.toMatch(/\d\.\d{5,}|e-\d/); // rounded: money 2, rates 4, expected 3 decimals
    expect(() => churnList(db, d, 'atRisk', ctx, null)).toThrow(/needs a fitted model/);
    const lists = churnLists(db, d, ctx, null);
    expect([lists.atRisk, lists.oneTime, lists.cannotLose]).toEqual([null, null, null]);
    expect(lists.spendDrop?.rows).toHaveLength(drops.rows.length);
  }, 60_000);
});
