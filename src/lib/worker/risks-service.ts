// The worker's Risks view (DOMAIN §7c, issue 13): overdue vs own rhythm, receivables, unusual orders,
// high return rates, and the churn lists (spend drop; probably lapsed and cannot lose once the model
// is fitted), each customer with name, owner, region and value at stake; the summary per kind; and
// "if these customers stop buying". Everything from the request's own key; one answer kept per key.
import type { Database } from 'sql.js';
import type { ScoredCustomer } from '$lib/analysis';
import type { ClvResult } from '$lib/analysis/clv/model';
import { buildMasterRowsSql, toMasterCustomer } from '$lib/analysis/relationship';
import { buildOrderCustomerIdsSql } from '$lib/analysis/relationship';
import { repDimensionIndex } from '$lib/analysis/scorecard-choices';
import { buildPurchaseDaysSql, overdueVsRhythm } from '$lib/analysis/rules/rhythm';
import { buildStakeRevenueSql, valuesAtStake } from '$lib/analysis/rules/value-at-stake';
import {
  analyzeReceivables,
  buildCustomerOrdersSql,
  buildReceivableInvoicesSql,
  buildRecentRevenueSql,
  buildReturnTotalsSql,
  dependence,
  highReturns,
  regionIndex,
  summarizeRisks,
  toReceivableInvoices,
  topCustomers,
  unusualOrders,
  type RiskCustomerInfo,
  type RiskKind
} from '$lib/analysis/risks';
import { isFilterActive } from '$lib/analysis/data-filter';
import { AppError } from '$lib/db/errors';
import type { DatasetInfo } from '$lib/db/protocol';
import type {
  DependenceAnswer,
  DependenceArgs,
  LapsedRow,
  RisksArgs,
  RisksView,
  RiskWho
} from '$lib/db/risks-protocol';
import { churnList } from './churn-service';
import type { RfmService } from './rfm-service';
import { selectRows } from './sql-run';

/** The related datasets a Risks request names. */
export interface RiskSources {
  master: DatasetInfo | null;
  receivables: DatasetInfo | null;
}

interface MasterInfo {
  name: string | null;
  owner: string | null;
  region: string | null;
  creditLimit: number | null;
}

const hasColumn = (d: DatasetInfo) => (name: string) => d.columns.some((c) => c.name === name);
const blank = (v: string | null | undefined) =>
  v === null || v === undefined || v.trim() === '' ? null : v;

export class RisksService {
  #last: { key: string; view: RisksView } | null = null;

  constructor(
    private db: Database,
    private rfm: RfmService
  ) {}

  /** The master's name, owner, region and credit limit per customer. */
  private master(master: DatasetInfo | null): Map<string, MasterInfo> {
    const out = new Map<string, MasterInfo>();
    if (!master) return out;
    const dims = master.dimensions;
    const region = regionIndex(dims.map((x) => x.header));
    const q = buildMasterRowsSql(
      master.table,
      dims.map((x) => x.name),
      hasColumn(master)
    );
    for (const row of selectRows(this.db, q)) {
      const m = toMasterCustomer(row);
      if (out.has(m.customerId)) continue;
      out.set(m.customerId, {
        name: blank(m.name),
        owner: blank(m.owner),
        region: region >= 0 ? blank(m.dims[region]) : null,
        creditLimit: m.creditLimit
      });
    }
    return out;
  }

  /** Who each customer is: the master first, else the orders (DOMAIN §7c, §8). */
  private people(d: DatasetInfo, key: RisksArgs['key'], src: RiskSources) {
    const scored = this.rfm.scoredWithDims(d, key);
    const byId = new Map<string, ScoredCustomer>(scored.map((c) => [c.customerId, c]));
    const master = this.master(src.master);
    const rep = repDimensionIndex(d.dimensions);
    const region = regionIndex(d.dimensions.map((x) => x.header));
    const info = (id: string): RiskCustomerInfo => {
      const c = byId.get(id);
      const m = master.get(id);
      return {
        customerId: id,
        name: m?.name ?? c?.customerName ?? null,
        owner: m?.owner ?? (c && rep >= 0 ? (c.dims[rep] ?? null) : null),
        region: m?.region ?? (c && region >= 0 ? (c.dims[region] ?? null) : null)
      };
    };
    return {
      scored,
      byId,
      master,
      info,
      ownerHeader: rep >= 0 ? d.dimensions[rep].header : null,
      regionHeader: region >= 0 ? d.dimensions[region].header : null
    };
  }

  /** Every list and the summary at the key's as-of date. */
  view(d: DatasetInfo, src: RiskSources, args: RisksArgs, fit: ClvResult | null): RisksView {
    if (d.kind !== 'transactions') throw new AppError('clv_needs_transactions');
    const cacheKey = JSON.stringify([
      d.table,
      d.importedAt,
      src.master?.importedAt,
      src.receivables?.importedAt,
      args
    ]);
    if (this.#last?.key === cacheKey) return this.#last.view;
    const { key } = args;
    const asOf = key.asOf;
    const p = this.people(d, key, src);
    const stake = valuesAtStake(
      fit ? fit.customers : null,
      fit ? [] : selectRows(this.db, buildStakeRevenueSql(d.table, asOf))
    );
    const who = (id: string): RiskWho => {
      const c = p.byId.get(id);
      return {
        ...p.info(id),
        valueAtStake: stake.byCustomer.get(id) ?? 0,
        segment: c?.segment ?? null,
        abc: c?.abc ?? null
      };
    };
    const byStake = <T extends RiskWho>(rows: T[]) =>
      rows.sort(
        (a, b) => b.valueAtStake - a.valueAtStake || (a.customerId < b.customerId ? -1 : 1)
      );

    const overdueRhythm = byStake(
      overdueVsRhythm(
        selectRows(
          this.db,
          buildPurchaseDaysSql({ table: d.table, hasOrderId: d.hasOrderId, asOf })
        ),
        { asOf, factor: args.rhythmFactor, lapseDays: args.lapseDays }
      ).map(({ customerId, ...r }) => ({ ...who(customerId), ...r }))
    );

    let receivables: RisksView['receivables'] = null;
    if (src.receivables) {
      let invoices = toReceivableInvoices(
        selectRows(this.db, buildReceivableInvoicesSql({ table: src.receivables.table, asOf }))
      );
      if (isFilterActive(key.filter)) {
        // The filter keeps the customers of the orders it keeps.
        const kept = new Set(
          selectRows(this.db, buildOrderCustomerIdsSql(d.table, asOf)).map(([id]) => String(id))
        );
        invoices = invoices.filter((i) => kept.has(i.customerId));
      }
      const revenue90 = new Map(
        selectRows(this.db, buildRecentRevenueSql(d.table, asOf)).map(([id, r]) => [
          String(id),
          Number(r) || 0
        ])
      );
      const creditLimits = new Map<string, number>();
      for (const [id, m] of p.master)
        if (m.creditLimit !== null) creditLimits.set(id, m.creditLimit);
      const a = analyzeReceivables({ invoices, revenue90, creditLimits, info: p.info });
      const withWho = <T extends { customerId: string }>(r: T) => ({ ...r, ...who(r.customerId) });
      receivables = { ...a, rows: a.rows.map(withWho), overdue: a.overdue.map(withWho) };
    }

    const unusual = unusualOrders(
      selectRows(
        this.db,
        buildCustomerOrdersSql({ table: d.table, asOf, hasOrderId: d.hasOrderId })
      )
    ).map((o) => ({ ...o, ...who(o.customerId) }));
    const returns = byStake(
      highReturns(selectRows(this.db, buildReturnTotalsSql(d.table, asOf))).map((r) => ({
        ...r,
        ...who(r.customerId)
      }))
    );

    const ctx = { asOf, rules: key.rules, customers: p.scored };
    const spendDrop = byStake(
      churnList(this.db, d, 'spendDrop', ctx, fit).rows.map((r) => ({
        ...who(r.customerId),
        recentSpend: r.recentSpend ?? 0,
        usualSpend: r.usualSpend ?? 0,
        spendShare: r.spendShare ?? 0
      }))
    );
    const lapsed = (kind: 'atRisk' | 'cannotLose'): LapsedRow[] | null =>
      fit
        ? byStake(
            churnList(this.db, d, kind, ctx, fit).rows.map((r) => ({
              ...who(r.customerId),
              pAlive: r.pAlive ?? 0,
              frequency: r.frequency,
              monetary: r.monetary
            }))
          )
        : null;
    const probablyLapsed = lapsed('atRisk');
    const cannotLose = lapsed('cannotLose');

    const ids = (rows: readonly { customerId: string }[] | null) =>
      rows ? rows.map((r) => r.customerId) : null;
    const lists: Record<RiskKind, string[] | null> = {
      overdue_rhythm: ids(overdueRhythm),
      receivables: receivables ? ids(receivables.overdue) : null,
      unusual_orders: ids(unusual),
      high_returns: ids(returns),
      spend_drop: ids(spendDrop),
      probably_lapsed: ids(probablyLapsed),
      cannot_lose: ids(cannotLose)
    };
    const view: RisksView = {
      datasetId: d.id,
      asOf,
      stakeSource: stake.source,
      summary: summarizeRisks(lists, stake.byCustomer),
      overdueRhythm,
      receivables,
      unusualOrders: unusual,
      highReturns: returns,
      spendDrop,
      probablyLapsed,
      cannotLose,
      ownerHeader: p.ownerHeader,
      regionHeader: p.regionHeader
    };
    this.#last = { key: cacheKey, view };
    return view;
  }

  /** "If these customers stop buying": the revenue they carry and what is left (DOMAIN §4). */
  dependence(d: DatasetInfo, src: RiskSources, args: DependenceArgs): DependenceAnswer {
    if (d.kind !== 'transactions') throw new AppError('clv_needs_transactions');
    if (!Number.isInteger(args.topN) || args.topN < 0)
      throw new RangeError(`top N must be a whole number ≥ 0, got ${args.topN}`);
    const p = this.people(d, args.key, src);
    const customers = p.scored.map((c) => ({
      customerId: c.customerId,
      monetary: c.monetary,
      owner: p.info(c.customerId).owner
    }));
    const chosen = args.customers ?? topCustomers(customers, args.topN);
    const selected = new Set(chosen.filter((id) => p.byId.has(id)));
    return {
      ...dependence(customers, selected),
      datasetId: d.id,
      asOf: args.key.asOf,
      chosen: [...selected]
        .map((id) => ({ ...p.info(id), monetary: p.byId.get(id)!.monetary }))
        .sort((a, b) => b.monetary - a.monetary || (a.customerId < b.customerId ? -1 : 1))
    };
  }
}
