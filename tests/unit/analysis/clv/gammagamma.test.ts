// Gamma-Gamma spend model: likelihood by hand, CDNOW fit (p 6.25, q 3.74, γ 15.44), expected spend.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCalibration } from '../../../../src/lib/analysis/clv/calibration';
import {
  expectedSpend,
  fitGammaGamma,
  gammaGammaLogLik
} from '../../../../src/lib/analysis/clv/gammagamma';

const ELOG = path.resolve('..', 'shared', 'datasets', 'cdnow', 'cdnowElog.csv');
const hasData = existsSync(ELOG);
if (!hasData) console.warn(`SKIPPED: ${ELOG} is absent, so the CDNOW Gamma-Gamma fit cannot run.`);

describe('gammaGammaLogLik', () => {
  it('matches a hand computation for p = q = γ = 1 (closed form)', () => {
    // x = 1, zbar = 2: Γ(2)/(Γ(1)Γ(1)) · 1 · 2^0 · 1 / (1 + 2)^2 = 1/9.
    expect(gammaGammaLogLik({ p: 1, q: 1, gamma: 1 }, [{ x: 1, zbar: 2 }])).toBeCloseTo(
      Math.log(1 / 9),
      12
    );
    // x = 2, zbar = 3, p = 1, q = 2, γ = 1: Γ(4)/(Γ(2)Γ(2)) · 1 · 3 · 4 / 7^4 = 72/2401.
    expect(gammaGammaLogLik({ p: 1, q: 2, gamma: 1 }, [{ x: 2, zbar: 3 }])).toBeCloseTo(
      Math.log(72 / 2401),
      12
    );
  });

  it('skips customers with x = 0 or zbar = 0, and rejects non-positive params', () => {
    const d = [{ x: 1, zbar: 2 }];
    const ll = gammaGammaLogLik({ p: 1, q: 1, gamma: 1 }, d);
    expect(
      gammaGammaLogLik({ p: 1, q: 1, gamma: 1 }, [...d, { x: 0, zbar: 0 }, { x: 2, zbar: 0 }])
    ).toBe(ll);
    expect(gammaGammaLogLik({ p: 0, q: 1, gamma: 1 }, d)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('expectedSpend', () => {
  it('hand-checked values', () => {
    const params = { p: 6.25, q: 3.74, gamma: 15.44 };
    // (15.44 + 2·22.35)·6.25 / (12.5 + 2.74) = 60.14·6.25/15.24
    expect(expectedSpend(params, 2, 22.35)).toBeCloseTo((60.14 * 6.25) / 15.24, 12);
    expect(expectedSpend(params, 2, 22.35)).toBeCloseTo(24.6637, 4);
    // x = 0: population mean γp/(q − 1)
    expect(expectedSpend(params, 0, 0)).toBeCloseTo((15.44 * 6.25) / 2.74, 12);
    expect(expectedSpend({ p: 1, q: 1, gamma: 1 }, 0, 0)).toBeNaN();
  });
});

describe('fitGammaGamma', () => {
  it('throws without usable customers', () => {
    expect(() => fitGammaGamma([{ x: 0, zbar: 0 }])).toThrow();
  });

  it.skipIf(!hasData)(
    'reproduces the published CDNOW fit (p 6.25, q 3.74, γ 15.44)',
    { timeout: 60_000 },
    () => {
      const rows = readFileSync(ELOG, 'utf8')
        .split(/\r?\n/)
        .filter(Boolean)
        .slice(1)
        .map((line) => {
          const [, id, d, , sales] = line.split(',');
          return {
            customerId: id,
            date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`,
            amount: Number(sales)
          };
        });
      const cal = buildCalibration(rows, '1997-09-30').filter((c) => c.x > 0);
      const fit = fitGammaGamma(cal);
      expect(fit.converged).toBe(true);
      expect(fit.params.p.toPrecision(3)).toBe('6.25');
      expect(fit.params.q.toPrecision(3)).toBe('3.74');
      expect(fit.params.gamma.toPrecision(3)).toBe('15.4');
      expect(fit.params.gamma).toBeCloseTo(15.44, 1);
    }
  );
});
