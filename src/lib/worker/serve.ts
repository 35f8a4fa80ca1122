// Runs a worker's handler table: each request's result (or translated error) goes back to the page
// with the request's id; typed arrays in results move instead of being copied.
import type { AppErrorData } from '$lib/db/errors';
import {
  transferablesOf,
  type ApiMap,
  type Handlers,
  type RpcRequest,
  type RpcResponse
} from '$lib/db/rpc';

/**
 * Requests the page is waiting for (not those that stop or wait for background work themselves)
 * now in flight, and when the last one ended: background work starts in a quiet moment.
 */
const activity = { inFlight: 0, lastEnd: 0 };

/** True when no awaited request is running and none ended in the last `ms`. */
export function isQuiet(ms: number): boolean {
  return activity.inFlight === 0 && performance.now() - activity.lastEnd >= ms;
}

/**
 * Resolves once the worker is quiet for `ms` (the page is not waiting for an answer), or at once
 * when `hurry()` says the work is wanted now (stopped, or a request waits for it).
 */
export async function whenQuiet(ms: number, hurry: () => boolean = () => false): Promise<void> {
  while (!hurry() && !isQuiet(ms)) await new Promise((resolve) => setTimeout(resolve, 25));
}

function post<P, E>(message: RpcResponse<P, E>, transfer: Transferable[] = []) {
  self.postMessage(message, { transfer });
}

/**
 * Answers the page's requests with `handlers`; `toError` turns a failure into its message;
 * `before` may refuse a request by throwing (a test hook); `isAwaited` says which requests hold
 * background work back while they run (not those that stop it or wait for it: no deadlock).
 */
export function serve<A extends ApiMap<A>, P = never>(
  handlers: Handlers<A, P>,
  toError: (err: unknown) => AppErrorData,
  before: (type: keyof A) => void = () => {},
  isAwaited: (type: keyof A) => boolean = () => true
) {
  self.onmessage = (event: MessageEvent<RpcRequest<A>>) => {
    const { id, type, args } = event.data;
    // The one untyped step: the table is checked per request name where it is declared.
    const handler = handlers[type] as (
      a: unknown,
      ctx: { progress: (p: P) => void }
    ) => Promise<unknown> | unknown;
    const progress = (p: P) => post<P, never>({ id, type: 'progress', progress: p });
    const awaited = isAwaited(type);
    if (awaited) activity.inFlight++;
    const ended = () => {
      if (!awaited) return;
      activity.inFlight--;
      activity.lastEnd = performance.now();
    };
    // No queue: a cancel must be answered while an import is still running.
    new Promise((resolve) => {
      before(type);
      resolve(handler(args, { progress }));
    })
      .then(
        (result) => post({ id, type: 'result', result }, transferablesOf(result)),
        (err) => post({ id, type: 'error', error: toError(err) })
      )
      .finally(ended);
  };
}

/** Tells the page something it did not ask for (a save finished, background work completed). */
export function postEvent<E>(payload: E) {
  post<never, E>({ id: 0, type: 'event', payload });
}
