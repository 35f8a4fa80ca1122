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

  /** The {@link holding} task running now (requests wait for it), if any. */
  #held: { isOver: boolean } | null = null;
  /** The requests not yet started, oldest first. */
  #waiting: (() => void)[] = [];

  /**
   * Runs `task` while the requests that arrive meanwhile wait to start (those running go on). A
   * save takes a few turns of the event loop (locks, file handles); a busy view's requests, each
   * holding the thread for seconds, would otherwise put it off turn by turn for a minute. They
   * start once `task` is done, or after `maxMs` in any case.
   */
  async holding<T>(task: () => Promise<T>, maxMs = HOLD_MAX_MS): Promise<T> {
    const held = { isOver: false };
    const open = () => {
      held.isOver = true;
      if (this.#held !== held) return;
      this.#held = null;
      this.#admitNext();
    };
    this.#held = held;
    const timer = setTimeout(open, maxMs);
    try {
      return await task();
    } finally {
      clearTimeout(timer);
      open();
    }
  }

  /**
   * Lets requests start while the {@link holding} task running now waits for `wait` (an import
   * that began meanwhile: it may take a minute, and the page's requests must not wait that long).
   * The hold is back once the wait is over (unless its time ran out). Without a hold, just waits.
   */
  async unheld<T>(wait: () => Promise<T>): Promise<T> {
    const held = this.#held;
    if (!held) return wait();
    this.#held = null;
    this.#admitNext();
    try {
      return await wait();
    } finally {
      if (!held.isOver && this.#held === null) this.#held = held;
    }
  }

  /**
   * Resolves in the request's turn: one request starts per turn of the event loop, in the order
   * they came, and none while a {@link holding} task runs. A request runs to its first real wait
   * in its turn and answers before the next one begins, as it would in its message's own task;
   * but a timer that came due meanwhile (a save that waited long enough) goes before the requests
   * still queued, where their messages would all have gone first.
   */
  admitted(): Promise<void> {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#admitNext();
    });
  }

  #isAdmitting = false;

  #admitNext() {
    if (this.#held || this.#isAdmitting || this.#waiting.length === 0) return;
    this.#isAdmitting = true;
    setTimeout(() => {
      this.#isAdmitting = false;
      // Work whose wait is over goes first (it may hold the requests back: see the next turn).
      const now = performance.now();
      const due = this.#due.find((d) => d.at <= now);
      if (due) due.fire();
      else if (!this.#held) this.#waiting.shift()?.();
      this.#admitNext();
    });
  }

  /** Waits of background work with a deadline (see {@link after}). */
  #due: { at: number; fire: () => void }[] = [];

  /**
   * Resolves after `ms`: by a timer, or at the first turn between requests after that, whichever
   * comes first (a timer alone can wait behind every queued request of a busy view). `cancel`
   * drops the wait.
   */
  after(ms: number): { done: Promise<void>; cancel: () => void } {
    let fire = () => {};
    const done = new Promise<void>((resolve) => (fire = resolve));
    const entry = {
      at: performance.now() + ms,
      fire: () => {
        cancel();
        fire();
      }
    };
    const timer = setTimeout(entry.fire, ms);
    const cancel = () => {
      clearTimeout(timer);
      this.#due = this.#due.filter((d) => d !== entry);
    };
    this.#due.push(entry);
    return { done, cancel };
  }

  /** An answer to a request not counted in flight (an import): the quiet time starts again. */
  answered() {
    this.#lastAnswered = performance.now();
  }

  /**
   * Resolves once no request has been in flight for `ms` and no {@link holding} task (a save)
   * runs, or as soon as `hurry()` says the work is wanted now (it was stopped, or a request waits
   * for it), or after `maxMs` in any case. A save that holds the requests back is not slowed by
   * background work either: each of its steps would wait for a step of that work.
   */
  async whenQuiet(ms: number, hurry: () => boolean = () => false, maxMs = Infinity): Promise<void> {
    if (maxMs <= 0) return;
    const cutoff = Number.isFinite(maxMs) ? this.after(maxMs) : null;
    let isCut = false;
    void cutoff?.done.then(() => (isCut = true));
    try {
      while (!hurry() && !isCut) {
        const left = this.#lastAnswered + ms - performance.now();
        const isBusy = this.#inFlight > 0 || this.#held !== null;
        if (!isBusy && left <= 0) return;
        const wait = isBusy ? ms : left;
        const poll = new Promise((resolve) => setTimeout(resolve, Math.min(wait, HURRY_POLL_MS)));
        await (cutoff ? Promise.race([poll, cutoff.done]) : poll);
      }
    } finally {
      cutoff?.cancel();
    }
  }
}

/** The longest a {@link RequestQuiet.holding} task holds requests back (a save at 5M takes ≈20 s). */
const HOLD_MAX_MS = 60_000;

/** How often a waiting job looks whether it is wanted now. */
const HURRY_POLL_MS = 50;

/** The page's requests to this worker (`serve` counts those the page waits for). */
export const pageRequests = new RequestQuiet();
