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
import { pageRequests } from './quiet';

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
    const answered = isAwaited(type) ? pageRequests.begin() : () => {};
    // No queue: a cancel must be answered while an import is still running.
    new Promise((resolve) => {
      before(type);
      resolve(handler(args, { progress }));
    })
      .then(
        (result) => post({ id, type: 'result', result }, transferablesOf(result)),
        (err) => post({ id, type: 'error', error: toError(err) })
      )
      .finally(answered);
  };
}

/** Tells the page something it did not ask for (a save finished, background work completed). */
export function postEvent<E>(payload: E) {
  post<never, E>({ id: 0, type: 'event', payload });
}
