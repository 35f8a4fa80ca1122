import { describe, expect, it } from 'vitest';
import { layoutBars } from '../../../src/lib/charts/bars';
import { buildScale } from '../../../src/lib/charts/scales';

const band = buildScale(
  { type: 'band', domain: ['a', 'b'], paddingInner: 0, paddingOuter: 0 },
  [0, 200]
);
const up = buildScale({ type: 'linear', domain: [-10, 10], nice: false }, [200, 0]);
const right = buildScale({ type: 'linear', domain: [0, 10], nice: false }, [0, 100]);

interface Row {
  name: string;
  v: number;
  s?: Record<string, number>;
}

describe('layoutBars', () => {
  it('stands single bars on zero, negatives hanging below', () => {
    const data: Row[] = [
      { name: 'a', v: 5 },
      { name: 'b', v: -2.5 }
    ];
    const rects = layoutBars(data, {
      orientation: 'vertical',
      base: band,
      values: up,
      category: (d) => d.name,
      value: (d) => d.v
    });
    expect(rects).toEqual([
      { x: 0, y: 50, width: 100, height: 50, index: 0, key: undefined, value: 5 },
      { x: 100, y: 100, width: 100, height: 25, index: 1, key: undefined, value: -2.5 }
    ]);
  });

  it('stacks series away from zero on both sides', () => {
    const data: Row[] = [{ name: 'a', v: 0, s: { p: 4, q: -2, r: 3 } }];
    const rects = layoutBars(data, {
      orientation: 'vertical',
      base: band,
      values: up,
      category: (d) => d.name,
      keys: ['p', 'q', 'r'],
      value: (d, k) => d.s![k!]
    });
    expect(rects.map((r) => [r.key, r.y, r.height])).toEqual([
      ['p', 60, 40],
      ['q', 100, 20],
      ['r', 30, 30]
    ]);
  });

  it('puts grouped series side by side inside the band', () => {
    const data: Row[] = [{ name: 'b', v: 0, s: { p: 10, q: 5 } }];
    const rects = layoutBars(data, {
      orientation: 'vertical',
      base: band,
      values: up,
      category: (d) => d.name,
      keys: ['p', 'q'],
      value: (d, k) => d.s![k!],
      mode: 'grouped',
      groupPadding: 0
    });
    expect(rects.map((r) => [r.key, r.x, r.width, r.y, r.height])).toEqual([
      ['p', 100, 50, 0, 100],
      ['q', 150, 50, 50, 50]
    ]);
  });

  it('lays bars down when horizontal', () => {
    const rows = buildScale(
      { type: 'band', domain: ['a'], paddingInner: 0, paddingOuter: 0 },
      [0, 30]
    );
    const rects = layoutBars([{ name: 'a', v: 7 }], {
      orientation: 'horizontal',
      base: rows,
      values: right,
      category: (d) => d.name,
      value: (d) => d.v
    });
    expect(rects).toEqual([
      { x: 0, y: 0, width: 70, height: 30, index: 0, key: undefined, value: 7 }
    ]);
  });

  it('draws histogram bins between their edges with a gap', () => {
    const x = buildScale({ type: 'linear', domain: [0, 10], nice: false }, [0, 100]);
    const y = buildScale({ type: 'linear', domain: [0, 4], nice: false }, [40, 0]);
    const bins = [
      { x0: 0, x1: 5, n: 4 },
      { x0: 5, x1: 10, n: 1 }
    ];
    const rects = layoutBars(bins, {
      orientation: 'vertical',
      base: x,
      values: y,
      interval: (b) => [b.x0, b.x1],
      value: (b) => b.n,
      gap: 2
    });
    expect(rects.map((r) => [r.x, r.width, r.y, r.height])).toEqual([
      [1, 48, 0, 40],
      [51, 48, 30, 10]
    ]);
  });

  it('skips unknown categories and non-finite values, and clamps to the domain', () => {
    const data: Row[] = [
      { name: 'zz', v: 1 },
      { name: 'a', v: NaN },
      { name: 'b', v: 50 }
    ];
    const rects = layoutBars(data, {
      orientation: 'vertical',
      base: band,
      values: up,
      category: (d) => d.name,
      value: (d) => d.v
    });
    expect(rects.map((r) => [r.index, r.y, r.height])).toEqual([[2, 0, 100]]);
  });
});
