// BG/NBD, special functions and Nelder–Mead: unit checks and the published CDNOW results (FHL 2005).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bgnbdLogLikelihood,
  expectedPurchases,
  fitBgnbd,
  pAlive,
  type BgnbdData
} from '../../../../src/lib/analysis/clv/bgnbd';
import { nelderMead } from '../../../../src/lib/analysis/clv/optimize';
import { hyp2f1, lgamma, logSumExp } from '../../../../src/lib/analysis/clv/special';

const SUMMARY = path.resolve(
  '..',
  'shared',
  'datasets',
  'cdnow',
  'cdnow_customers_summary_with_transactions.csv'
);
const hasData = existsSync(SUMMARY);
if (!hasData) console.warn(`Skipping CDNOW BG/NBD reference tests: ${SUMMARY} not found`);

const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

function loadSummary(): BgnbdData {
  const lines = readFileSync(SUMMARY, 'utf8').split(/\r?\n/).filter(Boolean);
  expect(lines[0]).toBe('ID,x,t_x,T,zbar');
  const rows = lines.slice(1).map((l) => l.split(',').map(Number));
  return {
    x: Float64Array.from(rows, (r) => r[1]),
    tx: Float64Array.from(rows, (r) => r[2]),
    T: Float64Array.from(rows, (r) => r[3])
  };
}

const sig3 = (v: number) => Number(v.toPrecision(3));

describe('special functions', () => {
  it('lgamma matches known values', () => {
    expect(lgamma(1)).toBeCloseTo(0, 14);
    expect(lgamma(2)).toBeCloseTo(0, 14);
    expect(lgamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(lgamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(lgamma(0.1)).toBeCloseTo(2.252712651734206, 12);
    expect(lgamma(171.5)).toBeCloseTo(709.1431630309282, 9);
    expect(lgamma(1e5 + 0.3)).toBeCloseTo(1051291.1628502463, 6);
    expect(lgamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 12);
    expect(lgamma(0)).toBeNaN();
  });
  it('logSumExp is stable', () => {
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSumExp([-1000, -1000])).toBeCloseTo(-1000 + Math.LN2, 12);
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([-Infinity, 0])).toBe(0);
  });
  it('hyp2f1 matches closed forms', () => {
    // 2F1(1,1;2;z) = −ln(1−z)/z ; 2F1(a,b;b;z) = (1−z)^−a
    for (const z of [0.1, 0.5, 0.9, 0.99])
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 10);
    expect(hyp2f1(2.5, 3, 3, 0.7)).toBeCloseTo(Math.pow(0.3, -2.5), 9);
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
  });
});

describe('nelderMead', () => {
  it('minimizes a quadratic', () => {
    const res = nelderMead(
      (v) => (v[0] - 3) ** 2 + 2 * (v[1] + 1) ** 2 + 0.5 * (v[2] - 0.5) ** 2,
      [0, 0, 0]
    );
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(3, 4);
    expect(res.x[1]).toBeCloseTo(-1, 4);
    expect(res.x[2]).toBeCloseTo(0.5, 4);
    expect(res.fx).toBeLessThan(1e-8);
  });
  it('minimizes Rosenbrock', () => {
    const res = nelderMead((v) => 100 * (v[1] - v[0] ** 2) ** 2 + (1 - v[0]) ** 2, [-1.2, 1], {
      maxIterations: 10_000,
      tolerance: 1e-12,
      initialStep: 0.5
    });
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 4);
    expect(res.x[1]).toBeCloseTo(1, 4);
  });
  it('survives non-finite objective values and respects maxIterations', () => {
    const res = nelderMead((v) => (v[0] < 0 ? NaN : (v[0] - 2) ** 2), [1]);
    expect(res.x[0]).toBeCloseTo(2, 4);
    const capped = nelderMead((v) => (v[0] - 2) ** 2, [100], { maxIterations: 3 });
    expect(capped.converged).toBe(false);
    expect(capped.iterations).toBe(3);
  });
});

describe('BG/NBD basics', () => {
  it('P(alive) is 1 for x = 0 and in (0, 1) otherwise', () => {
    expect(pAlive(PUBLISHED, 0, 0, 30)).toBe(1);
    const p = pAlive(PUBLISHED, 2, 30.43, 38.86);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    expect(pAlive(PUBLISHED, 5, 5, 38)).toBeLessThan(p);
  });
  it('rejects invalid parameters', () => {
    const d = { x: [0], tx: [0], T: [10] };
    expect(bgnbdLogLikelihood({ ...PUBLISHED, r: -1 }, d)).toBe(-Infinity);
  });
});

describe.skipIf(!hasData)('BG/NBD on CDNOW (FHL 2005 published results)', () => {
  const data = hasData ? loadSummary() : { x: [], tx: [], T: [] };

  it('has the expected calibration summary', () => {
    expect(data.x.length).toBe(2357);
    let sx = 0;
    for (const v of data.x) sx += v;
    expect(sx).toBe(2457);
  });

  it('log-likelihood at the published parameters is −9582.43', () => {
    expect(Math.abs(bgnbdLogLikelihood(PUBLISHED, data) - -9582.43)).toBeLessThan(0.01);
  });

  it('fits r 0.243, α 4.414, a 0.793, b 2.426 with LL −9582.43', { timeout: 60_000 }, () => {
    const t0 = performance.now();
    const fit = fitBgnbd(data);
    const ms = performance.now() - t0;
    console.info(`BG/NBD CDNOW fit: ${JSON.stringify(fit)} in ${ms.toFixed(0)} ms`);
    expect(fit.converged).toBe(true);
    expect(sig3(fit.params.r)).toBe(0.243);
    expect(sig3(fit.params.alpha)).toBe(4.41);
    expect(sig3(fit.params.a)).toBe(0.793);
    expect(sig3(fit.params.b)).toBe(2.43);
    // Published to 3 decimals as well: 0.243, 4.414, 0.793, 2.426.
    expect(fit.params.alpha.toFixed(3)).toBe('4.414');
    expect(fit.params.b.toFixed(3)).toBe('2.426');
    expect(Math.abs(fit.logLikelihood - -9582.43)).toBeLessThan(0.01);
    expect(expectedPurchases(fit.params, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 2);
  });

  it('E[X(39) | x=2, t_x=30.43, T=38.86] = 1.226', () => {
    expect(Math.abs(expectedPurchases(PUBLISHED, 39, 2, 30.43, 38.86) - 1.226)).toBeLessThan(0.001);
    expect(expectedPurchases(PUBLISHED, 0, 2, 30.43, 38.86)).toBe(0);
  });
});
