// The one way views get data from the worker: a query runs a request for the arguments in force,
// drops answers to arguments no longer in force and exposes data / error / loading; an action runs
// a one-off request (an export) with busy / error; a page source feeds a virtual table.
import { untrack } from 'svelte';
import { createSubscriber } from 'svelte/reactivity';
import { toErrorData, type AppErrorData } from '$lib/db';

export interface QueryOptions {
  /** Quiet time before asking, so a burst of changes (typing) asks once. */
  delayMs?: number;
  /**
   * With `delayMs`: the first change after a quiet spell asks at once (a choice in a list is
   * answered without the wait); only the changes that follow it within `delayMs` wait it out.
   */
  leading?: boolean;
  /**
   * What else an answer depends on without being sent (which import of a dataset it is: dataset
   * ids are reused across workspaces); a new value asks again.
   */
  scope?: () => unknown;
}

/**
 * How long the Overview's cards that run rules over every order (the call list's top, the risks'
 * summary) wait after the page is drawn before asking: the headline answers first, and a user who
 * moves on at once sends none of them.
 */
export const OVERVIEW_CARD_DELAY_MS = 1_500;

/**
 * A request kept in step with its arguments. It runs only while something on the page reads it
 * (leaving a view stops it; coming back with the same arguments reuses the answer), and only the
 * answer to the latest arguments is kept. `args` returning null means "nothing to ask".
 */
export class Query<Args, T> {
  #data = $state.raw<T | null>(null);
  #error = $state.raw<AppErrorData | null>(null);
  #loading = $state(false);
  /** Key of the arguments the data or error answers, and of the request under way. */
  #answered: string | null = null;
  #asked: string | null = null;
  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** A request is waiting out its `delayMs` (not sent yet). */
  #waiting = false;
  /** When arguments last changed (for `leading`). */
  #changedAt = -Infinity;
  #subscribe: () => void;

  constructor(
    private args: () => Args | null,
    private fetch: (args: Args) => Promise<T>,
    private options: QueryOptions = {}
  ) {
    this.#subscribe = createSubscriber(() => {
      // Made after the reader's effect has run, so the root belongs to no reader: created inside
      // the first reader's effect, it would be destroyed with that reader while others still read.
      let stop: (() => void) | null = null;
      let isStopped = false;
      queueMicrotask(() => {
        if (isStopped) return;
        stop = $effect.root(() => {
          $effect(() => {
            const args = $state.snapshot(this.args()) as Args | null;
            const scope = this.options.scope?.();
            untrack(() => this.#ask(args, scope));
          });
          return () => this.#cancelDelayed();
        });
      });
      return () => {
        isStopped = true;
        stop?.();
      };
    });
  }

  /** The latest answer (while new arguments load, the previous answer stays; see `isLoading`). */
  get data(): T | null {
    this.#subscribe();
    return this.#data;
  }

  /** Why the latest request failed, or null. */
  get error(): AppErrorData | null {
    this.#subscribe();
    return this.#error;
  }

  get isLoading(): boolean {
    this.#subscribe();
    return this.#loading;
  }

  /** Asks again for the arguments in force (after the worker restarted, or data changed). */
  refresh() {
    this.#answered = this.#asked = null;
    untrack(() => this.#ask($state.snapshot(this.args()) as Args | null, this.options.scope?.()));
  }

  #ask(args: Args | null, scope: unknown) {
    const key = args === null ? null : JSON.stringify([scope, args]);
    if (key !== null && key === this.#asked) return;
    const generation = ++this.#generation;
    clearTimeout(this.#timer);
    this.#waiting = false;
    if (key !== null && key === this.#answered) {
      // Back to the arguments already answered: whatever was asked since no longer counts.
      this.#asked = null;
      this.#loading = false;
      return;
    }
    if (args === null) {
      this.#data = this.#error = null;
      this.#answered = this.#asked = null;
      this.#loading = false;
      return;
    }
    this.#asked = key;
    this.#loading = true;
    const now = performance.now();
    const isBurst = now - this.#changedAt < (this.options.delayMs ?? 0);
    this.#changedAt = now;
    const run = () =>
      this.fetch(args).then(
        (data) => {
          if (generation !== this.#generation) return;
          this.#data = data;
          this.#error = null;
          this.#answered = key;
        },
        (err) => {
          if (generation !== this.#generation) return;
          this.#data = null;
          this.#error = toErrorData(err);
          this.#answered = key;
        }
      );
    const settle = () => {
      if (generation !== this.#generation) return;
      this.#asked = null;
      this.#loading = false;
    };
    if (this.options.delayMs && (!this.options.leading || isBurst)) {
      this.#waiting = true;
      this.#timer = setTimeout(() => {
        this.#waiting = false;
        void run().finally(settle);
      }, this.options.delayMs);
    } else void run().finally(settle);
  }

  /** Nobody reads it any more: a request still waiting out its delay is not sent (nor pending). */
  #cancelDelayed() {
    clearTimeout(this.#timer);
    if (!this.#waiting) return;
    this.#waiting = false;
    this.#generation++;
    this.#asked = null;
    this.#loading = false;
  }
}

/** A one-off request started by the user (an export, a download): busy while it runs, its error kept. */
export class Action {
  isBusy = $state(false);
  error = $state.raw<AppErrorData | null>(null);

  /** Runs `task`; resolves with its result, or undefined when it failed (see `error`). */
  async run<T>(task: () => Promise<T>): Promise<T | undefined> {
    this.isBusy = true;
    this.error = null;
    try {
      return await task();
    } catch (err) {
      this.error = toErrorData(err);
      return undefined;
    } finally {
      this.isBusy = false;
    }
  }
}

/** Rows for a virtual table, page by page; a new `key` restarts the table. */
export interface PageSource<Row> {
  key: string;
  load: (offset: number, limit: number) => Promise<{ total: number; rows: Row[] }>;
}
