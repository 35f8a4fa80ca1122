// Typed arrays lent again and again for a computation's temporaries. In the browser here, memory a
// typed array touches for the first time costs page faults: a worker filled 30 fresh 800 kB arrays
// in 113–187 ms and one reused array 30 times in 4–12 ms. The steps an as-of change repeats over
// every customer (sorting, tie groups, tiers, the order book's state) borrow theirs from here.

/** Elements above which temporaries are made fresh and let go, not kept for the next use. */
const KEEP_AT_MOST = 1 << 20;

type Arrays = Record<string, Float64Array | Int32Array | Uint32Array>;

/**
 * A set of typed arrays, one per call site, kept between uses. `use(n, run)` gives `run` arrays
 * of exactly `n` elements whose contents are whatever the last use left (callers fill them); they
 * must not outlive `run` (never returned or kept). A use inside a use of the same scratch gets
 * fresh arrays instead, as does a size above {@link KEEP_AT_MOST}.
 */
export class Scratch<T extends Arrays> {
  #kept: T | null = null;
  #size = 0;
  #isLent = false;

  /** `make(n)`: the arrays, each of `n` elements. */
  constructor(private readonly make: (n: number) => T) {}

  use<R>(n: number, run: (arrays: T) => R): R {
    if (this.#isLent || n > KEEP_AT_MOST) return run(this.make(n));
    if (!this.#kept || this.#size < n) {
      this.#kept = this.make(n);
      this.#size = n;
    }
    const views = {} as Record<string, Float64Array | Int32Array | Uint32Array>;
    for (const [key, array] of Object.entries(this.#kept)) views[key] = array.subarray(0, n);
    this.#isLent = true;
    try {
      return run(views as T);
    } finally {
      this.#isLent = false;
    }
  }
}
