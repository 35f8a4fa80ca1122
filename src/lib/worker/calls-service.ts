// The worker's call list (DOMAIN §7c): every reason's rule run on the request's own key — the
// (filtered) orders, the fitted model, the related files — joined per customer, cached per key.
import type { Database } from 'sql.js';
import type { ScoredCustomer } from '$lib/analysis';
import type { ClvResult } from '$lib/analysis/clv/model';
import { buildComplaintRowsSql, toComplaintRows } from '$lib/analysis/complaints';
import { buildMasterRowsSql, toMasterCustomer } from '$lib/analysis/relationship';
import {
  buildReceivableCustomersSql,
  toReceivableCustomers
} from '$lib/analysis/risks/receivables';
import {
  buildCallList,
  contactDimensionIndexes,
  reasonTotals,
  regionDimensionIndex,
  type CallRow,
  type MasterFacts
} from '$lib/analysis/rules/call-list';
import { openComplaintsByCustomer } from '$lib/analysis/rules/complaint';
import {
  buildFeedbackDetractorsSql,
  buildOrderDetractorsSql,
  latestDetractors
} from '$lib/analysis/rules/detractor';
import { REASON_CODES, type ReasonCode } from '$lib/analysis/rules/reasons';
import { buildPurchaseDaysSql, overdueVsRhythm } from '$lib/analysis/rules/rhythm';
import { buildStakeRevenueSql, valuesAtStake } from '$lib/analysis/rules/value-at-stake';
import { repDimensionIndex } from '$lib/analysis/scorecard-choices';
import { buildSpendDropSql, spendDropAlerts } from '$lib/analysis/spend-drop';
import { AppError } from '$lib/db/errors';
import type { DatasetInfo } from '$lib/db/protocol';
import type {
  CallsExportArgs,
  CallsKey,
  CallsList,
  CallsListArgs,
  CallsTotal,
  CallsView
} from '$lib/db/calls-protocol';
import { exportCallList } from '$lib/export/call-list';
import type { RfmService } from './rfm-service';
import { selectRows } from './sql-run';

/** The datasets a call list reads: the (filtered) orders, the fit and the related files. */
export interface CallsSources {
  d: DatasetInfo;
  model: ClvResult | null;
  master: DatasetInfo | null;
  feedback: DatasetInfo | null;
  complaints: DatasetInfo | null;
  receivables: DatasetInfo | null;
}

/** The whole list of a key. */
interface BuiltList {
  key: string;
  rows: CallRow[];
  stakeSource: CallsList['stakeSource'];
  unavailable: ReasonCode[];
  contactHeaders: string[];
}

const hasRole = (d: DatasetInfo, role: string) =>
  d.columns.some((c) => c.role === role && c.header !== '');

/** The rows a view keeps. */
export function viewRows(rows: readonly CallRow[], view: CallsView): CallRow[] {
  return rows.filter(
    (r) =>
      (!view.owner || r.owner === view.owner.value) &&
      (!view.reason || r.codes.includes(view.reason)) &&
      (!view.tier || r.abc === view.tier)
  );
}

const totalOf = (rows: readonly CallRow[]): CallsTotal => ({
  count: rows.length,
  valueAtStake: Math.round(rows.reduce((s, r) => s + r.valueAtStake, 0) * 100) / 100
});

export class CallsService {
  private last: BuiltList | null = null;

  constructor(
    private db: Database,
    private rfm: RfmService
  ) {}

  /** The list's view and totals (cheap after the first call of a key: top N for the Overview). */
  list(src: CallsSources, args: CallsListArgs): CallsList {
    const started = performance.now();
    const built = this.built(src, args);
    const shown = viewRows(built.rows, args.view);
    const byReason: CallsList['byReason'] = {};
    for (const [code, t] of Object.entries(reasonTotals(built.rows)))
      byReason[code as ReasonCode] = { count: t.count, valueAtStake: t.valueAtStake };
    const owners = new Map<string | null, number>();
    for (const r of built.rows) owners.set(r.owner, (owners.get(r.owner) ?? 0) + 1);
    return {
      datasetId: src.d.id,
      asOf: args.rfm.asOf,
      stakeSource: built.stakeSource,
      rows: args.limit === null ? shown : shown.slice(0, Math.max(0, args.limit)),
      total: totalOf(shown),
      all: totalOf(built.rows),
      byReason,
      owners: [...owners]
        .map(([owner, count]) => ({ owner, count }))
        .sort((a, b) => b.count - a.count || String(a.owner).localeCompare(String(b.owner))),
      unavailable: built.unavailable,
      contactHeaders: built.contactHeaders,
      elapsedMs: performance.now() - started
    };
  }

  /** The view's rows as CSV / XLSX, or every owner's as one workbook with a sheet each. */
  exportList(src: CallsSources, args: CallsExportArgs): Promise<Blob> {
    const built = this.built(src, args);
    return exportCallList(viewRows(built.rows, args.view), args.format, args.perOwner, {
      locale: args.locale,
      currency: src.d.currency,
      slaDays: args.slaDays,
      rules: args.rfm.rules,
      playbooks: args.playbooks,
      handled: args.handled,
      contactHeaders: built.contactHeaders
    });
  }

  private built(src: CallsSources, args: CallsKey): BuiltList {
    const { d } = src;
    if (d.kind !== 'transactions') throw new AppError('team_needs_transactions');
    const key = JSON.stringify([
      d.id,
      d.importedAt,
      d.table,
      args,
      [src.master, src.feedback, src.complaints, src.receivables].map((x) => x && x.importedAt)
    ]);
    if (this.last?.key === key) return this.last;
    const asOf = args.rfm.asOf;
    const customers: readonly ScoredCustomer[] = this.rfm.scoredWithDims(d, args.rfm);
    const rows = (q: { sql: string; params: readonly (string | number | null)[] }) =>
      selectRows(this.db, q);

    const overdue = overdueVsRhythm(
      rows(buildPurchaseDaysSql({ table: d.table, hasOrderId: d.hasOrderId, asOf })),
      { asOf, factor: args.rhythmFactor, lapseDays: args.lifecycle.lapseDays }
    );
    const spendDrops = spendDropAlerts(rows(buildSpendDropSql(d.table, asOf)));
    const { master, feedback, complaints, receivables, model } = src;
    let masterFacts: Map<string, MasterFacts> | null = null;
    let contactHeaders: string[] = [];
    if (master) {
      const dims = master.dimensions;
      const has = (name: string) => master.columns.some((c) => c.name === name);
      const region = regionDimensionIndex(dims);
      const contacts = contactDimensionIndexes(dims);
      contactHeaders = contacts.map((i) => dims[i].header);
      masterFacts = new Map();
      for (const row of rows(
        buildMasterRowsSql(
          master.table,
          dims.map((x) => x.name),
          has
        )
      )) {
        const m = toMasterCustomer(row);
        if (masterFacts.has(m.customerId)) continue; // the first row of a customer counts
        masterFacts.set(m.customerId, {
          name: m.name,
          owner: m.owner,
          birthday: m.birthday,
          region: region >= 0 ? m.dims[region] : null,
          contacts: contacts.map((i) => m.dims[i])
        });
      }
    }
    const orderNps = hasRole(d, 'nps');
    const detractors =
      feedback || orderNps
        ? latestDetractors(
            feedback ? rows(buildFeedbackDetractorsSql(feedback.table, asOf)) : [],
            orderNps ? rows(buildOrderDetractorsSql(d.table, asOf, d.hasOrderId)) : []
          )
        : null;
    const list = buildCallList({
      asOf,
      customers,
      repIndex: repDimensionIndex(d.dimensions),
      regionIndex: regionDimensionIndex(d.dimensions),
      master: masterFacts,
      overdue,
      spendDrops,
      model: model?.customers ?? null,
      complaints: complaints
        ? openComplaintsByCustomer(
            toComplaintRows(rows(buildComplaintRowsSql(complaints.table))),
            asOf,
            args.slaDays
          )
        : null,
      detractors,
      receivables: receivables
        ? toReceivableCustomers(
            rows(buildReceivableCustomersSql({ table: receivables.table, asOf }))
          )
        : null,
      stake: model
        ? valuesAtStake(model.customers, [])
        : valuesAtStake(null, rows(buildStakeRevenueSql(d.table, asOf))),
      lifecycle: args.lifecycle,
      secondOrderDays: args.secondOrderDays,
      dataStart: d.dateFrom
    });
    const missing = new Set<ReasonCode>();
    if (!model) missing.add('probably_lapsed');
    if (!complaints) missing.add('complaint');
    if (!detractors) missing.add('detractor');
    if (!receivables) missing.add('receivable');
    this.last = {
      key,
      rows: list,
      stakeSource: model ? 'model' : 'revenue',
      unavailable: REASON_CODES.filter((c) => missing.has(c)),
      contactHeaders
    };
    return this.last;
  }
}
