// The worker's Targets view and "why the shortfall": reads the targets sheet, matches its keys to a
// dimension of the (filtered) orders and builds the view; caches the per-customer first purchases
// and the dimension match, keyed by the tables they read (a filtered view has its own name).
import type { Database } from 'sql.js';
import {
  buildCustomerChangeSql,
  buildDateSpanSql,
  buildDimensionMatchSql,
  buildFirstPurchasesSql,
  buildMatchedValuesSql,
  buildTargetRowsSql,
  buildTargetsView,
  buildValueRevenueSql,
  defaultExplainedKey,
  defaultPeriod,
  membersOf,
  explainChange,
  rankDimensions,
  teamDimension,
  TargetSheet,
  valuesBehind,
  comparisonWindows,
  type DateWindow,
  type DimensionMatch,
  type TargetRow
} from '$lib/analysis/targets';
import { addDays } from '$lib/analysis/dates';
import { GRAINS, periodFromKey, periodOf, type Grain, type Period } from '$lib/analysis/period';
import { AppError } from '$lib/db/errors';
import type { DatasetInfo } from '$lib/db/protocol';
import type { TargetsArgs, TargetsView, WhyAnswer, WhyArgs } from '$lib/db/targets-protocol';
import type { RfmService } from './rfm-service';
import { selectRows } from './sql-run';

/** A customer's first-ever purchase and the dimension value it is credited to. */
interface FirstPurchase {
  day: string;
  value: string | null;
}

/** What the worker reads of the orders, per request: the orders as filtered, and unfiltered. */
export interface TargetsOrders {
  d: DatasetInfo;
  /** The unfiltered orders table (first purchases are over the whole history). */
  baseTable: string;
}

export class TargetsService {
  private first: { key: string; byCustomer: Map<string, FirstPurchase> } | null = null;
  private match: { key: string; dims: DimensionMatch[] } | null = null;
  private seen: { key: string; values: Set<string> } | null = null;
  private span: { key: string; firstDay: string | null } | null = null;
  private last: { key: string; view: TargetsView } | null = null;

  constructor(
    private db: Database,
    private rfm: RfmService
  ) {}

  /** The rows of a targets table. */
  sheet(targets: DatasetInfo): TargetSheet {
    if (targets.kind !== 'targets') throw new AppError('targets_not_targets');
    const rows = selectRows(this.db, buildTargetRowsSql(targets.table)).flatMap(
      (v): TargetRow[] => {
        const grain = v[2] as Grain;
        if (!GRAINS.includes(grain) || !periodFromKey(String(v[1]))) return [];
        return [
          {
            key: String(v[0]),
            period: String(v[1]),
            grain,
            revenueTarget: numberOrNull(v[3]),
            newCustomerTarget: numberOrNull(v[4]),
            parent: v[5] === null ? null : String(v[5]),
            marketSize: numberOrNull(v[6])
          }
        ];
      }
    );
    return new TargetSheet(rows);
  }

  /** The orders' dimensions ranked by how many of the sheet's keys they carry. */
  dimensions(d: DatasetInfo, sheet: TargetSheet, period: Period): DimensionMatch[] {
    const keys = sheet.keys;
    const teams = [...new Set(sheet.parents(period).values())];
    const key = JSON.stringify([d.table, keys, teams]);
    if (this.match?.key !== key) {
      const columns = d.dimensions.map((x) => x.name);
      const row =
        selectRows(
          this.db,
          buildDimensionMatchSql({ table: d.table, columns, keys, teamKeys: teams })
        )[0] ?? [];
      const dims = d.dimensions.map((x, i) => ({
        name: x.name,
        header: x.header,
        matches: Number(row[2 * i] ?? 0),
        teamMatches: Number(row[2 * i + 1] ?? 0)
      }));
      this.match = { key, dims };
    }
    return this.match.dims;
  }

  /** The sheet's keys that appear among `column`'s values anywhere in the orders. */
  private seenValues(d: DatasetInfo, column: string, keys: string[]): Set<string> {
    const key = JSON.stringify([d.table, column, keys]);
    if (this.seen?.key !== key) {
      const rows = selectRows(this.db, buildMatchedValuesSql({ table: d.table, column, keys }));
      this.seen = { key, values: new Set(rows.map((r) => String(r[0]))) };
    }
    return this.seen.values;
  }

  /** Every customer's first purchase, credited to a value of `column`. */
  private firstPurchases(o: TargetsOrders, column: string, asOf: string) {
    const key = JSON.stringify([o.d.table, o.baseTable, column, asOf]);
    if (this.first?.key !== key) {
      const rows = selectRows(
        this.db,
        buildFirstPurchasesSql({
          table: o.d.table,
          baseTable: o.baseTable,
          column,
          asOf,
          hasOrderId: o.d.hasOrderId
        })
      );
      const byCustomer = new Map<string, FirstPurchase>();
      for (const r of rows)
        byCustomer.set(String(r[0]), {
          day: String(r[1]),
          value: r[2] === null ? null : String(r[2])
        });
      this.first = { key, byCustomer };
    }
    return this.first.byCustomer;
  }

  private revenueBy(d: DatasetInfo, column: string, window: DateWindow) {
    const out = new Map<string | null, number>();
    if (window.from >= window.to) return out;
    for (const [value, revenue] of selectRows(
      this.db,
      buildValueRevenueSql({ table: d.table, column, window })
    ))
      out.set(value === null ? null : String(value), Number(revenue));
    return out;
  }

  private firstOrderDay(d: DatasetInfo): string | null {
    if (this.span?.key !== d.table) {
      const v = selectRows(this.db, buildDateSpanSql(d.table))[0]?.[0] ?? null;
      this.span = { key: d.table, firstDay: v === null ? null : String(v) };
    }
    return this.span.firstDay;
  }

  /** The Targets view (DOMAIN §7a) for the request's dimension, grain, period and as-of date. */
  view(o: TargetsOrders, targets: DatasetInfo, args: TargetsArgs): TargetsView {
    // "Why" asks for the view it explains right after the view itself: answer both from one run.
    // The sheet is small and may be edited in place (the targets grid): it is part of the key.
    const sheet = this.sheet(targets);
    const key = JSON.stringify([o.d.table, o.baseTable, targets.id, sheet.rows, args]);
    if (this.last?.key !== key) this.last = { key, view: this.buildView(o, targets, sheet, args) };
    return this.last.view;
  }

  private buildView(
    o: TargetsOrders,
    targets: DatasetInfo,
    sheet: TargetSheet,
    args: TargetsArgs
  ): TargetsView {
    const started = performance.now();
    const { d } = o;
    if (d.kind !== 'transactions') throw new AppError('targets_needs_transactions');
    const periods = sheet.periods(args.grain);
    const period = pickPeriod(args.period, args.grain, periods, args.asOf);
    const dims = rankDimensions(this.dimensions(d, sheet, period));
    const dimension =
      (args.dimension && dims.find((x) => x.name === args.dimension)?.name) ??
      dims[0]?.name ??
      null;
    const window: DateWindow = {
      from: period.start,
      to: args.asOf < period.end ? args.asOf : period.end
    };
    const revenue = dimension ? this.revenueBy(d, dimension, window) : new Map();
    const newCustomers = new Map<string | null, number>();
    if (dimension)
      for (const f of this.firstPurchases(o, dimension, args.asOf).values())
        if (f.day >= window.from && f.day < window.to)
          newCustomers.set(f.value, (newCustomers.get(f.value) ?? 0) + 1);
    const seen = dimension ? this.seenValues(d, dimension, sheet.keys) : new Set<string>();
    const team = dimension ? teamDimension(dims, dimension) : null;
    const result = buildTargetsView({
      sheet,
      period,
      asOf: args.asOf,
      revenue,
      newCustomers,
      seen,
      teamRevenue: team ? this.revenueBy(d, team, window) : null
    });
    return {
      ...result,
      datasetId: d.id,
      targetsId: targets.id,
      asOf: args.asOf,
      dimension,
      dimensions: dims,
      periods: periods.map((p) => p.key),
      teamDimension: team,
      targetRows: sheet.rows.length,
      elapsedMs: Math.round(performance.now() - started)
    };
  }

  /**
   * Why a key's revenue changed against the same period one year earlier, in the view of `args`:
   * the key asked for when the sheet knows it, else the view's default (largest shortfall); null
   * when there is nothing to explain.
   */
  why(o: TargetsOrders, targets: DatasetInfo, args: WhyArgs): WhyAnswer | null {
    const { d } = o;
    const { key: asked, segments: scoring, ...viewArgs } = args;
    const view = this.view(o, targets, viewArgs);
    const dimension = view.dimension;
    const period = periodFromKey(view.period);
    if (dimension === null || period === null) return null;
    const sheet = this.sheet(targets);
    // A key of the sheet (or a team) is explained even in a period without its target.
    const isKnown = (k: string | null): k is string =>
      k !== null && (sheet.keys.includes(k) || membersOf(sheet.parents(period)).has(k));
    const key = isKnown(asked) ? asked : defaultExplainedKey(view);
    if (key === null) return null;
    const seen = this.seenValues(d, dimension, sheet.keys);
    const values = valuesBehind(sheet, period, key, seen);
    const w = comparisonWindows(period, args.asOf);
    const first = this.firstPurchases(o, dimension, args.asOf);
    const segments = scoring
      ? new Map(
          this.rfm
            .scoredWithDims(d, {
              ...scoring,
              datasetId: d.id,
              asOf: args.asOf,
              filter: args.filter
            })
            .map((c) => [c.customerId, c.segment])
        )
      : null;
    const rows = selectRows(
      this.db,
      buildCustomerChangeSql({
        table: d.table,
        column: dimension,
        values,
        now: w.now,
        then: w.then,
        hasOrderId: d.hasOrderId
      })
    );
    const customers = rows.map((r) => {
      const id = String(r[0]);
      return {
        customerId: id,
        now: Number(r[1]),
        then: Number(r[2]),
        boughtNow: r[3] === 1,
        boughtThen: r[4] === 1,
        firstDay: first.get(id)?.day ?? null,
        segment: segments ? (segments.get(id) ?? null) : null
      };
    });
    const result = explainChange({
      key,
      period,
      asOf: args.asOf,
      customers,
      firstOrderDay: this.firstOrderDay(d)
    });
    return { ...result, datasetId: d.id, dimension, values };
  }
}

function numberOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The requested period when it is one of `grain`, else the default one of the sheet. */
function pickPeriod(
  requested: string | null,
  grain: Grain,
  periods: readonly Period[],
  asOf: string
): Period {
  const asked = requested ? periodFromKey(requested) : null;
  if (asked && asked.grain === grain) return asked;
  const fallback = defaultPeriod(periods, asOf);
  if (fallback) return fallback;
  // An empty sheet: the period of the last day with data (the day before the as-of date).
  return periodOf(addDays(asOf, -1), grain);
}
