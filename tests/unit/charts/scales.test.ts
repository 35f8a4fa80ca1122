import { scaleLinear, scaleLog } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import {
  buildScale,
  niceExtent,
  thinLogTicks,
  tickCount,
  tickStep
} from '../../../src/lib/charts/scales';

describe('buildScale', () => {
  it('maps a linear domain onto the range, niced', () => {
    const s = buildScale({ type: 'linear', domain: [3, 97] }, [0, 500]);
    expect(s.domain).toEqual([0, 100]);
    expect(s.map(50)).toBe(250);
    expect(s.center(50)).toBe(250);
    expect(s.bandwidth).toBe(0);
    expect(s.continuous).toBe(true);
    expect(s.ticks(5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(s.invert(125)).toBe(25);
  });

  it('keeps the domain as given with nice: false, and flips with reverse', () => {
    const s = buildScale({ type: 'linear', domain: [3, 97], nice: false, reverse: true }, [0, 94]);
    expect(s.map(3)).toBe(94);
    expect(s.map(97)).toBe(0);
  });

  it.each([
    ['linear', [0, 1000], [0, 1, 12.5, 999.9, -5, 2000]],
    ['linear', [-50, 50], [-50, 0, 7.25, 50]],
    ['log', [1, 1000], [1, 2, 10, 99.5, 1000, 5000]],
    ['log', [0.01, 1], [0.01, 0.05, 1]]
  ] as const)('the fast %s path agrees with d3 on %j', (type, domain, values) => {
    const s = buildScale({ type, domain, nice: false }, [0, 640]);
    const d3 = type === 'log' ? scaleLog() : scaleLinear();
    d3.domain([...domain]).range([0, 640]);
    for (const v of values) expect(s.map(v)).toBeCloseTo(d3(v), 9);
  });

  it('clamps when asked', () => {
    const s = buildScale({ type: 'linear', domain: [0, 10], clamp: true }, [0, 100]);
    expect(s.map(20)).toBe(100);
    expect(s.map(-5)).toBe(0);
  });

  it('gives a log axis a positive start and 1-2-5 ticks', () => {
    const s = buildScale({ type: 'log', domain: [0, 1000] }, [0, 300]);
    expect(s.domain).toEqual([1, 1000]);
    expect(s.map(0)).toBeNaN();
    expect(s.ticks(5)).toEqual([1, 10, 100, 1000]);
  });

  it('places categories in bands, with centres and unknowns as NaN', () => {
    const s = buildScale(
      { type: 'band', domain: ['a', 'b', 'c', 'd'], paddingInner: 0, paddingOuter: 0 },
      [0, 400]
    );
    expect(s.map('b')).toBe(100);
    expect(s.bandwidth).toBe(100);
    expect(s.center('b')).toBe(150);
    expect(s.map('zz')).toBeNaN();
    expect(s.ticks()).toEqual(['a', 'b', 'c', 'd']);
    expect(s.invert(260)).toBe('c');
    expect(s.continuous).toBe(false);
  });

  it('places points with zero bandwidth', () => {
    const s = buildScale({ type: 'point', domain: ['x', 'y'], padding: 0 }, [0, 10]);
    expect([s.map('x'), s.map('y'), s.bandwidth]).toEqual([0, 10, 0]);
  });

  it('maps UTC dates and ticks whole months', () => {
    const s = buildScale(
      { type: 'utc', domain: [new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 11, 31))] },
      [0, 366]
    );
    expect(s.map(new Date(Date.UTC(2024, 0, 2)))).toBeCloseTo(1, 5);
    expect(s.ticks(4).map((d) => (d as Date).toISOString().slice(0, 10))).toEqual([
      '2024-01-01',
      '2024-04-01',
      '2024-07-01',
      '2024-10-01',
      '2025-01-01'
    ]);
  });
});

describe('nice extents and ticks', () => {
  it.each([
    [[3, 97], {}, [0, 100]],
    [[3, 97], { zero: true }, [0, 100]],
    [[12, 18], {}, [12, 18]],
    [[12.3, 18.9], {}, [12, 19]],
    [[120, 133], { zero: true }, [0, 140]],
    [[-7, 3], {}, [-7, 3]],
    [[5, 5], {}, [4.5, 5.5]],
    [[0, 0], {}, [-1, 1]],
    [[], {}, [0, 1]],
    [[null, NaN, 4, undefined, 8], {}, [4, 8]]
  ] as const)('niceExtent(%j, %j) = %j', (values, options, expected) => {
    expect(niceExtent(values as readonly (number | null | undefined)[], options)).toEqual(expected);
  });

  it.each([
    [400, 80, 5],
    [100, 80, 2],
    [0, 80, 2],
    [-400, 50, 8]
  ])('tickCount(%d px, %d px apart) = %d', (px, spacing, expected) => {
    expect(tickCount(px, spacing)).toBe(expected);
  });

  it('measures the tick step', () => {
    expect(tickStep([0, 0.25, 0.5])).toBe(0.25);
    expect(tickStep([10])).toBe(0);
    expect(tickStep(['a', 'b'])).toBe(0);
  });

  it('thins crowded log ticks to 1-2-5, then to powers of ten', () => {
    const all = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(thinLogTicks(all, 8)).toEqual([1, 2, 5, 10, 20, 50, 100]);
    expect(thinLogTicks(all, 2)).toEqual([1, 10, 100]);
    expect(thinLogTicks([1, 10, 100], 2)).toEqual([1, 10, 100]);
  });
});
