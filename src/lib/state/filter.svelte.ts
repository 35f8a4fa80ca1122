// The one filter of the workspace (issue 11): dimension values and a date range, resolved against
// the active dataset once here; every state class that builds a request key reads `current`.
import { stateContext } from './context';
import {
  filteredDefaultAsOf,
  isFilterActive,
  NO_FILTER,
  removeFilterColumn,
  setFilterValues,
  type DataFilter
} from '$lib/analysis/data-filter';
import {
  choicesFilter,
  type FilterValue,
  type FilterValuesArgs
} from '$lib/analysis/filter-values';
import { describeFilter, filterWord } from '$lib/i18n/filter-words';
import type { Locale } from '$lib/i18n';
import type { DbClient } from '$lib/db';
import type { Datasets } from './datasets.svelte';
import { Query } from './query.svelte';

/** How many values the filter bar lists for a dimension (the search finds the others). */
export const VALUES_LIMIT = 200;

export class FilterState {
  /** The filter as the user set it (saved with the workspace). */
  filter = $state<DataFilter>(structuredClone(NO_FILTER));
  /** Headers (or names) of saved conditions dropped because the dataset has no such column. */
  dropped = $state.raw<string[]>([]);

  constructor(
    private db: DbClient,
    private datasets: Datasets
  ) {}

  /**
   * The filter in force on the active dataset, as every request carries it: null when nothing is
   * filtered; only conditions on the dataset's own dimensions.
   */
  readonly current: DataFilter | null = $derived.by(() => {
    const d = this.datasets.active;
    if (!d) return null;
    const has = (column: string) => d.dimensions.some((x) => x.name === column);
    const f: DataFilter = {
      dims: this.filter.dims.filter((x) => has(x.column) && x.values.length > 0),
      from: this.filter.from,
      to: this.filter.to
    };
    return isFilterActive(f) ? ($state.snapshot(f) as DataFilter) : null;
  });

  readonly isActive = $derived(this.current !== null);

  /** The default as-of date under the filter (DOMAIN §2 read on the filtered rows). */
  readonly defaultAsOf = $derived.by(() =>
    filteredDefaultAsOf(this.datasets.active?.defaultAsOf ?? null, this.current)
  );

  /** The latest date the filtered rows can have (the model's default calibration end). */
  readonly lastDate = $derived.by(() => {
    const last = this.datasets.active?.dateTo ?? null;
    const to = this.current?.to ?? null;
    return last && to && to < last ? to : last;
  });

  /** The filter in the manager's words ("华东 · 2025年"), or '' when nothing is filtered. */
  describe(locale: Locale): string {
    return this.current ? describeFilter(locale, this.current) : '';
  }

  /** An export's base file name, saying it is filtered and by what when a filter is in force. */
  fileName(base: string, locale: Locale): string {
    const what = this.describe(locale);
    return what ? `${base} ${filterWord(locale, 'filter.fileSuffix', { what })}` : base;
  }

  /** Keeps `column` to `values` (none: the condition goes). */
  setValues(column: string, values: (string | null)[]) {
    this.filter = setFilterValues($state.snapshot(this.filter) as DataFilter, column, values);
  }

  removeColumn(column: string) {
    this.filter = removeFilterColumn($state.snapshot(this.filter) as DataFilter, column);
  }

  /** Sets the date range (either end may be open). */
  setRange(from: string | null, to: string | null) {
    this.filter = { ...($state.snapshot(this.filter) as DataFilter), from, to };
  }

  /** One click: nothing filtered. */
  clear() {
    this.filter = structuredClone(NO_FILTER);
    this.dropped = [];
  }

  /** Restores a workspace's saved filter (checked against the dataset by `prune`). */
  restore(saved: DataFilter) {
    this.filter = structuredClone(saved);
    this.dropped = [];
  }

  /**
   * Drops conditions on columns the active dataset does not have (a re-imported file without
   * them) and says so; nothing happens without an active dataset.
   */
  prune() {
    const d = this.datasets.active;
    if (!d) return;
    const gone = this.filter.dims.filter((x) => !d.dimensions.some((y) => y.name === x.column));
    if (gone.length === 0) return;
    this.filter = {
      ...($state.snapshot(this.filter) as DataFilter),
      dims: this.filter.dims.filter((x) => !gone.includes(x))
    };
    this.dropped = gone.map((x) => x.column);
  }

  dismissDropped() {
    this.dropped = [];
  }

  /** The values of a dimension among the rows the other conditions keep, most rows first. */
  values(
    pick: () => { column: string; search: string } | null
  ): Query<FilterValuesArgs, FilterValue[]> {
    return new Query(
      () => {
        const p = pick();
        const d = this.datasets.active;
        if (!p || !d) return null;
        const filter = choicesFilter(this.current, p.column);
        return {
          datasetId: d.id,
          ...p,
          limit: VALUES_LIMIT,
          filter: isFilterActive(filter) ? filter : null
        };
      },
      (args) => this.db.call('filter.values', args),
      { scope: () => this.datasets.identity, delayMs: 150 }
    );
  }
}

export const [getFilter, setFilter] = stateContext<FilterState>('filter');
