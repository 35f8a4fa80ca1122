// RFM analysis state: the user's settings (saved in this browser) and the worker's latest summary.
import { getContext, setContext } from 'svelte';
import { DEFAULT_SEGMENT_RULES, migrateRuleNames, validateRules } from '$lib/analysis';
import type { CustomerFilter } from '$lib/analysis';
import { WorkerError, type AppErrorData, type RfmSettings, type RfmSummary } from '$lib/db';
import type { Workspace } from './workspace.svelte';
import { STORAGE_KEYS } from '$lib/privacy/storage-keys';

const STORAGE_KEY = STORAGE_KEYS.rfmSettings.key;

/** The DOMAIN defaults: as-of = day after the last date, 5 ranked bins, the rfm-package rules. */
export function defaultSettings(): RfmSettings {
  return {
    asOf: null,
    scoring: { bins: 5, method: 'ranked' },
    rules: structuredClone([...DEFAULT_SEGMENT_RULES]),
    quadrantSplit: 'median'
  };
}

function loadSettings(): RfmSettings {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved) {
      const settings = { ...defaultSettings(), ...(JSON.parse(saved) as Partial<RfmSettings>) };
      // Rules saved before the glossary renamed the default segments get the new names.
      return { ...settings, rules: migrateRuleNames(settings.rules), asOf: null };
    }
  } catch {
    // Unreadable or no storage: start from the defaults.
  }
  return defaultSettings();
}

export class RfmState {
  settings = $state<RfmSettings>(loadSettings());
  summary = $state.raw<RfmSummary | null>(null);
  isLoading = $state(false);
  error = $state<AppErrorData | null>(null);
  /** The drill-down the customer list shows (heatmap cell, segment, brush…). */
  drill = $state<{ filter: CustomerFilter; label: string } | null>(null);
  private generation = 0;

  constructor(private ws: Workspace) {}

  /** Asks the worker for a fresh summary of the active dataset with the current settings. */
  async refresh() {
    const dataset = this.ws.active;
    if (!dataset) {
      this.summary = null;
      return;
    }
    const settings = $state.snapshot(this.settings) as RfmSettings;
    // A rule table with errors is being edited: keep showing the last good analysis.
    if (validateRules(settings.rules, settings.scoring.bins).some((p) => p.severity === 'error'))
      return;
    const gen = ++this.generation;
    this.isLoading = true;
    try {
      const summary = await this.ws.db.call('rfm.summary', { datasetId: dataset.id, settings });
      if (gen !== this.generation) return;
      this.summary = summary;
      this.error = null;
      this.save(settings);
    } catch (err) {
      if (gen !== this.generation) return;
      this.error =
        err instanceof WorkerError
          ? err.data
          : { code: 'internal', params: { message: String(err) } };
    } finally {
      if (gen === this.generation) this.isLoading = false;
    }
  }

  reset() {
    this.settings = defaultSettings();
  }

  resetRules() {
    this.settings.rules = structuredClone([...DEFAULT_SEGMENT_RULES]);
  }

  private save(settings: RfmSettings) {
    try {
      // The as-of date belongs to a dataset; everything else carries over.
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...settings, asOf: null }));
    } catch {
      // Not saving settings is harmless.
    }
  }
}

const KEY = Symbol('rfm');
export function setRfm(state: RfmState): RfmState {
  return setContext(KEY, state);
}
export function getRfm(): RfmState {
  const state = getContext<RfmState | undefined>(KEY);
  if (!state) throw new Error('getRfm() called outside the app layout');
  return state;
}
