// Trends by period and dimension value (DOMAIN §5, §7a): the series a split trend draws, each
// metric per period, growth vs the previous period and the same period a year earlier.
import { roundCents } from './cohorts';
import { isIncomplete, periodFromKey, shiftPeriod, type Grain, type Period } from './period';

export type TrendMetric = 'revenue' | 'orders' | 'active' | 'new' | 'aov';

export const TREND_METRICS: readonly TrendMetric[] = ['revenue', 'orders', 'active', 'new', 'aov'];

/** One series' figures in one period. */
export interface PeriodFigures {
  /** Net revenue of the series' rows (returns included). */
  revenue: number;
  /** Orders with a positive amount in the series (an order spanning two values counts in each). */
  orders: number;
  /** Customers with ≥ 1 such order. */
  active: number;
  /** Customers whose first-ever purchase is in the period, credited to this series. */
  new: number;
  /** Revenue of the positive orders (AOV = this / orders). */
  positiveRevenue: number;
}

/** A period of the trend, flagged when the as-of date cuts it short. */
export interface TrendPeriod extends Period {
  isIncomplete: boolean;
}

/** One line of the chart: a dimension value, "others", or everything. */
export interface TrendSeries {
  /** Stable key: `total`, `others`, `none` (rows without a value) or `v:<value>`. */
  id: string;
  /** The dimension value (null: no value, others, or the total). */
  value: string | null;
  isOthers: boolean;
  /** Revenue over all periods (what the top N are chosen by). */
  revenue: number;
  /** One entry per period of the trend, in order. */
  figures: PeriodFigures[];
}

export interface TrendSplit {
  grain: Grain;
  /** The dimension split by, or null for one series of everything. */
  dimension: string | null;
  asOf: string;
  /** Every period from the first to the last with an order, oldest first. */
  periods: TrendPeriod[];
  /** The values in order of revenue (largest first), then "others". */
  series: TrendSeries[];
  /** How many distinct values the dimension has (including "no value"). */
  valueCount: number;
}

const ZERO: PeriodFigures = { revenue: 0, orders: 0, active: 0, new: 0, positiveRevenue: 0 };

/** Periods of `grain` in a year (the YoY step). */
export function periodsPerYear(grain: Grain): number {
  return grain === 'month' ? 12 : grain === 'quarter' ? 4 : 1;
}

/**
 * Whether the as-of date cuts `p` short. Rows dated on the as-of date itself are analysed, so a
 * period that starts on it holds one day of data and is incomplete too.
 */
export function isPeriodIncomplete(p: Period, asOf: string): boolean {
  return isIncomplete(p, asOf) || p.start === asOf;
}

/** The id of a series (see `TrendSeries.id`). */
export function seriesId(value: string | null, isOthers: boolean, dimension: string | null) {
  if (dimension === null) return 'total';
  if (isOthers) return 'others';
  return value === null ? 'none' : `v:${value}`;
}

export interface TrendSplitContext {
  grain: Grain;
  dimension: string | null;
  asOf: string;
  /** Values in the order the series are listed (revenue rank); values not here follow. */
  order: readonly (string | null)[];
  valueCount: number;
}

/**
 * Builds the split trend from the rows of `aggregateTrendParts` (`is_other, value, period,
 * revenue, orders, positive_revenue, active, new`). Periods without orders get zeros.
 */
export function toTrendSplit(
  rows: readonly (readonly unknown[])[],
  ctx: TrendSplitContext
): TrendSplit {
  let first: string | null = null;
  let last: string | null = null;
  for (const r of rows) {
    const key = String(r[2]);
    if (first === null || key < first) first = key;
    if (last === null || key > last) last = key;
  }
  const periods: TrendPeriod[] = [];
  if (first !== null && last !== null) {
    for (let p = periodFromKey(first)!; p.key <= last; p = shiftPeriod(p, 1))
      periods.push({ ...p, isIncomplete: isPeriodIncomplete(p, ctx.asOf) });
  }
  const index = new Map(periods.map((p, i) => [p.key, i]));
  const byId = new Map<string, TrendSeries>();
  for (const [isOther, value, period, revenue, orders, positive, active, fresh] of rows) {
    const isOthers = Number(isOther) === 1;
    const v = isOthers || value === null ? null : String(value);
    const id = seriesId(v, isOthers, ctx.dimension);
    let s = byId.get(id);
    if (!s) {
      s = {
        id,
        value: v,
        isOthers,
        revenue: 0,
        figures: periods.map(() => ({ ...ZERO }))
      };
      byId.set(id, s);
    }
    const f = s.figures[index.get(String(period))!];
    f.revenue = roundCents(Number(revenue));
    f.orders = Number(orders);
    f.positiveRevenue = roundCents(Number(positive));
    f.active = Number(active);
    f.new = Number(fresh);
    s.revenue += Number(revenue);
  }
  const rank = new Map(ctx.order.map((v, i) => [v, i]));
  const series = [...byId.values()].map((s) => ({ ...s, revenue: roundCents(s.revenue) }));
  series.sort(
    (a, b) =>
      Number(a.isOthers) - Number(b.isOthers) ||
      (rank.get(a.value) ?? Infinity) - (rank.get(b.value) ?? Infinity) ||
      b.revenue - a.revenue
  );
  return {
    grain: ctx.grain,
    dimension: ctx.dimension,
    asOf: ctx.asOf,
    periods,
    series,
    valueCount: ctx.valueCount
  };
}

/** A metric's value; the average order value is null without orders. */
export function metricValue(f: PeriodFigures, metric: TrendMetric): number | null {
  if (metric === 'aov') return f.orders > 0 ? f.positiveRevenue / f.orders : null;
  return f[metric];
}

/** Growth = (now − then) / then (DOMAIN §7a); null when either is unknown or then is 0. */
export function growth(now: number | null, then: number | null | undefined): number | null {
  if (now === null || then === null || then === undefined || then === 0) return null;
  return (now - then) / then;
}

/** A value's growth in period `i` vs the previous period and the same period a year earlier. */
export interface PeriodGrowth {
  value: number | null;
  previous: number | null;
  yearEarlier: number | null;
  vsPrevious: number | null;
  vsYearEarlier: number | null;
}

/**
 * Growth of `series` in period `i` of `split`. A comparison period before the first period of the
 * trend (no data then) gives a blank growth, as does a comparison value of 0.
 */
export function periodGrowth(
  split: TrendSplit,
  series: TrendSeries,
  i: number,
  metric: TrendMetric
): PeriodGrowth {
  const at = (j: number) => (j >= 0 ? metricValue(series.figures[j], metric) : null);
  const value = at(i);
  const previous = at(i - 1);
  const yearEarlier = at(i - periodsPerYear(split.grain));
  return {
    value,
    previous,
    yearEarlier,
    vsPrevious: growth(value, previous),
    vsYearEarlier: growth(value, yearEarlier)
  };
}

/** One series in one period with its growth: a row of the trend's table, a point of its chart. */
export interface TrendPoint {
  series: TrendSeries;
  period: TrendPeriod;
  /** Index of the period in `split.periods`. */
  index: number;
  growth: PeriodGrowth;
}

/** Every series in every period, period by period (series in their order within one period). */
export function trendPoints(split: TrendSplit, metric: TrendMetric): TrendPoint[] {
  return split.periods.flatMap((period, index) =>
    split.series.map((series) => ({
      series,
      period,
      index,
      growth: periodGrowth(split, series, index, metric)
    }))
  );
}
