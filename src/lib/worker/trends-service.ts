// The worker's trends by period and dimension: values ranked by revenue, then the order parts of
// the split summed per period; a few splits kept (per table, as-of, grain, dimension, top values).
// The ranking of movers reuses the split with every value on its own.
import type { Database } from 'sql.js';
import { aggregateTrendParts, rankMovers, toTrendSplit, type TrendSplit } from '$lib/analysis';
import { buildTrendPartsSql, buildValueRankSql } from '$lib/analysis/trends-sql';
import type { Grain } from '$lib/analysis/period';
import type { MoversOptions } from '$lib/analysis/trends-movers';
import { AppError } from '$lib/db/errors';
import type { DatasetInfo } from '$lib/db/protocol';
import type { TrendsMoversResult, TrendsResult } from '$lib/db/trends-protocol';
import { selectRows } from './sql-run';

/** Splits kept (a few toggles back and forth answer at once). */
const KEEP = 6;

export class TrendsService {
  private splits: { key: string; split: TrendSplit }[] = [];
  private ranks: { key: string; values: (string | null)[] } | null = null;

  constructor(private db: Database) {}

  /** Values of `dimension` by revenue, largest first (cached per table, as-of and dimension). */
  private valuesOf(d: DatasetInfo, asOf: string, dimension: string): (string | null)[] {
    const key = JSON.stringify([d.table, asOf, dimension]);
    if (this.ranks?.key !== key) {
      const rows = selectRows(this.db, buildValueRankSql({ table: d.table, asOf, dimension }));
      this.ranks = { key, values: rows.map((r) => (r[0] === null ? null : String(r[0]))) };
    }
    return this.ranks.values;
  }

  /** The split of `d` by `dimension`: its top `topN` values + others, or every value (topN null). */
  private split(
    d: DatasetInfo,
    asOf: string,
    grain: Grain,
    dimension: string | null,
    topN: number | null
  ): TrendSplit {
    if (d.kind !== 'transactions') throw new AppError('time_needs_transactions');
    if (dimension !== null && !d.dimensions.some((x) => x.name === dimension))
      throw new AppError('filter_unknown_column', { column: dimension, dataset: d.name });
    const values = dimension === null ? [] : this.valuesOf(d, asOf, dimension);
    const top = dimension === null || topN === null ? null : values.slice(0, Math.max(1, topN));
    // Every value fits: no "others", the same answer as "every value".
    const shown = top === null || top.length >= values.length ? null : top;
    const key = JSON.stringify([d.table, asOf, grain, dimension, shown]);
    const hit = this.splits.find((s) => s.key === key);
    if (hit) return hit.split;
    const parts = selectRows(
      this.db,
      buildTrendPartsSql({ table: d.table, asOf, hasOrderId: d.hasOrderId, dimension, top: shown })
    );
    const split = toTrendSplit(aggregateTrendParts(parts, grain), {
      grain,
      dimension,
      asOf,
      order: values,
      valueCount: values.length
    });
    this.splits = [{ key, split }, ...this.splits].slice(0, KEEP);
    return split;
  }

  series(
    d: DatasetInfo,
    asOf: string,
    grain: Grain,
    dimension: string | null,
    topN: number
  ): TrendsResult {
    const started = performance.now();
    const split = this.split(d, asOf, grain, dimension, topN);
    return { ...split, datasetId: d.id, elapsedMs: Math.round(performance.now() - started) };
  }

  movers(
    d: DatasetInfo,
    asOf: string,
    grain: Grain,
    dimension: string,
    options: MoversOptions
  ): TrendsMoversResult {
    const split = this.split(d, asOf, grain, dimension, null);
    return { ...rankMovers(split, options), datasetId: d.id, grain, dimension, options };
  }
}
