// The shape every page ↔ worker conversation shares: a map of requests to argument and result
// types, the messages carrying them, and the handler table a worker serves them with.
import type { AppErrorData } from './errors';

/** One request: its argument and result types. */
export interface Endpoint {
  args: unknown;
  result: unknown;
}

/** Request name → its argument and result types (each worker declares one, as an interface). */
export type ApiMap<A> = { [K in keyof A]: Endpoint };

/** A request as it travels to the worker. */
export type RpcRequest<A extends ApiMap<A>> = {
  [K in keyof A & string]: { id: number; type: K; args: A[K]['args'] };
}[keyof A & string];

/** Everything a worker sends back: a result, an error, progress of a request, or an event of its own. */
export type RpcResponse<Progress = never, Event = never> =
  | { id: number; type: 'result'; result: unknown }
  | { id: number; type: 'error'; error: AppErrorData }
  | { id: number; type: 'progress'; progress: Progress }
  | { id: 0; type: 'event'; payload: Event };

/** What a handler may use besides its arguments. */
export interface HandlerContext<Progress> {
  /** Reports progress of this request to the page. */
  progress: (p: Progress) => void;
}

/**
 * The worker's handler table: one function per request, its result type checked against the map,
 * so a missing handler or a wrong result is a compile error.
 */
export type Handlers<A extends ApiMap<A>, Progress = never> = {
  [K in keyof A]: (
    args: A[K]['args'],
    ctx: HandlerContext<Progress>
  ) => Promise<A[K]['result']> | A[K]['result'];
};

/**
 * The buffers of typed arrays found in a message (at most two levels deep), to move them instead
 * of copying. A buffer is listed once; a view over part of a larger buffer is copied (moving it
 * would detach memory the sender still uses).
 */
export function transferablesOf(value: unknown): Transferable[] {
  const found = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number) => {
    if (v === null || typeof v !== 'object') return;
    if (ArrayBuffer.isView(v)) {
      const buf = v.buffer;
      if (buf instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === buf.byteLength)
        found.add(buf);
      return;
    }
    if (v instanceof Blob || depth >= 2) return;
    for (const x of Array.isArray(v) ? v : Object.values(v)) visit(x, depth + 1);
  };
  visit(value, 0);
  return [...found];
}
