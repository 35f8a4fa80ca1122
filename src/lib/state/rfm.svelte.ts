// The RFM analysis of the active dataset: the user's settings (saved in this browser), the key they
// resolve to, and every request about scored customers, each naming that key.
import { stateContext } from './context';
import { DEFAULT_SEGMENT_RULES, migrateRuleNames, validateRules } from '$lib/analysis';
import type { CustomerFilter, CustomerSort, ScoredCustomer } from '$lib/analysis';
import type { LifecycleThresholds } from '$lib/analysis';
import type {
  ClvKey,
  CustomerDetail,
  DatasetInfo,
  DbClient,
  RfmKey,
  RfmScoring,
  RfmSettings
} from '$lib/db';
import { STORAGE_KEYS } from '$lib/privacy/storage-keys';
import type { Datasets } from './datasets.svelte';
import type { FilterState } from './filter.svelte';
import { Action, Query, type PageSource } from './query.svelte';

const STORAGE_KEY = STORAGE_KEYS.rfmSettings.key;
const BREAKDOWN_KEY = STORAGE_KEYS.breakdown.key;

function readBreakdownChoice(): string | null {
  try {
    return localStorage.getItem(BREAKDOWN_KEY);
  } catch {
    return null; // storage disabled: start with the first dimension
  }
}

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
  private readonly db: DbClient;
  private readonly datasets: Datasets;
  /** The app's one filter: the analysis is of the rows it keeps. */
  readonly filter: FilterState;

  constructor(db: DbClient, datasets: Datasets, filter: FilterState) {
    this.db = db;
    this.datasets = datasets;
    this.filter = filter;
  }

  settings = $state<RfmSettings>(loadSettings());
  /** The drill-down the customer list shows (heatmap cell, segment, brush…). */
  drill = $state<{ filter: CustomerFilter; label: string } | null>(null);
  /** The dimension the breakdowns view splits by, by header (survives views, reloads, datasets). */
  breakdownHeader = $state<string | null>(readBreakdownChoice());
  /** Whether the analysis settings at the top of the views are shown (one choice for all views). */
  isSettingsOpen = $state(true);
  /**
   * The as-of date in force: the user's, else the active dataset's default (DOMAIN §2), made
   * earlier by a filtered date range that ends before it.
   */
  readonly asOf = $derived.by(() => this.chosenAsOf() ?? this.filter.defaultAsOf ?? null);

  /**
   * The as-of date the user chose for dataset `d` (the active one unless said), else null. A date
   * belongs to the dataset it was chosen on: a dataset imported or picked later opens on its own
   * default (a date of another dataset's years can leave it without a customer).
   */
  chosenAsOf(d: DatasetInfo | null = this.datasets.active): string | null {
    const { asOf, asOfFor } = this.settings;
    return asOf && d && asOfFor === scopeOf(d) ? asOf : null;
  }

  /** Chooses the as-of date of dataset `d` (the active one unless said); null: its default. */
  setAsOf(asOf: string | null, d: DatasetInfo | null = this.datasets.active) {
    this.settings.asOf = asOf && d ? asOf : null;
    this.settings.asOfFor = asOf && d ? scopeOf(d) : null;
  }

  /**
   * Settings saved before the as-of date named its dataset: the date goes on applying to the
   * dataset it was shown with when the workspace opens (`d`), and to no other.
   */
  adoptAsOf(d: DatasetInfo | null) {
    if (this.settings.asOf && this.settings.asOfFor === undefined)
      this.setAsOf(this.settings.asOf, d);
  }

  #lastValid: RfmKey | null = null;
  /**
   * Everything that decides the analysis; null without data. While the rule table has errors
   * (being edited), the last valid key stays in force so the views keep the last good analysis.
   */
  readonly key: RfmKey | null = $derived.by(() => {
    const d = this.datasets.active;
    if (!d || !this.asOf) return (this.#lastValid = null);
    const { scoring, rules, quadrantSplit, monetaryBasis } = this.settings;
    if (validateRules(rules, scoring.bins).some((p) => p.severity === 'error'))
      return this.#lastValid?.datasetId === d.id ? this.#lastValid : null;
    // A plain copy: it travels to the worker as it is.
    const filter = this.filter.current;
    const key: RfmKey = { datasetId: d.id, asOf: this.asOf, scoring, rules, quadrantSplit, filter };
    // Only when chosen: keys (and caches) of the default stay as they were.
    if (monetaryBasis === 'profit') key.monetaryBasis = 'profit';
    return (this.#lastValid = $state.snapshot(key) as RfmKey);
  });

  /**
   * How a dataset imported now will be scored first, for the worker to score it ahead (see the
   * import's `heatmap`): null when that first key is not known yet (a filter or profit basis in
   * force, rules with errors).
   */
  scoringAhead(): RfmScoring | null {
    const { scoring, rules, quadrantSplit, monetaryBasis } = this.settings;
    if (this.filter.current || monetaryBasis === 'profit') return null;
    if (validateRules(rules, scoring.bins).some((p) => p.severity === 'error')) return null;
    return $state.snapshot({ scoring, rules, quadrantSplit }) as RfmScoring;
  }

  /** Scores, segments, tiers and every aggregate the views draw. */
  readonly summary = new Query(
    () => this.key,
    async (key) => {
      const summary = await this.db.call('rfm.summary', { key });
      // After the frame that draws it: the write is on the page's thread (≈ 8 ms).
      requestAnimationFrame(() => setTimeout(() => this.save()));
      return summary;
    },
    // A choice asks at once; typing in a settings field asks once per pause.
    { scope: () => this.datasets.identity, delayMs: 120, leading: true }
  );
  /**
   * The customer base's concentration and histograms: asked for only by the views that draw them,
   * so the heatmap's redraw at a new as-of date does not wait for them.
   */
  readonly distribution = new Query(
    () => this.key,
    (key) => this.db.call('rfm.distribution', { key }),
    { scope: () => this.datasets.identity, delayMs: 120, leading: true }
  );
  /** {@link distribution}'s answer when it is of the active dataset (null while the first loads). */
  readonly shownDistribution = $derived.by(() => {
    const d = this.distribution.data;
    return d && d.datasetId === this.key?.datasetId ? d : null;
  });

  /**
   * Has the worker score the analysis in force without showing it: the worker keeps the scoring,
   * so the heatmap draws at once when its view opens (after an import the user is on the Overview
   * meanwhile, and the first scoring of 100k customers takes ≈0.3 s).
   */
  prefetch() {
    const key = this.key;
    if (key) void this.db.call('rfm.summary', { key }).catch(() => {});
  }

  /** Every scored customer's frequency and monetary, for the scatter. */
  readonly points = new Query(
    () => this.key,
    (key) => this.db.call('rfm.points', { key }),
    { scope: () => this.datasets.identity }
  );
  readonly exporting = new Action();

  /** The scored customers matching `filter`, sorted, for a virtual table. */
  customers(filter: CustomerFilter, sort: CustomerSort): PageSource<ScoredCustomer> | null {
    const key = this.key;
    if (!key) return null;
    const f = $state.snapshot(filter) as CustomerFilter;
    const s = $state.snapshot(sort);
    return {
      key: JSON.stringify([this.datasets.identity, key, f, s]),
      load: (offset, limit) =>
        this.db.call('rfm.customers', { key, filter: f, sort: s, offset, limit })
    };
  }

  /** The first `limit` customers matching a filter (a heatmap cell's top customers). */
  firstCustomers(view: () => { filter: CustomerFilter; sort: CustomerSort } | null, limit: number) {
    return new Query(
      () => {
        const v = view();
        return this.key && v ? { key: this.key, ...v, offset: 0, limit } : null;
      },
      (args) => this.db.call('rfm.customers', args),
      { scope: () => this.datasets.identity }
    );
  }

  /** One customer: scores, the rule that matched, orders. */
  customer(
    customerId: () => string | null
  ): Query<{ key: RfmKey; customerId: string }, CustomerDetail> {
    return new Query(
      () => {
        const id = customerId();
        return this.key && id !== null ? { key: this.key, customerId: id } : null;
      },
      (args) => this.db.call('rfm.customer', args),
      { scope: () => this.datasets.identity }
    );
  }

  /** The filtered customers in the DOMAIN §9 layout (undefined when it failed; see `exporting`). */
  exportCustomers(args: {
    filter: CustomerFilter;
    sort: CustomerSort;
    format: 'csv' | 'xlsx';
    locale: 'en' | 'zh-CN';
    lifecycle: LifecycleThresholds;
    model: ClvKey | null;
  }): Promise<Blob | undefined> {
    const key = this.key;
    if (!key) return Promise.resolve(undefined);
    const plain = $state.snapshot(args) as typeof args;
    return this.exporting.run(() => this.db.call('rfm.export', { key, ...plain }));
  }

  /** Splits the breakdowns by the dimension with this header (remembered in this browser). */
  chooseBreakdown(header: string) {
    this.breakdownHeader = header;
    try {
      localStorage.setItem(BREAKDOWN_KEY, header);
    } catch {
      // Not remembering the choice is harmless.
    }
  }

  reset() {
    this.settings = defaultSettings();
  }

  resetRules() {
    this.settings.rules = structuredClone([...DEFAULT_SEGMENT_RULES]);
  }

  /** The settings as last written (an as-of change or a move back writes nothing). */
  #saved: string | null = null;

  private save() {
    // The as-of date belongs to a dataset; everything else carries over.
    const text = JSON.stringify({ ...$state.snapshot(this.settings), asOf: null, asOfFor: null });
    if (text === this.#saved) return;
    this.#saved = text;
    try {
      localStorage.setItem(STORAGE_KEY, text);
    } catch {
      // Not saving settings is harmless.
    }
  }
}

/** One import of a dataset (ids are reused after a deletion; the import time tells them apart). */
function scopeOf(d: DatasetInfo): string {
  return `${d.id}@${d.importedAt}`;
}

export const [getRfm, setRfm] = stateContext<RfmState>('rfm');
