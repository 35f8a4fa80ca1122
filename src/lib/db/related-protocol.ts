// A related dataset (master, survey responses, complaints, receivables) against the orders, across
// the worker boundary: how many of its rows name customers that have no orders, and which.
import type { RelatedKind, RelatedMatch, UnmatchedRow } from '$lib/analysis/related';

/** The orders (or customer table) a view analyses and one related dataset it joins. */
export interface RelatedArgs {
  datasetId: number;
  relatedId: number;
}

export interface RelatedAnswer extends RelatedMatch {
  datasetId: number;
  relatedId: number;
  kind: RelatedKind;
}

export interface UnmatchedArgs extends RelatedArgs {
  offset: number;
  limit: number;
}

export type { RelatedKind, RelatedMatch, UnmatchedRow };
