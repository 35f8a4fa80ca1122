// Model diagnostics against hand-computed values: bands, the P(alive) matrix, the holdout check and tracking.
import { describe, expect, it } from 'vitest';
import {
  bgnbdLogLikelihood,
  compressBgnbdData,
  expectedPurchases,
  expectedPurchasesFromStart,
  expectedPurchasesIfAlive,
  pAlive,
  prepareBgnbd,
  preparedLogLikelihood
} from '../../../../src/lib/analysis/clv/bgnbd';
import {
  frequencyBands,
  holdoutByFrequency,
  pAliveMatrix,
  weeklyTracking
} from '../../../../src/lib/analysis/clv/diagnostics';

const CDNOW = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('frequencyBands', () => {
  it.each([
    [0, [[0, null]]],
    [
      3,
      [
        [0, 0],
        [1, 1],
        [2, 2],
        [3, null]
      ]
    ],
    [12, [...Array.from({ length: 10 }, (_, i) => [i, i]), [10, null]]],
    [25, [...Array.from({ length: 10 }, (_, i) => [i, i]), [10, 14], [15, 19], [20, null]]]
  ])('maxX %i', (maxX, expected) => {
    expect(frequencyBands(maxX).map((b) => [b.from, b.to])).toEqual(expected);
  });
});

describe('pAliveMatrix', () => {
  it('averages P(alive) by repeat purchases and weeks since the last purchase', () => {
    const c = (id: string, x: number, tx: number, T: number, p: number) => ({
      customerId: id,
      x,
      tx,
      T,
      pAlive: p
    });
    // Weeks since last purchase: 0, 2, 9, 9.5 → max 9.5 → width ceil(10 / 2) = 5 with 2 columns.
    const m = pAliveMatrix(
      [c('a', 0, 0, 0, 1), c('b', 1, 3, 5, 0.8), c('c', 1, 1, 10, 0.2), c('d', 2, 0.5, 10, 0.1)],
      2
    );
    expect(m.rows.map((b) => [b.from, b.to])).toEqual([
      [0, 0],
      [1, 1],
      [2, null]
    ]);
    expect(m.cols).toEqual([
      { from: 0, to: 5 },
      { from: 5, to: 10 }
    ]);
    expect(m.cells).toEqual([
      { row: 0, col: 0, customers: 1, meanPAlive: 1 },
      { row: 1, col: 0, customers: 1, meanPAlive: 0.8 },
      { row: 1, col: 1, customers: 1, meanPAlive: 0.2 },
      { row: 2, col: 1, customers: 1, meanPAlive: 0.1 }
    ]);
    expect(pAliveMatrix([])).toEqual({ rows: [], cols: [], cells: [] });
  });
});

describe('BG/NBD expectations', () => {
  it('from the start equals the conditional expectation of a brand-new customer', () => {
    for (const t of [1, 10, 39, 78])
      expect(expectedPurchasesFromStart(CDNOW, t)).toBeCloseTo(
        expectedPurchases(CDNOW, t, 0, 0, 0),
        12
      );
  });

  it('starts at the mean purchase rate r/α', () => {
    const t = 1e-4;
    expect(expectedPurchasesFromStart(CDNOW, t) / t).toBeCloseTo(CDNOW.r / CDNOW.alpha, 4);
  });

  it('conditional expectation is P(alive) times the expectation if alive (FHL 2005: 1.226)', () => {
    const e = expectedPurchases(CDNOW, 39, 2, 30.43, 38.86);
    expect(e).toBeCloseTo(1.226, 3);
    expect(e).toBeCloseTo(
      pAlive(CDNOW, 2, 30.43, 38.86) * expectedPurchasesIfAlive(CDNOW, 39, 2, 38.86),
      12
    );
  });

  it('compressing equal (x, t_x, T) keeps the likelihood', () => {
    const data = { x: [0, 2, 0, 2, 5], tx: [0, 3, 0, 3, 7], T: [10, 9, 10, 9, 12] };
    const packed = compressBgnbdData(data);
    expect(Array.from(packed.weight)).toEqual([2, 2, 1]);
    expect(bgnbdLogLikelihood(CDNOW, packed)).toBeCloseTo(bgnbdLogLikelihood(CDNOW, data), 10);
  });
});

describe('holdoutByFrequency', () => {
  it('averages observed and predicted holdout purchases by calibration frequency', () => {
    const customers = [
      { customerId: 'a', x: 0, tx: 0, T: 20, pAlive: 1 },
      { customerId: 'b', x: 0, tx: 0, T: 30, pAlive: 1 },
      { customerId: 'c', x: 9, tx: 25, T: 30, pAlive: 0.9 }
    ];
    const groups = holdoutByFrequency(
      CDNOW,
      customers,
      new Map([
        ['b', 3],
        ['c', 4]
      ]),
      10
    );
    expect(groups).toHaveLength(8);
    expect(groups[0].customers).toBe(2);
    expect(groups[0].actual).toBe(1.5);
    expect(groups[0].predicted).toBeCloseTo(
      (expectedPurchases(CDNOW, 10, 0, 0, 20) + expectedPurchases(CDNOW, 10, 0, 0, 30)) / 2,
      12
    );
    expect(groups[7]).toMatchObject({ band: { from: 7, to: null }, customers: 1, actual: 4 });
    expect(groups[3]).toMatchObject({ customers: 0, actual: 0, predicted: 0 });
  });
});

describe('weeklyTracking', () => {
  it('counts repeat days per week and spreads the expectation from each first purchase', () => {
    // Two customers first buying on days 0 and 7; data runs days 0…13 (two weeks).
    const weeks = weeklyTracking(CDNOW, [0, 7], [3, 8, 9], 0, 13);
    expect(weeks.map((w) => [w.startDay, w.actual])).toEqual([
      [0, 1],
      [7, 2]
    ]);
    const e = (days: number) => expectedPurchasesFromStart(CDNOW, days / 7);
    expect(weeks[0].expected).toBeCloseTo(e(7), 12);
    expect(weeks[1].expected).toBeCloseTo(e(14) - e(7) + e(7), 12);
  });

  it('ends with a short week when the span is not whole weeks', () => {
    const weeks = weeklyTracking(CDNOW, [0], [], 0, 9);
    expect(weeks).toHaveLength(2);
    const e = (days: number) => expectedPurchasesFromStart(CDNOW, days / 7);
    expect(weeks[1].expected).toBeCloseTo(e(10) - e(7), 12);
  });
});

describe('prepared BG/NBD likelihood', () => {
  it('equals the plain customer-by-customer likelihood', () => {
    const data = {
      x: [0, 2, 0, 2, 5, 1, 30],
      tx: [0, 3, 0, 3, 7, 0.5, 38],
      T: [10, 9, 10, 9, 12, 1, 39]
    };
    for (const params of [CDNOW, { r: 2, alpha: 0.5, a: 3, b: 0.2 }])
      expect(preparedLogLikelihood(params, prepareBgnbd(data))).toBeCloseTo(
        bgnbdLogLikelihood(params, data),
        9
      );
    expect(preparedLogLikelihood({ ...CDNOW, a: -1 }, prepareBgnbd(data))).toBe(-Infinity);
  });
});
