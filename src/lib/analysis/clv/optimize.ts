// Derivative-free Nelder–Mead minimizer over R^n with the adaptive coefficients of Gao & Han (2012).

/** Options for {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Maximum number of iterations (default 5000). */
  maxIterations?: number;
  /** Stop when the spread of f over the simplex and its diameter in x are both below this (default 1e-10). */
  tolerance?: number;
  /** Size of the initial simplex step along each axis (default 0.1, or 0.1·|x_i| when larger). */
  initialStep?: number;
  /** Called after every iteration with the iteration number and the best value so far. */
  onIteration?: (iteration: number, fx: number) => void;
}

/** Result of {@link nelderMead}. */
export interface NelderMeadResult {
  /** Best point found. */
  x: number[];
  /** Objective at `x`. */
  fx: number;
  /** Iterations performed. */
  iterations: number;
  /** Whether the tolerance was met before `maxIterations`. */
  converged: boolean;
}

/**
 * Minimizes `f` from `x0` by Nelder–Mead with adaptive coefficients (reflection 1, expansion 1+2/n,
 * contraction 0.75−1/(2n), shrink 1−1/n). Non-finite objective values are treated as +Infinity, so
 * the search simply retreats from invalid regions.
 */
export function nelderMead(
  f: (x: number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {}
): NelderMeadResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 5000;
  const tol = options.tolerance ?? 1e-10;
  const step = options.initialStep ?? 0.1;
  const evaluate = (x: number[]): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  if (n === 0) return { x: [], fx: evaluate([]), iterations: 0, converged: true };

  const alpha = 1;
  const beta = 1 + 2 / n;
  const gamma = 0.75 - 1 / (2 * n);
  const delta = n > 1 ? 1 - 1 / n : 0.5;

  const simplex: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] += Math.max(step, Math.abs(p[i]) * step) || step;
    simplex.push(p);
  }
  const values = simplex.map(evaluate);

  const order = (): void => {
    const idx = simplex.map((_, i) => i).sort((i, j) => values[i] - values[j]);
    const s = idx.map((i) => simplex[i]);
    const v = idx.map((i) => values[i]);
    for (let i = 0; i <= n; i++) {
      simplex[i] = s[i];
      values[i] = v[i];
    }
  };
  const combine = (c: number[], w: number[], t: number): number[] =>
    c.map((ci, k) => ci + t * (w[k] - ci));

  let iterations = 0;
  let converged = false;
  order();
  while (iterations < maxIterations) {
    // Convergence: f spread and simplex diameter (relative to scale 1 + |x|).
    const fSpread = Math.abs(values[n] - values[0]);
    let xSpread = 0;
    for (let i = 1; i <= n; i++)
      for (let k = 0; k < n; k++) {
        const d = Math.abs(simplex[i][k] - simplex[0][k]) / (1 + Math.abs(simplex[0][k]));
        if (d > xSpread) xSpread = d;
      }
    if (
      Number.isFinite(values[0]) &&
      fSpread <= tol * (1 + Math.abs(values[0])) &&
      xSpread <= tol
    ) {
      converged = true;
      break;
    }
    iterations++;

    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) centroid[k] += simplex[i][k] / n;
    const worst = simplex[n];

    const xr = combine(centroid, worst, -alpha);
    const fr = evaluate(xr);
    if (fr < values[0]) {
      const xe = combine(centroid, worst, -alpha * beta);
      const fe = evaluate(xe);
      if (fe < fr) {
        simplex[n] = xe;
        values[n] = fe;
      } else {
        simplex[n] = xr;
        values[n] = fr;
      }
    } else if (fr < values[n - 1]) {
      simplex[n] = xr;
      values[n] = fr;
    } else {
      const outside = fr < values[n];
      const xc = outside
        ? combine(centroid, worst, -alpha * gamma)
        : combine(centroid, worst, gamma);
      const fc = evaluate(xc);
      if (fc < (outside ? fr : values[n])) {
        simplex[n] = xc;
        values[n] = fc;
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = combine(simplex[0], simplex[i], delta);
          values[i] = evaluate(simplex[i]);
        }
      }
    }
    order();
    options.onIteration?.(iterations, values[0]);
  }
  return { x: simplex[0].slice(), fx: values[0], iterations, converged };
}
