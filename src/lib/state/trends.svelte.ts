// The trends view's settings (granularity, split, top N, metric, risers/fallers) and its two
// queries, over the active transactions dataset at the time views' as-of date and the app filter.
import { stateContext } from './context';
import type { DataFilter } from '$lib/analysis/data-filter';
import type { Grain } from '$lib/analysis/period';
import {
  DEFAULT_MOVERS,
  trendPoints,
  type MoversCompare,
  type MoversRankBy,
  type TrendMetric
} from '$lib/analysis';
import type { DbClient } from '$lib/db';
import type { Datasets } from './datasets.svelte';
import type { TimeState } from './time.svelte';
import { Query } from './query.svelte';

/** Bounds of the "top N" the user picks. */
export const TOP_N_MIN = 1;
export const TOP_N_MAX = 10;

export class TrendsState {
  grain = $state<Grain>('month');
  /** SQL name of the dimension to split by, or null for one series. */
  dimension = $state<string | null>(null);
  topN = $state(5);
  metric = $state<TrendMetric>('revenue');
  compare = $state<MoversCompare>(DEFAULT_MOVERS.compare);
  rankBy = $state<MoversRankBy>(DEFAULT_MOVERS.rankBy);
  /** Minimum size of a ranked value, as a share (0.01 = 1 %). */
  minShare = $state(DEFAULT_MOVERS.minShare);

  private readonly db: DbClient;
  private readonly datasets: Datasets;
  private readonly time: TimeState;
  /** The app's filter in force; null: none. Wire the filter bar's state here once it exists. */
  private readonly filter: () => DataFilter | null;

  constructor(
    db: DbClient,
    datasets: Datasets,
    time: TimeState,
    filter: () => DataFilter | null = () => null
  ) {
    this.db = db;
    this.datasets = datasets;
    this.time = time;
    this.filter = filter;
  }

  /** The active dataset's dimensions (what a trend can be split by). */
  readonly dimensions = $derived.by(() => this.datasets.active?.dimensions ?? []);

  /** The split in force: the chosen dimension when the active dataset has it. */
  readonly splitBy = $derived.by(() =>
    this.dimension !== null && this.dimensions.some((d) => d.name === this.dimension)
      ? this.dimension
      : null
  );

  readonly #at = $derived.by(() => {
    const d = this.datasets.active;
    const asOf = this.time.asOf;
    return d?.kind === 'transactions' && asOf
      ? { datasetId: d.id, asOf, filter: this.filter() }
      : null;
  });

  /** The series of the trend (top N values + others, or one series). */
  readonly series = new Query(
    () =>
      this.#at
        ? {
            ...this.#at,
            grain: this.grain,
            dimension: this.splitBy,
            topN: Math.min(TOP_N_MAX, Math.max(TOP_N_MIN, Math.round(this.topN) || 5))
          }
        : null,
    (args) => this.db.call('trends.series', args),
    { scope: () => this.datasets.identity }
  );

  /** Risers and fallers among the split dimension's values (only while split). */
  readonly movers = new Query(
    () =>
      this.#at && this.splitBy !== null
        ? {
            ...this.#at,
            grain: this.grain,
            dimension: this.splitBy,
            options: {
              ...DEFAULT_MOVERS,
              metric: this.metric,
              compare: this.compare,
              rankBy: this.rankBy,
              minShare: this.minShare
            }
          }
        : null,
    (args) => this.db.call('trends.movers', args),
    { scope: () => this.datasets.identity }
  );

  /** The answer in force for the active dataset (a previous dataset's answer is not shown). */
  readonly split = $derived.by(() => {
    const s = this.series.data;
    return s && s.datasetId === this.datasets.active?.id ? s : null;
  });

  /** The ranking for the settings in force (an answer to older settings is not shown). */
  readonly ranking = $derived.by(() => {
    const m = this.movers.data;
    return m &&
      m.datasetId === this.datasets.active?.id &&
      m.grain === this.grain &&
      m.dimension === this.splitBy &&
      m.options.metric === this.metric &&
      m.options.compare === this.compare &&
      m.options.rankBy === this.rankBy &&
      m.options.minShare === this.minShare
      ? m
      : null;
  });

  /** Every series in every period with its growth, for the metric in force. */
  readonly points = $derived.by(() => (this.split ? trendPoints(this.split, this.metric) : []));
}

export const [getTrends, setTrends] = stateContext<TrendsState>('trends');
