// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"): likelihood, ML fit, conditional expected spend.
import { nelderMead } from './optimize';
import { lgamma } from './special';

/** Gamma-Gamma parameters, all > 0. */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** One customer for the spend model: x repeat purchases with mean value zbar. */
export interface SpendObservation {
  x: number;
  zbar: number;
}

/** Result of {@link fitGammaGamma}. */
export interface GammaGammaFit {
  params: GammaGammaParams;
  /** Maximised total log-likelihood. */
  logLik: number;
  /** Number of customers used (x > 0 and zbar > 0). */
  n: number;
  converged: boolean;
  iterations: number;
}

/** Whether a customer enters the spend model: at least one repeat purchase and a positive mean value. */
export function isSpendObservation(o: SpendObservation): boolean {
  return o.x > 0 && o.zbar > 0 && Number.isFinite(o.zbar);
}

/**
 * Total Gamma-Gamma log-likelihood over customers with x > 0 and zbar > 0 (others are skipped:
 * the density of a zero mean is 0/undefined):
 * Σ lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q·lnγ + (px−1)·ln zbar + px·ln x − (px+q)·ln(γ + x·zbar).
 */
export function gammaGammaLogLik(
  params: GammaGammaParams,
  data: readonly SpendObservation[]
): number {
  const { p, q, gamma } = params;
  if (!(p > 0 && q > 0 && gamma > 0)) return Number.NEGATIVE_INFINITY;
  const lgq = lgamma(q);
  const qlg = q * Math.log(gamma);
  let ll = 0;
  for (const o of data) {
    if (!isSpendObservation(o)) continue;
    const px = p * o.x;
    ll +=
      lgamma(px + q) -
      lgamma(px) -
      lgq +
      qlg +
      (px - 1) * Math.log(o.zbar) +
      px * Math.log(o.x) -
      (px + q) * Math.log(gamma + o.x * o.zbar);
  }
  return ll;
}

/**
 * Spend observations arranged for fast likelihoods: ln zbar, ln x and x·zbar once, and the gamma
 * functions per distinct x (a handful) instead of per customer.
 */
interface PreparedSpend {
  xs: Float64Array;
  xAt: Uint32Array;
  logZbar: Float64Array;
  logX: Float64Array;
  xZbar: Float64Array;
}

function prepareSpend(used: readonly SpendObservation[]): PreparedSpend {
  const index = new Map<number, number>();
  const xs: number[] = [];
  const xAt = new Uint32Array(used.length);
  used.forEach((o, i) => {
    let k = index.get(o.x);
    if (k === undefined) {
      k = xs.length;
      index.set(o.x, k);
      xs.push(o.x);
    }
    xAt[i] = k;
  });
  return {
    xs: Float64Array.from(xs),
    xAt,
    logZbar: Float64Array.from(used, (o) => Math.log(o.zbar)),
    logX: Float64Array.from(used, (o) => Math.log(o.x)),
    xZbar: Float64Array.from(used, (o) => o.x * o.zbar)
  };
}

/** {@link gammaGammaLogLik} over prepared observations (all of them usable). */
function preparedSpendLogLik(params: GammaGammaParams, d: PreparedSpend): number {
  const { p, q, gamma } = params;
  if (!(p > 0 && q > 0 && gamma > 0)) return Number.NEGATIVE_INFINITY;
  const constant = -lgamma(q) + q * Math.log(gamma);
  const byX = d.xs.map((x) => lgamma(p * x + q) - lgamma(p * x) + constant);
  let ll = 0;
  for (let i = 0; i < d.xAt.length; i++) {
    const k = d.xAt[i];
    const px = p * d.xs[k];
    ll +=
      byX[k] + (px - 1) * d.logZbar[i] + px * d.logX[i] - (px + q) * Math.log(gamma + d.xZbar[i]);
  }
  return ll;
}

/**
 * Maximum-likelihood fit of (p, q, γ) on customers with x > 0 and zbar > 0, optimising the log
 * parameters from p = q = γ = 1 with Nelder–Mead (restarted from the optimum until stable).
 * Throws when there is no usable customer.
 */
export function fitGammaGamma(data: readonly SpendObservation[]): GammaGammaFit {
  const used = data.filter(isSpendObservation);
  if (used.length === 0) throw new Error('Gamma-Gamma fit needs customers with x > 0 and zbar > 0');
  const toParams = (v: number[]): GammaGammaParams => ({
    p: Math.exp(v[0]),
    q: Math.exp(v[1]),
    gamma: Math.exp(v[2])
  });
  const prepared = prepareSpend(used);
  const objective = (v: number[]) => -preparedSpendLogLik(toParams(v), prepared);
  let start = [0, 0, 0];
  let res = nelderMead(objective, start, { initialStep: 0.5 });
  let iterations = res.iterations;
  for (let k = 0; k < 5; k++) {
    start = res.x;
    const again = nelderMead(objective, start, { initialStep: 0.1 });
    iterations += again.iterations;
    const improved = res.fx - again.fx;
    res = again.fx <= res.fx ? again : res;
    if (improved < 1e-9) break;
  }
  const logLik = -res.fx;
  return {
    params: toParams(res.x),
    logLik,
    n: used.length,
    converged: res.converged && Number.isFinite(logLik),
    iterations
  };
}

/**
 * E[average transaction value | x, zbar] = (γ + x·zbar)·p / (p·x + q − 1), finite for p·x + q > 1.
 * With x = 0 it is the population mean γp/(q − 1).
 */
export function expectedSpend(params: GammaGammaParams, x: number, zbar: number): number {
  const { p, q, gamma } = params;
  const denom = p * x + q - 1;
  if (!(denom > 0)) return Number.NaN;
  return ((gamma + x * zbar) * p) / denom;
}
