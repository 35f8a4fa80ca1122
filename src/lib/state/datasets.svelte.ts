// The datasets of the open workspace, which one the views analyse, and their rows and rejects.
import { stateContext } from './context';
import type { Currency, DatasetInfo, DbClient, RowsQuery, SqlValue } from '$lib/db';
import { Action, type PageSource } from './query.svelte';
import type { DatasetKind } from '$lib/ingest/types';

export class Datasets {
  /** Replaced whole whenever the worker's list changes: raw state, no proxy per column. */
  list = $state.raw<DatasetInfo[]>([]);
  /**
   * The datasets the views can analyse (orders, per-customer summaries): never targets, survey
   * responses, complaints, receivables or a customer master without purchase columns.
   */
  readonly analysable = $derived(this.list.filter((d) => d.isAnalysable));
  activeId = $state<number | null>(null);
  /** The dataset the views analyse (an id of another kind is ignored). */
  active = $derived(this.analysable.find((d) => d.id === this.activeId) ?? null);
  /** The workspace's targets (its latest targets dataset), which the targets views join to the orders. */
  readonly targets = $derived(this.list.findLast((d) => d.kind === 'targets') ?? null);
  /** The dataset the Data page shows when it is not the active one (a related dataset). */
  shownId = $state<number | null>(null);
  /**
   * What the Data page shows: the dataset just imported or opened there, else the active one, else
   * (a workspace holding only related datasets) the latest dataset.
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

  /**
   * The workspace's latest dataset of `kind` (DOMAIN §7: the customer master, survey responses,
   * complaints, receivables, targets), which the views join to the orders by customer_id; null
   * when there is none. Reactive: read in a `$derived`, it follows imports and removals.
   */
  related(kind: DatasetKind): DatasetInfo | null {
    return this.list.findLast((d) => d.kind === kind) ?? null;
  }

  async refresh() {
    this.list = await this.db.call('datasets', {});
  }

  /**
   * An import finished: its dataset joins the others or, in `replace` mode, replaces the earlier
   * datasets of its own kind only (orders replace orders, a master the master …: the worker drops
   * the same ones), and the Data page shows it (`show: false` keeps what it shows). An analysable
   * dataset (orders, a per-customer summary) becomes the active one; a related one never does.
   */
  added(info: DatasetInfo, mode: 'replace' | 'add', { show = true } = {}) {
    const kept = mode === 'add' ? this.list : this.list.filter((d) => d.kind !== info.kind);
    this.list = [...kept, info];
    if (info.isAnalysable) this.activeId = info.id;
    if (show) this.shownId = info.isAnalysable ? null : info.id;
  }

  /** Opens a dataset on the Data page; an analysable dataset becomes the active one. */
  show(id: number) {
    const d = this.list.find((x) => x.id === id);
    if (!d) return;
    if (d.isAnalysable) {
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
