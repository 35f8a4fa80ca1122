// The datasets of the open workspace, which one the views analyse, and their rows and rejects.
import { stateContext } from './context';
import type { Currency, DatasetInfo, DbClient, RowsQuery, SqlValue } from '$lib/db';
import { Action, type PageSource } from './query.svelte';
import { isAnalysedKind } from '$lib/ingest/types';

export class Datasets {
  /** Replaced whole whenever the worker's list changes: raw state, no proxy per column. */
  list = $state.raw<DatasetInfo[]>([]);
  /** The datasets the views can analyse (orders, customer tables): never a targets dataset. */
  readonly analysable = $derived(this.list.filter((d) => isAnalysedKind(d.kind)));
  activeId = $state<number | null>(null);
  /** The dataset the views analyse (an id of another kind is ignored). */
  active = $derived(this.analysable.find((d) => d.id === this.activeId) ?? null);
  /** The workspace's targets (its latest targets dataset), which the targets views join to the orders. */
  readonly targets = $derived(this.list.findLast((d) => d.kind === 'targets') ?? null);
  /** The dataset the Data page shows when it is not the active one (a targets dataset). */
  shownId = $state<number | null>(null);
  /**
   * What the Data page shows: the dataset just imported or opened there, else the active one, else
   * (a workspace holding only targets) the latest dataset.
   */
  readonly shown = $derived(
    this.list.find((d) => d.id === this.shownId) ?? this.active ?? this.list.at(-1) ?? null
  );
  /**
   * Which import the active dataset is: answers about it stay valid while this stays the same
   * (ids alone are reused across workspaces). The scope of every query about the active dataset.
   */
  readonly identity = $derived(this.active ? `${this.active.id}@${this.active.importedAt}` : null);

  /** Downloading a dataset's rejected rows. */
  readonly rejectedDownload = new Action();
  /** Changing a dataset's currency. */
  readonly currencyChange = new Action();

  constructor(private db: DbClient) {
    db.onEvent((e) => {
      if (e.event === 'datasets-changed') void this.refresh();
    });
  }

  async refresh() {
    this.list = await this.db.call('datasets', {});
  }

  /**
   * An import finished: its dataset replaces the others or joins them, and the Data page shows it
   * (`show: false` keeps what it shows). Orders and customer tables become the active dataset; a
   * targets sheet replaces only earlier targets and never becomes active.
   */
  added(info: DatasetInfo, mode: 'replace' | 'add', { show = true } = {}) {
    const isTargets = info.kind === 'targets';
    const kept =
      mode === 'add' ? this.list : this.list.filter((d) => isTargets && d.kind !== 'targets');
    this.list = [...kept, info];
    if (!isTargets) this.activeId = info.id;
    if (show) this.shownId = isTargets ? info.id : null;
  }

  /** Opens a dataset on the Data page; an orders or customer dataset becomes the active one. */
  show(id: number) {
    const d = this.list.find((x) => x.id === id);
    if (!d) return;
    if (isAnalysedKind(d.kind)) {
      this.activeId = id;
      this.shownId = null;
    } else this.shownId = id;
  }

  /** After a workspace opened: `saved` (its saved choice) if analysable, else its latest dataset. */
  restoreActive(saved: number | null) {
    const ids = this.analysable.map((d) => d.id);
    this.activeId = saved !== null && ids.includes(saved) ? saved : (ids.at(-1) ?? null);
    this.shownId = null;
  }

  async remove(id: number) {
    await this.db.call('deleteDataset', { datasetId: id });
    await this.refresh();
    if (this.activeId === id) this.activeId = this.analysable.at(-1)?.id ?? null;
    if (this.shownId === id) this.shownId = null;
  }

  /** Writes a dataset's money in another currency (or none); its error, if any, in `currencyChange`. */
  async setCurrency(datasetId: number, currency: Currency | null) {
    const list = await this.currencyChange.run(() =>
      this.db.call('dataset.setCurrency', { datasetId, currency })
    );
    if (list) this.list = list;
  }

  /** A dataset's rows for the data table, filtered and sorted. */
  rows(query: RowsQuery): PageSource<SqlValue[]> {
    return {
      key: JSON.stringify([this.list.find((d) => d.id === query.datasetId)?.importedAt, query]),
      load: (offset, limit) => this.db.call('rows', { ...query, offset, limit })
    };
  }

  /** The rejected rows of a dataset as CSV (undefined when it failed; see `rejectedDownload`). */
  downloadRejected(datasetId: number): Promise<Blob | undefined> {
    return this.rejectedDownload.run(() => this.db.call('rejectedCsv', { datasetId }));
  }
}

export const [getDatasets, setDatasets] = stateContext<Datasets>('datasets');
