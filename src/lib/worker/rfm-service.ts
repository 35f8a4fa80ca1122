// The worker's RFM session: customer base per (dataset, as-of) from SQL, scoring and summaries in
// JS, cached so a change of bins, method or rules re-scores without touching the database.
import type { Database } from 'sql.js';
import {
  buildCustomerBaseSql,
  buildCustomerOrdersSql,
  buildMaxDateSql,
  toCustomerBase
} from '$lib/analysis/sql';
import {
  customerPredicate,
  matchSegment,
  scoreCustomers,
  segmentName,
  sortCustomers,
  summarize,
  type CustomerBase,
  type CustomerFilter,
  type CustomerSort,
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
  RfmPoints,
  RfmSettings,
  RfmSummary,
  SqlValue
} from '$lib/db/protocol';
import { rfmBaseQuery, shownTableOf } from '$lib/analysis/show-sql';
import { buildDimensionRevenueSql, mergeBreakdown, type Breakdown } from '$lib/analysis/breakdown';

function queryRows(db: Database, sql: string, params: SqlValue[]): SqlValue[][] {
  const stmt = db.prepare(sql);
  stmt.bind(params);
  const rows: SqlValue[][] = [];
  while (stmt.step()) rows.push(stmt.get() as SqlValue[]);
  stmt.free();
  return rows;
}

/** Dimension columns of a dataset, in table order. */
export function datasetDimensions(d: DatasetInfo) {
  return d.columns
    .filter((c) => c.role === 'dimension')
    .map((c) => ({ name: c.name, header: c.header }));
}

export class RfmService {
  private base: {
    key: string;
    rows: CustomerBase[];
    ms: number;
    asOf: string;
    /** Each customer's dimension values (DOMAIN §8), once something needed them. */
    dims: Map<string, (string | null)[]> | null;
  } | null = null;
  private scored: {
    key: string;
    datasetId: number;
    result: ScoreResult;
    settings: RfmSettings;
    asOf: string;
  } | null = null;
  private view: { key: string; rows: ScoredCustomer[] } | null = null;

  constructor(private db: Database) {}

  /** Forgets everything (data changed). */
  reset() {
    this.base = this.scored = this.view = null;
  }

  summary(d: DatasetInfo, settings: RfmSettings): RfmSummary {
    const started = performance.now();
    const [maxDate, defaultAsOf] = queryRows(
      this.db,
      ...sqlArgs(buildMaxDateSql(d.table, { kind: d.kind }))
    )[0] as [string | null, string | null];
    const asOf = settings.asOf ?? defaultAsOf ?? new Date().toISOString().slice(0, 10);
    const dims = datasetDimensions(d);
    const baseKey = `${d.id}|${asOf}`;
    if (this.base?.key !== baseKey) {
      // Without dimensions: each one costs seconds at a million rows; they load when needed.
      const t = performance.now();
      const rows = queryRows(this.db, ...sqlArgs(rfmBaseQuery(shownTableOf(d), asOf))).map(
        toCustomerBase
      );
      this.base = { key: baseKey, rows, ms: performance.now() - t, asOf, dims: null };
      this.scored = this.view = null;
    }
    const scoreKey = JSON.stringify([
      baseKey,
      settings.scoring,
      settings.rules,
      settings.quadrantSplit
    ]);
    const t = performance.now();
    if (this.scored?.key !== scoreKey) {
      const result = scoreCustomers(this.base.rows, settings.scoring, settings.rules, {
        quadrantSplit: settings.quadrantSplit
      });
      this.scored = { key: scoreKey, datasetId: d.id, result, settings, asOf };
      this.view = null;
      if (this.base.dims) this.applyDims(this.base.dims);
    }
    const { result } = this.scored;
    const data = summarize(result, settings.rules, settings.scoring.bins);
    return {
      datasetId: d.id,
      kind: d.kind,
      asOf,
      defaultAsOf: defaultAsOf ?? asOf,
      maxDate,
      dimensions: dims,
      bins: result.bins,
      warnings: result.warnings,
      means: result.means,
      medians: result.medians,
      ...data,
      timings: {
        baseMs: Math.round(this.base.ms),
        scoreMs: Math.round(performance.now() - t),
        totalMs: Math.round(performance.now() - started)
      }
    };
  }

  /** The customer base of (dataset, as-of): the one the RFM analysis cached, when it matches. */
  customerBase(d: DatasetInfo, asOf: string): CustomerBase[] {
    if (this.base?.key === `${d.id}|${asOf}`) return this.base.rows;
    return queryRows(this.db, ...sqlArgs(rfmBaseQuery(shownTableOf(d), asOf))).map(toCustomerBase);
  }

  /** Loads every customer's dimension values once per (dataset, as-of) and attaches them. */
  private ensureDims(d: DatasetInfo) {
    const base = this.base;
    if (!base || base.dims) return;
    const names = datasetDimensions(d).map((x) => x.name);
    const dims = new Map<string, (string | null)[]>();
    if (names.length) {
      for (const row of queryRows(this.db, ...sqlArgs(baseQuery(d, base.asOf, names)))) {
        const c = toCustomerBase(row);
        dims.set(c.customerId, c.dims);
      }
    }
    base.dims = dims;
    for (const c of base.rows) c.dims = dims.get(c.customerId) ?? [];
    this.applyDims(dims);
  }

  private applyDims(dims: Map<string, (string | null)[]>) {
    for (const c of this.scored?.result.scored ?? []) c.dims = dims.get(c.customerId) ?? [];
    for (const c of this.scored?.result.noPurchase ?? []) c.dims = dims.get(c.customerId) ?? [];
  }

  private requireScored() {
    if (!this.scored) throw new Error('rfm summary first');
    return this.scored;
  }

  /** The current analysis of `d` (scored customers, as-of, rules), or null before its summary. */
  current(d: DatasetInfo) {
    return this.scored?.datasetId === d.id ? this.scored : null;
  }

  /** Frequency, monetary and quadrant of every scored customer, for the scatter. */
  points(): RfmPoints {
    const { scored } = this.requireScored().result;
    return {
      ids: scored.map((c) => c.customerId),
      frequency: Float64Array.from(scored, (c) => c.frequency),
      monetary: Float64Array.from(scored, (c) => c.monetary),
      quadrant: scored.map((c) => c.quadrant),
      segment: scored.map((c) => c.segment)
    };
  }

  private filtered(filter: CustomerFilter, sort: CustomerSort): ScoredCustomer[] {
    const s = this.requireScored();
    const key = JSON.stringify([s.key, filter, sort]);
    if (this.view?.key !== key) {
      const keep = customerPredicate(filter);
      this.view = { key, rows: sortCustomers(s.result.scored.filter(keep), sort) };
    }
    return this.view.rows;
  }

  customers(
    d: DatasetInfo,
    filter: CustomerFilter,
    sort: CustomerSort,
    offset: number,
    limit: number
  ): CustomersPage {
    if (filter.dim) this.ensureDims(d);
    const rows = this.filtered(filter, sort);
    return { total: rows.length, offset, rows: rows.slice(offset, offset + limit) };
  }

  customer(d: DatasetInfo, customerId: string): CustomerDetail {
    const s = this.requireScored();
    const customer = s.result.scored.find((c) => c.customerId === customerId) ?? null;
    const match = customer
      ? matchSegment(customer.rScore, customer.fScore, customer.mScore, s.settings.rules)
      : null;
    let orders: CustomerDetail['orders'] = [];
    if (d.kind === 'transactions') {
      const hasOrderId = d.columns.some((c) => c.role === 'order_id' && c.header !== '');
      const q = buildCustomerOrdersSql({ table: d.table, customerId, asOf: s.asOf, hasOrderId });
      orders = queryRows(this.db, q.sql, q.params).map(([date, orderId, amount, lines]) => ({
        date: String(date),
        orderId: orderId === null ? null : String(orderId),
        amount: Number(amount),
        lines: Number(lines)
      }));
    }
    return { customer, match, orders };
  }

  breakdown(d: DatasetInfo, dimIndex: number): Breakdown {
    const s = this.requireScored();
    this.ensureDims(d);
    const dim = datasetDimensions(d)[dimIndex];
    if (!dim) throw new Error(`no dimension ${dimIndex}`);
    const revenue =
      d.kind === 'transactions'
        ? queryRows(this.db, ...sqlArgs(buildDimensionRevenueSql(d.table, dim.name, s.asOf)))
        : null;
    return mergeBreakdown(s.result.scored, dimIndex, s.settings.rules, revenue);
  }

  /** The filtered, sorted customers in the DOMAIN §9 layout, as CSV text or XLSX bytes. */
  async exportCustomers(
    d: DatasetInfo,
    filter: CustomerFilter,
    sort: CustomerSort,
    format: 'csv' | 'xlsx',
    locale: 'en' | 'zh-CN',
    extra: Pick<CustomerExportOptions, 'clv' | 'lifecycle'> = {}
  ): Promise<Blob> {
    const s = this.requireScored();
    this.ensureDims(d);
    const rows = this.filtered(filter, sort);
    const dims = datasetDimensions(d);
    const opts: CustomerExportOptions = {
      ...extra,
      locale,
      segmentName: (id: string) => segmentName(id, s.settings.rules, locale),
      dimensionHeaders: dims.map((x) => x.header)
    };
    const header = customerExportHeader(opts);
    const cells = customerExportRows(rows, opts);
    if (format === 'csv')
      return new Blob([toCsv(header, cells)], { type: 'text/csv;charset=utf-8' });
    const { toXlsx, XLSX_MIME } = await import('$lib/export/xlsx');
    const sheet = locale === 'zh-CN' ? '客户' : 'Customers';
    return new Blob([toXlsx([{ name: sheet, header, rows: cells }])], { type: XLSX_MIME });
  }
}

/** The customer base query of a dataset with the given dimension columns. */
function baseQuery(d: DatasetInfo, asOf: string, dimensions: string[]) {
  if (d.kind === 'customers') {
    return buildCustomerBaseSql({ kind: 'customers', table: d.table, asOf, dimensions });
  }
  const hasOrderId = d.columns.some((c) => c.role === 'order_id' && c.header !== '');
  return buildCustomerBaseSql({
    kind: 'transactions',
    table: d.table,
    asOf,
    hasOrderId,
    dimensions
  });
}

function sqlArgs(q: { sql: string; params: SqlValue[] }): [string, SqlValue[]] {
  return [q.sql, q.params];
}
