// Special functions for the CLV models: log-gamma (Lanczos), log-sum-exp and Gauss 2F1.

const LANCZOS_G = 7;
const LANCZOS_COEF = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Natural log of |Γ(x)| (Lanczos, g = 7; ~15 significant digits). NaN at poles (0, −1, −2, …). */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0 && Number.isInteger(x)) return NaN;
  if (x < 0.5) {
    // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  }
  const z = x - 1;
  let s = LANCZOS_COEF[0];
  for (let i = 1; i < LANCZOS_G + 2; i++) s += LANCZOS_COEF[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** log(Σ exp(v_i)) computed without overflow; −Infinity for an empty list or all −Infinity. */
export function logSumExp(values: readonly number[]): number {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  if (max === -Infinity) return -Infinity;
  if (!Number.isFinite(max)) return max;
  let s = 0;
  for (const v of values) s += Math.exp(v - max);
  return max + Math.log(s);
}

/**
 * Gauss hypergeometric 2F1(a, b; c; z) by its power series, for |z| < 1 (the BG/NBD argument
 * z = t/(α+T+t) lies in [0, 1)). Sums until the relative term size falls below `tolerance`; returns
 * NaN if the series has not converged within `maxTerms` terms or the arguments are out of range.
 */
export function hyp2f1(
  a: number,
  b: number,
  c: number,
  z: number,
  tolerance = 1e-14,
  maxTerms = 100_000
): number {
  if (!(Math.abs(z) < 1) || (c <= 0 && Number.isInteger(c))) return NaN;
  let term = 1;
  let sum = 1;
  for (let n = 0; n < maxTerms; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (term === 0 || Math.abs(term) <= tolerance * Math.abs(sum)) {
      // Guard against a transient tiny term while coefficients still grow (n < a+b−c region).
      if (term === 0 || n + 1 > Math.max(a, b, 0) - c) return sum;
    }
    if (!Number.isFinite(sum)) return NaN;
  }
  return NaN;
}
