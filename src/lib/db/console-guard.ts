// The SQL console's read-only rule and its error positions: pure text checks, no database.

/** Statements that only read. `WITH` may also start a write; the database's query_only catches that. */
const READING = new Set(['SELECT', 'WITH', 'VALUES', 'EXPLAIN']);

/** Pragmas that only report (called without `=`); anything else could change the connection. */
const READ_PRAGMAS = new Set([
  'table_info',
  'table_xinfo',
  'table_list',
  'index_list',
  'index_info',
  'index_xinfo',
  'foreign_key_list',
  'database_list',
  'collation_list',
  'function_list',
  'pragma_list',
  'compile_options'
]);

/** Length of the whitespace and comments at `i`. */
function skipBlank(sql: string, i: number): number {
  for (;;) {
    const rest = sql.slice(i);
    const m = /^(\s+|--[^\n]*(\n|$)|\/\*[\s\S]*?(\*\/|$))/.exec(rest);
    if (!m || m[0] === '') return i;
    i += m[0].length;
  }
}

/** The first keyword of a statement, upper-cased ('' for none). */
export function firstKeyword(sql: string): string {
  const i = skipBlank(sql, 0);
  return (/^[A-Za-z_]+/.exec(sql.slice(i))?.[0] ?? '').toUpperCase();
}

/**
 * Null when the statement may run in the read-only console, else the keyword to name in the
 * refusal (`INSERT`, `PRAGMA`, …).
 */
export function refusedKeyword(sql: string): string | null {
  const keyword = firstKeyword(sql);
  if (keyword === '') return null;
  if (READING.has(keyword)) return null;
  if (keyword === 'PRAGMA') {
    const body = sql.slice(skipBlank(sql, 0) + 'PRAGMA'.length).replace(/;\s*$/, '');
    const m = /^\s*(?:"?[A-Za-z_]\w*"?\s*\.\s*)?([A-Za-z_]\w*)\s*(\([^)]*\))?\s*$/.exec(body);
    return m && READ_PRAGMAS.has(m[1].toLowerCase()) ? null : 'PRAGMA';
  }
  return keyword;
}

/** True for SQLite's own refusal of a write on a query_only connection. */
export function isReadOnlyError(message: string): boolean {
  return /readonly database|query_only|not authorized/i.test(message);
}

/** A 1-based line and column in the editor text. */
export interface SqlPosition {
  line: number;
  column: number;
}

/** Line and column of character `offset` of `text`. */
export function positionAt(text: string, offset: number): SqlPosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Where SQLite's message points, when it names a token: `near "X": syntax error`, `no such
 * column: X`, `no such table: X`, `no such function: X`. Searched within the failing statement,
 * which starts at `start` in `text`; null when the message names nothing findable.
 */
export function errorPosition(text: string, start: number, message: string): SqlPosition | null {
  const m =
    /near "([\s\S]+?)": syntax error/.exec(message) ??
    /no such (?:column|table|function): ([^\s]+)/.exec(message);
  if (!m) return null;
  const token = m[1];
  const at = text.indexOf(token, start);
  if (at < 0) {
    // SQLite may qualify names (`t.x`) or quote them differently; try the last part alone.
    const tail = token.split('.').pop() ?? token;
    const i = text.toLowerCase().indexOf(tail.toLowerCase(), start);
    return i < 0 ? null : positionAt(text, i);
  }
  return positionAt(text, at);
}
