// The profit view (DOMAIN §7b): the dimension its last table groups by and the request naming the
// RFM key (as-of date, filter, segments and tiers).
import { stateContext } from './context';
import type { DbClient, ProfitArgs } from '$lib/db';
import type { Datasets } from './datasets.svelte';
import type { RfmState } from './rfm.svelte';
import { Query } from './query.svelte';

export class ProfitState {
  private readonly db: DbClient;
  private readonly datasets: Datasets;
  private readonly rfm: RfmState;

  /** The chosen dimension by header (null: the first). */
  dimensionHeader = $state<string | null>(null);

  constructor(db: DbClient, datasets: Datasets, rfm: RfmState) {
    this.db = db;
    this.datasets = datasets;
    this.rfm = rfm;
  }

  readonly dimensions = $derived.by(() => this.datasets.active?.dimensions ?? []);
  readonly dimension = $derived.by(
    () =>
      this.dimensions.find((d) => d.header === this.dimensionHeader) ?? this.dimensions[0] ?? null
  );

  readonly summary = new Query(
    (): ProfitArgs | null => {
      const key = this.rfm.key;
      if (!key) return null;
      return { key, dimension: this.dimension?.name ?? null };
    },
    (args) => this.db.call('profit.summary', args),
    { scope: () => this.datasets.identity }
  );
}

export const [getProfit, setProfit] = stateContext<ProfitState>('profit');
