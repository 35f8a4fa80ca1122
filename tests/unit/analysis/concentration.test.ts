// Distribution statistics (DOMAIN §4): mean/median, histograms, top shares, Lorenz curve, Gini.
import { describe, expect, it } from 'vitest';
import {
  concentration,
  gini,
  histogram,
  lorenzCurve,
  mean,
  median,
  sum
} from '../../../src/lib/analysis/concentration';

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('mean, median, sum', () => {
  it.each<[number[], number | null, number | null]>([
    [[], null, null],
    [[5], 5, 5],
    [[5, 1, 3], 3, 3],
    [[1, 2, 3, 4], 2.5, 2.5],
    [[4, 1, 1, 10], 4, 2.5],
    [[-2, 2], 0, 0]
  ])('%j → mean %d, median %d', (values, expectedMean, expectedMedian) => {
    expect(mean(values)).toBe(expectedMean);
    expect(median(values)).toBe(expectedMedian);
  });

  it('gives equal values back exactly as their mean', () => {
    expect(mean([0.1, 0.1, 0.1])).toBe(0.1); // (0.1+0.1+0.1)/3 would be 0.10000000000000002
    expect(mean(new Array(7).fill(19.99))).toBe(19.99);
  });

  it('sums cents without drift', () => {
    expect(sum(new Array(10).fill(0.1))).toBe(1);
    expect(sum([1e16, 1, -1e16])).toBe(1);
  });
});

describe('gini: 2·Σ i·x₍ᵢ₎ / (N·Σx) − (N+1)/N', () => {
  it.each<[string, number[], number | null]>([
    ['equal values', [5, 5, 5, 5], 0],
    ['a single value', [7], 0],
    ['all but one zero', [0, 0, 0, 1], 0.75], // (N−1)/N
    ['order does not matter', [1, 0, 0, 0], 0.75],
    ['nothing', [], null],
    ['all zero', [0, 0], null]
  ])('%s → %d', (_, values, expected) => {
    expect(gini(values)).toBe(expected);
  });

  it.each<[string, number[], number]>([
    ['1, 1, 1, 97', [1, 1, 1, 97], 0.72], // Σ i·x = 394: 788/400 − 5/4
    ['1..30', range(1, 30), 29 / 90] // (N−1)/(3N) for 1..N
  ])('%s → %d', (_, values, expected) => {
    expect(gini(values)).toBeCloseTo(expected, 12);
  });
});

describe('lorenzCurve', () => {
  it('gives every point for small N, ascending, from (0,0) to (1,1)', () => {
    expect(lorenzCurve([4, 1, 3, 2])).toEqual([
      [0, 0],
      [0.25, 0.1],
      [0.5, 0.3],
      [0.75, 0.6],
      [1, 1]
    ]);
  });

  it('downsamples evenly and keeps the exact ends', () => {
    expect(lorenzCurve([1, 2, 3, 4], 3)).toEqual([
      [0, 0],
      [0.5, 0.3],
      [1, 1]
    ]);
    const points = lorenzCurve(range(1, 1000).map((x) => x * 0.37));
    expect(points).toHaveLength(200);
    expect(points[0]).toEqual([0, 0]);
    expect(points[199]).toEqual([1, 1]);
    expect(points[1][0]).toBe(0.005); // round(1000/199) = 5 customers
    for (let k = 1; k < points.length; k++) {
      expect(points[k][0]).toBeGreaterThan(points[k - 1][0]);
      expect(points[k][1]).toBeGreaterThanOrEqual(points[k - 1][1]);
    }
  });

  it('is empty without revenue', () => {
    expect(lorenzCurve([])).toEqual([]);
  });
});

describe('concentration: customers with monetary > 0', () => {
  it('takes the top ceil(k·N/100) customers', () => {
    // Monetary 1..30, total 465: top 1 → 1 customer (30), 10 % → 3 (30+29+28), 20 % → 6.
    const result = concentration(range(1, 30));
    expect(result.customers).toBe(30);
    expect(result.total).toBe(465);
    expect(result.top1).toEqual({ count: 1, share: 30 / 465 });
    expect(result.top1pct).toEqual({ count: 1, share: 30 / 465 });
    expect(result.top10pct).toEqual({ count: 3, share: 87 / 465 });
    expect(result.top20pct).toEqual({ count: 6, share: 165 / 465 });
    expect(result.gini).toBeCloseTo(29 / 90, 12);
    expect(result.lorenz).toHaveLength(31);
  });

  it('leaves out customers with monetary ≤ 0', () => {
    const result = concentration([50, 0, 30, -10, 10, 5, 5]);
    expect(result.customers).toBe(5);
    expect(result.total).toBe(100);
    expect(result.top1).toEqual({ count: 1, share: 0.5 });
    expect(result.top20pct).toEqual({ count: 1, share: 0.5 });
    expect(result.lorenz[0]).toEqual([0, 0]);
    expect(result.lorenz[1]).toEqual([0.2, 0.05]);
  });

  it('given the ascending order of the values, gives the same without sorting', () => {
    const values = [50, 0, 30, -10, 10, 5, 5, 0.1, 1e6, -0];
    const order = Uint32Array.from(values.keys()).sort((a, b) => values[a] - values[b] || a - b);
    expect(concentration(values, order)).toEqual(concentration(values));
    expect(concentration(values, order).total).toBe(1e6 + 100.1);
  });

  it('reports nothing when no one has positive monetary', () => {
    expect(concentration([0, -3])).toEqual({
      customers: 0,
      total: 0,
      top1: null,
      top1pct: null,
      top10pct: null,
      top20pct: null,
      lorenz: [],
      gini: null
    });
  });
});

describe('histogram', () => {
  it('bins with nice edges', () => {
    expect(histogram(range(0, 9), { bins: 5 })).toEqual({
      edges: [0, 2, 4, 6, 8, 10],
      counts: [2, 2, 2, 2, 2],
      excluded: 0,
      log: false
    });
  });

  it('bins in log10 and leaves out values ≤ 0 and non-finite ones', () => {
    expect(histogram([-1, 0, 1, 10, 100, 1000, Number.NaN], { log: true })).toEqual({
      edges: [1, 10, 100, 1000, 10000],
      counts: [1, 1, 1, 1],
      excluded: 3,
      log: true
    });
  });

  it('gives one zero-width bin for equal values and none for no values', () => {
    expect(histogram([5, 5, 5])).toEqual({ edges: [5, 5], counts: [3], excluded: 0, log: false });
    expect(histogram([])).toEqual({ edges: [], counts: [], excluded: 0, log: false });
  });

  it('counts every kept value once', () => {
    const values = range(1, 500).map((x) => (x * 7919) % 1000);
    const result = histogram(values);
    expect(result.counts.reduce((a, b) => a + b, 0)).toBe(500);
    expect(result.edges).toHaveLength(result.counts.length + 1);
  });
});
