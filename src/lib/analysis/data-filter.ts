// The one filter every view applies (issue 11): dimension = value(s), several dimensions combined
// with AND, and a date range. It keeps rows by their own values (DOMAIN §8), so revenue, orders
// and customers of a filtered view are those of the rows that pass.
import { quoteIdent } from './sql-ident';
import { checkDate, DIALECTS, type SqlDialect } from './sql';
import { addDays } from './dates';
import { lastDay, periodOf, shiftPeriod } from './period';
import type { DatasetKind } from '$lib/ingest/types';

/** One dimension and the values a row may have in it (null: the row has no value there). */
export interface DimensionFilter {
  /** SQL name of the dimension column (`DatasetInfo.dimensions[i].name`). */
  column: string;
  values: (string | null)[];
}

export interface DataFilter {
  dims: DimensionFilter[];
  /** First day kept (`YYYY-MM-DD`), or null for no lower bound. */
  from: string | null;
  /** Last day kept, inclusive, or null for no upper bound. */
  to: string | null;
}

export const NO_FILTER: DataFilter = { dims: [], from: null, to: null };

/** True when the filter keeps fewer rows than the whole dataset could. */
export function isFilterActive(f: DataFilter | null | undefined): f is DataFilter {
  return !!f && (f.dims.some((d) => d.values.length > 0) || f.from !== null || f.to !== null);
}

/** A filter written canonically (values sorted, empty parts dropped): equal filters, equal text. */
export function filterKey(f: DataFilter | null | undefined): string {
  if (!isFilterActive(f)) return '';
  const dims = f.dims
    .filter((d) => d.values.length > 0)
    .map((d) => ({
      column: d.column,
      values: [...d.values].sort((a, b) =>
        a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1
      )
    }))
    .sort((a, b) => (a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
  return JSON.stringify({ dims, from: f.from, to: f.to });
}

/**
 * An SQL text literal. SQLite, DuckDB and PostgreSQL agree on doubled single quotes; Spark SQL
 * reads backslash escapes instead (and `'a''b'` there is two literals run together, `ab`).
 */
export function sqlText(value: string, dialect: SqlDialect = 'sqlite'): string {
  if (dialect === 'spark') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The filter as an SQL condition with its values written in (a view cannot hold bound
 * parameters, and "Show SQL" shows exactly this). `dateColumn` is the table's date column
 * (`order_date` for orders); null skips the date range (a table without dates).
 */
export function filterConditionSql(
  f: DataFilter,
  dateColumn: string | null,
  dialect: SqlDialect = 'sqlite'
): string {
  const parts: string[] = [];
  const ident = DIALECTS[dialect].ident;
  const text = (v: string) => sqlText(v, dialect);
  for (const d of f.dims) {
    if (d.values.length === 0) continue;
    const col = ident(d.column);
    const texts = d.values.filter((v): v is string => v !== null);
    const alts: string[] = [];
    if (texts.length === 1) alts.push(`${col} = ${text(texts[0])}`);
    else if (texts.length > 1) alts.push(`${col} IN (${texts.map(text).join(', ')})`);
    if (texts.length < d.values.length) alts.push(`${col} IS NULL`);
    parts.push(alts.length === 1 ? alts[0] : `(${alts.join(' OR ')})`);
  }
  if (dateColumn) {
    const col = ident(dateColumn);
    if (f.from) parts.push(`${col} >= ${text(checkDate(f.from, 'filter from'))}`);
    if (f.to) parts.push(`${col} <= ${text(checkDate(f.to, 'filter to'))}`);
  }
  return parts.length ? parts.join(' AND ') : '1 = 1';
}

/**
 * Name of the temporary table holding `table`'s rows that pass `f`. `version` names the data the
 * copy was made from (the import's time): a dataset imported again never reads an old copy.
 */
export function filterTableName(table: string, f: DataFilter, version: string): string {
  return `${table}__f${shortHash(`${filterKey(f)}|${version}`)}`;
}

/**
 * The statements making `name` a temporary copy of `table`'s rows that pass `f`, indexed like
 * the table (by customer, and date for orders), unless it exists. A copy, not a view: SQLite
 * reads a view through the table's customer index row by row (its full-scan hint is lost), about
 * three times slower at a million rows, while the copy is made in one scan.
 */
export function createFilterTableSql(
  table: string,
  f: DataFilter,
  dateColumn: string | null,
  name: string,
  kind: DatasetKind
): string[] {
  const t = quoteIdent(name);
  const columns = kind === 'transactions' ? 'customer_id, order_date' : 'customer_id';
  return [
    `CREATE TEMP TABLE IF NOT EXISTS ${t} AS ` +
      `SELECT * FROM ${quoteIdent(table)} WHERE ${filterConditionSql(f, dateColumn)}`,
    `CREATE INDEX IF NOT EXISTS temp.${quoteIdent(`${name}_cust`)} ON ${t} (${columns})`
  ];
}

/** The column a filter's date range applies to: the order date, or a customer file's last purchase. */
export function filterDateColumn(d: {
  kind: DatasetKind;
  columns: readonly { name: string; role: string }[];
}): string | null {
  const role = d.kind === 'transactions' ? 'date' : 'last_purchase_date';
  return d.columns.find((c) => c.role === role)?.name ?? null;
}

/** Name of the common table expression "Show SQL" reads the filtered rows from. */
export const FILTERED_CTE = 'filtered';

/**
 * `sql` (written to read from `FILTERED_CTE`) with a leading `WITH filtered AS (SELECT * FROM
 * table WHERE …)`, merged into the statement's own WITH if it has one. Values are written in,
 * so bound parameters keep their places; SQLite, DuckDB and PostgreSQL all read it.
 */
export function withFilteredCte(
  sql: string,
  table: string,
  f: DataFilter,
  dateColumn: string | null,
  dialect: SqlDialect = 'sqlite'
): string {
  const cte =
    `${FILTERED_CTE} AS (\n  SELECT * FROM ${DIALECTS[dialect].ident(table)}\n` +
    `  WHERE ${filterConditionSql(f, dateColumn, dialect)}\n)`;
  const own = /^WITH\s+/i.exec(sql);
  return own ? `WITH ${cte},\n${sql.slice(own[0].length)}` : `WITH ${cte}\n${sql}`;
}

/** FNV-1a of a text, base 36: short, stable names for filtered copies. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** Name of the temporary view holding `table`'s rows that pass `f`. */
export function filterViewName(table: string, f: DataFilter): string {
  return `${table}__f${shortHash(filterKey(f))}`;
}

/** `CREATE TEMP VIEW IF NOT EXISTS` of the rows of `table` that pass `f` (SQLite). */
export function createFilterViewSql(
  table: string,
  f: DataFilter,
  dateColumn: string | null
): string {
  return (
    `CREATE TEMP VIEW IF NOT EXISTS ${quoteIdent(filterViewName(table, f))} AS ` +
    `SELECT * FROM ${quoteIdent(table)} WHERE ${filterConditionSql(f, dateColumn)}`
  );
}

/** `f` without its condition on `column`. */
export function removeFilterColumn(f: DataFilter, column: string): DataFilter {
  return { ...f, dims: f.dims.filter((d) => d.column !== column) };
}

/** `f` with `column` kept to `values` (its condition dropped when `values` is empty). */
export function setFilterValues(
  f: DataFilter,
  column: string,
  values: (string | null)[]
): DataFilter {
  const at = f.dims.findIndex((d) => d.column === column);
  if (values.length === 0) return removeFilterColumn(f, column);
  const dims = [...f.dims];
  if (at < 0) dims.push({ column, values });
  else dims[at] = { column, values };
  return { ...f, dims };
}

/**
 * The default as-of date under a filter (DOMAIN §2, "the day after the latest date in the data",
 * read on the filtered data): the day after the range's end when that is earlier than the
 * dataset's own default; otherwise the dataset's.
 */
export function filteredDefaultAsOf(
  datasetDefault: string | null,
  f: DataFilter | null
): string | null {
  if (!f?.to || !datasetDefault) return datasetDefault;
  const after = addDays(f.to, 1);
  return after < datasetDefault ? after : datasetDefault;
}

/** The date range presets of the filter bar. */
export type RangePreset = 'thisYear' | 'lastYear' | 'last12';

/**
 * A preset range, counted from the data's latest day (old data has no "this year" on the clock):
 * its calendar year, the year before, or the 12 whole months ending with its month.
 */
export function rangePreset(preset: RangePreset, latest: string): { from: string; to: string } {
  const now = periodOf(latest, 'year');
  if (preset === 'thisYear') return { from: now.start, to: lastDay(now) };
  if (preset === 'lastYear') {
    const before = shiftPeriod(now, -1);
    return { from: before.start, to: lastDay(before) };
  }
  const month = periodOf(latest, 'month');
  return { from: shiftPeriod(month, -11).start, to: lastDay(month) };
}
