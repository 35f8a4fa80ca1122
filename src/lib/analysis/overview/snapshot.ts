// "What changed since the last visit": the customer ids on three lists, kept with the workspace once
// per visit, and the customers who joined a list since (SavedSettings field `snapshot`).
import { isIsoDay } from '../dates';

/**
 * The lists compared: probably-lapsed tier-A customers (the churn view's "cannot lose" list, DOMAIN
 * §6), Champions (§3) and spend drops (§5).
 */
export const SNAPSHOT_LISTS = ['cannotLose', 'champions', 'spendDrop'] as const;
export type SnapshotList = (typeof SNAPSHOT_LISTS)[number];

/** At most this many ids per list are kept (a list longer than that compares its first ones). */
export const SNAPSHOT_MAX_IDS = 5_000;

/** The ids per list at one moment; a list missing was not known then (e.g. no fitted model). */
export interface VisitSnapshot {
  /** The user's calendar day the snapshot was taken (`YYYY-MM-DD`). */
  takenOn: string;
  lists: Partial<Record<SnapshotList, string[]>>;
}

/** The lists as they are now (null or missing: not known now). */
export type CurrentLists = Partial<Record<SnapshotList, readonly string[] | null>>;

/** A snapshot of `lists` taken on `takenOn`: ids unique and sorted, each list capped. */
export function takeSnapshot(lists: CurrentLists, takenOn: string): VisitSnapshot {
  const out: VisitSnapshot = { takenOn, lists: {} };
  for (const name of SNAPSHOT_LISTS) {
    const ids = lists[name];
    if (ids) out.lists[name] = [...new Set(ids)].sort().slice(0, SNAPSHOT_MAX_IDS);
  }
  return out;
}

/** A saved snapshot when well formed, else null (old or hand-edited JSON never breaks a workspace). */
export function parseSnapshot(raw: unknown): VisitSnapshot | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const r = raw as { takenOn?: unknown; lists?: unknown };
  if (typeof r.takenOn !== 'string' || !isIsoDay(r.takenOn)) return null;
  if (!r.lists || typeof r.lists !== 'object' || Array.isArray(r.lists)) return null;
  const lists = r.lists as Record<string, unknown>;
  const out: VisitSnapshot = { takenOn: r.takenOn, lists: {} };
  for (const name of SNAPSHOT_LISTS) {
    const ids = lists[name];
    if (ids === undefined) continue;
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) return null;
    out.lists[name] = ids.slice(0, SNAPSHOT_MAX_IDS);
  }
  return out;
}

/** One list's change: the ids on it now that were not on it then, in the order of `now`. */
export interface ListChange {
  added: string[];
  /** How many ids of then are no longer on the list. */
  left: number;
}

/** The change since a snapshot, per list; null for a list not known then or now. */
export interface SnapshotDiff {
  since: string;
  lists: Record<SnapshotList, ListChange | null>;
}

/** What changed since `then`; null on a first visit (nothing to compare with yet). */
export function diffSnapshot(then: VisitSnapshot | null, now: CurrentLists): SnapshotDiff | null {
  if (!then) return null;
  const lists = {} as SnapshotDiff['lists'];
  for (const name of SNAPSHOT_LISTS) {
    const before = then.lists[name];
    const current = now[name];
    if (!before || !current) {
      lists[name] = null;
      continue;
    }
    const had = new Set(before);
    const has = new Set(current);
    lists[name] = {
      added: [...has].filter((id) => !had.has(id)),
      left: before.filter((id) => !has.has(id)).length
    };
  }
  return { since: then.takenOn, lists };
}
