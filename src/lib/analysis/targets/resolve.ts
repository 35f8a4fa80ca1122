// Reading a targets sheet for one period (DOMAIN §7a): a key's target from its own row or from
// its rows for every finer period inside it, the team each key belongs to, and which periods the
// sheet covers.
import {
  monthPeriod,
  periodFromKey,
  periodsBetween,
  quarterPeriod,
  lastDay,
  type Grain,
  type Period
} from '../period';
import type { TargetRow, TargetSource } from './types';

/** The figures a targets row may give. */
export type TargetField = 'revenueTarget' | 'newCustomerTarget' | 'marketSize';

/** The rows of a sheet indexed by key and period. */
export class TargetSheet {
  readonly rows: readonly TargetRow[];
  readonly #byKey = new Map<string, Map<string, TargetRow>>();

  constructor(rows: readonly TargetRow[]) {
    this.rows = rows;
    for (const r of rows) {
      let periods = this.#byKey.get(r.key);
      if (!periods) this.#byKey.set(r.key, (periods = new Map()));
      // A repeated key + period is rejected at import; should one slip through, the first counts.
      if (!periods.has(r.period)) periods.set(r.period, r);
    }
  }

  /** Every key of the sheet, in order of first appearance. */
  get keys(): string[] {
    return [...this.#byKey.keys()];
  }

  /**
   * `field` of `key` for `period`: its own row's value, else — for a quarter or a year — the sum
   * over the finer periods inside it (a year's quarters, each from its own row or its months)
   * when every one of them has a value; else null. A finer period than the sheet gives (a month
   * of a quarterly target) has none: the target is not split by guesswork.
   */
  resolve(
    key: string,
    field: TargetField,
    period: Period
  ): { value: number; source: TargetSource } | null {
    const own = this.#byKey.get(key)?.get(period.key)?.[field];
    if (own !== null && own !== undefined) return { value: own, source: 'row' };
    const parts = finerPeriods(period);
    if (parts.length === 0) return null;
    let sum = 0;
    for (const p of parts) {
      const part = this.resolve(key, field, p);
      if (!part) return null;
      sum += part.value;
    }
    return { value: sum, source: 'finer' };
  }

  /** True when `key` has a row for a period overlapping `period` (it belongs in the view). */
  overlaps(key: string, period: Period): boolean {
    for (const p of this.#byKey.get(key)?.keys() ?? []) {
      const q = periodFromKey(p);
      if (q && q.start < period.end && q.end > period.start) return true;
    }
    return false;
  }

  /**
   * The team of each key: the parent on its rows overlapping `period` (the latest such row), else
   * on any of its rows (the latest period). Keys without one are absent.
   */
  parents(period: Period): Map<string, string> {
    const out = new Map<string, string>();
    for (const [key, periods] of this.#byKey) {
      let inPeriod: { start: string; parent: string } | null = null;
      let any: { start: string; parent: string } | null = null;
      for (const r of periods.values()) {
        const q = periodFromKey(r.period);
        if (!q || r.parent === null || r.parent === '' || r.parent === key) continue;
        const entry = { start: q.start, parent: r.parent };
        if (!any || q.start >= any.start) any = entry;
        if (
          q.start < period.end &&
          q.end > period.start &&
          (!inPeriod || q.start >= inPeriod.start)
        )
          inPeriod = entry;
      }
      const parent = (inPeriod ?? any)?.parent;
      if (parent) out.set(key, parent);
    }
    return out;
  }

  /** The periods of `grain` that overlap any row of the sheet, oldest first. */
  periods(grain: Grain): Period[] {
    let first: string | null = null;
    let last: string | null = null;
    for (const r of this.rows) {
      const q = periodFromKey(r.period);
      if (!q) continue;
      if (first === null || q.start < first) first = q.start;
      const end = lastDay(q);
      if (last === null || end > last) last = end;
    }
    return first && last ? periodsBetween(first, last, grain) : [];
  }
}

/** The periods one step finer that make up `p`: a year's quarters, a quarter's months. */
export function finerPeriods(p: Period): Period[] {
  const year = +p.key.slice(0, 4);
  if (p.grain === 'year') return [1, 2, 3, 4].map((q) => quarterPeriod(year, q));
  if (p.grain === 'quarter') {
    const q = +p.key.slice(6);
    return [0, 1, 2].map((i) => monthPeriod(year, q * 3 - 2 + i));
  }
  return [];
}

/**
 * The period the view opens on: the latest of `periods` that has begun by the as-of date (the
 * current one when the sheet covers it), else the first.
 */
export function defaultPeriod(periods: readonly Period[], asOf: string): Period | null {
  let pick: Period | null = null;
  for (const p of periods) if (p.start < asOf) pick = p;
  return pick ?? periods[0] ?? null;
}
