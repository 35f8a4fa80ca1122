// The lifetime-value model of the active dataset: settings, the fit in the worker, its progress.
import { getContext, setContext } from 'svelte';
import { WorkerError, type AppErrorData, type ClvSummary, type FitProgress } from '$lib/db';
import type { Workspace } from './workspace.svelte';
import { STORAGE_KEYS } from '$lib/privacy/storage-keys';

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
  settings = $state<ClvSettings>(loadSettings());
  summary = $state.raw<ClvSummary | null>(null);
  error = $state<AppErrorData | null>(null);
  isFitting = $state(false);
  progress = $state.raw<FitProgress | null>(null);
  /** Which dataset the settings and the fit belong to. */
  private datasetId: number | null = null;

  constructor(private ws: Workspace) {}

  /** Follows the active dataset: a new one clears the fit and takes its own default calibration end. */
  async follow(datasetId: number | null, lastDate: string | null) {
    if (datasetId === this.datasetId) {
      if (!this.settings.calibrationEnd && lastDate) this.settings.calibrationEnd = lastDate;
      return;
    }
    this.datasetId = datasetId;
    this.summary = null;
    this.error = null;
    this.settings.calibrationEnd = lastDate ?? '';
    if (datasetId === null) return;
    // The worker may still hold a fit of this dataset (e.g. after switching datasets and back).
    const last = await this.ws.db.call('clv.last', { datasetId });
    if (last && this.datasetId === datasetId) {
      this.summary = last;
      this.settings.calibrationEnd = last.calibrationEnd;
    }
  }

  /** Fits the models in the worker with the current settings. */
  async fit() {
    const datasetId = this.datasetId;
    if (datasetId === null || !this.settings.calibrationEnd || this.isFitting) return;
    const { calibrationEnd, months, discountPct } = $state.snapshot(this.settings);
    this.isFitting = true;
    this.error = null;
    this.progress = null;
    try {
      const summary = await this.ws.db.call(
        'clv.fit',
        { datasetId, calibrationEnd, months, monthlyDiscount: discountPct / 100 },
        (p) => {
          if (p.phase === 'fitting') this.progress = p;
        }
      );
      if (datasetId !== this.datasetId) return;
      this.summary = summary;
      this.save();
    } catch (err) {
      if (datasetId !== this.datasetId) return;
      this.summary = null;
      this.error =
        err instanceof WorkerError
          ? err.data
          : { code: 'internal', params: { message: String(err) } };
    } finally {
      this.isFitting = false;
      this.progress = null;
    }
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

const KEY = Symbol('clv');
export function setClv(state: ClvState): ClvState {
  return setContext(KEY, state);
}
export function getClv(): ClvState {
  const state = getContext<ClvState | undefined>(KEY);
  if (!state) throw new Error('getClv() called outside the app layout');
  return state;
}
