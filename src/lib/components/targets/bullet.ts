// The rows a bullet chart of the Targets view draws, and the money axis they need.
import type { KeyResult } from '$lib/analysis/targets';

/** One row of the chart (its y category is `label`, unique). */
export interface BulletRow {
  key: string;
  label: string;
  isTeam: boolean;
  target: number | null;
  actual: number;
  forecast: number | null;
  attainment: number | null;
  shortfall: number | null;
}

/** Rows the chart shows at most; the table lists every key. */
export const MAX_BULLETS = 40;

/** Keys first (best attainment first), then teams, labelled by `label`; at most `max` rows. */
export function bulletRows(
  keys: readonly KeyResult[],
  teams: readonly KeyResult[],
  label: (r: KeyResult) => string,
  max = MAX_BULLETS
): BulletRow[] {
  return [...keys, ...teams].slice(0, max).map((r) => ({
    key: r.key,
    label: label(r),
    isTeam: r.isTeam,
    target: r.target,
    actual: r.actual,
    forecast: r.forecast,
    attainment: r.attainment,
    shortfall: r.shortfall
  }));
}

/** From the lowest value (at most 0) to the highest target, actual or forecast (at least 1). */
export function bulletDomain(rows: readonly BulletRow[]): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const r of rows)
    for (const v of [r.target, r.actual, r.forecast]) {
      if (v === null) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  return [lo, hi > lo ? hi : lo + 1];
}
