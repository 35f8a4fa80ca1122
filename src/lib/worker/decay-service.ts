// The worker's decay analysis: the customer × month aggregate and the per-customer purchase days
// (with the grouping dimension's value), cached per (table, as-of[, grouping]), then grouped in JS.
import type { Database } from 'sql.js';
import { buildDecay, startTiers, toDecayCustomers, type DecayCustomer } from '$lib/analysis/decay';
import { buildDecayCustomersSql } from '$lib/analysis/decay-sql';
import { buildCustomerMonthsSql } from '$lib/analysis/time-sql';
import { toCustomerMonths, type CustomerMonths } from '$lib/analysis/customer-months';
import { AppError } from '$lib/db/errors';
import type { DatasetInfo } from '$lib/db/protocol';
import type { DecayArgs, DecaySummary } from '$lib/db/decay-protocol';
import { selectRows } from './sql-run';

export class DecayService {
  private months: { key: string; data: CustomerMonths } | null = null;
  private customers: { key: string; rows: DecayCustomer[] } | null = null;

  constructor(private db: Database) {}

  /** Curves, ranking and second orders of `args` over `d` (already the filter's view). */
  groups(d: DatasetInfo, args: DecayArgs): DecaySummary {
    if (d.kind !== 'transactions') throw new AppError('time_needs_transactions');
    const started = performance.now();
    const { asOf, grouping } = args;
    const monthsKey = `${d.table}|${asOf}`;
    if (this.months?.key !== monthsKey) {
      const q = buildCustomerMonthsSql({ table: d.table, asOf, hasOrderId: d.hasOrderId });
      this.months = { key: monthsKey, data: toCustomerMonths(selectRows(this.db, q)) };
      this.customers = null;
    }
    const group = grouping.kind === 'dimension' ? grouping : null;
    if (group && !d.dimensions.some((x) => x.name === group.column))
      throw new AppError('filter_unknown_column', { column: group.column, dataset: d.name });
    const key = JSON.stringify([monthsKey, group?.column ?? null, group?.rule ?? null]);
    if (this.customers?.key !== key) {
      const q = buildDecayCustomersSql({
        table: d.table,
        asOf,
        hasOrderId: d.hasOrderId,
        group: group ? { column: group.column, rule: group.rule } : null
      });
      this.customers = { key, rows: toDecayCustomers(this.months.data, selectRows(this.db, q)) };
    }
    const rows = this.customers.rows;
    const groupOf = grouping.kind === 'startTier' ? startTiers(rows) : rows.map((c) => c.value);
    const result = buildDecay(rows, groupOf, { asOf, topN: args.topN });
    return {
      ...result,
      datasetId: d.id,
      asOf,
      grouping,
      elapsedMs: Math.round(performance.now() - started)
    };
  }
}
