// The related datasets a view joins to the active orders (DOMAIN §7): which file of each kind is
// used, and how many of its rows name customers that have no orders (counted, never dropped).
import { stateContext } from './context';
import type { DatasetInfo, DbClient, RelatedAnswer, RelatedKind, UnmatchedRow } from '$lib/db';
import type { Datasets } from './datasets.svelte';
import { Query } from './query.svelte';

/** Unmatched rows listed at most (the count says how many there are in all). */
export const UNMATCHED_LISTED = 500;

interface Pair {
  datasetId: number;
  relatedId: number;
}

export class RelatedState {
  // Made on first use and kept (not state: a query is the same object for the whole visit).
  readonly #counts: Partial<Record<RelatedKind, Query<Pair, RelatedAnswer>>> = {};
  readonly #rows: Partial<Record<RelatedKind, Query<Pair, UnmatchedRow[]>>> = {};

  constructor(
    private db: DbClient,
    private datasets: Datasets
  ) {}

  /** The workspace's dataset of `kind` the views use: its latest. */
  source(kind: RelatedKind): DatasetInfo | null {
    return this.datasets.list.findLast((d) => d.kind === kind) ?? null;
  }

  #pair(kind: RelatedKind): Pair | null {
    const d = this.datasets.active;
    const r = this.source(kind);
    return d && r ? { datasetId: d.id, relatedId: r.id } : null;
  }

  /** Which import of both datasets an answer is about (ids are reused across workspaces). */
  #scope(kind: RelatedKind) {
    return () => [this.datasets.identity, this.source(kind)?.importedAt];
  }

  /** The counts of `kind`'s file against the active dataset. */
  match(kind: RelatedKind): Query<Pair, RelatedAnswer> {
    return (this.#counts[kind] ??= new Query(
      () => this.#pair(kind),
      (args) => this.db.call('related.match', args),
      { scope: this.#scope(kind) }
    ));
  }

  /** The first {@link UNMATCHED_LISTED} unmatched rows of `kind`'s file, in file order. */
  unmatched(kind: RelatedKind): Query<Pair, UnmatchedRow[]> {
    return (this.#rows[kind] ??= new Query(
      () => this.#pair(kind),
      (args) => this.db.call('related.unmatched', { ...args, offset: 0, limit: UNMATCHED_LISTED }),
      { scope: this.#scope(kind) }
    ));
  }
}

export const [getRelated, setRelated] = stateContext<RelatedState>('related');
