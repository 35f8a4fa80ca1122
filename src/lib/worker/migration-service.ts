// The worker's segment migration: customer bases at two as-of dates, scored with the user's
// settings, joined and summarized; the last join is cached for the flows' customer lists.
import type { Database } from 'sql.js';
import { scoreCustomers } from '$lib/analysis';
import { isIsoDay } from '$lib/analysis/dates';
import {
  flowCustomers,
  groupOrder,
  joinMigration,
  summarizeMigration,
  type MigrationCustomer,
  type MigrationGrouping
} from '$lib/analysis/migration';
import { AppError } from '$lib/db/errors';
import type { DatasetInfo, MigrationArgs, MigrationSummary } from '$lib/db/protocol';
import { OrderBooks } from './order-books';

export class MigrationService {
  /** The last join; a new grouping or flow reuses it. */
  private last: {
    key: string;
    customers: MigrationCustomer[];
    groups: Record<MigrationGrouping, string[]>;
  } | null = null;

  /** `books`: the worker's order books (the customer base at each date comes from one). */
  constructor(
    private db: Database,
    private books: OrderBooks = new OrderBooks()
  ) {}

  /** Forgets everything (data changed). */
  reset() {
    this.last = null;
  }

  /** Flows from date A to date B, grouped by segment or 8-class. */
  flows(d: DatasetInfo, args: MigrationArgs): MigrationSummary {
    const started = performance.now();
    const { customers, groups } = this.join(d, args);
    return {
      datasetId: d.id,
      asOfA: args.asOfA,
      asOfB: args.asOfB,
      ...summarizeMigration(customers, args.grouping, groups[args.grouping]),
      elapsedMs: Math.round(performance.now() - started)
    };
  }

  /** The customers of one flow, by revenue between the dates. */
  customers(d: DatasetInfo, args: MigrationArgs, from: string, to: string): MigrationCustomer[] {
    return flowCustomers(this.join(d, args).customers, args.grouping, from, to);
  }

  private join(d: DatasetInfo, { asOfA, asOfB, scoring }: MigrationArgs) {
    if (d.kind !== 'transactions') throw new AppError('migration_needs_transactions');
    if (!isIsoDay(asOfA) || !isIsoDay(asOfB) || asOfA >= asOfB)
      throw new AppError('migration_bad_dates', { a: asOfA, b: asOfB });
    const key = JSON.stringify([d.id, d.table, asOfA, asOfB, scoring]);
    if (this.last?.key !== key) {
      const score = (asOf: string) =>
        scoreCustomers(
          this.books.of(this.db, d).customerBase(asOf),
          scoring.scoring,
          scoring.rules,
          { quadrantSplit: scoring.quadrantSplit }
        );
      const customers = joinMigration(score(asOfA), score(asOfB));
      const groups = {
        segment: groupOrder('segment', scoring.rules),
        class8: groupOrder('class8', scoring.rules)
      };
      this.last = { key, customers, groups };
    }
    return this.last;
  }
}
