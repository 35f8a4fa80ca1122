// The Overview's headline figures (DOMAIN §5, §7a): the last 90 days up to the as-of date, against the
// 90 days before them and the same 90 days a year earlier, with growth blank when "then" is 0.
import { addDays } from '../dates';
import { RECENT_DAYS } from '../spend-drop';
import {
  emptyMetrics,
  growth,
  periodMetrics,
  SCORECARD_METRICS,
  type Growth,
  type PeriodMetrics,
  type ScorecardData
} from '../scorecard';

/** A run of calendar days: `start` is the first, `end` the day after the last (`YYYY-MM-DD`). */
export interface DayWindow {
  start: string;
  end: string;
}

/** The three windows the headline compares. */
export interface HeadlineWindows {
  /** (asOf − 90 days, asOf]: the window of the spend-drop alert (DOMAIN §5). */
  now: DayWindow;
  /** The 90 days just before `now`. */
  previous: DayWindow;
  /** The 90 days ending on the same calendar day one year before the as-of date. */
  yearAgo: DayWindow;
}

/** The same calendar day one year earlier (29 February → 28 February). */
export function sameDayYearEarlier(iso: string): string {
  const year = +iso.slice(0, 4) - 1;
  const md = iso.slice(5);
  const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(year).padStart(4, '0')}-${md === '02-29' && !isLeap(year) ? '02-28' : md}`;
}

/** The 90 days ending on `lastDay` (inclusive). */
function windowEnding(lastDay: string): DayWindow {
  return { start: addDays(lastDay, -(RECENT_DAYS - 1)), end: addDays(lastDay, 1) };
}

export function headlineWindows(asOf: string): HeadlineWindows {
  const now = windowEnding(asOf);
  return {
    now,
    previous: windowEnding(addDays(now.start, -1)),
    yearAgo: windowEnding(sameDayYearEarlier(asOf))
  };
}

/** The headline: each window's figures and the growth against the two earlier ones. */
export interface Headline {
  windows: HeadlineWindows;
  now: PeriodMetrics;
  previous: PeriodMetrics;
  yearAgo: PeriodMetrics;
  /** (now − previous) / previous per figure; null when previous is 0 (DOMAIN §7a). */
  growthPrevious: Growth;
  /** (now − a year earlier) / a year earlier; null when that is 0. */
  growthYearAgo: Growth;
}

/** Figures of all rows in `w` (the data holds one value, or is summed over its values). */
function totalIn(data: ScorecardData, w: DayWindow, asOf: string, lapseDays: number) {
  const parts = periodMetrics(data, w, asOf, lapseDays);
  if (parts.length === 1) return parts[0];
  const out = emptyMetrics();
  for (const p of parts) {
    out.revenue += p.revenue;
    out.orders += p.orders;
    out.active += p.active;
    out.newCustomers += p.newCustomers;
    out.repeatCustomers += p.repeatCustomers;
    out.lapsed += p.lapsed;
  }
  out.revenue = Math.round(out.revenue * 100) / 100;
  out.repeatRate = out.active > 0 ? out.repeatCustomers / out.active : null;
  return out;
}

/**
 * The headline of `data` (the scorecard reads with no dimension: every row is one value) at
 * `asOf`. Growth compares each figure as DOMAIN §7a does: (now − then) / then, blank when then = 0.
 */
export function computeHeadline(data: ScorecardData, asOf: string, lapseDays: number): Headline {
  const windows = headlineWindows(asOf);
  const now = totalIn(data, windows.now, asOf, lapseDays);
  const previous = totalIn(data, windows.previous, asOf, lapseDays);
  const yearAgo = totalIn(data, windows.yearAgo, asOf, lapseDays);
  const growthOf = (then: PeriodMetrics) => {
    const g = {} as Growth;
    for (const m of SCORECARD_METRICS) g[m] = growth(now[m], then[m]);
    return g;
  };
  return {
    windows,
    now,
    previous,
    yearAgo,
    growthPrevious: growthOf(previous),
    growthYearAgo: growthOf(yearAgo)
  };
}
