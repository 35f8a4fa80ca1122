// The page's handle on the SQL console's query worker: load a snapshot, run, cancel by restart.
import { WorkerClient } from './client';
import { WorkerError } from './errors';
import type { ConsoleApi, ConsoleProgress, ConsoleResult, ConsoleTable } from './console-protocol';

/**
 * sql.js runs a statement to its end without yielding, so the only honest cancel is to stop the
 * thread: the console queries a copy of the workspace in a worker of its own, and `cancel()`
 * terminates it and starts a fresh one on the same copy. The workspace database never notices.
 */
export class ConsoleClient {
  #client: WorkerClient<ConsoleApi, ConsoleProgress> | null = null;
  #snapshot: Uint8Array | null = null;
  #ready: Promise<ConsoleTable[]> | null = null;

  /** Loads a copy of the workspace database; resolves with its tables. */
  load(bytes: Uint8Array): Promise<ConsoleTable[]> {
    this.#snapshot = bytes;
    const client = (this.#client ??= this.#startClient());
    // Copied, not moved: a restart after cancel needs the bytes again.
    this.#ready = client.call('load', { bytes });
    return this.#ready;
  }

  #startClient(): WorkerClient<ConsoleApi, ConsoleProgress> {
    const client = new WorkerClient<ConsoleApi, ConsoleProgress>({
      start: () =>
        new Worker(new URL('../worker/console/worker.ts', import.meta.url), { type: 'module' }),
      crashCode: 'sql_crashed'
    });
    // A crash (e.g. out of memory) loses this copy only; the next load starts a new worker.
    client.onCrash(() => {
      client.terminate();
      if (this.#client !== client) return;
      this.#client = null;
      this.#ready = null;
    });
    return client;
  }

  /** Runs `sql`; `onProgress` hears of original cells expanded before it runs (see ConsoleProgress). */
  async run(
    sql: string,
    maxRows: number,
    onProgress?: (p: ConsoleProgress) => void
  ): Promise<ConsoleResult> {
    return (await this.#loaded()).call('run', { sql, maxRows }, { onProgress });
  }

  /** The whole result of `sql` as CSV (UTF-8 with BOM, formula-safe). */
  async csv(sql: string, onProgress?: (p: ConsoleProgress) => void): Promise<Blob> {
    return (await this.#loaded()).call('csv', { sql }, { onProgress });
  }

  /** Stops whatever runs (its promise rejects with `sql_cancelled`) and reloads the copy. */
  cancel(): Promise<ConsoleTable[]> | null {
    this.#client?.restart({ code: 'sql_cancelled' });
    return this.#snapshot ? this.load(this.#snapshot) : null;
  }

  terminate() {
    this.#client?.terminate();
    this.#client = null;
    this.#ready = null;
    this.#snapshot = null;
  }

  async #loaded(): Promise<WorkerClient<ConsoleApi, ConsoleProgress>> {
    if (!this.#ready || !this.#client) throw new WorkerError({ code: 'sql_not_ready' });
    await this.#ready;
    return this.#client;
  }
}
