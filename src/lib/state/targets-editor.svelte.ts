// The targets grid of the Data page: which keys (an orders dimension), which grain and year, what
// the user typed, and saving it into the workspace's targets dataset.
import { stateContext } from './context';
import type { DbClient, TargetCell } from '$lib/db';
import type { Grain } from '$lib/analysis/period';
import type { Datasets } from './datasets.svelte';
import { Action, Query } from './query.svelte';

/** The orders dimension offered first for the keys: the sales rep's, when the file has one. */
const REP_HEADER = /销售代表|业务员|负责人|销售员|sales ?rep|rep$|salesperson|owner/i;

export class TargetsEditor {
  private readonly db: DbClient;
  private readonly datasets: Datasets;

  /** The orders dimension (SQL name) whose values are the grid's keys; undefined: the default. */
  #dimension = $state<string | null | undefined>(undefined);
  grain = $state<Grain>('month');
  /** The year shown for months and quarters (null: the latest). */
  #year = $state<string | null>(null);
  /** Text typed per cell (see cellKey), until saved. */
  drafts = $state.raw<Readonly<Record<string, string>>>({});
  readonly saving = new Action();
  /** The last save went through (cleared by the next edit). */
  isSaved = $state(false);

  /** The orders whose dimensions offer keys and whose dates give the periods. */
  readonly orders = $derived.by(() =>
    this.datasets.active?.kind === 'transactions' ? this.datasets.active : null
  );

  readonly dimension = $derived.by(() => {
    const dims = this.orders?.dimensions ?? [];
    if (this.#dimension !== undefined)
      return dims.some((d) => d.name === this.#dimension) ? this.#dimension : null;
    return (dims.find((d) => REP_HEADER.test(d.header)) ?? dims[0])?.name ?? null;
  });

  readonly grid = new Query(
    () => ({
      targetsId: this.datasets.targets?.id ?? null,
      ordersId: this.orders?.id ?? null,
      dimension: this.dimension,
      grain: this.grain
    }),
    (args) => this.db.call('targets.grid', args),
    // A save moves the targets' import time: the grid is read again.
    { scope: () => [this.datasets.targets?.importedAt, this.orders?.importedAt] }
  );

  /** The years the grid's periods cover (months and quarters are shown one year at a time). */
  readonly years = $derived(
    (this.grid.data?.periods ?? [])
      .map((p) => p.slice(0, 4))
      .filter((y, i, all) => all.indexOf(y) === i)
  );
  readonly year = $derived(
    this.#year !== null && this.years.includes(this.#year)
      ? this.#year
      : (this.years.at(-1) ?? null)
  );
  /** The periods shown: the chosen year's months or quarters, or every year. */
  readonly periods = $derived(
    (this.grid.data?.periods ?? []).filter(
      (p) => this.grain === 'year' || p.slice(0, 4) === this.year
    )
  );
  readonly keys = $derived(this.grid.data?.keys ?? []);
  readonly cells = $derived<readonly TargetCell[]>(this.grid.data?.cells ?? []);

  constructor(db: DbClient, datasets: Datasets) {
    this.db = db;
    this.datasets = datasets;
  }

  setDimension(name: string | null) {
    this.#dimension = name;
  }
  setGrain(grain: Grain) {
    this.grain = grain;
  }
  setYear(year: string) {
    this.#year = year;
  }

  /** Records what was typed in a cell (read when saving; invalid text is kept and marked). */
  type(key: string, text: string) {
    this.drafts = { ...this.drafts, [key]: text };
    this.isSaved = false;
  }

  /** Forgets what was typed (closing the grid, or after a save). */
  discard() {
    this.drafts = {};
  }

  /** Saves `cells` as the targets of `keys` × the periods shown; the workspace list follows. */
  async save(keys: readonly string[], cells: TargetCell[], name: string) {
    const list = await this.saving.run(() =>
      this.db.call('targets.save', {
        datasetId: this.datasets.targets?.id ?? null,
        name,
        grain: this.grain,
        keys: [...keys],
        periods: [...this.periods],
        cells
      })
    );
    if (!list) return;
    this.datasets.list = list;
    this.drafts = {};
    this.isSaved = true;
  }
}

export const [getTargetsEditor, setTargetsEditor] = stateContext<TargetsEditor>('targetsEditor');
