// The pure helpers behind the value-quadrant and breakdown views: drawable points, picks, top values.
import { describe, expect, it } from 'vitest';
import type { BreakdownRow } from '../../../src/lib/analysis/breakdown';
import type { RfmPoints } from '../../../src/lib/db';
import {
  logTicks,
  paddedLogDomain,
  pickDrillIds,
  prepareScatter,
  selectInRange
} from '../../../src/lib/components/quadrant/scatter-data';
import { groupTopValues, OTHER_KEY } from '../../../src/lib/components/breakdowns/breakdown-groups';
import { shortenLabel } from '../../../src/lib/components/breakdowns/bar-labels';

const points: RfmPoints = {
  ids: ['a', 'b', 'c', 'd', 'e'],
  frequency: Float64Array.from([1, 3, 2, 8, 5]),
  monetary: Float64Array.from([50, -10, 0, 900, 300]),
  quadrant: ['low', 'growth', 'low', 'vip', 'vip'],
  segment: ['lost', 'others', 'lost', 'champions', 'champions']
};

describe('value quadrant scatter data', () => {
  it('leaves out monetary ≤ 0 and measures the drawn extents', () => {
    const d = prepareScatter(points);
    expect(d.drawn).toEqual([0, 3, 4]);
    expect(d.excluded).toBe(2);
    expect(d.frequency).toEqual([1, 8]);
    expect(d.monetary).toEqual([50, 900]);
  });

  it('selects closed ranges in either order', () => {
    const { drawn } = prepareScatter(points);
    expect(selectInRange(points, drawn, [8, 5], [300, 900])).toEqual([3, 4]);
    expect(selectInRange(points, drawn, [1, 1], [0, Infinity])).toEqual([0]);
  });

  it('caps drilled ids to the highest monetary, ties by id', () => {
    expect(pickDrillIds(points, [0, 3, 4], 5)).toEqual({ ids: ['a', 'd', 'e'], isCapped: false });
    expect(pickDrillIds(points, [0, 3, 4], 2)).toEqual({ ids: ['d', 'e'], isCapped: true });
  });
});

describe('breakdown top values', () => {
  const row = (value: string | null, revenue: number, orders: number, aov: number | null) =>
    ({
      value,
      band: null,
      customers: 2,
      customerShare: 0.25,
      revenue,
      revenueShare: revenue / 100,
      orders,
      aov,
      segments: { champions: 1, others: 1 }
    }) satisfies BreakdownRow;
  const rows = [
    row('x', 40, 4, 10),
    row('y', 30, 2, 15),
    row(null, 20, 1, 20),
    row('z', 10, 0, null)
  ];

  it('keeps everything when there are few values', () => {
    expect(groupTopValues(rows, 4).map((g) => g.key)).toEqual(['x', 'y', '\u0000none', 'z']);
  });

  it('sums the rest as one group, AOV from its orders', () => {
    const g = groupTopValues(rows, 2);
    expect(g).toHaveLength(3);
    const other = g[2];
    expect(other).toMatchObject({
      key: OTHER_KEY,
      isOther: true,
      valueCount: 2,
      customers: 4,
      revenue: 30,
      orders: 1,
      aov: 20,
      segments: { champions: 2, others: 2 }
    });
    expect(other.revenueShare).toBeCloseTo(0.3);
  });

  it('shortens long labels with an ellipsis', () => {
    expect(shortenLabel('广东', 180)).toBe('广东');
    const s = shortenLabel('a'.repeat(60), 60);
    expect(s.endsWith('…')).toBe(true);
    expect(s.length).toBeLessThan(60);
  });
});

describe('log ticks', () => {
  it('marks 1-2-5 per decade, or only powers of ten when crowded', () => {
    expect(logTicks([0.9, 240])).toEqual([1, 2, 5, 10, 20, 50, 100, 200]);
    expect(logTicks([80, 6e7], 8)).toEqual([100, 1e3, 1e4, 1e5, 1e6, 1e7]);
  });
});

describe('padded log domain', () => {
  it('pads both ends and spans at least one decade', () => {
    expect(paddedLogDomain([1, 100], 2)).toEqual([0.5, 200]);
    const [lo, hi] = paddedLogDomain([150, 200]);
    expect(hi / lo).toBeCloseTo(10);
    expect(Math.sqrt(lo * hi)).toBeCloseTo(Math.sqrt(150 * 200));
  });
});
