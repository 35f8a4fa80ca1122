// The test reference for lifetime value checked on its own: special functions, the DOMAIN §6 summary
// on hand fixtures, and the published CDNOW results (summary file, FHL 2005 parameters, E[X(39)]).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATASET_FILES, describeWithData } from '../../datasets';
import { loadCdnow } from '../../e2e/reference-rfm';
import {
  refHypergeometric,
  refLogGamma,
  referenceBgnbdLL,
  referenceClvFit,
  referenceExpected,
  referenceMinimize,
  referencePAlive,
  referenceSummary,
  type RefTransaction
} from '../../reference/clv-domain';

const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('special functions', () => {
  it('log-gamma', () => {
    expect(refLogGamma(1)).toBeCloseTo(0, 13);
    expect(refLogGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(refLogGamma(10)).toBeCloseTo(Math.log(362_880), 12);
    expect(refLogGamma(0.1)).toBeCloseTo(2.252712651734206, 12);
    expect(refLogGamma(171.5)).toBeCloseTo(709.1431630309282, 9);
  });

  it('2F1 against closed forms', () => {
    for (const z of [0.1, 0.5, 0.9])
      expect(refHypergeometric(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 12);
    expect(refHypergeometric(2.5, 3, 3, 0.7)).toBeCloseTo(0.3 ** -2.5, 10);
  });

  it('E[X(t)] through Euler’s transformation equals the plain eq. (10)', () => {
    const plain = (p: typeof PUBLISHED, t: number, x: number, tx: number, T: number) => {
      const z = t / (p.alpha + T + t);
      const f = refHypergeometric(p.r + x, p.b + x, p.a + p.b + x - 1, z);
      const bracket = 1 - ((p.alpha + T) / (p.alpha + T + t)) ** (p.r + x) * f;
      return (
        ((p.a + p.b + x - 1) / (p.a - 1)) * bracket * referencePAlive(p, { x, tx, T, zbar: 0 })
      );
    };
    const online = { r: 0.83, alpha: 9.8, a: 0.0034, b: 6.75 };
    for (const [p, t, x, tx, T] of [
      [PUBLISHED, 39, 2, 30.43, 38.86],
      [PUBLISHED, 4, 0, 0, 20],
      [online, 90 / 7, 7, 40, 52],
      [online, 12 * (30 / 7), 60, 51, 53]
    ] as const)
      expect(referenceExpected(p, t, { x, tx, T, zbar: 0 })).toBeCloseTo(plain(p, t, x, tx, T), 10);
  });

  it('the optimiser finds the Rosenbrock minimum precisely', () => {
    const [x, y] = referenceMinimize(
      (v) => 100 * (v[1] - v[0] ** 2) ** 2 + (1 - v[0]) ** 2,
      [-1.2, 1]
    );
    expect(x).toBeCloseTo(1, 8);
    expect(y).toBeCloseTo(1, 8);
  });
});

describe('referenceSummary (DOMAIN §6 by hand)', () => {
  const row = (customerId: string, date: string, amount: number, orderId?: string) => ({
    customerId,
    date,
    amount,
    orderId
  });

  it('orders by id, purchase days with larger returns, $0 orders, returns only', () => {
    const rows: RefTransaction[] = [
      row('a', '2024-01-01', 60, 'o1'),
      row('a', '2024-01-01', 40, 'o1'), // o1 = 100
      row('a', '2024-01-08', 30, 'o2'),
      row('a', '2024-01-08', -50, 'o3'), // a purchase day worth −20
      row('a', '2024-01-15', -5, 'o4'), // returns only: no purchase day
      row('a', '2024-01-22', 0, 'o5'), // a $0 purchase
      row('a', '2024-02-01', 99, 'o6'), // after the calibration end
      row('b', '2024-01-03', -7, 'o7'), // never bought
      row('c', '2024-01-10', 8),
      row('c', '2024-01-10', -9) // no order id: two orders, one a purchase; worth −1
    ];
    expect([...referenceSummary(rows, '2024-01-29').values()]).toEqual([
      { customerId: 'a', x: 2, tx: 3, T: 4, zbar: -10 },
      { customerId: 'c', x: 0, tx: 0, T: 19 / 7, zbar: 0 }
    ]);
  });
});

describeWithData(
  ['cdnowElog', 'cdnowSummary'],
  'CDNOW (calibration end 1997-09-30): the published results',
  () => {
    const rows = loadCdnow(DATASET_FILES.cdnowElog);
    const summary = referenceSummary(rows, '1997-09-30');

    it('the summary equals Hardie’s published file for every customer', () => {
      const lines = readFileSync(DATASET_FILES.cdnowSummary, 'utf8').trim().split(/\r?\n/).slice(1);
      expect(summary.size).toBe(2_357);
      expect(lines).toHaveLength(2_357);
      const round2 = (v: number) => Math.round(v * 100 + 1e-6) / 100;
      const wrong = lines.filter((line) => {
        const [id, x, tx, T, zbar] = line.split(',').map(Number);
        const c = summary.get(String(id));
        return !(
          c &&
          c.x === x &&
          round2(c.tx) === tx &&
          round2(c.T) === T &&
          round2(c.zbar) === zbar
        );
      });
      expect(wrong).toEqual([]);
    });

    it('LL −9582.43 at the published parameters; E[X(39) | 2, 30.43, 38.86] = 1.226', () => {
      expect(referenceBgnbdLL(PUBLISHED, [...summary.values()])).toBeCloseTo(-9582.43, 1);
      expect(referenceExpected(PUBLISHED, 39, { x: 2, tx: 30.43, T: 38.86, zbar: 0 })).toBeCloseTo(
        1.226,
        3
      );
    });

    it(
      'fits r 0.243, α 4.414, a 0.793, b 2.426; p 6.25, q 3.74, γ 15.44',
      { timeout: 60_000 },
      () => {
        const fit = referenceClvFit(summary.values());
        const { r, alpha, a, b } = fit.bgnbd;
        expect([r, alpha, a, b].map((v) => v.toFixed(3))).toEqual([
          '0.243',
          '4.414',
          '0.793',
          '2.426'
        ]);
        expect(fit.bgnbdLL).toBeCloseTo(-9582.43, 2);
        const { p, q, gamma } = fit.gammaGamma;
        expect([p, q, gamma].map((v) => v.toFixed(2))).toEqual(['6.25', '3.74', '15.44']);
        expect(
          referenceExpected(fit.bgnbd, 39, { x: 2, tx: 30.43, T: 38.86, zbar: 0 })
        ).toBeCloseTo(1.226, 3);
      }
    );
  }
);
