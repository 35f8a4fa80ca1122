// The worker's scorecard: the purchases and revenue of (table, as-of, dimension) read once and kept,
// each customer's book value read once a fitted model needs it, and the books as XLSX (DOMAIN §7a, §9).
import type { Database } from 'sql.js';
import { segmentName, type ScoredCustomer } from '$lib/analysis';
import { lifecycleStage } from '$lib/analysis/lifecycle';
import { isIncomplete, periodFromKey } from '$lib/analysis/period';
import { buildCustomerBaseSql } from '$lib/analysis/sql';
import { booksOf } from '$lib/analysis/scorecard-book';
import { buildScorecardPurchasesSql, buildScorecardRevenueSql } from '$lib/analysis/scorecard-sql';
import {
  computeScorecard,
  toScorecardData,
  valueAtStakeByBook,
  type ScorecardData
} from '$lib/analysis/scorecard';
import type { ClvResult } from '$lib/analysis/clv/model';
import {
  customerExportHeader,
  customerExportRows,
  lifecycleName,
  type CustomerClv,
  type CustomerExportOptions
} from '$lib/export/customers';
import teamEn from '$lib/i18n/messages/scorecard.en.json';
import teamZh from '$lib/i18n/messages/scorecard.zh-CN.json';
import { AppError } from '$lib/db/errors';
import type { DatasetInfo } from '$lib/db/protocol';
import type { BookExportArgs, ScorecardArgs, ScorecardSummary } from '$lib/db/team-protocol';
import { valueAtStake } from './churn-service';
import type { RfmService } from './rfm-service';
import { selectRows } from './sql-run';

/** The name of the book of rows without a value, per language (also the sheet name). */
const NO_VALUE = { en: teamEn['scorecard.noValue'], 'zh-CN': teamZh['scorecard.noValue'] } as const;

export class ScorecardService {
  private data: { key: string; data: ScorecardData } | null = null;
  private bookValues: { key: string; bookOf: Map<string, string | null> } | null = null;

  constructor(
    private db: Database,
    private rfm: RfmService
  ) {}

  /** Forgets everything (data changed). */
  reset() {
    this.data = this.bookValues = null;
  }

  /** The dimension's SQL name, checked against the dataset (never trusted into SQL unchecked). */
  private dimensionOf(d: DatasetInfo, name: string) {
    const index = d.dimensions.findIndex((x) => x.name === name);
    if (index < 0) throw new AppError('filter_unknown_column', { column: name, dataset: d.name });
    return index;
  }

  private dataOf(d: DatasetInfo, asOf: string, dimension: string): ScorecardData {
    const key = JSON.stringify([d.id, d.table, asOf, dimension]);
    if (this.data?.key !== key) {
      const opts = { table: d.table, asOf, dimension };
      const purchases = selectRows(
        this.db,
        buildScorecardPurchasesSql({ ...opts, hasOrderId: d.hasOrderId })
      );
      const revenue = selectRows(this.db, buildScorecardRevenueSql(opts));
      this.data = { key, data: toScorecardData(purchases, revenue) };
    }
    return this.data.data;
  }

  /** Each customer's dimension value (DOMAIN §8), by the customer base query that RFM runs. */
  private bookOf(d: DatasetInfo, asOf: string, dimension: string): Map<string, string | null> {
    const key = JSON.stringify([d.id, d.table, asOf, dimension]);
    if (this.bookValues?.key !== key) {
      const q = buildCustomerBaseSql({
        kind: 'transactions',
        table: d.table,
        asOf,
        hasOrderId: d.hasOrderId,
        dimensions: [dimension]
      });
      const bookOf = new Map<string, string | null>();
      // customer_id first, the one dimension last.
      for (const row of selectRows(this.db, q))
        bookOf.set(String(row[0]), row[row.length - 1] === null ? null : String(row.at(-1)));
      this.bookValues = { key, bookOf };
    }
    return this.bookValues.bookOf;
  }

  /** The scorecard of `args`; `model` is the fitted CLV model when `args.model` names one. */
  summary(d: DatasetInfo, args: ScorecardArgs, model: ClvResult | null): ScorecardSummary {
    if (d.kind !== 'transactions') throw new AppError('team_needs_transactions');
    const started = performance.now();
    this.dimensionOf(d, args.dimension);
    const period = periodFromKey(args.period);
    if (!period || period.grain !== args.grain) throw new Error(`bad period ${args.period}`);
    const data = this.dataOf(d, args.asOf, args.dimension);
    let atStake: Map<string | null, number> | undefined;
    if (model) {
      const values = new Map(model.customers.map((v) => [v.customerId, valueAtStake(v)]));
      atStake = valueAtStakeByBook(values, this.bookOf(d, args.asOf, args.dimension));
    }
    const targets = args.targets ? new Map(args.targets) : undefined;
    const result = computeScorecard(data, {
      period,
      asOf: args.asOf,
      lapseDays: args.lapseDays,
      valueAtStake: atStake,
      targets
    });
    return {
      datasetId: d.id,
      asOf: args.asOf,
      dimension: args.dimension,
      ...result,
      isIncomplete: isIncomplete(period, args.asOf),
      lapseDays: args.lapseDays,
      hasValueAtStake: !!atStake,
      hasTargets: !!targets,
      elapsedMs: Math.round(performance.now() - started)
    };
  }

  /** One key's book, or every key's as one sheet each, as XLSX (DOMAIN §9 columns). */
  async exportBooks(
    d: DatasetInfo,
    args: BookExportArgs,
    clv: Map<string, CustomerClv> | undefined
  ): Promise<Blob> {
    if (d.kind !== 'transactions') throw new AppError('team_needs_transactions');
    const dimIndex = this.dimensionOf(d, args.dimension);
    const { key, locale } = args;
    const customers: readonly ScoredCustomer[] = this.rfm.scoredWithDims(d, key);
    const books = booksOf(customers, dimIndex, args.bookKey ? [args.bookKey.value] : undefined);
    const opts: CustomerExportOptions = {
      locale,
      clv,
      segmentName: (id: string) => segmentName(id, key.rules, locale),
      dimensionHeaders: d.dimensions.map((x) => x.header),
      lifecycle: (c) => lifecycleName(lifecycleStage(c, args.lifecycle, key.asOf), locale)
    };
    const header = customerExportHeader(opts);
    const { toXlsx, XLSX_MIME } = await import('$lib/export/xlsx');
    // toXlsx makes each name valid for Excel and unique (≤ 31 characters, no []:*?/\).
    const sheets = books.map((b) => ({
      name: b.key ?? NO_VALUE[locale],
      header,
      rows: customerExportRows(b.customers, opts)
    }));
    // No scored customer at all: one empty book rather than no workbook.
    if (sheets.length === 0) sheets.push({ name: NO_VALUE[locale], header, rows: [] });
    return new Blob([toXlsx(sheets)], { type: XLSX_MIME });
  }
}
