// The Targets view: which orders and targets it compares, the user's dimension, grain and period,
// the key whose shortfall is explained, and the two queries that answer them.
import { stateContext } from './context';
import type { Grain } from '$lib/analysis/period';
import type { DatasetInfo, DbClient, TargetsArgs, WhyArgs } from '$lib/db';
import type { Datasets } from './datasets.svelte';
import type { RfmState } from './rfm.svelte';
import { Query } from './query.svelte';

/** The targets dataset the view reads: the latest dataset of kind `targets` (one place to swap). */
export function findTargetsDataset(list: readonly DatasetInfo[]): DatasetInfo | null {
  return list.findLast((d) => d.kind === 'targets') ?? null;
}

/** The orders the view reads: the active dataset when it holds transactions, else the latest. */
export function findOrdersDataset(
  list: readonly DatasetInfo[],
  active: DatasetInfo | null
): DatasetInfo | null {
  if (active?.kind === 'transactions') return active;
  return list.findLast((d) => d.kind === 'transactions') ?? null;
}

export class TargetsState {
  private readonly db: DbClient;
  private readonly datasets: Datasets;
  private readonly rfm: RfmState;

  constructor(db: DbClient, datasets: Datasets, rfm: RfmState) {
    this.db = db;
    this.datasets = datasets;
    this.rfm = rfm;
  }

  /** SQL name of the chosen dimension; null: the one carrying most target keys. */
  dimension = $state<string | null>(null);
  grain = $state<Grain>('month');
  /** Chosen period key; null: the latest period begun by the as-of date. */
  period = $state<string | null>(null);
  /** The key "why the shortfall" explains; null: the key with the largest shortfall. */
  whyKey = $state<string | null>(null);

  readonly orders = $derived.by(() => findOrdersDataset(this.datasets.list, this.datasets.active));
  readonly targets = $derived.by(() => findTargetsDataset(this.datasets.list));
  /** The user's as-of date, else the orders' default (DOMAIN §2). */
  readonly asOf = $derived.by(() => this.chosenAsOf ?? this.orders?.defaultAsOf ?? null);
  /** The as-of date the user chose for the orders, if any (see {@link RfmState.chosenAsOf}). */
  readonly chosenAsOf = $derived.by(() => this.rfm.chosenAsOf(this.orders));

  /** Which imports the answers are about (ids are reused across workspaces). */
  readonly #scope = $derived(
    [this.orders, this.targets].map((d) => (d ? `${d.id}@${d.importedAt}` : '')).join('|')
  );

  readonly #args = $derived.by((): TargetsArgs | null => {
    const orders = this.orders;
    const targets = this.targets;
    if (!orders || !targets || !this.asOf) return null;
    return {
      datasetId: orders.id,
      targetsId: targets.id,
      filter: this.rfm.filter.current,
      dimension: this.dimension,
      grain: this.grain,
      period: this.period,
      asOf: this.asOf
    };
  });

  /** Targets vs actual of every key in the period. */
  readonly view = new Query(
    () => this.#args,
    (args) => this.db.call('targets.view', args),
    { scope: () => this.#scope }
  );

  /**
   * Why a key's revenue changed against the same period last year: the user's pick, else (the
   * worker decides, from the same view) the key with the largest shortfall.
   */
  readonly why = new Query(
    (): WhyArgs | null => {
      const args = this.#args;
      if (!args) return null;
      const { scoring, rules, quadrantSplit } = this.rfm.settings;
      return { ...args, key: this.whyKey, segments: { scoring, rules, quadrantSplit } };
    },
    (args) => this.db.call('targets.why', args),
    { scope: () => this.#scope }
  );

  setDimension(name: string) {
    this.dimension = name;
    this.whyKey = null;
  }

  /** A new grain starts on its default period. */
  setGrain(grain: Grain) {
    this.grain = grain;
    this.period = null;
  }

  setPeriod(key: string) {
    this.period = key;
  }
}

export const [getTargets, setTargets] = stateContext<TargetsState>('targets');
