// Related datasets against the orders: the rows that name customers with no orders, counted and
// paged (DOMAIN §7: joined by customer_id, never dropped silently).
import type { Database } from 'sql.js';
import {
  buildRelatedMatchSql,
  buildUnmatchedRowsSql,
  toRelatedMatch,
  toUnmatchedRows,
  type RelatedKind,
  type UnmatchedRow
} from '$lib/analysis/related';
import { KIND_COLUMNS } from '$lib/ingest/kind-tables';
import { AppError } from '$lib/db/errors';
import type { DatasetInfo } from '$lib/db/protocol';
import type { RelatedAnswer } from '$lib/db/related-protocol';
import { selectRows } from './sql-run';

/** The related dataset's kind, or an error when it is orders or targets. */
function relatedKind(related: DatasetInfo): RelatedKind {
  if (!(related.kind in KIND_COLUMNS)) throw new AppError('related_wrong_kind');
  return related.kind as RelatedKind;
}

/** How many of `related`'s rows name customers that `orders` has no order of. */
export function matchRelated(
  db: Database,
  orders: DatasetInfo,
  related: DatasetInfo
): RelatedAnswer {
  const kind = relatedKind(related);
  const [row] = selectRows(db, buildRelatedMatchSql(related.table, orders.table));
  return { ...toRelatedMatch(row), datasetId: orders.id, relatedId: related.id, kind };
}

/** A page of those rows, in file order. */
export function unmatchedRows(
  db: Database,
  orders: DatasetInfo,
  related: DatasetInfo,
  offset: number,
  limit: number
): UnmatchedRow[] {
  const kind = relatedKind(related);
  const q = buildUnmatchedRowsSql(related.table, orders.table, kind, offset, limit);
  return toUnmatchedRows(selectRows(db, q));
}
