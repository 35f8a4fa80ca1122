// The Targets view of one period (DOMAIN §7a): per key target, actual, attainment, shortfall,
// run-rate forecast, rank, new customers and market share; teams rolled up from their members;
// the company total; and the values and keys that do not meet (no target, never in the orders).
import { daysFrom, daysIn, type Period } from '../period';
import type { TargetSheet } from './resolve';
import type { KeyResult, TargetsResult, TargetsTotal, UntargetedValue } from './types';

/** What the orders say about the period, per value of the chosen dimension. */
export interface TargetsInput {
  sheet: TargetSheet;
  period: Period;
  asOf: string;
  /** Revenue per dimension value in the period before the as-of date (null: rows without one). */
  revenue: ReadonlyMap<string | null, number>;
  /** New customers per dimension value (credited on their first order) in the period. */
  newCustomers: ReadonlyMap<string | null, number>;
  /** Keys of the sheet that appear among the dimension's values anywhere in the orders. */
  seen: ReadonlySet<string>;
  /** Revenue per value of the orders' own team column in the period, when they carry one. */
  teamRevenue?: ReadonlyMap<string | null, number> | null;
}

/** Money sums are kept to a millionth, like the SQL (no float noise in exports). */
const money = (x: number) => Math.round(x * 1e6) / 1e6;
const ratio = (a: number, b: number | null) => (b !== null && b > 0 ? a / b : null);

/** The run-rate of the period containing the as-of date; null for any other period. */
export function runRate(period: Period, asOf: string) {
  if (!(period.start <= asOf && asOf < period.end)) return null;
  const days = daysIn(period);
  // Days elapsed = as-of − period start (the as-of day itself is not in the data), at least 1.
  const elapsed = Math.max(1, daysFrom(period.start, asOf));
  return { days, elapsed, forecast: (actual: number) => money((actual * days) / elapsed) };
}

/** Each team's direct members, from each key's parent. */
export function membersOf(parents: ReadonlyMap<string, string>): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const [key, parent] of parents) {
    const list = members.get(parent);
    if (list) list.push(key);
    else members.set(parent, [key]);
  }
  return members;
}

/**
 * The dimension values whose rows make up `key`'s actual: a team whose members appear in the
 * orders stands for all the keys below it that are not teams themselves; anything else for itself.
 */
export function valuesBehind(
  sheet: TargetSheet,
  period: Period,
  key: string,
  seen: ReadonlySet<string>
): string[] {
  const members = membersOf(sheet.parents(period));
  const leaves = new Set<string>();
  const walk = (k: string, guard: Set<string>) => {
    if (guard.has(k)) return;
    guard.add(k);
    const below = members.get(k);
    if (below) for (const m of below) walk(m, guard);
    else leaves.add(k);
  };
  walk(key, new Set());
  leaves.delete(key);
  return leaves.size && [...leaves].some((k) => seen.has(k)) ? [...leaves].sort() : [key];
}

/** Builds every row of the view; see the module comment and DOMAIN §7a. */
export function buildTargetsView(input: TargetsInput): TargetsResult {
  const { sheet, period, revenue, newCustomers, seen } = input;
  const parents = sheet.parents(period);
  const members = membersOf(parents);
  const isTeam = (k: string) => members.has(k);

  // The keys with a row for (part of) this period, and every team above them.
  const shown = new Set(sheet.keys.filter((k) => sheet.overlaps(k, period)));
  for (const k of [...shown]) {
    const guard = new Set<string>();
    for (let p = parents.get(k); p && !guard.has(p); p = parents.get(p)) {
      guard.add(p);
      shown.add(p);
    }
  }

  const rate = runRate(period, input.asOf);
  const results = new Map<string, KeyResult>();

  /** Whether any key below `team` (or the key itself) appears in the orders. */
  const anySeen = (k: string, guard = new Set<string>()): boolean => {
    if (guard.has(k)) return false;
    guard.add(k);
    return seen.has(k) || (members.get(k) ?? []).some((m) => anySeen(m, guard));
  };
  /** Does `team` roll up its members' actuals (some member is a value of the dimension)? */
  const rollsUp = (team: string) => (members.get(team) ?? []).some((m) => anySeen(m));

  const resultOf = (key: string, guard: Set<string>): KeyResult => {
    const done = results.get(key);
    if (done) return done;
    const team = isTeam(key) && !guard.has(key);
    guard.add(key);
    const own = sheet.resolve(key, 'revenueTarget', period);
    const ownNew = sheet.resolve(key, 'newCustomerTarget', period);
    const market = sheet.resolve(key, 'marketSize', period);
    let actual = revenue.get(key) ?? 0;
    let newCount = newCustomers.get(key) ?? 0;
    let target = own?.value ?? null;
    let targetSource = own?.source ?? null;
    let newTarget = ownNew?.value ?? null;
    let isTargetPartial = false;
    if (team) {
      const subs = (members.get(key) ?? []).map((m) => resultOf(m, guard));
      if (rollsUp(key)) {
        actual = subs.reduce((s, r) => s + r.actual, 0);
        newCount = subs.reduce((s, r) => s + r.newCustomers, 0);
      }
      const targeted = subs.filter((r) => shown.has(r.key));
      if (!own) {
        const withTarget = targeted.filter((r) => r.target !== null);
        if (withTarget.length) {
          target = withTarget.reduce((s, r) => s + (r.target ?? 0), 0);
          targetSource = 'members';
          isTargetPartial =
            withTarget.length < targeted.length || withTarget.some((r) => r.isTargetPartial);
        }
      }
      if (!ownNew) {
        const withNew = targeted.filter((r) => r.newCustomerTarget !== null);
        if (withNew.length) newTarget = withNew.reduce((s, r) => s + (r.newCustomerTarget ?? 0), 0);
      }
    }
    actual = money(actual);
    if (target !== null) target = money(target);
    const forecast = rate ? rate.forecast(actual) : null;
    const result: KeyResult = {
      key,
      isTeam: isTeam(key),
      parent: parents.get(key) ?? null,
      target,
      targetSource,
      isTargetPartial,
      actual,
      attainment: ratio(actual, target),
      shortfall: target === null ? null : money(Math.max(0, target - actual)),
      forecast,
      forecastAttainment: forecast === null ? null : ratio(forecast, target),
      rank: null,
      newCustomers: newCount,
      newCustomerTarget: newTarget,
      marketSize: market?.value ?? null,
      marketShare: ratio(actual, market?.value ?? null),
      actualByOrders:
        isTeam(key) && input.teamRevenue ? money(input.teamRevenue.get(key) ?? 0) : null
    };
    results.set(key, result);
    return result;
  };

  for (const k of shown) resultOf(k, new Set());
  const keys = rankRows([...shown].filter((k) => !isTeam(k)).map((k) => results.get(k)!));
  const teams = rankRows([...shown].filter(isTeam).map((k) => results.get(k)!));

  const top = [...keys, ...teams].filter((r) => !r.parent || !shown.has(r.parent));
  const withTargets = top.filter((r) => r.target !== null);
  const totalTarget = withTargets.length
    ? money(withTargets.reduce((s, r) => s + (r.target ?? 0), 0))
    : null;
  const totalActual = money(top.reduce((s, r) => s + r.actual, 0));
  const newTargets = top.filter((r) => r.newCustomerTarget !== null);
  const total: TargetsTotal = {
    target: totalTarget,
    isTargetPartial:
      totalTarget !== null &&
      (withTargets.length < top.length || withTargets.some((r) => r.isTargetPartial)),
    actual: totalActual,
    attainment: ratio(totalActual, totalTarget),
    shortfall: totalTarget === null ? null : money(Math.max(0, totalTarget - totalActual)),
    forecast: rate ? rate.forecast(totalActual) : null,
    newCustomers: top.reduce((s, r) => s + r.newCustomers, 0),
    newCustomerTarget: newTargets.length
      ? newTargets.reduce((s, r) => s + (r.newCustomerTarget ?? 0), 0)
      : null,
    allRevenue: money([...revenue.values()].reduce((s, v) => s + v, 0)),
    allNewCustomers: [...newCustomers.values()].reduce((s, v) => s + v, 0)
  };

  const untargeted = new Map<string | null, UntargetedValue>();
  for (const [value, actual] of revenue) {
    if (value !== null && shown.has(value)) continue;
    untargeted.set(value, { key: value, actual: money(actual), newCustomers: 0 });
  }
  for (const [value, count] of newCustomers) {
    if (value !== null && shown.has(value)) continue;
    const entry = untargeted.get(value) ?? { key: value, actual: 0, newCustomers: 0 };
    untargeted.set(value, { ...entry, newCustomers: count });
  }
  const withoutTarget = [...untargeted.values()]
    .filter((u) => u.actual !== 0 || u.newCustomers > 0)
    .sort((a, b) => b.actual - a.actual || compareKeys(a.key, b.key));

  const notInOrders = [...shown].filter((k) => !anySeen(k)).sort(compareKeys);

  return {
    period: period.key,
    grain: period.grain,
    isCurrent: rate !== null,
    daysInPeriod: daysIn(period),
    daysElapsed: rate?.elapsed ?? null,
    keys,
    teams,
    total,
    withoutTarget,
    notInOrders
  };
}

/**
 * The key "why the shortfall" explains unless the user picks one: among the keys and teams that
 * appear in the orders, the largest shortfall, then the lowest attainment.
 */
export function defaultExplainedKey(result: TargetsResult): string | null {
  const rows = [...result.keys, ...result.teams];
  const seen = rows.filter((r) => !result.notInOrders.includes(r.key));
  const worst = [...(seen.length ? seen : rows)].sort(
    (a, b) =>
      (b.shortfall ?? -1) - (a.shortfall ?? -1) ||
      (a.attainment ?? Infinity) - (b.attainment ?? Infinity)
  )[0];
  return worst?.key ?? null;
}

function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * Best first: attainment descending, ties by actual descending (then key). Keys with a target get
 * ranks 1, 2, … (equal attainment and actual share a rank); keys without one follow, unranked,
 * by actual.
 */
export function rankRows(rows: KeyResult[]): KeyResult[] {
  const sorted = [...rows].sort(
    (a, b) =>
      (a.attainment === null ? 1 : 0) - (b.attainment === null ? 1 : 0) ||
      (b.attainment ?? 0) - (a.attainment ?? 0) ||
      b.actual - a.actual ||
      compareKeys(a.key, b.key)
  );
  let previous: KeyResult | null = null;
  return sorted.map((r, i) => {
    if (r.attainment === null) return r;
    const tied =
      previous !== null &&
      previous.attainment === r.attainment &&
      previous.actual === r.actual &&
      previous.rank !== null;
    const ranked = { ...r, rank: tied ? previous!.rank : i + 1 };
    previous = ranked;
    return ranked;
  });
}
