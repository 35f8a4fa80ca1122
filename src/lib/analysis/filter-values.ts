// The filter bar's choices: a dimension's values with how many rows carry each, most rows first,
// narrowed by a search text and by the filter's other conditions.
import { quoteIdent } from './sql-ident';
import type { SqlQuery } from './sql';
import { removeFilterColumn, type DataFilter } from './data-filter';

/** What the filter bar asks for: one dimension's values among the rows its other conditions keep. */
export interface FilterValuesArgs {
  datasetId: number;
  /** SQL name of the dimension column. */
  column: string;
  /** Case-insensitive part of the value; empty for every value. */
  search: string;
  /** How many values at most. */
  limit: number;
  /** The filter in force; its condition on `column` itself is left out (the choices stay open). */
  filter: DataFilter | null;
}

/** One value of a dimension (null: rows without a value) and how many rows carry it. */
export interface FilterValue {
  value: string | null;
  rows: number;
}

/** The other conditions of `filter`, which narrow `column`'s choices. */
export function choicesFilter(filter: DataFilter | null, column: string): DataFilter | null {
  return filter && removeFilterColumn(filter, column);
}

/**
 * The values of `column` in `table` with their row counts, most rows first (ties by value, the
 * rows without a value last among equals). With a search, rows without a value are left out.
 */
export function buildFilterValuesSql(
  table: string,
  column: string,
  search: string,
  limit: number
): SqlQuery {
  const col = quoteIdent(column);
  const needle = search.trim().toLowerCase();
  const where = needle ? `\nWHERE instr(lower(${col}), ?) > 0` : '';
  const sql = `SELECT ${col} AS value, COUNT(*) AS row_count
FROM ${quoteIdent(table)}${where}
GROUP BY ${col}
ORDER BY row_count DESC, ${col} IS NULL, ${col}
LIMIT ?`;
  return { sql, params: needle ? [needle, limit] : [limit] };
}
