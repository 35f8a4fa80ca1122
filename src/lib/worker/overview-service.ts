// The worker's Overview headline: the purchases and revenue of all rows (the scorecard's two reads
// with no dimension) read once per (table, as-of) and compared over three 90-day windows.
import type { Database } from 'sql.js';
import { buildScorecardPurchasesSql, buildScorecardRevenueSql } from '$lib/analysis/scorecard-sql';
import { toScorecardData, type ScorecardData } from '$lib/analysis/scorecard';
import { computeHeadline } from '$lib/analysis/overview/headline';
import { AppError } from '$lib/db/errors';
import type { DatasetInfo } from '$lib/db/protocol';
import type { HeadlineArgs, HeadlineResult } from '$lib/db/overview-protocol';
import { selectRows } from './sql-run';

export class OverviewService {
  private data: { key: string; data: ScorecardData } | null = null;

  constructor(private db: Database) {}

  private dataOf(d: DatasetInfo, asOf: string): ScorecardData {
    const key = JSON.stringify([d.id, d.table, asOf]);
    if (this.data?.key !== key) {
      const opts = { table: d.table, asOf, dimension: null };
      const purchases = selectRows(
        this.db,
        buildScorecardPurchasesSql({ ...opts, hasOrderId: d.hasOrderId })
      );
      const revenue = selectRows(this.db, buildScorecardRevenueSql(opts));
      this.data = { key, data: toScorecardData(purchases, revenue) };
    }
    return this.data.data;
  }

  /** The headline of `d` (the rows the request's filter keeps) at the request's as-of date. */
  headline(d: DatasetInfo, args: HeadlineArgs): HeadlineResult {
    if (d.kind !== 'transactions') throw new AppError('team_needs_transactions');
    const headline = computeHeadline(this.dataOf(d, args.asOf), args.asOf, args.lapseDays);
    return { datasetId: d.id, asOf: args.asOf, ...headline };
  }
}
