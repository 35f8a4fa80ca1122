// The page's handle on a worker: typed requests, progress, events and crashes, for both the
// database worker and the SQL console's worker.
import { WorkerError, type AppErrorData, type ErrorCode } from './errors';
import type { ApiMap, RpcResponse } from './rpc';
import type { Api, Progress, WorkerEvent } from './protocol';

export { WorkerError };

/** Options of one request. */
export interface CallOptions<P> {
  onProgress?: (p: P) => void;
  /** Buffers of the arguments to move rather than copy (the page cannot use them afterwards). */
  transfer?: Transferable[];
}

interface Pending<P> {
  type: string;
  resolve: (value: unknown) => void;
  reject: (reason: WorkerError) => void;
  onProgress?: (p: P) => void;
}

export interface WorkerClientOptions {
  /** Starts the worker (the `new Worker(new URL(…))` form Vite bundles). */
  start: () => Worker;
  /** The code pending requests fail with when the worker dies. */
  crashCode: ErrorCode;
  /** Errors after which the worker cannot be trusted (handled like a crash). */
  isFatal?: (error: AppErrorData) => boolean;
  /** Told the types of the unanswered requests (oldest first) whenever they change. */
  onPendingChange?: (pending: string[]) => void;
}

/**
 * A worker behind typed calls: `call('rfm.summary', args)` resolves with that request's result
 * type. Events and crashes are subscriptions (`on(…)` returns the unsubscribe).
 */
export class WorkerClient<A extends ApiMap<A>, P = never, E = never> {
  #worker: Worker;
  #nextId = 1;
  #pending = new Map<number, Pending<P>>();
  #onEvent = new Set<(event: E) => void>();
  #onCrash = new Set<(error: AppErrorData) => void>();

  constructor(private options: WorkerClientOptions) {
    this.#worker = this.#start();
  }

  #start(): Worker {
    const worker = this.options.start();
    worker.onmessage = (event: MessageEvent<RpcResponse<P, E>>) => this.#receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.#crashed({ code: this.options.crashCode, params: { message: event.message ?? '' } });
    };
    return worker;
  }

  /** Sends a request; resolves with its typed result, rejects with a {@link WorkerError}. */
  call<K extends keyof A & string>(
    type: K,
    args: A[K]['args'],
    options: CallOptions<P> = {}
  ): Promise<A[K]['result']> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, {
        type,
        resolve: resolve as (value: unknown) => void,
        reject,
        onProgress: options.onProgress
      });
      this.#showPending();
      this.#worker.postMessage({ id, type, args }, options.transfer ?? []);
    });
  }

  /** Listens to the worker's own events; returns the unsubscribe. */
  onEvent(listener: (event: E) => void): () => void {
    this.#onEvent.add(listener);
    return () => this.#onEvent.delete(listener);
  }

  /** Listens for the worker dying (pending requests are rejected first); returns the unsubscribe. */
  onCrash(listener: (error: AppErrorData) => void): () => void {
    this.#onCrash.add(listener);
    return () => this.#onCrash.delete(listener);
  }

  /** Replaces the worker with a fresh one; pending requests fail with `error`. */
  restart(error: AppErrorData = { code: 'worker_stopped' }) {
    this.#failAll(error);
    this.#worker.terminate();
    this.#worker = this.#start();
  }

  terminate(error: AppErrorData = { code: 'worker_stopped' }) {
    this.#failAll(error);
    this.#worker.terminate();
  }

  #receive(msg: RpcResponse<P, E>) {
    if (msg.type === 'event') {
      for (const listener of this.#onEvent) listener(msg.payload);
      return;
    }
    const p = this.#pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') {
      p.onProgress?.(msg.progress);
      return;
    }
    this.#pending.delete(msg.id);
    this.#showPending();
    if (msg.type === 'result') return p.resolve(msg.result);
    p.reject(new WorkerError(msg.error));
    if (this.options.isFatal?.(msg.error)) this.#crashed(msg.error);
  }

  #crashed(error: AppErrorData) {
    this.#failAll(error);
    for (const listener of this.#onCrash) listener(error);
  }

  #failAll(error: AppErrorData) {
    for (const p of this.#pending.values()) p.reject(new WorkerError(error));
    this.#pending.clear();
    this.#showPending();
  }

  #showPending() {
    this.options.onPendingChange?.([...this.#pending.values()].map((p) => p.type));
  }
}

/** The database worker's client. */
export type DbClient = WorkerClient<Api, Progress, WorkerEvent>;

/** Starts the database worker (one per page: the data stays loaded between views). */
export function createDbClient(): DbClient {
  return new WorkerClient<Api, Progress, WorkerEvent>({
    start: () => new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module' }),
    crashCode: 'worker_crashed',
    // After a failed allocation sql.js may be half-updated or aborted: start over like a crash.
    isFatal: (error) => error.code === 'out_of_memory',
    // Unanswered requests on `<html data-db-pending>`: e2e tests wait for 0 before looking, and
    // `data-db-waiting` names them when a wait times out.
    onPendingChange: (types) => {
      const html = document.documentElement;
      html.dataset.dbPending = String(types.length);
      html.dataset.dbWaiting = types.join(' ');
    }
  });
}
