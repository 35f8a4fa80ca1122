// When the page is waiting on the worker: its requests in flight and when the last one was
// answered, so work that holds the thread for seconds (index builds, the raw sheet, a database
// save) starts in a quiet moment and what the user waits for goes first.

/** Counts the page's requests in flight; `whenQuiet(ms)` waits until none was for `ms`. */
export class RequestQuiet {
  #inFlight = 0;
  #lastAnswered = -Infinity;

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

  /**
   * Resolves once no request has been in flight for `ms`, or as soon as `hurry()` says the work
   * is wanted now (it was stopped, or a request waits for it).
   */
  async whenQuiet(ms: number, hurry: () => boolean = () => false): Promise<void> {
    while (!hurry()) {
      const left = this.#lastAnswered + ms - performance.now();
      if (this.#inFlight === 0 && left <= 0) return;
      const wait = this.#inFlight > 0 ? ms : left;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, HURRY_POLL_MS)));
    }
  }
}

/** How often a waiting job looks whether it is wanted now. */
const HURRY_POLL_MS = 50;

/** The page's requests to this worker (`serve` counts those the page waits for). */
export const pageRequests = new RequestQuiet();
