// The breakdowns view's state: the bands each numeric dimension is shown in (this visit), the
// breakdown by one dimension, and the two-way table's axes, top N and request.
import { stateContext } from './context';
import type { BandSetting } from '$lib/analysis/bands';
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

  /** Segment mix, customers and revenue by one dimension (in bands when numeric). */
  readonly breakdown = new Query(
    () => {
      const key = this.rfm.key;
      const dim = this.#dimensions[this.rfm.breakdownDim];
      if (!key || !dim) return null;
      const bands = this.bandsOf(dim.header);
      return { key, dimIndex: this.rfm.breakdownDim, bands };
    },
    (args) => this.db.call('rfm.breakdown', args),
    { scope: () => this.datasets.identity }
  );

  /** The rows axis in force: the user's, else the breakdown's dimension, else segments. */
  readonly rows: AxisChoice = $derived.by(() => {
    if (this.rowAxis && this.#isAvailable(this.rowAxis)) return this.rowAxis;
    const dim = this.#dimensions[this.rfm.breakdownDim];
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
      if (!key) return null;
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
