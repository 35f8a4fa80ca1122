// Why the shortfall (issue 11): a key's revenue in a period against the same period one year
// earlier, the change split by who made it — new, returning, lost, reactivated customers — and by
// the customers' segment, so the parts add up exactly to the change.
import { addDays } from '../dates';
import { daysFrom, yearEarlier, type Period } from '../period';
import type { DateWindow } from './sql';

/** One customer of the key in either window. */
export interface CustomerChange {
  customerId: string;
  /** Revenue in this period (before the as-of date) and in last year's window. */
  now: number;
  then: number;
  /** Bought (an order with a positive amount) in each window. */
  boughtNow: boolean;
  boughtThen: boolean;
  /** Day of the customer's first-ever purchase (whole history), null when none. */
  firstDay: string | null;
  /** The customer's segment id at the as-of date; null when unscored (no purchase). */
  segment: string | null;
}

/**
 * Who made the change:
 * - `new`: first-ever purchase in this period;
 * - `returning`: bought in both windows (their change);
 * - `lost`: bought last year, not in this period (their revenue now − then, i.e. minus then
 *   unless a return of theirs is booked now);
 * - `reactivated`: bought now, not last year, but had bought before (not new);
 * - `other`: bought in neither window, only returns booked.
 */
export const CHANGE_PARTS = ['new', 'returning', 'lost', 'reactivated', 'other'] as const;
export type ChangePart = (typeof CHANGE_PARTS)[number];

export interface PartChange {
  part: ChangePart;
  customers: number;
  /** Sum of now − then over its customers. */
  change: number;
}

export interface SegmentChange {
  /** Segment id (`others`…), or null for customers with no purchase at the as-of date. */
  segment: string | null;
  customers: number;
  now: number;
  then: number;
  change: number;
}

/** How much of last year's window the orders cover. */
export type LastYearCoverage = 'full' | 'partial' | 'none';

export interface WhyResult {
  key: string;
  period: string;
  /** The same period one year earlier. */
  lastYear: string;
  /** The windows compared (half-open); `now` stops at the as-of date, `then` as many days in. */
  nowWindow: DateWindow;
  thenWindow: DateWindow;
  /** True when this period is still running: last year is cut as many days in, for a fair match. */
  isLikeForLike: boolean;
  now: number;
  then: number;
  change: number;
  /** (now − then) / then; null when then = 0 (DOMAIN §7a). */
  growth: number | null;
  coverage: LastYearCoverage;
  /** First order date of the whole orders, for "the file starts on …". */
  firstOrderDay: string | null;
  /** In CHANGE_PARTS order; they sum to `change`. */
  parts: PartChange[];
  /** Largest fall first; they sum to `change`. */
  segments: SegmentChange[];
}

const money = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * The two windows compared: this period up to the as-of date, and the same period one year
 * earlier — cut after as many days when this period is still running (like for like).
 */
export function comparisonWindows(period: Period, asOf: string) {
  const last = yearEarlier(period);
  // A running (or not yet begun) period: last year stops as many days in.
  const isLikeForLike = asOf < period.end;
  const nowTo = asOf < period.end ? (asOf > period.start ? asOf : period.start) : period.end;
  const elapsed = daysFrom(period.start, nowTo);
  const thenTo = isLikeForLike ? addDays(last.start, elapsed) : last.end;
  return {
    last,
    isLikeForLike,
    now: { from: period.start, to: nowTo },
    then: { from: last.start, to: thenTo < last.end ? thenTo : last.end }
  };
}

/** How much of `window` the orders (first order on `firstOrderDay`) cover. */
export function coverageOf(window: DateWindow, firstOrderDay: string | null): LastYearCoverage {
  if (firstOrderDay === null || firstOrderDay >= window.to) return 'none';
  return firstOrderDay > window.from ? 'partial' : 'full';
}

/** The part of the change a customer belongs to (see CHANGE_PARTS). */
export function partOf(c: CustomerChange, now: DateWindow): ChangePart {
  if (c.firstDay !== null && c.firstDay >= now.from && c.firstDay < now.to) return 'new';
  if (c.boughtNow && c.boughtThen) return 'returning';
  if (c.boughtThen) return 'lost';
  if (c.boughtNow) return 'reactivated';
  return 'other';
}

/** Splits the change of `customers`' revenue between the windows by part and by segment. */
export function explainChange(options: {
  key: string;
  period: Period;
  asOf: string;
  customers: readonly CustomerChange[];
  firstOrderDay: string | null;
}): WhyResult {
  const w = comparisonWindows(options.period, options.asOf);
  const parts = new Map<ChangePart, PartChange>(
    CHANGE_PARTS.map((part) => [part, { part, customers: 0, change: 0 }])
  );
  const segments = new Map<string | null, SegmentChange>();
  let now = 0;
  let then = 0;
  for (const c of options.customers) {
    const delta = c.now - c.then;
    now += c.now;
    then += c.then;
    const p = parts.get(partOf(c, w.now))!;
    p.customers++;
    p.change += delta;
    let s = segments.get(c.segment);
    if (!s)
      segments.set(
        c.segment,
        (s = { segment: c.segment, customers: 0, now: 0, then: 0, change: 0 })
      );
    s.customers++;
    s.now += c.now;
    s.then += c.then;
    s.change += delta;
  }
  now = money(now);
  then = money(then);
  return {
    key: options.key,
    period: options.period.key,
    lastYear: w.last.key,
    nowWindow: w.now,
    thenWindow: w.then,
    isLikeForLike: w.isLikeForLike,
    now,
    then,
    change: money(now - then),
    growth: then === 0 ? null : (now - then) / then,
    coverage: coverageOf(w.then, options.firstOrderDay),
    firstOrderDay: options.firstOrderDay,
    parts: [...parts.values()].map((p) => ({ ...p, change: money(p.change) })),
    segments: [...segments.values()]
      .map((s) => ({ ...s, now: money(s.now), then: money(s.then), change: money(s.change) }))
      .sort((a, b) => a.change - b.change || b.customers - a.customers)
  };
}
