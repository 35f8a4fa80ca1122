// Risers and fallers: the dimension values whose metric grew or shrank most between the latest
// complete period and the one a year (or a period) earlier, leaving out values too small to matter.
import { shiftPeriod } from './period';
import {
  growth,
  metricValue,
  periodsPerYear,
  type PeriodFigures,
  type TrendMetric,
  type TrendSplit
} from './trends-split';

export type MoversCompare = 'yoy' | 'previous';
export type MoversRankBy = 'pct' | 'abs';

export interface MoversOptions {
  metric: TrendMetric;
  /** Against the same period a year earlier, or the period before. */
  compare: MoversCompare;
  /** Sort by % change or by absolute change. */
  rankBy: MoversRankBy;
  /**
   * The minimum size, as a share of the whole (0.01 = 1 %): a value is ranked only when, in one of
   * the two periods, it holds at least this share of the metric summed over all values (for the
   * average order value: of the orders).
   */
  minShare: number;
  /** How many risers and how many fallers to list. */
  limit: number;
}

export const DEFAULT_MOVERS: MoversOptions = {
  metric: 'revenue',
  compare: 'yoy',
  rankBy: 'pct',
  minShare: 0.01,
  limit: 10
};

/** One ranked value. */
export interface MoverRow {
  value: string | null;
  then: number | null;
  now: number | null;
  /** now − then. */
  change: number;
  /** (now − then) / then; null when then is 0 (a value that was not there before). */
  pct: number | null;
}

export interface Movers {
  /** The latest complete period, or null when there is none. */
  period: string | null;
  /** The period it is compared with (it may lie before the data). */
  comparedWith: string | null;
  /** False when the comparison period lies before the first period with data. */
  hasComparison: boolean;
  /** Values that grew, fastest first; values that shrank, fastest first. */
  risers: MoverRow[];
  fallers: MoverRow[];
  /** Values that passed the minimum size, and those left out by it. */
  ranked: number;
  tooSmall: number;
}

/**
 * Ranks every value of `split` (built with every value on its own, no "others") by its change
 * from the comparison period to the latest complete period. Values with an unknown metric in
 * either period (an average order value without orders) are not ranked. With `rankBy: 'pct'`
 * a value that grew from 0 or below (no percentage) comes before any percentage; one that fell
 * from 0 or below comes last among fallers.
 */
export function rankMovers(split: TrendSplit, options: MoversOptions): Movers {
  let i = split.periods.length - 1;
  while (i >= 0 && split.periods[i].isIncomplete) i--;
  const empty = { risers: [], fallers: [], ranked: 0, tooSmall: 0 };
  if (i < 0) return { period: null, comparedWith: null, hasComparison: false, ...empty };
  const step = options.compare === 'yoy' ? periodsPerYear(split.grain) : 1;
  const j = i - step;
  const period = split.periods[i].key;
  const comparedWith = shiftPeriod(split.periods[i], -step).key;
  if (j < 0) return { period, comparedWith, hasComparison: false, ...empty };

  const { metric } = options;
  const size = (f: PeriodFigures) =>
    Math.max(0, metric === 'aov' ? f.orders : (metricValue(f, metric) ?? 0));
  const values = split.series.filter((s) => !s.isOthers);
  let totalNow = 0;
  let totalThen = 0;
  for (const s of values) {
    totalNow += size(s.figures[i]);
    totalThen += size(s.figures[j]);
  }
  const floor = options.minShare * Math.max(totalNow, totalThen);
  const rows: MoverRow[] = [];
  let tooSmall = 0;
  for (const s of values) {
    const now = metricValue(s.figures[i], metric);
    const then = metricValue(s.figures[j], metric);
    const biggest = Math.max(size(s.figures[i]), size(s.figures[j]));
    if (biggest <= 0 || biggest < floor) {
      tooSmall++;
      continue;
    }
    if (now === null || then === null) continue;
    rows.push({ value: s.value, then, now, change: now - then, pct: growth(now, then) });
  }
  const key = (r: MoverRow, up: boolean) =>
    options.rankBy === 'abs'
      ? r.change
      : r.then !== null && r.then > 0
        ? r.pct!
        : up
          ? Infinity
          : -Infinity;
  const byValue = (a: MoverRow, b: MoverRow) =>
    a.value === b.value
      ? 0
      : a.value === null
        ? 1
        : b.value === null
          ? -1
          : a.value < b.value
            ? -1
            : 1;
  const risers = rows
    .filter((r) => r.change > 0)
    .sort((a, b) => key(b, true) - key(a, true) || b.change - a.change || byValue(a, b));
  const fallers = rows
    .filter((r) => r.change < 0)
    .sort((a, b) => key(a, false) - key(b, false) || a.change - b.change || byValue(a, b));
  return {
    period,
    comparedWith,
    hasComparison: true,
    risers: risers.slice(0, options.limit),
    fallers: fallers.slice(0, options.limit),
    ranked: rows.length,
    tooSmall
  };
}
