// The page's handle on the SQL console's query worker: load a snapshot, run, cancel by restart.
import { WorkerError } from './client';
import type {
  ConsoleRequest,
  ConsoleResponse,
  ConsoleResult,
  ConsoleTable
} from './console-protocol';

type Body<T> = T extends { id: number } ? Omit<T, 'id'> : never;

/**
 * sql.js runs a statement to its end without yielding, so the only honest cancel is to stop the
 * thread: the console queries a copy of the workspace in a worker of its own, and `cancel()`
 * terminates it and starts a fresh one on the same copy. The workspace database never notices.
 */
export class ConsoleClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: unknown) => void }
  >();
  private snapshot: Uint8Array | null = null;
  private ready: Promise<ConsoleTable[]> | null = null;

  /** Loads a copy of the workspace database; resolves with its tables. */
  load(bytes: Uint8Array): Promise<ConsoleTable[]> {
    this.snapshot = bytes;
    this.ensureWorker();
    // Copied, not transferred: a restart after cancel needs the bytes again.
    this.ready = this.send({ type: 'load', bytes }) as Promise<ConsoleTable[]>;
    return this.ready;
  }

  async run(sql: string, maxRows: number): Promise<ConsoleResult> {
    await this.loaded();
    return (await this.send({ type: 'run', sql, maxRows })) as ConsoleResult;
  }

  /** The whole result of `sql` as CSV (UTF-8 with BOM, formula-safe). */
  async csv(sql: string): Promise<Blob> {
    await this.loaded();
    return (await this.send({ type: 'csv', sql })) as Blob;
  }

  /** Stops whatever runs (its promise rejects with `sql_cancelled`) and reloads the copy. */
  cancel(): Promise<ConsoleTable[]> | null {
    this.stop({ code: 'sql_cancelled' });
    return this.snapshot ? this.load(this.snapshot) : null;
  }

  terminate() {
    this.stop({ code: 'worker_stopped' });
    this.snapshot = null;
  }

  private async loaded() {
    if (!this.ready) throw new WorkerError({ code: 'sql_not_ready' });
    await this.ready;
  }

  private stop(error: { code: string }) {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
    for (const p of this.pending.values()) p.reject(new WorkerError(error));
    this.pending.clear();
  }

  private ensureWorker() {
    if (this.worker) return;
    const worker = new Worker(new URL('../worker/console/worker.ts', import.meta.url), {
      type: 'module'
    });
    worker.onmessage = (event: MessageEvent<ConsoleResponse>) => {
      const msg = event.data;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new WorkerError(msg.error));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      // A crash (e.g. out of memory) loses this copy only; the next load starts a new worker.
      this.stop({ code: 'sql_crashed' });
    };
    this.worker = worker;
  }

  private send(body: Body<ConsoleRequest>): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage({ ...body, id } as ConsoleRequest);
    });
  }
}
