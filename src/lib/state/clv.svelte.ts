// The lifetime-value model of the active dataset: settings, the fit in the worker, its progress,
// and the key of the fit the model-based lists and exports name.
import { stateContext } from './context';
import { toErrorData } from '$lib/db';
import type { AppErrorData, ClvKey, ClvSummary, DbClient, FitProgress } from '$lib/db';
import { STORAGE_KEYS } from '$lib/privacy/storage-keys';
import type { Datasets } from './datasets.svelte';
import type { FilterState } from './filter.svelte';
import { filterKey, type DataFilter } from '$lib/analysis/data-filter';

const STORAGE_KEY = STORAGE_KEYS.clvSettings.key;

/** What the user chose for the model; the calibration end belongs to a dataset and is not saved. */
export interface ClvSettings {
  /** `YYYY-MM-DD`; empty until the data's last date is known. */
  calibrationEnd: string;
  months: number;
  discountPct: number;
}

function loadSettings(): ClvSettings {
  const settings: ClvSettings = { calibrationEnd: '', months: 12, discountPct: 1 };
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<ClvSettings>;
    if (Number.isInteger(saved.months)) settings.months = saved.months as number;
    if (Number.isFinite(saved.discountPct)) settings.discountPct = saved.discountPct as number;
  } catch {
    // Unreadable storage: the defaults (12 months, 1 %).
  }
  return settings;
}

export class ClvState {
  private readonly db: DbClient;
  private readonly datasets: Datasets;
  private readonly filter: FilterState;

  constructor(db: DbClient, datasets: Datasets, filter: FilterState) {
    this.db = db;
    this.datasets = datasets;
    this.filter = filter;
  }

  settings = $state<ClvSettings>(loadSettings());
  summary = $state.raw<ClvSummary | null>(null);
  error = $state.raw<AppErrorData | null>(null);
  isFitting = $state(false);
  progress = $state.raw<FitProgress | null>(null);
  /** The key of the fit held in `summary`. */
  #fitted = $state.raw<ClvKey | null>(null);
  /** Which dataset and filter the settings and the fit belong to. */
  #datasetId: number | null = null;
  #filter: DataFilter | null = null;
  /** `#datasetId` and `#filter` as one text: a fit answers for it only. */
  #scope = '';
  /** The default calibration end last taken. */
  #lastDate: string | null = null;

  /**
   * The fitted model of the active dataset under the filter in force, as the lists and exports
   * that use it name it (a model fitted on other rows names none).
   */
  readonly model: ClvKey | null = $derived.by(() =>
    this.#fitted &&
    this.#fitted.datasetId === this.datasets.activeId &&
    filterKey(this.#fitted.filter) === filterKey(this.filter.current)
      ? this.#fitted
      : null
  );

  /** The key the current settings describe, or null when they are incomplete. */
  #keyOf(datasetId: number | null): ClvKey | null {
    const { calibrationEnd, months, discountPct } = this.settings;
    if (datasetId === null || !calibrationEnd) return null;
    const monthlyDiscount = discountPct / 100;
    return { datasetId, calibrationEnd, months, monthlyDiscount, filter: this.#filter };
  }

  /**
   * Follows the active dataset and the filter: new rows clear the fit; a new dataset, or a filter
   * whose range ends earlier, gives the default calibration end (the latest transaction date of
   * the rows, DOMAIN §6); the worker may still hold a fit for these settings.
   */
  async follow(datasetId: number | null, lastDate: string | null, filter: DataFilter | null) {
    const scope = JSON.stringify([datasetId, filterKey(filter)]);
    if (scope === this.#scope) {
      if (!this.settings.calibrationEnd && lastDate) this.settings.calibrationEnd = lastDate;
      return;
    }
    const isNewDataset = datasetId !== this.#datasetId;
    const defaultMoved = lastDate !== this.#lastDate;
    this.#scope = scope;
    this.#datasetId = datasetId;
    this.#filter = filter;
    this.#lastDate = lastDate;
    this.summary = null;
    this.#fitted = null;
    this.error = null;
    if (isNewDataset || defaultMoved) this.settings.calibrationEnd = lastDate ?? '';
    const key = this.#keyOf(datasetId);
    if (!key) return;
    try {
      const cached = await this.db.call('clv.cached', { key });
      if (cached && this.#scope === scope) this.#held(key, cached);
    } catch {
      // Nothing held: the user fits when they want to.
    }
  }

  /** Fits the models in the worker with the current settings. */
  async fit() {
    const scope = this.#scope;
    const key = this.#keyOf(this.#datasetId);
    if (!key || this.isFitting) return;
    this.isFitting = true;
    this.error = null;
    this.progress = null;
    try {
      const summary = await this.db.call(
        'clv.fit',
        { key },
        {
          onProgress: (p) => {
            if (p.phase === 'fitting') this.progress = p;
          }
        }
      );
      if (scope !== this.#scope) return;
      this.#held(key, summary);
      this.save();
    } catch (err) {
      if (scope !== this.#scope) return;
      this.summary = null;
      this.#fitted = null;
      this.error = toErrorData(err);
    } finally {
      this.isFitting = false;
      this.progress = null;
    }
  }

  #held(key: ClvKey, summary: ClvSummary) {
    this.summary = summary;
    this.#fitted = key;
    this.settings.calibrationEnd = summary.calibrationEnd;
  }

  private save() {
    try {
      const { months, discountPct } = this.settings;
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ months, discountPct }));
    } catch {
      // Not saving settings is harmless.
    }
  }
}

export const [getClv, setClv] = stateContext<ClvState>('clv');
