// The page's handle on the database worker: typed requests, progress callbacks, crash reporting.
import type { Api, AppErrorData, Progress, Request, Response, WorkerEvent } from './protocol';

/** An error from the worker, carrying an i18n code and its parameters. */
export class WorkerError extends Error {
  constructor(public data: AppErrorData) {
    super(data.code);
  }
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (reason: WorkerError) => void;
  onProgress?: (p: Progress) => void;
}

export class DbClient {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  /** Called for events the worker reports on its own (e.g. background loading finished). */
  onEvent: (event: WorkerEvent) => void = () => {};
  /** Called once the worker died (crash, out of memory); pending requests are already rejected. */
  onCrash: (error: AppErrorData) => void = () => {};

  constructor() {
    this.worker = this.start();
  }

  private start(): Worker {
    const worker = new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<Response>) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      const error = { code: 'worker_crashed', params: { message: event.message ?? '' } };
      this.failAll(error);
      this.onCrash(error);
    };
    return worker;
  }

  /** Replaces the worker with a fresh one (after a crash); the caller restores the workspace. */
  restart() {
    this.failAll({ code: 'worker_stopped' });
    this.worker.terminate();
    this.worker = this.start();
  }

  /** Sends a request; resolves with its typed result. */
  call<K extends keyof Api>(
    type: K,
    args: Api[K]['args'],
    onProgress?: (p: Progress) => void
  ): Promise<Api[K]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      this.showPending();
      this.worker.postMessage({ id, type, args } as Request);
    });
  }

  /** Runs a read query. */
  query<Row extends unknown[] = (string | number | null)[]>(
    sql: string,
    params?: (string | number | null)[]
  ) {
    return this.call('query', { sql, params }) as Promise<{ columns: string[]; rows: Row[] }>;
  }

  terminate() {
    this.failAll({ code: 'worker_stopped' });
    this.worker.terminate();
  }

  private receive(msg: Response) {
    if (msg.type === 'event') {
      this.onEvent(msg.payload);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') {
      p.onProgress?.(msg.progress);
      return;
    }
    this.pending.delete(msg.id);
    this.showPending();
    if (msg.type === 'result') return p.resolve(msg.result);
    p.reject(new WorkerError(msg.error));
    // After a failed allocation sql.js may be half-updated or aborted: start over like a crash.
    if (msg.error.code === 'out_of_memory') {
      this.failAll(msg.error);
      this.onCrash(msg.error);
    }
  }

  private failAll(error: AppErrorData) {
    for (const p of this.pending.values()) p.reject(new WorkerError(error));
    this.pending.clear();
    this.showPending();
  }

  /** Unanswered requests on `<html data-db-pending>`: e2e tests wait for 0 before looking at a view. */
  private showPending() {
    document.documentElement.dataset.dbPending = String(this.pending.size);
  }
}
