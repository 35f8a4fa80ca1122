// "Show SQL": the queries behind the RFM and cohort numbers, per dialect, with values inlined for copy-paste.
import {
  Binder,
  buildCustomerBaseSql,
  buildRfmScoresSql,
  scoredSql,
  type SqlDialect,
  type SqlQuery
} from './sql';
import type { SqlValue } from './sql';
import { buildCustomerMonthsSql } from './time-sql';
import {
  FILTERED_CTE,
  filterDateColumn,
  isFilterActive,
  sqlText,
  withFilteredCte,
  type DataFilter
} from './data-filter';
import type { DatasetKind } from '$lib/ingest/types';
import type { CustomCuts, ScoringOptions } from './types';

/** What the builders need to know about a dataset's normalized table. */
export interface ShownTable {
  table: string;
  kind: DatasetKind;
  /** True when an order id column is mapped (orders group by it). */
  hasOrderId: boolean;
  /** The filter in force (the queries then read a leading `WITH filtered AS (…)`), if any. */
  filter?: { rows: DataFilter; dateColumn: string | null } | null;
}

/**
 * The table facts of a dataset as the catalog describes it; with an active `filter`, the queries
 * shown read the rows that pass it (the worker reads the same rows from its filtered copy).
 */
export function shownTableOf(
  d: Omit<ShownTable, 'filter'> & { columns?: readonly { name: string; role: string }[] },
  filter: DataFilter | null = null
): ShownTable {
  const t: ShownTable = { table: d.table, kind: d.kind, hasOrderId: d.hasOrderId };
  if (!isFilterActive(filter)) return t;
  const dateColumn = filterDateColumn({ kind: d.kind, columns: d.columns ?? [] });
  return { ...t, filter: { rows: filter, dateColumn } };
}

/** The table a builder reads, and how its query gets the filter's leading CTE. */
function sourceOf(
  t: ShownTable,
  dialect: SqlDialect
): { table: string; wrap: (q: SqlQuery) => SqlQuery } {
  const f = t.filter;
  if (!f) return { table: t.table, wrap: (q) => q };
  return {
    table: FILTERED_CTE,
    wrap: (q) => ({
      sql: withFilteredCte(q.sql, t.table, f.rows, f.dateColumn, dialect),
      params: q.params
    })
  };
}

/** The customer base query the RFM analysis runs (without dimensions: they load on demand). */
export function rfmBaseQuery(t: ShownTable, asOf: string, dialect: SqlDialect = 'sqlite') {
  const { table, wrap } = sourceOf(t, dialect);
  return wrap(unfilteredBase({ ...t, table }, asOf, dialect));
}

function unfilteredBase(t: ShownTable, asOf: string, dialect: SqlDialect) {
  return t.kind === 'customers'
    ? buildCustomerBaseSql({ kind: 'customers', table: t.table, asOf, dimensions: [], dialect })
    : buildCustomerBaseSql({
        kind: 'transactions',
        table: t.table,
        asOf,
        hasOrderId: t.hasOrderId,
        dimensions: [],
        dialect
      });
}

/**
 * The RFM queries for the current settings: the customer base and the scores over it (one
 * statement with the base as a CTE).
 */
export function rfmQueries(
  t: ShownTable,
  asOf: string,
  scoring: ScoringOptions,
  dialect: SqlDialect
): { base: SqlQuery; scores: SqlQuery } {
  const { table, wrap } = sourceOf(t, dialect);
  const base = unfilteredBase({ ...t, table }, asOf, dialect);
  const scores =
    scoring.method === 'custom'
      ? buildCustomScoresSql(base, scoring.bins, scoring.custom, dialect)
      : buildRfmScoresSql({
          source: { base },
          bins: scoring.bins,
          method: scoring.method,
          dialect
        });
  return { base: wrap(base), scores: wrap(scores) };
}

/**
 * Scores by custom thresholds, as `scoreCustom` does: with `below` = the number of cuts under the
 * value, recency scores `bins − below` and frequency and monetary `1 + below`. Same columns as
 * `buildRfmScoresSql`.
 */
export function buildCustomScoresSql(
  base: SqlQuery,
  bins: number,
  cuts: CustomCuts | undefined,
  dialect: SqlDialect
): SqlQuery {
  const b = new Binder(dialect, base.params);
  const below = (column: string, list: readonly number[] = []) =>
    list.length
      ? list.map((c) => `CASE WHEN ${column} > ${b.bind(c)} THEN 1 ELSE 0 END`).join(' + ')
      : '0';
  const r = `${b.bind(bins)} - (${below('recency_days', cuts?.recency)})`;
  const f = `1 + ${below('frequency', cuts?.frequency)}`;
  const m = `1 + ${below('monetary', cuts?.monetary)}`;
  const head = `base AS (\n${base.sql}\n),\n`;
  const sql = scoredSql(
    head,
    'base',
    [`${r} AS r_score`, `${f} AS f_score`, `${m} AS m_score`],
    dialect
  );
  return { sql, params: b.params };
}

/** The customer × month query behind the cohort matrix and the monthly trends. */
export function cohortQuery(t: ShownTable, asOf: string, dialect: SqlDialect): SqlQuery {
  const { table, wrap } = sourceOf(t, dialect);
  return wrap(buildCustomerMonthsSql({ table, asOf, hasOrderId: t.hasOrderId, dialect }));
}

/**
 * One value as an SQL literal of `dialect`: numbers and NULL alike everywhere, text with doubled
 * quotes (backslash escapes in Spark SQL).
 */
export function sqlLiteral(value: SqlValue, dialect: SqlDialect = 'sqlite'): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    // Parenthesized so `x -?` never becomes the comment `x --5`.
    return value < 0 || Object.is(value, -0) ? `(${String(value)})` : String(value);
  }
  // PostgreSQL rejects NUL in text; SQLite, DuckDB and PostgreSQL read no backslashes in '…'.
  if (value.includes('\0')) throw new RangeError('text with a NUL character cannot be inlined');
  return sqlText(value, dialect);
}

/**
 * Replaces the placeholders of `sql` (`?` in order for SQLite and DuckDB, `$n` for PostgreSQL)
 * with literals of `params`. Placeholders inside string literals, quoted identifiers and comments
 * are left alone. Throws when the counts do not match.
 */
export function inlineParams(sql: string, params: readonly SqlValue[], dialect: SqlDialect) {
  let out = '';
  let next = 0;
  let used = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const end = skipQuotedOrComment(sql, i, dialect === 'spark');
    if (end > i) {
      out += sql.slice(i, end);
      i = end;
    } else if (dialect !== 'postgres' && ch === '?') {
      if (next >= params.length) throw new RangeError('more placeholders than parameters');
      out += sqlLiteral(params[next++], dialect);
      used = next;
      i++;
    } else if (dialect === 'postgres' && ch === '$' && /\d/.test(sql[i + 1] ?? '')) {
      const digits = /^\d+/.exec(sql.slice(i + 1))![0];
      const n = Number(digits);
      if (n < 1 || n > params.length) throw new RangeError(`no parameter $${n}`);
      out += sqlLiteral(params[n - 1], dialect);
      used = Math.max(used, n);
      i += 1 + digits.length;
    } else {
      out += ch;
      i++;
    }
  }
  if (used !== params.length) throw new RangeError('more parameters than placeholders');
  return out;
}

/**
 * End of a '…', "…", `…` or `--`/`/* *\/` token starting at `i`, or `i` when none starts there.
 * `isSpark`: a backslash in '…' or "…" escapes the next character.
 */
export function skipQuotedOrComment(sql: string, i: number, isSpark = false): number {
  const ch = sql[i];
  if (ch === "'" || ch === '"' || ch === '`') {
    let j = i + 1;
    while (j < sql.length) {
      if (isSpark && ch !== '`' && sql[j] === '\\') j += 2;
      else if (sql[j] === ch) {
        if (sql[j + 1] === ch) j += 2;
        else return j + 1;
      } else j++;
    }
    return sql.length;
  }
  if (ch === '-' && sql[i + 1] === '-') {
    const nl = sql.indexOf('\n', i);
    return nl < 0 ? sql.length : nl;
  }
  if (ch === '/' && sql[i + 1] === '*') {
    const close = sql.indexOf('*/', i + 2);
    return close < 0 ? sql.length : close + 2;
  }
  return i;
}
