// The datasets of the open workspace, which one the views analyse, and their rows and rejects.
import { stateContext } from './context';
import type { Currency, DatasetInfo, DbClient, RowsQuery, SqlValue } from '$lib/db';
import { Action, type PageSource } from './query.svelte';

export class Datasets {
  /** Replaced whole whenever the worker's list changes: raw state, no proxy per column. */
  list = $state.raw<DatasetInfo[]>([]);
  activeId = $state<number | null>(null);
  active = $derived(this.list.find((d) => d.id === this.activeId) ?? null);
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

  /** An import finished: its dataset replaces the others or joins them, and becomes active. */
  added(info: DatasetInfo, mode: 'replace' | 'add') {
    this.list = mode === 'replace' ? [info] : [...this.list, info];
    this.activeId = info.id;
  }

  async remove(id: number) {
    await this.db.call('deleteDataset', { datasetId: id });
    await this.refresh();
    if (this.activeId === id) this.activeId = this.list.at(-1)?.id ?? null;
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
