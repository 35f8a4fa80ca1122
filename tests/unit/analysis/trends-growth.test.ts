// Growth vs the previous period and a year earlier, and the risers/fallers ranking, on hand-built
// splits whose answers are worked out in the comments.
import { describe, expect, it } from 'vitest';
import {
  growth,
  isPeriodIncomplete,
  periodGrowth,
  type PeriodFigures,
  type TrendSplit
} from '../../../src/lib/analysis/trends-split';
import { rankMovers, DEFAULT_MOVERS } from '../../../src/lib/analysis/trends-movers';
import { periodFromKey, type Grain } from '../../../src/lib/analysis/period';

const fig = (revenue: number, orders = 0, positiveRevenue = revenue): PeriodFigures => ({
  revenue,
  orders,
  active: orders,
  new: 0,
  positiveRevenue
});

/** A split over consecutive `keys`; `values[v]` = revenue (and orders) per period. */
function split(
  grain: Grain,
  keys: string[],
  values: Record<string, [number, number][]>,
  incomplete: string[] = []
): TrendSplit {
  return {
    grain,
    dimension: 'cat',
    asOf: '2099-01-01',
    periods: keys.map((k) => ({ ...periodFromKey(k)!, isIncomplete: incomplete.includes(k) })),
    series: Object.entries(values).map(([v, figs]) => ({
      id: `v:${v}`,
      value: v,
      isOthers: false,
      revenue: figs.reduce((s, f) => s + f[0], 0),
      figures: figs.map(([r, o]) => fig(r, o))
    })),
    valueCount: Object.keys(values).length
  };
}

describe('growth', () => {
  it.each([
    [120, 100, 0.2], // (120 − 100) / 100
    [50, 200, -0.75], // (50 − 200) / 200
    [0, 80, -1], // gone
    [30, 0, null], // blank when then = 0
    [30, null, null], // no comparison value
    [null, 10, null], // no value now (AOV without orders)
    [-10, -40, -0.75] // (−10 − −40) / −40: DOMAIN's formula as written
  ])('now %s then %s → %s', (now, then, want) => {
    const g = growth(now, then);
    if (want === null) expect(g).toBeNull();
    else expect(g).toBeCloseTo(want, 10);
  });
});

describe('periodGrowth', () => {
  // Quarters 2024-Q1 … 2025-Q2 (6 periods); one value.
  const s = split('quarter', ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2'], {
    X: [
      [100, 4],
      [0, 0],
      [50, 2],
      [40, 1],
      [150, 5],
      [30, 1]
    ]
  });
  const series = s.series[0];

  it('vs the previous quarter and the same quarter a year earlier', () => {
    // 2025-Q1: previous 2024-Q4 = 40 → (150 − 40)/40 = 2.75; year earlier 2024-Q1 = 100 → 0.5.
    const g = periodGrowth(s, series, 4, 'revenue');
    expect(g.previous).toBe(40);
    expect(g.yearEarlier).toBe(100);
    expect(g.vsPrevious).toBeCloseTo(2.75, 10);
    expect(g.vsYearEarlier).toBeCloseTo(0.5, 10);
  });

  it('a missing year and a zero period give blanks', () => {
    // 2024-Q3: year earlier 2023-Q3 is before the data → blank; previous 2024-Q2 = 0 → blank.
    const g = periodGrowth(s, series, 2, 'revenue');
    expect([g.yearEarlier, g.vsYearEarlier, g.previous, g.vsPrevious]).toEqual([
      null,
      null,
      0,
      null
    ]);
    // 2025-Q2 vs 2024-Q2 (0) → blank; vs 2025-Q1: (30 − 150)/150 = −0.8.
    const h = periodGrowth(s, series, 5, 'revenue');
    expect(h.vsYearEarlier).toBeNull();
    expect(h.vsPrevious).toBeCloseTo(-0.8, 10);
  });

  it('average order value: revenue of positive orders / orders, blank without orders', () => {
    // 2025-Q1 AOV 150/5 = 30; 2024-Q1 100/4 = 25 → (30 − 25)/25 = 0.2. 2024-Q2 has no orders.
    expect(periodGrowth(s, series, 4, 'aov').vsYearEarlier).toBeCloseTo(0.2, 10);
    expect(periodGrowth(s, series, 1, 'aov').value).toBeNull();
    expect(periodGrowth(s, series, 2, 'aov').vsPrevious).toBeNull();
  });
});

describe('isPeriodIncomplete', () => {
  it.each([
    ['2025-12', '2025-12-08', true], // as-of inside December
    ['2025-12', '2026-01-01', false], // data through 31 Dec
    ['2025-12', '2025-12-01', true], // rows dated on the as-of day are analysed: one day of data
    ['2025-Q4', '2025-11-30', true],
    ['2025', '2025-06-30', true],
    ['2024', '2025-06-30', false]
  ])('%s at %s → %s', (key, asOf, want) => {
    expect(isPeriodIncomplete(periodFromKey(key)!, asOf)).toBe(want);
  });
});

describe('rankMovers', () => {
  // Months 2024-11 … 2025-12, the last incomplete: the latest complete month is 2025-11,
  // compared with 2024-11 (YoY, index 0) or 2025-10 (previous, index 11).
  const keys = Array.from({ length: 14 }, (_, i) => {
    const n = 2024 * 12 + 10 + i;
    return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  });
  /** Revenue (and as many orders) in 2024-11, 2025-10 and 2025-11; zero elsewhere. */
  const row = (y2024: number, oct: number, nov: number): [number, number][] =>
    keys.map((k) =>
      k === '2024-11'
        ? [y2024, y2024]
        : k === '2025-10'
          ? [oct, oct]
          : k === '2025-11'
            ? [nov, nov]
            : [0, 0]
    );
  const s = split(
    'month',
    keys,
    {
      A: row(1000, 900, 1500), // YoY +500, +50 %
      B: row(2000, 2100, 1000), // −1000, −50 %
      C: row(100, 100, 400), // +300, +300 %
      D: row(0, 500, 600), // new: +600, no %
      E: row(500, 500, 450), // −50, −10 %
      T: row(2, 1, 20) // tiny: +900 % but 20 < 1 % × 3950
    },
    ['2025-12']
  );

  it('YoY by %: new values first, then by %; fallers by %; tiny values left out', () => {
    // Totals: 2025-11 = 1500 + 1000 + 400 + 600 + 450 + 20 = 3970; 2024-11 = 3602.
    // Floor 1 % × 3970 = 39.7: T (max 20) is too small.
    const m = rankMovers(s, DEFAULT_MOVERS);
    expect([m.period, m.comparedWith, m.hasComparison]).toEqual(['2025-11', '2024-11', true]);
    expect(m.risers.map((r) => [r.value, r.change, r.pct])).toEqual([
      ['D', 600, null],
      ['C', 300, 3],
      ['A', 500, 0.5]
    ]);
    expect(m.fallers.map((r) => [r.value, r.change, r.pct])).toEqual([
      ['B', -1000, -0.5],
      ['E', -50, -0.1]
    ]);
    expect([m.ranked, m.tooSmall]).toEqual([5, 1]);
  });

  it('by absolute change, against the previous month', () => {
    // vs 2025-10: A +600, B −1100, C +300, D +100, E −50; T (max 20 < 1 % of 3970) left out.
    const m = rankMovers(s, { ...DEFAULT_MOVERS, compare: 'previous', rankBy: 'abs' });
    expect(m.comparedWith).toBe('2025-10');
    expect(m.risers.map((r) => [r.value, r.change])).toEqual([
      ['A', 600],
      ['C', 300],
      ['D', 100]
    ]);
    expect(m.fallers.map((r) => r.value)).toEqual(['B', 'E']);
    // D vs October: (600 − 500)/500 = 0.2.
    expect(m.risers[2].pct).toBeCloseTo(0.2, 10);
  });

  it('a higher minimum size and a limit shorten the lists', () => {
    // 20 % of 3970 = 794: only A (max 1500) and B (max 2000) stay.
    const m = rankMovers(s, { ...DEFAULT_MOVERS, minShare: 0.2, limit: 1 });
    expect(m.risers.map((r) => r.value)).toEqual(['A']);
    expect(m.fallers.map((r) => r.value)).toEqual(['B']);
    expect(m.tooSmall).toBe(4);
  });

  it('a missing year: nothing to compare with', () => {
    // Year grain 2024–2025, 2025 incomplete: the latest complete year 2024 has no 2023 to face.
    const y = split(
      'year',
      ['2024', '2025'],
      {
        A: [
          [10, 1],
          [5, 1]
        ]
      },
      ['2025']
    );
    const m = rankMovers(y, DEFAULT_MOVERS);
    expect([m.period, m.comparedWith, m.hasComparison, m.risers, m.fallers]).toEqual([
      '2024',
      '2023',
      false,
      [],
      []
    ]);
  });

  it('no complete period at all', () => {
    const y = split('year', ['2025'], { A: [[10, 1]] }, ['2025']);
    expect(rankMovers(y, DEFAULT_MOVERS).period).toBeNull();
  });
});
