// The breakdowns view's state: the bands each numeric dimension is shown in (this visit), the
// breakdown by one dimension, and the two-way table's axes, top N and request.
import { stateContext } from './context';
import type { BandSetting } from '$lib/analysis/bands';
import { chooseBreakdownDimension, USEFUL_DISTINCT } from '$lib/analysis/breakdown-default';
import type { CategoryAxisKind, CrossAxis } from '$lib/analysis/crosstab';
import type { DbClient } from '$lib/db';
import type { Datasets } from './datasets.svelte';
import type { RfmState } from './rfm.svelte';
import type { TimeState } from './time.svelte';
import { Query } from './query.svelte';

/** A two-way table axis as the user picks it: a dimension by header, or a grouping. */
export type AxisChoice = { kind: 'dim'; header: string } | { kind: CategoryAxisKind };

export const TOP_CHOICES = [5, 10, 20, 50] as const;
export const DEFAULT_TOP = 10;

export class BreakdownState {
  constructor(
    private readonly db: DbClient,
    private readonly datasets: Datasets,
    private readonly rfm: RfmState,
    private readonly time: TimeState
  ) {}

  /** Band setting per dimension header (`auto` until the user picks one). */
  bands = $state<Record<string, BandSetting>>({});
  /** The two-way table's rows and columns; null rows: the breakdown's dimension. */
  rowAxis = $state<AxisChoice | null>(null);
  colAxis = $state<AxisChoice>({ kind: 'segment' });
  top = $state<number>(DEFAULT_TOP);

  bandsOf(header: string): BandSetting {
    return this.bands[header] ?? { mode: 'auto' };
  }

  setBands(header: string, setting: BandSetting) {
    this.bands = { ...this.bands, [header]: setting };
  }

  readonly #dimensions = $derived.by(() => this.datasets.active?.dimensions ?? []);
  readonly #chosenDim = $derived(
    this.#dimensions.findIndex((d) => d.header === this.rfm.breakdownHeader)
  );

  /**
   * The dimension the view opens on when the user has chosen none in this dataset: a region, rep,
   * channel or category with 2–50 values (counted one column at a time, only until one fits).
   */
  readonly opening = new Query(
    () => {
      const ds = this.datasets.active;
      if (!ds || this.#dimensions.length === 0 || this.#chosenDim >= 0) return null;
      return { datasetId: ds.id, dimensions: this.#dimensions };
    },
    ({ datasetId, dimensions }) =>
      chooseBreakdownDimension(
        dimensions.map((d) => d.header),
        async (i) =>
          (
            await this.db.call('filter.values', {
              datasetId,
              column: dimensions[i].name,
              search: '',
              limit: USEFUL_DISTINCT.max + 1,
              filter: null
            })
          ).length
      ),
    { scope: () => this.datasets.identity }
  );

  /** Index of the dimension the breakdown is by: the user's choice, else the opening one (-1 while it is found). */
  readonly dimIndex = $derived.by(() =>
    this.#chosenDim >= 0
      ? this.#chosenDim
      : this.#dimensions.length > 0
        ? (this.opening.data ?? -1)
        : -1
  );

  /** Segment mix, customers and revenue by one dimension (in bands when numeric). */
  readonly breakdown = new Query(
    () => {
      const key = this.rfm.key;
      const dimIndex = this.dimIndex;
      const dim = this.#dimensions[dimIndex];
      if (!key || !dim) return null;
      const bands = this.bandsOf(dim.header);
      return { key, dimIndex, bands };
    },
    (args) => this.db.call('rfm.breakdown', args),
    { scope: () => this.datasets.identity }
  );

  /** The rows axis in force: the user's, else the breakdown's dimension, else segments. */
  readonly rows: AxisChoice = $derived.by(() => {
    if (this.rowAxis && this.#isAvailable(this.rowAxis)) return this.rowAxis;
    const dim = this.#dimensions[this.dimIndex];
    return dim ? { kind: 'dim', header: dim.header } : { kind: 'abc' };
  });
  readonly cols: AxisChoice = $derived.by(() =>
    this.#isAvailable(this.colAxis) ? this.colAxis : { kind: 'segment' }
  );

  #isAvailable(axis: AxisChoice): boolean {
    return axis.kind !== 'dim' || this.#dimensions.some((d) => d.header === axis.header);
  }

  #toAxis(choice: AxisChoice): CrossAxis {
    if (choice.kind !== 'dim') return { kind: choice.kind };
    const index = this.#dimensions.findIndex((d) => d.header === choice.header);
    return { kind: 'dim', index, bands: this.bandsOf(choice.header) };
  }

  /** The two-way table. */
  readonly crosstab = new Query(
    () => {
      const key = this.rfm.key;
      // Wait for the opening dimension rather than asking twice.
      if (!key || (this.#dimensions.length > 0 && this.dimIndex < 0)) return null;
      return {
        key,
        rows: this.#toAxis(this.rows),
        cols: this.#toAxis(this.cols),
        top: this.top,
        lifecycle: this.time.thresholds
      };
    },
    (args) => this.db.call('breakdown.crosstab', args),
    { scope: () => this.datasets.identity }
  );
}

export const [getBreakdowns, setBreakdowns] = stateContext<BreakdownState>('breakdowns');
