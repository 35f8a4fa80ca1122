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
 * background work back while they run and wait while a save holds the worker (not those that stop
 * or replace it, or wait for it: no deadlock).
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
    const isHeld = isAwaited(type);
    // An import's answer starts the quiet time too: the page asks for its views right after it.
    const answered = isHeld ? pageRequests.begin() : () => pageRequests.answered();
    // The requests the page waits for start one per turn, in the order they came (a save whose
    // wait is over goes first, and they wait while it writes); the others at once: a cancel must
    // be answered while an import is still running.
    (isHeld ? pageRequests.admitted() : Promise.resolve())
      .then(() => {
        before(type);
        return handler(args, { progress });
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
