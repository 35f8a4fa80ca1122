// The filter bar's choices in the worker: a dimension's values and their row counts.
import type { Database } from 'sql.js';
import {
  buildFilterValuesSql,
  type FilterValue,
  type FilterValuesArgs
} from '$lib/analysis/filter-values';
import { AppError } from '$lib/db/errors';
import type { DatasetInfo } from '$lib/db/protocol';
import { selectRows } from './sql-run';

/** At most this many values are listed (the search finds the others). */
const MAX_VALUES = 500;

/** The values of `args.column` among `d`'s rows (already narrowed by the other conditions). */
export function filterValues(db: Database, d: DatasetInfo, args: FilterValuesArgs): FilterValue[] {
  if (!d.dimensions.some((x) => x.name === args.column))
    throw new AppError('filter_unknown_column', { column: args.column, dataset: d.name });
  const limit = Math.max(1, Math.min(MAX_VALUES, Math.floor(args.limit)));
  const q = buildFilterValuesSql(d.table, args.column, args.search, limit);
  return selectRows(db, q).map(([value, rows]) => ({
    value: value === null ? null : String(value),
    rows: Number(rows)
  }));
}
