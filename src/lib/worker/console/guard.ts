// The SQL console's read-only rule and its error positions: pure text checks, no database.

/** Statements that only read. `WITH` may also start a write; the database's query_only catches that. */
const READING = new Set(['SELECT', 'WITH', 'VALUES', 'EXPLAIN']);

/** Statements that change something; any other unknown first word is SQLite's syntax error to report. */
const WRITING = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'REPLACE',
  'UPSERT',
  'CREATE',
  'DROP',
  'ALTER',
  'ATTACH',
  'DETACH',
  'BEGIN',
  'COMMIT',
  'END',
  'ROLLBACK',
  'SAVEPOINT',
  'RELEASE',
  'VACUUM',
  'REINDEX',
  'ANALYZE'
]);

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

/**
 * Splits SQL text at the semicolons that end statements (not those inside '…', "…", `…`, […]
 * or comments); each part keeps its offset in the text for error positions.
 */
export function splitStatements(sql: string): { text: string; start: number }[] {
  const parts: { text: string; start: number }[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const close = ch === '[' ? ']' : ch === "'" || ch === '"' || ch === '`' ? ch : null;
    if (close) {
      const end = sql.indexOf(close, i + 1);
      i = end < 0 ? sql.length : end + 1;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (ch === ';') {
      parts.push({ text: sql.slice(start, i + 1), start });
      start = ++i;
    } else i++;
  }
  if (start < sql.length) parts.push({ text: sql.slice(start), start });
  return parts;
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
  return WRITING.has(keyword) ? keyword : null;
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
