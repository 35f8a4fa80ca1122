// The scorecard of the active dataset (DOMAIN §7a): the dimension, grain and period chosen, the
// ranking shown, the request they name (with the RFM as-of date, the lifecycle's lapse days and the
// fitted model) and the exports of the table's books.
import { stateContext } from './context';
import type { DataFilter } from '$lib/analysis/data-filter';
import type { Grain } from '$lib/analysis/period';
import type { RankMetric } from '$lib/analysis/scorecard';
import {
  defaultDimensionIndex,
  defaultPeriod,
  periodChoices,
  type PeriodChoice
} from '$lib/analysis/scorecard-choices';
import type { DbClient, ScorecardArgs } from '$lib/db';
import type { Datasets } from './datasets.svelte';
import type { RfmState } from './rfm.svelte';
import type { ClvState } from './clv.svelte';
import type { TimeState } from './time.svelte';
import { Action, Query } from './query.svelte';
import { findTargetsDataset } from './targets.svelte';

export class ScorecardState {
  private readonly db: DbClient;
  private readonly datasets: Datasets;
  private readonly rfm: RfmState;
  private readonly clv: ClvState;
  private readonly time: TimeState;

  constructor(db: DbClient, datasets: Datasets, rfm: RfmState, clv: ClvState, time: TimeState) {
    this.db = db;
    this.datasets = datasets;
    this.rfm = rfm;
    this.clv = clv;
    this.time = time;
  }

  /** The app's data filter in force (the filter bar's), or null. */
  get filter(): DataFilter | null {
    return this.rfm.filter.current;
  }

  /** The chosen dimension by header (null: the sales-rep-like one, else the first). */
  dimensionHeader = $state<string | null>(null);
  grain = $state<Grain>('month');
  /** The chosen period key (null or not offered: the latest complete period). */
  periodKey = $state<string | null>(null);
  /** Which rows the table shows, ranked by `rankBy`. */
  show = $state<'all' | 'top' | 'bottom'>('all');
  count = $state(5);
  rankBy = $state<RankMetric>('revenue');

  readonly dimensions = $derived.by(() => this.datasets.active?.dimensions ?? []);
  /** The dimension in force: the chosen one, else the default. */
  readonly dimension = $derived.by(() => {
    const dims = this.dimensions;
    const chosen = dims.find((d) => d.header === this.dimensionHeader);
    return chosen ?? dims[defaultDimensionIndex(dims)] ?? null;
  });
  readonly asOf = $derived.by(() => this.rfm.asOf);
  /** The periods of the grain holding data, newest first. */
  readonly periods: PeriodChoice[] = $derived.by(() => {
    const d = this.datasets.active;
    const asOf = this.asOf;
    if (!d || !asOf || d.kind !== 'transactions') return [];
    return periodChoices(this.grain, d.dateFrom, d.dateTo, asOf);
  });
  readonly period: PeriodChoice | null = $derived.by(
    () =>
      this.periods.find((p) => p.key === this.periodKey) ??
      defaultPeriod(this.periods, this.asOf ?? '')
  );

  /** The request the table answers, or null when there is nothing to ask. */
  readonly args: ScorecardArgs | null = $derived.by(() => {
    const d = this.datasets.active;
    const asOf = this.asOf;
    const dimension = this.dimension;
    const period = this.period;
    if (!d || d.kind !== 'transactions' || !asOf || !dimension || !period) return null;
    const targets = this.targetPairs;
    return {
      datasetId: d.id,
      filter: this.filter,
      asOf,
      dimension: dimension.name,
      grain: this.grain,
      period: period.key,
      lapseDays: this.time.thresholds.lapseDays,
      model: this.clv.model,
      targets
    };
  });

  /**
   * The workspace's revenue targets for the dimension and period in force, read through the
   * targets view (the same sheet resolution: teams, coarser periods); null without a targets
   * dataset, and the attainment column stays hidden.
   */
  readonly targetsView = new Query(
    () => {
      const d = this.datasets.active;
      const sheet = findTargetsDataset(this.datasets.list);
      const asOf = this.asOf;
      const dimension = this.dimension;
      const period = this.period;
      if (!d || !sheet || d.kind !== 'transactions' || !asOf || !dimension || !period) return null;
      return {
        datasetId: d.id,
        targetsId: sheet.id,
        filter: this.filter,
        dimension: dimension.name,
        grain: this.grain,
        period: period.key,
        asOf
      };
    },
    (args) => this.db.call('targets.view', args),
    { scope: () => this.datasets.identity }
  );

  /**
   * (key, revenue target) of every value of the dimension with a target in the period in force;
   * teams are not values of it (their reps are), so they stay on the Targets view.
   */
  readonly targetPairs: [string, number][] | null = $derived.by(() => {
    const view = this.targetsView.data;
    if (!view || view.period !== this.period?.key || view.dimension !== this.dimension?.name)
      return null;
    const pairs = view.keys
      .filter((k) => k.target !== null)
      .map((k): [string, number] => [k.key, k.target!]);
    return pairs.length ? pairs : null;
  });

  readonly summary = new Query(
    () => this.args,
    (args) => this.db.call('scorecard.summary', args),
    { scope: () => this.datasets.identity }
  );
  readonly exporting = new Action();

  /** Switches the grain; the period goes back to the latest complete one of it. */
  chooseGrain(grain: Grain) {
    this.grain = grain;
    this.periodKey = null;
  }

  /**
   * One key's book (`{ value }`), or every key's as one workbook when `bookKey` is null, as XLSX
   * (undefined when it failed; see `exporting`).
   */
  exportBooks(
    bookKey: { value: string | null } | null,
    locale: 'en' | 'zh-CN'
  ): Promise<Blob | undefined> {
    const key = this.rfm.key;
    const dimension = this.dimension;
    if (!key || !dimension) return Promise.resolve(undefined);
    const args = {
      key,
      model: this.clv.model,
      filter: this.filter,
      dimension: dimension.name,
      bookKey,
      locale,
      lifecycle: $state.snapshot(this.time.thresholds)
    };
    return this.exporting.run(() => this.db.call('scorecard.books', args));
  }
}

export const [getScorecard, setScorecard] = stateContext<ScorecardState>('scorecard');
