// When the page is waiting on the worker: the requests in flight and when the last one was
// answered, so work that holds the thread for seconds (a database save) starts in a quiet moment.

/** Counts the page's requests in flight; `whenQuiet()` waits until none was for `quietMs`. */
export class RequestQuiet {
  #inFlight = 0;
  #lastAnswered = -Infinity;

  constructor(private readonly quietMs: number) {}

  /** Marks a request begun; the returned function marks it answered (once). */
  begin(): () => void {
    this.#inFlight++;
    let isDone = false;
    return () => {
      if (isDone) return;
      isDone = true;
      this.#inFlight--;
      this.#lastAnswered = performance.now();
    };
  }

  /** Resolves once no request has been in flight for the quiet time. */
  async whenQuiet(): Promise<void> {
    for (;;) {
      const left = this.#lastAnswered + this.quietMs - performance.now();
      if (this.#inFlight === 0 && left <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, this.#inFlight > 0 ? this.quietMs : left));
    }
  }
}

/**
 * `handlers` with each request (but those in `ignore`) counted by `quiet` from its arrival to its
 * answer.
 */
export function trackRequests<H extends object>(
  handlers: H,
  quiet: RequestQuiet,
  ignore: readonly (keyof H)[] = []
): H {
  const tracked: Record<string, unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [
    string,
    (...args: unknown[]) => unknown
  ][]) {
    tracked[name] = ignore.includes(name as keyof H)
      ? handler
      : (...args: unknown[]) => {
          const done = quiet.begin();
          try {
            return Promise.resolve(handler(...args)).finally(done);
          } catch (err) {
            done();
            throw err;
          }
        };
  }
  // The same names and signatures; only the promise differs (a sync result now comes as one).
  return tracked as H;
}
