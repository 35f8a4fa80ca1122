// Decay curves by group of the active transactions dataset at the time views' as-of date: what the
// customers are grouped by, how many groups are kept, and the query answering it.
import { stateContext } from './context';
import type { DataFilter } from '$lib/analysis/data-filter';
import type { DbClient, DecayGrouping } from '$lib/db';
import type { Datasets } from './datasets.svelte';
import type { TimeState } from './time.svelte';
import { Query } from './query.svelte';

/** Headers of the dimensions customers are usually compared by, in this order, before the first one. */
const USUAL_GROUPS = [
  /渠道|channel/i,
  /行业|industry/i,
  /区域|地区|region/i,
  /国家|country/i,
  /省份|province/i
];

/** Choices of how many groups are kept before the rest become "others". */
export const DECAY_TOP_N = [3, 5, 8, 12] as const;

export class DecayState {
  private readonly db: DbClient;
  private readonly datasets: Datasets;
  private readonly time: TimeState;

  constructor(db: DbClient, datasets: Datasets, time: TimeState) {
    this.db = db;
    this.datasets = datasets;
    this.time = time;
  }

  /** The user's grouping (null: the default); ignored when it names a column the data lacks. */
  chosen = $state<DecayGrouping | null>(null);
  topN = $state<number>(5);

  /** The dimensions customers can be grouped by (SQL name and header). */
  readonly dimensions = $derived.by(() => this.datasets.active?.dimensions ?? []);

  /**
   * The grouping in force: the user's, else the first dimension a manager groups customers by
   * (channel, industry, region …), else the first dimension, else the starting value tier.
   */
  readonly grouping = $derived.by((): DecayGrouping => {
    const c = this.chosen;
    if (c && (c.kind === 'startTier' || this.dimensions.some((d) => d.name === c.column))) return c;
    const usual = USUAL_GROUPS.map((re) => this.dimensions.find((d) => re.test(d.header)));
    const first = usual.find((d) => d !== undefined) ?? this.dimensions[0];
    return first
      ? { kind: 'dimension', column: first.name, rule: 'majority' }
      : { kind: 'startTier' };
  });

  /** The app's data filter in force (the filter bar's), or null. */
  readonly filter = $derived.by((): DataFilter | null => this.time.rfm.filter.current);

  readonly query = new Query(
    () => {
      const d = this.datasets.active;
      const asOf = this.time.asOf;
      if (!d || d.kind !== 'transactions' || !asOf) return null;
      return {
        datasetId: d.id,
        asOf,
        filter: this.filter,
        grouping: this.grouping,
        topN: this.topN
      };
    },
    (args) => this.db.call('decay.groups', args),
    { scope: () => this.datasets.identity }
  );
}

export const [getDecay, setDecay] = stateContext<DecayState>('decay');
