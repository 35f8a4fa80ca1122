// The time views of the active dataset at the as-of date in force: cohorts and monthly trends
// (one customer × month aggregate), and lifecycle stages with the user's thresholds.
import { stateContext } from './context';
import { DEFAULT_LIFECYCLE_THRESHOLDS, invalidThresholds } from '$lib/analysis';
import type { LifecycleStage, LifecycleThresholds } from '$lib/analysis';
import type { DbClient, LifecycleCustomersPage } from '$lib/db';
import { STORAGE_KEYS } from '$lib/privacy/storage-keys';
import type { Datasets } from './datasets.svelte';
import type { RfmState } from './rfm.svelte';
import { Query, type PageSource } from './query.svelte';

const STORAGE_KEY = STORAGE_KEYS.lifecycle.key;

/** The saved thresholds when they are valid, else the DOMAIN defaults. */
export function loadThresholds(): LifecycleThresholds {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved) {
      const t = { ...DEFAULT_LIFECYCLE_THRESHOLDS, ...(JSON.parse(saved) as object) };
      if (invalidThresholds(t).length === 0) return t;
    }
  } catch {
    // Unreadable or no storage: start from the defaults.
  }
  return { ...DEFAULT_LIFECYCLE_THRESHOLDS };
}

type StageRow = LifecycleCustomersPage['rows'][number];

export class TimeState {
  private readonly db: DbClient;
  private readonly datasets: Datasets;
  readonly rfm: RfmState;

  constructor(db: DbClient, datasets: Datasets, rfm: RfmState) {
    this.db = db;
    this.datasets = datasets;
    this.rfm = rfm;
  }

  /** The lifecycle thresholds in force (always valid; the form checks before applying). */
  thresholds = $state<LifecycleThresholds>(loadThresholds());

  /** The as-of date the time views describe (the RFM analysis's, DOMAIN §2). */
  readonly asOf = $derived.by(() => this.rfm.asOf);

  /** The transactions dataset and as-of date the time views describe, or null. */
  readonly #at = $derived.by(() => {
    const d = this.datasets.active;
    const asOf = this.asOf;
    return d && asOf
      ? { datasetId: d.id, kind: d.kind, asOf, filter: this.rfm.filter.current }
      : null;
  });

  /** Cohorts and trends (transactions only). */
  readonly monthly = new Query(
    () =>
      this.#at?.kind === 'transactions'
        ? { datasetId: this.#at.datasetId, asOf: this.#at.asOf, filter: this.#at.filter }
        : null,
    (args) => this.db.call('time.monthly', args),
    { scope: () => this.datasets.identity }
  );
  /** Lifecycle stages and the purchase funnel. */
  readonly lifecycle = new Query(
    () =>
      this.#at
        ? {
            datasetId: this.#at.datasetId,
            asOf: this.#at.asOf,
            thresholds: this.thresholds,
            filter: this.#at.filter
          }
        : null,
    (args) => this.db.call('time.lifecycle', args),
    { scope: () => this.datasets.identity }
  );

  /** Applies new thresholds (remembered in this browser and saved with the workspace). */
  setThresholds(next: LifecycleThresholds) {
    if (invalidThresholds(next).length) return;
    this.thresholds = next;
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Not saving settings is harmless.
    }
  }

  /** One stage's customers, by monetary descending, for a virtual table. */
  stageCustomers(stage: LifecycleStage): PageSource<StageRow> | null {
    const at = this.#at;
    if (!at) return null;
    const args = {
      datasetId: at.datasetId,
      asOf: at.asOf,
      thresholds: $state.snapshot(this.thresholds),
      filter: at.filter,
      stage
    };
    return {
      key: JSON.stringify([this.datasets.identity, args]),
      load: (offset, limit) => this.db.call('time.lifecycleCustomers', { ...args, offset, limit })
    };
  }
}

export const [getTime, setTime] = stateContext<TimeState>('time');
