// The SQL console: a copy of the workspace in a query worker of its own, the user's SQL (kept in
// this browser), a run with its elapsed time, cancel, and the whole result as CSV.
import { untrack } from 'svelte';
import { ConsoleClient, toErrorData, WorkerError } from '$lib/db';
import type { AppErrorData, ConsoleProgress, ConsoleResult, ConsoleTable, DbClient } from '$lib/db';
import { STORAGE_KEYS } from '$lib/privacy/storage-keys';
import { getDbClient } from './db-context';
import { getDatasets, type Datasets } from './datasets.svelte';

/** Rows sent from the query worker to the page; the CSV export has them all. */
export const MAX_ROWS = 100_000;
const STORAGE_KEY = STORAGE_KEYS.sqlConsole.key;

const isCancel = (err: unknown) => err instanceof WorkerError && err.data.code === 'sql_cancelled';

export type ConsolePhase =
  'loading' | 'running' | 'exporting' | 'error' | 'cancelled' | 'done' | 'ready';

export class SqlConsole {
  sql = $state(readSaved());
  tables = $state.raw<ConsoleTable[]>([]);
  result = $state.raw<ConsoleResult | null>(null);
  error = $state.raw<AppErrorData | null>(null);
  isLoading = $state(true);
  isRunning = $state(false);
  isExporting = $state(false);
  /** Original cells being expanded before the running statement (null when none are). */
  unpacking = $state.raw<ConsoleProgress | null>(null);
  /** The last run or export was cancelled. */
  wasCancelled = $state(false);
  startedAt = $state(0);
  now = $state(0);
  /** Finished runs (the grid restarts on each) and started ones (tests wait on them). */
  runs = $state(0);
  started = $state(0);

  readonly isBusy = $derived(this.isRunning || this.isExporting);
  readonly phase: ConsolePhase = $derived(
    this.isLoading
      ? 'loading'
      : this.isRunning
        ? 'running'
        : this.isExporting
          ? 'exporting'
          : this.error
            ? 'error'
            : this.wasCancelled
              ? 'cancelled'
              : this.result
                ? 'done'
                : 'ready'
  );

  #client = new ConsoleClient();

  /** Lives as long as the view that creates it (call during component initialisation). */
  constructor(
    private db: DbClient,
    private datasets: Datasets
  ) {
    // A fresh copy of the database whenever the datasets change (and while the view is open).
    $effect(() => {
      void this.datasets.list.map((d) => `${d.id}:${d.importedAt}:${d.rawComplete}`).join('|');
      return untrack(() => this.#reload());
    });
    // Elapsed time while a query runs: the page keeps ticking because the query has its own thread.
    $effect(() => {
      if (!this.isBusy) return;
      const timer = setInterval(() => (this.now = performance.now()), 200);
      return () => clearInterval(timer);
    });
    $effect(() => () => this.#client.terminate());
  }

  #reload() {
    let stale = false;
    this.isLoading = true;
    this.db
      .call('snapshot', {})
      .then((bytes) => (stale ? null : this.#client.load(bytes)))
      .then((list) => {
        if (stale || !list) return;
        this.tables = list;
        if (!this.sql.trim()) this.sql = this.#defaultSql(list);
      })
      .catch((err) => {
        if (!stale) this.error = toErrorData(err);
      })
      .finally(() => {
        if (!stale) this.isLoading = false;
      });
    return () => {
      stale = true;
    };
  }

  #defaultSql(list: ConsoleTable[]): string {
    const active = list.find(
      (x) => x.role === 'normalized' && x.name === this.datasets.active?.table
    );
    const first = active ?? list.find((x) => x.role === 'normalized');
    return first ? `SELECT *\nFROM ${first.name}\nLIMIT 100;` : '';
  }

  #begin() {
    this.error = null;
    this.unpacking = null;
    this.wasCancelled = false;
    this.startedAt = this.now = performance.now();
  }

  async run() {
    if (this.isRunning || !this.sql.trim()) return;
    try {
      localStorage.setItem(STORAGE_KEY, this.sql);
    } catch {
      // Not keeping the text is harmless.
    }
    this.isRunning = true;
    this.started++;
    this.#begin();
    try {
      this.result = await this.#client.run(this.sql, MAX_ROWS, this.#onProgress);
      this.runs++;
    } catch (err) {
      // A cancelled run says so in the status line; it is not an error.
      if (!isCancel(err)) this.error = toErrorData(err);
    } finally {
      this.isRunning = false;
      this.unpacking = null;
    }
  }

  /** The whole result of the SQL as CSV, or undefined (failed or cancelled). */
  async exportCsv(): Promise<Blob | undefined> {
    if (this.isExporting || !this.result) return;
    this.isExporting = true;
    this.#begin();
    try {
      return await this.#client.csv(this.sql, this.#onProgress);
    } catch (err) {
      if (!isCancel(err)) this.error = toErrorData(err);
    } finally {
      this.isExporting = false;
      this.unpacking = null;
    }
  }

  #onProgress = (p: ConsoleProgress) => {
    this.unpacking = p.rows < p.total ? p : null;
  };

  cancel() {
    const reload = this.#client.cancel();
    this.isRunning = this.isExporting = false;
    this.unpacking = null;
    this.wasCancelled = true;
    reload?.catch((err) => (this.error = toErrorData(err)));
  }
}

function readSaved(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

/** The console for the SQL view (created while the view initialises, stopped when it goes). */
export function createSqlConsole(): SqlConsole {
  return new SqlConsole(getDbClient(), getDatasets());
}
