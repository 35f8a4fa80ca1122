// Small helpers of the bench: named steps with deadlines, medians, formatting.

/**
 * Runs `fn` as the step `name`: past `ms` it fails with a message naming the step (never hangs);
 * an error inside says which step it broke, and whether the page had crashed.
 * @template T
 * @param {string} name
 * @param {() => Promise<T>} fn
 * @param {number} ms
 * @param {() => boolean} [crashed]
 * @returns {Promise<T>}
 */
export async function step(name, fn, ms, crashed = () => false) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${name}: not done within ${Math.round(ms / 1000)} s`)),
      ms
    );
  });
  try {
    return await Promise.race([fn(), deadline]);
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    if (why.startsWith(`${name}:`)) throw err;
    throw new Error(`${name}: ${crashed() ? 'the page crashed (out of memory?) — ' : ''}${why}`, {
      cause: err
    });
  } finally {
    clearTimeout(timer);
  }
}

/** Median of the finite numbers (null when there are none). @param {unknown[]} xs */
export function median(xs) {
  const v = /** @type {number[]} */ (xs.filter((x) => typeof x === 'number' && Number.isFinite(x)));
  if (!v.length) return null;
  v.sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** Bytes → MB, whole. @param {number} bytes */
export const mb = (bytes) => Math.round(bytes / 2 ** 20);

/** Rounds to `d` decimals (null stays null). @param {number | null} x @param {number} [d] */
export const round = (x, d = 2) => (x === null ? null : +x.toFixed(d));
