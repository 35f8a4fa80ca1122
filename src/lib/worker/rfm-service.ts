// The worker's RFM session: customer base per (dataset, as-of) from SQL, scoring and summaries in
// JS, cached so a change of bins, method or rules re-scores without touching the database.
import type { Database } from 'sql.js';
import { buildCustomerBaseSql, buildCustomerOrdersSql, toCustomerBase } from '$lib/analysis/sql';
import {
  customerPredicate,
  distribution,
  matchSegment,
  PreparedBase,
  scoreCustomers,
  scoredIfMade,
  segmentName,
  sortCustomers,
  summarize,
  type CustomerBase,
  type CustomerFilter,
  type CustomerSort,
  type RfmDistributionData,
  type ScoredCustomer,
  type ScoreResult
} from '$lib/analysis';
import {
  customerExportHeader,
  customerExportRows,
  type CustomerExportOptions
} from '$lib/export/customers';
import { toCsv } from '$lib/export/csv';
import type {
  CustomerDetail,
  CustomersPage,
  DatasetInfo,
  RfmDistribution,
  RfmKey,
  RfmPoints,
  RfmSummary
} from '$lib/db/protocol';
import { rfmBaseQuery, shownTableOf } from '$lib/analysis/show-sql';
import { buildDimensionRevenueSql, mergeBreakdown, type Breakdown } from '$lib/analysis/breakdown';
import { bandDimension, profileValues, type BandSetting } from '$lib/analysis/bands';
import { selectRows } from './sql-run';
import { createIndexes } from './import';
import { datasetTables } from './schema';
import { filterKey } from '$lib/analysis/data-filter';
import type { XlsxSheet } from '$lib/export/xlsx';
import { hasProfitColumn } from '$lib/analysis/profit';
import type { MonetaryBasis } from '$lib/analysis/score';
import { loadCustomerProfit } from './profit-service';
import { OrderBooks } from './order-books';
import { addDays } from '$lib/analysis/dates';

/** The customer base of a dataset at `asOf` (DOMAIN §3), as the RFM views and Show SQL run it. */
export function loadCustomerBase(db: Database, d: DatasetInfo, asOf: string): CustomerBase[] {
  // Its latest-name lookup needs the index the import builds in a quiet moment: build it now.
  if (d.table === datasetTables(d.id, d.kind).table) createIndexes(db, d);
  return selectRows(db, rfmBaseQuery(shownTableOf(d), asOf)).map(toCustomerBase);
}

/** The scored customers of one analysis key. */
interface Scored {
  key: string;
  result: ScoreResult;
  rfm: RfmKey;
}

/** A customer base at one (dataset, filter, as-of), with what its scorings share. */
interface Base {
  key: string;
  /** The base's rows come from here (made on first read when the base is the book's columns). */
  prepared: PreparedBase;
  ms: number;
  asOf: string;
  /** Each customer's dimension values (DOMAIN §8), once something needed them. */
  dims: Map<string, (string | null)[]> | null;
  /** Each customer's profit is set on `rows`, once scoring on profit needed it. */
  hasProfit: boolean;
  /** Its concentration and histograms (every scoring of the base has the same). */
  distribution: RfmDistributionData | null;
  /** Its last scoring (moving back to this base reuses it). */
  scored: Scored | null;
}

/** How many bases are kept: the open one and the one before it (at 5M orders each is ~0.1 GB). */
const RECENT_BASES = 2;

/** How much earlier than the last summary's as-of date each rehearsal looks (a quarter more). */
const REHEARSAL_DAYS = 90;
/**
 * Rehearsals after an import: V8 compiles a function that runs once per change fully only after
 * a few calls (each first call runs its loops in slower code until compiled on the fly).
 */
export const REHEARSALS = 3;

export class RfmService {
  private base: Base | null = null;
  /** The last bases, the open one included: moving the as-of date back makes no new base. */
  private recent = new Map<string, Base>();
  private view: { key: string; rows: ScoredCustomer[] } | null = null;
  /** The analysis the page last drew: only what {@link rehearseAsOfChange} repeats. */
  private lastSummary: { d: DatasetInfo; key: RfmKey } | null = null;

  /** `books`: the worker's order books (a service of its own keeps its own). */
  constructor(
    private db: Database,
    private books: OrderBooks = new OrderBooks()
  ) {}

  /** Forgets everything (data changed). */
  reset() {
    this.base = this.view = this.lastSummary = null;
    this.recent.clear();
  }

  /** The customer base of (dataset, as-of), cached: every scoring of that date starts from it. */
  customerBase(d: DatasetInfo, asOf: string): readonly CustomerBase[] {
    return this.baseOf(d, asOf).prepared.rows;
  }

  private baseOf(d: DatasetInfo, asOf: string) {
    // `d.table` is the filtered copy when a filter is in force: one cache entry per filter.
    const key = `${d.id}|${d.table}|${asOf}`;
    if (this.base?.key === key) return this.base;
    this.view = null;
    const recent = this.recent.get(key);
    if (recent) {
      this.base = recent;
    } else {
      const t = performance.now();
      this.base = {
        key,
        prepared: this.newBase(d, asOf),
        ms: performance.now() - t,
        asOf,
        dims: null,
        hasProfit: false,
        distribution: null,
        scored: null
      };
    }
    this.recent.delete(key);
    this.recent.set(key, this.base);
    for (const old of this.recent.keys()) {
      if (this.recent.size <= RECENT_BASES) break;
      this.recent.delete(old);
    }
    return this.base;
  }

  /**
   * A customer base, not kept. Without dimensions: each one costs seconds at a million rows; they
   * load when needed. Orders come from the order book (one pass over the orders, no SQL at a new
   * as-of). What a scoring shares (value orders, means, medians, ABC tiers) is kept with it.
   */
  private newBase(d: DatasetInfo, asOf: string): PreparedBase {
    return new PreparedBase(
      d.kind === 'transactions'
        ? this.books.of(this.db, d).customerColumns(asOf)
        : loadCustomerBase(this.db, d, asOf)
    );
  }

  /** The scores of `rfm` on a prepared base, not kept. */
  private static score(prepared: PreparedBase, rfm: RfmKey, basis: MonetaryBasis) {
    return scoreCustomers(prepared.base, rfm.scoring, rfm.rules, {
      quadrantSplit: rfm.quadrantSplit,
      monetaryBasis: basis,
      prepared
    });
  }

  /** The scored customers of `key`: from the cache when the key is the last one asked for. */
  private scoredOf(d: DatasetInfo, rfm: RfmKey): Scored {
    const base = this.baseOf(d, rfm.asOf);
    const basis = monetaryBasisOf(d, rfm);
    const key = JSON.stringify([base.key, rfm.scoring, rfm.rules, rfm.quadrantSplit, basis]);
    if (base.scored?.key !== key) {
      if (basis === 'profit' && !base.hasProfit) {
        const { customers } = loadCustomerProfit(this.db, d.table, rfm.asOf);
        const profit = new Map(customers.map((c) => [c.customerId, c.profit]));
        for (const c of base.prepared.rows) c.profit = profit.get(c.customerId) ?? 0;
        base.hasProfit = true;
      }
      base.scored = { key, result: RfmService.score(base.prepared, rfm, basis), rfm };
      this.view = null;
    }
    return base.scored;
  }

  /** Scores `key`'s customers ahead of the request that will want them (kept as the last ones). */
  prepareScores(d: DatasetInfo, key: RfmKey) {
    this.scoredOf(d, key);
  }

  /**
   * Runs the last summary's analysis once more at an earlier as-of date (`round` quarters earlier)
   * and forgets it, when the dataset's order book has its timeline: for the quiet moments after
   * the timelines are made, so that the first as-of change a person makes runs compiled code. In
   * the bench (100k customers) that change took the worker 139–151 ms without, 102–157 ms after
   * {@link REHEARSALS}. Nothing kept changes; no answer depends on it.
   */
  rehearseAsOfChange(round: number) {
    const last = this.lastSummary;
    if (!last || last.d.kind !== 'transactions') return;
    const { d, key } = last;
    const basis = monetaryBasisOf(d, key);
    if (basis === 'profit' || !this.books.hasTimeline(this.db, d)) return;
    const prepared = this.newBase(d, addDays(key.asOf, -REHEARSAL_DAYS * round));
    summarize(RfmService.score(prepared, key, basis), key.scoring.bins);
  }

  summary(d: DatasetInfo, key: RfmKey): RfmSummary {
    const started = performance.now();
    this.lastSummary = { d, key };
    const base = this.baseOf(d, key.asOf);
    const t = performance.now();
    const { result } = this.scoredOf(d, key);
    const data = summarize(result, key.scoring.bins);
    return {
      datasetId: d.id,
      kind: d.kind,
      asOf: key.asOf,
      filterKey: filterKey(key.filter),
      dimensions: d.dimensions,
      bins: result.bins,
      warnings: result.warnings,
      means: result.means,
      medians: result.medians,
      ...data,
      monetaryBasis: monetaryBasisOf(d, key),
      hasProfit: hasProfitColumn(d),
      timings: {
        baseMs: Math.round(base.ms),
        scoreMs: Math.round(performance.now() - t),
        totalMs: Math.round(performance.now() - started)
      }
    };
  }

  /** The concentration and histograms of `key`'s customer base (kept with the base). */
  distribution(d: DatasetInfo, key: RfmKey): RfmDistribution {
    const base = this.baseOf(d, key.asOf);
    const { result } = this.scoredOf(d, key);
    base.distribution ??= distribution(result, base.prepared.order('monetary'));
    return {
      datasetId: d.id,
      asOf: key.asOf,
      filterKey: filterKey(key.filter),
      ...base.distribution
    };
  }

  /** Loads every customer's dimension values once per (dataset, as-of) and attaches them. */
  private ensureDims(d: DatasetInfo, asOf: string) {
    const base = this.baseOf(d, asOf);
    if (base.dims) return;
    const names = d.dimensions.map((x) => x.name);
    const dims = new Map<string, (string | null)[]>();
    if (names.length) {
      for (const row of selectRows(this.db, baseQuery(d, base.asOf, names))) {
        const c = toCustomerBase(row);
        dims.set(c.customerId, c.dims);
      }
    }
    base.dims = dims;
    for (const c of base.prepared.rows) c.dims = dims.get(c.customerId) ?? [];
    this.applyDims(dims);
  }

  /**
   * Gives the scored customers already made their dimension values (those made later copy them
   * from the base rows, which also are the no-purchase customers).
   */
  private applyDims(dims: Map<string, (string | null)[]>) {
    const made = this.base?.scored ? scoredIfMade(this.base.scored.result) : null;
    for (const c of made ?? []) c.dims = dims.get(c.customerId) ?? [];
  }

  /** The scored customers of `key` with their dimension values (DOMAIN §8). */
  scoredWithDims(d: DatasetInfo, key: RfmKey): readonly ScoredCustomer[] {
    const { result } = this.scoredOf(d, key);
    this.ensureDims(d, key.asOf);
    return result.scored;
  }

  /** Frequency, monetary and quadrant of every scored customer, for the scatter. */
  points(d: DatasetInfo, key: RfmKey): RfmPoints {
    const { scored } = this.scoredOf(d, key).result;
    return {
      ids: scored.map((c) => c.customerId),
      frequency: Float64Array.from(scored, (c) => c.frequency),
      monetary: Float64Array.from(scored, (c) => c.monetary),
      quadrant: scored.map((c) => c.quadrant),
      segment: scored.map((c) => c.segment)
    };
  }

  private filtered(
    d: DatasetInfo,
    key: RfmKey,
    filter: CustomerFilter,
    sort: CustomerSort
  ): ScoredCustomer[] {
    const s = this.scoredOf(d, key);
    if (filter.dim) this.ensureDims(d, key.asOf);
    const viewKey = JSON.stringify([s.key, filter, sort]);
    if (this.view?.key !== viewKey) {
      const keep = customerPredicate(filter);
      this.view = { key: viewKey, rows: sortCustomers(s.result.scored.filter(keep), sort) };
    }
    return this.view.rows;
  }

  customers(
    d: DatasetInfo,
    key: RfmKey,
    filter: CustomerFilter,
    sort: CustomerSort,
    offset: number,
    limit: number
  ): CustomersPage {
    // Every customer list shows the owner and region, which are dimension values (DOMAIN §8).
    this.ensureDims(d, key.asOf);
    const rows = this.filtered(d, key, filter, sort);
    return { total: rows.length, offset, rows: rows.slice(offset, offset + limit) };
  }

  customer(d: DatasetInfo, key: RfmKey, customerId: string): CustomerDetail {
    const s = this.scoredOf(d, key);
    const customer = s.result.scored.find((c) => c.customerId === customerId) ?? null;
    const match = customer
      ? matchSegment(customer.rScore, customer.fScore, customer.mScore, key.rules)
      : null;
    let orders: CustomerDetail['orders'] = [];
    if (d.kind === 'transactions') {
      const q = buildCustomerOrdersSql({
        table: d.table,
        customerId,
        asOf: key.asOf,
        hasOrderId: d.hasOrderId
      });
      orders = selectRows(this.db, q).map(([date, orderId, amount, lines]) => ({
        date: String(date),
        orderId: orderId === null ? null : String(orderId),
        amount: Number(amount),
        lines: Number(lines)
      }));
    }
    return { customer, match, orders };
  }

  /** Customers, revenue and segments by one dimension, in bands when it holds numbers. */
  breakdown(d: DatasetInfo, key: RfmKey, dimIndex: number, bands: BandSetting): Breakdown {
    const scored = this.scoredWithDims(d, key);
    const dim = d.dimensions[dimIndex];
    if (!dim) throw new Error(`no dimension ${dimIndex}`);
    const revenue =
      d.kind === 'transactions'
        ? selectRows(this.db, buildDimensionRevenueSql(d.table, dim.name, key.asOf))
        : null;
    const values = scored.map((c) => c.dims[dimIndex] ?? null);
    const numeric = profileValues(values);
    const banding = bandDimension(dim.header, values, bands, numeric);
    return mergeBreakdown(scored, dimIndex, key.rules, revenue, banding, numeric);
  }

  /** The filtered, sorted customers in the DOMAIN §9 layout, as CSV text or XLSX bytes. */
  async exportCustomers(
    d: DatasetInfo,
    key: RfmKey,
    filter: CustomerFilter,
    sort: CustomerSort,
    format: 'csv' | 'xlsx',
    locale: 'en' | 'zh-CN',
    extra: Pick<CustomerExportOptions, 'clv' | 'lifecycle'> & { filterSheet?: XlsxSheet } = {}
  ): Promise<Blob> {
    this.ensureDims(d, key.asOf);
    const rows = this.filtered(d, key, filter, sort);
    const { filterSheet, ...columns } = extra;
    const opts: CustomerExportOptions = {
      ...columns,
      monetaryBasis: monetaryBasisOf(d, key),
      locale,
      segmentName: (id: string) => segmentName(id, key.rules, locale),
      dimensionHeaders: d.dimensions.map((x) => x.header)
    };
    const header = customerExportHeader(opts);
    const cells = customerExportRows(rows, opts);
    if (format === 'csv')
      return new Blob([toCsv(header, cells)], { type: 'text/csv;charset=utf-8' });
    const { toXlsx, XLSX_MIME } = await import('$lib/export/xlsx');
    const sheet = locale === 'zh-CN' ? '客户' : 'Customers';
    const sheets = [{ name: sheet, header, rows: cells }, ...(filterSheet ? [filterSheet] : [])];
    return new Blob([toXlsx(sheets)], { type: XLSX_MIME });
  }
}

/** What M and the ABC tiers are scored on: profit when asked for and the orders carry it. */
export function monetaryBasisOf(d: DatasetInfo, key: Pick<RfmKey, 'monetaryBasis'>): MonetaryBasis {
  return key.monetaryBasis === 'profit' && hasProfitColumn(d) ? 'profit' : 'revenue';
}

/** The customer base query of a dataset with the given dimension columns. */
function baseQuery(d: DatasetInfo, asOf: string, dimensions: string[]) {
  if (d.kind === 'customers') {
    return buildCustomerBaseSql({ kind: 'customers', table: d.table, asOf, dimensions });
  }
  return buildCustomerBaseSql({
    kind: 'transactions',
    table: d.table,
    asOf,
    hasOrderId: d.hasOrderId,
    dimensions
  });
}
