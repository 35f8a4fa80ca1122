// The worker's time analyses: the customer × month aggregate cached per (dataset, as-of) for cohorts
// and trends; lifecycle stages over the RFM service's customer base, cached per thresholds.
import type { Database } from 'sql.js';
import {
  buildCohorts,
  buildTrends,
  summarizeLifecycle,
  toCustomerMonths,
  type CustomerBase,
  type CustomerMonths,
  type LifecycleResult,
  type LifecycleThresholds
} from '$lib/analysis';
import { cohortQuery, shownTableOf } from '$lib/analysis/show-sql';
import { AppError } from '$lib/db/errors';
import type { RfmService } from './rfm-service';
import type { DatasetInfo } from '$lib/db/protocol';
import { selectRows } from './sql-run';
import type {
  LifecycleCustomersPage,
  LifecycleStage,
  LifecycleSummary,
  MonthlySummary
} from '$lib/db/time-protocol';

export class TimeService {
  private months: { key: string; data: CustomerMonths; ms: number } | null = null;
  private base: { key: string; rows: readonly CustomerBase[] } | null = null;
  private stages: { key: string; result: LifecycleResult } | null = null;
  private lists: { key: string; rows: CustomerBase[] } | null = null;

  constructor(
    private db: Database,
    private rfm: RfmService
  ) {}

  /** Forgets everything (data changed). */
  reset() {
    this.months = this.base = this.stages = this.lists = null;
  }

  /** Cohorts and trends, both from one customer × month query. */
  monthly(d: DatasetInfo, asOf: string): MonthlySummary {
    if (d.kind !== 'transactions') throw new AppError('time_needs_transactions');
    const started = performance.now();
    // `d.table` is the filtered copy when a filter is in force: one cache entry per filter.
    const key = `${d.id}|${d.table}|${asOf}`;
    if (this.months?.key !== key) {
      // The same builder as "Show SQL", so the query shown is the query run.
      const rows = selectRows(this.db, cohortQuery(shownTableOf(d), asOf, 'sqlite'));
      this.months = { key, data: toCustomerMonths(rows), ms: performance.now() - started };
    }
    const { data } = this.months;
    const { cohorts, maxK } = buildCohorts(data);
    return {
      datasetId: d.id,
      asOf,
      cohorts,
      maxK,
      trends: buildTrends(data),
      entries: data.customer.length,
      elapsedMs: Math.round(performance.now() - started)
    };
  }

  private stagesOf(d: DatasetInfo, asOf: string, thresholds: LifecycleThresholds) {
    const baseKey = `${d.id}|${d.table}|${asOf}`;
    if (this.base?.key !== baseKey) {
      this.base = { key: baseKey, rows: this.rfm.customerBase(d, asOf) };
      this.stages = this.lists = null;
    }
    const key = JSON.stringify([baseKey, thresholds]);
    if (this.stages?.key !== key) {
      this.stages = { key, result: summarizeLifecycle(this.base.rows, asOf, thresholds) };
      this.lists = null;
    }
    return { rows: this.base.rows, result: this.stages.result, key };
  }

  lifecycle(d: DatasetInfo, asOf: string, thresholds: LifecycleThresholds): LifecycleSummary {
    const { result } = this.stagesOf(d, asOf, thresholds);
    return { datasetId: d.id, asOf, thresholds, stages: result.stages, funnel: result.funnel };
  }

  lifecycleCustomers(
    d: DatasetInfo,
    asOf: string,
    thresholds: LifecycleThresholds,
    stage: LifecycleStage,
    offset: number,
    limit: number
  ): LifecycleCustomersPage {
    const { rows, result, key } = this.stagesOf(d, asOf, thresholds);
    const listKey = `${key}|${stage}`;
    if (this.lists?.key !== listKey) {
      const picked = rows.filter((_, i) => result.stageOf[i] === stage);
      picked.sort(
        (a, b) =>
          b.monetary - a.monetary ||
          (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0)
      );
      this.lists = { key: listKey, rows: picked };
    }
    const page = this.lists.rows.slice(offset, offset + limit).map((c) => ({
      customerId: c.customerId,
      customerName: c.customerName,
      firstPurchase: c.firstPurchase,
      lastPurchase: c.lastPurchase,
      recencyDays: c.recencyDays,
      frequency: c.frequency,
      monetary: c.monetary
    }));
    return { total: this.lists.rows.length, offset, rows: page };
  }
}
