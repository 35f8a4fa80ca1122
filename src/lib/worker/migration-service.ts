// The worker's segment migration: customer bases at two as-of dates, scored with the user's
// settings, joined and summarized; the last join is cached for the flows' customer lists.
import type { Database } from 'sql.js';
import { buildCustomerBaseSql, toCustomerBase } from '$lib/analysis/sql';
import { scoreCustomers, type ScoreResult } from '$lib/analysis';
import {
  flowCustomers,
  groupOrder,
  joinMigration,
  summarizeMigration,
  type MigrationCustomer,
  type MigrationGrouping
} from '$lib/analysis/migration';
import { IngestError } from '$lib/ingest/inspect';
import type { DatasetInfo, MigrationSummary, RfmSettings, SqlValue } from '$lib/db/protocol';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class MigrationService {
  /** The last join; a new grouping or flow reuses it. */
  private last: {
    key: string;
    customers: MigrationCustomer[];
    groups: Record<MigrationGrouping, string[]>;
  } | null = null;

  constructor(private db: Database) {}

  /** Forgets everything (data changed). */
  reset() {
    this.last = null;
  }

  /** Flows from date A to date B, grouped by segment or 8-class. */
  flows(
    d: DatasetInfo,
    settings: RfmSettings,
    asOfA: string,
    asOfB: string,
    grouping: MigrationGrouping
  ): MigrationSummary {
    const started = performance.now();
    const { customers, groups } = this.join(d, settings, asOfA, asOfB);
    return {
      datasetId: d.id,
      asOfA,
      asOfB,
      ...summarizeMigration(customers, grouping, groups[grouping]),
      elapsedMs: Math.round(performance.now() - started)
    };
  }

  /** The customers of one flow of the last migration, by revenue between the dates. */
  customers(
    d: DatasetInfo,
    settings: RfmSettings,
    asOfA: string,
    asOfB: string,
    grouping: MigrationGrouping,
    from: string,
    to: string
  ): MigrationCustomer[] {
    const { customers } = this.join(d, settings, asOfA, asOfB);
    return flowCustomers(customers, grouping, from, to);
  }

  private join(d: DatasetInfo, settings: RfmSettings, asOfA: string, asOfB: string) {
    if (d.kind !== 'transactions') throw new IngestError('migration_needs_transactions');
    if (!ISO_DATE.test(asOfA) || !ISO_DATE.test(asOfB) || asOfA >= asOfB)
      throw new IngestError('migration_bad_dates', { a: asOfA, b: asOfB });
    const key = JSON.stringify([
      d.id,
      asOfA,
      asOfB,
      settings.scoring,
      settings.rules,
      settings.quadrantSplit
    ]);
    if (this.last?.key !== key) {
      const customers = joinMigration(
        this.score(d, settings, asOfA),
        this.score(d, settings, asOfB)
      );
      const groups = {
        segment: groupOrder('segment', settings.rules),
        class8: groupOrder('class8', settings.rules)
      };
      this.last = { key, customers, groups };
    }
    return this.last;
  }

  /** The customer base at `asOf` (the same query as the RFM views), scored with `settings`. */
  private score(d: DatasetInfo, settings: RfmSettings, asOf: string): ScoreResult {
    const hasOrderId = d.columns.some((c) => c.role === 'order_id' && c.header !== '');
    const q = buildCustomerBaseSql({
      kind: 'transactions',
      table: d.table,
      asOf,
      hasOrderId,
      dimensions: []
    });
    const stmt = this.db.prepare(q.sql);
    stmt.bind(q.params);
    const rows = [];
    while (stmt.step()) rows.push(toCustomerBase(stmt.get() as SqlValue[]));
    stmt.free();
    return scoreCustomers(rows, settings.scoring, settings.rules, {
      quadrantSplit: settings.quadrantSplit
    });
  }
}
