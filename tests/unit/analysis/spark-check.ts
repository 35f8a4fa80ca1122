// A focused check of Spark SQL 3.x text (there is no Spark here): Spark's own lexing of strings,
// identifiers and comments, and the constructs where Spark differs from SQLite, DuckDB and PostgreSQL.

/** One token of Spark SQL text, lexed as Spark's SqlBaseLexer does. */
export interface SparkToken {
  kind: 'string' | 'dquoted' | 'ident' | 'quoted' | 'number' | 'op' | 'comment';
  /** The text as written. */
  text: string;
  /** For strings: the value Spark reads (backslash escapes applied); for `…`: the name. */
  value?: string;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', 0: '\0', Z: '\x1a' };

/**
 * Spark's lexer: '…' and "…" are strings in which a backslash escapes the next character (`''`
 * is not an escape: `'a''b'` is two strings run together), `…` is an identifier with `` for a
 * backtick, `--` comments run to the line end unless it ends in a backslash, `/* *\/` nest.
 * Throws on an unterminated string, identifier or comment.
 */
export function lexSpark(sql: string): SparkToken[] {
  const out: SparkToken[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= sql.length) throw new Error(`unterminated string at ${i}`);
        if (sql[j] === '\\') {
          const next = sql[j + 1];
          value += ESCAPES[next] ?? next;
          j += 2;
        } else if (sql[j] === ch) break;
        else value += sql[j++];
      }
      out.push({ kind: ch === "'" ? 'string' : 'dquoted', text: sql.slice(i, j + 1), value });
      i = j + 1;
    } else if (ch === '`') {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= sql.length) throw new Error(`unterminated identifier at ${i}`);
        if (sql[j] === '`' && sql[j + 1] === '`') {
          value += '`';
          j += 2;
        } else if (sql[j] === '`') break;
        else value += sql[j++];
      }
      out.push({ kind: 'quoted', text: sql.slice(i, j + 1), value });
      i = j + 1;
    } else if (ch === '-' && sql[i + 1] === '-') {
      let j = i + 2;
      while (j < sql.length && (sql[j] !== '\n' || sql[j - 1] === '\\')) j++;
      out.push({ kind: 'comment', text: sql.slice(i, j) });
      i = j;
    } else if (ch === '/' && sql[i + 1] === '*') {
      let depth = 1;
      let j = i + 2;
      while (depth > 0) {
        if (j >= sql.length) throw new Error(`unterminated comment at ${i}`);
        if (sql.startsWith('/*', j)) {
          depth++;
          j += 2;
        } else if (sql.startsWith('*/', j)) {
          depth--;
          j += 2;
        } else j++;
      }
      out.push({ kind: 'comment', text: sql.slice(i, j) });
      i = j;
    } else if (/[\p{L}_]/u.test(ch)) {
      const m = /^[\p{L}\p{N}_]+/u.exec(sql.slice(i))!;
      out.push({ kind: 'ident', text: m[0] });
      i += m[0].length;
    } else if (/\d/.test(ch) || (ch === '.' && /\d/.test(sql[i + 1] ?? ''))) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:E[+-]?\d+)?/i.exec(sql.slice(i))!;
      out.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else {
      const m = /^(?:::|\/\/|<=|>=|<>|!=|\|\||=>|->|.)/.exec(sql.slice(i))!;
      out.push({ kind: 'op', text: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

/** Functions the Spark forms may call: Spark SQL 3.x built-ins, names as Spark documents them. */
export const SPARK_FUNCTIONS = new Set([
  'CAST',
  'COALESCE',
  'COUNT',
  'DATEDIFF',
  'DATE_ADD',
  'DATE_FORMAT',
  'MAX',
  'MIN',
  'NTILE',
  'RANK',
  'REPLACE',
  'ROUND',
  'ROW_NUMBER',
  'SUM'
]);

/** Types a Spark form may CAST to. */
export const SPARK_CASTS = new Set(['STRING', 'DATE', 'BIGINT', 'DOUBLE', 'DECIMAL(38,6)']);

/** Keywords that a `(` may follow without being a function call. */
const NOT_CALLS = new Set([
  'AS',
  'IN',
  'OVER',
  'AND',
  'OR',
  'NOT',
  'WHEN',
  'THEN',
  'ELSE',
  'FROM',
  'JOIN',
  'SELECT',
  'WHERE',
  'BY',
  'ON',
  'EXISTS',
  'VALUES',
  'DECIMAL'
]);

/** Words that mean another dialect's construct slipped into the Spark form. */
const FOREIGN = new Set([
  'JULIANDAY',
  'STRFTIME',
  'TO_CHAR',
  'INDEXED',
  'PRECISION',
  'NUMERIC',
  'TEXT',
  'VARCHAR',
  'LIMIT',
  'COLLATE',
  'ILIKE',
  'DATE_DIFF',
  'DATE_TRUNC'
]);

/**
 * Problems of a Spark SQL text, each as a sentence: lexing (unterminated tokens), "…" where an
 * identifier was meant, string literals run together (`''` escaping), placeholders left over,
 * `::` casts, `//`, `/` outside the median's DOUBLE arithmetic, DATE ± number arithmetic
 * (an interval or an error in Spark), functions outside SPARK_FUNCTIONS, CAST types outside
 * SPARK_CASTS, other dialects' words, unbalanced parentheses and statements that are not
 * SELECT / WITH / CREATE OR REPLACE TEMPORARY VIEW.
 */
export function sparkProblems(sql: string): string[] {
  let tokens: SparkToken[];
  try {
    tokens = lexSpark(sql);
  } catch (err) {
    return [(err as Error).message];
  }
  const problems: string[] = [];
  const code = tokens.filter((t) => t.kind !== 'comment');
  const up = (t: SparkToken | undefined) => (t?.kind === 'ident' ? t.text.toUpperCase() : t?.text);
  let depth = 0;
  let statementStart = true;
  for (let k = 0; k < code.length; k++) {
    const t = code[k];
    const prev = code[k - 1];
    const next = code[k + 1];
    if (statementStart) {
      const head = code
        .slice(k, k + 5)
        .map(up)
        .join(' ');
      if (!/^(SELECT|WITH|CREATE OR REPLACE TEMPORARY VIEW)\b/.test(head))
        problems.push(`a statement starts with ${head}`);
      statementStart = false;
    }
    if (t.kind === 'dquoted')
      problems.push(`${t.text} is a string in Spark SQL, not an identifier`);
    if (t.kind === 'string' && prev?.kind === 'string')
      problems.push(`${prev.text}${t.text}: two strings run together ('' is no escape in Spark)`);
    if (t.kind === 'op') {
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
      else if (t.text === ';') {
        if (depth !== 0) problems.push(`a statement ends inside parentheses (${depth})`);
        statementStart = true;
      } else if (t.text === '?' || (t.text === '$' && next?.kind === 'number'))
        problems.push('a placeholder is left in the text');
      else if (t.text === '::') problems.push(':: casts are PostgreSQL, not Spark SQL');
      else if (t.text === '//') problems.push('// is DuckDB integer division; Spark uses DIV');
      else if (t.text === '/') {
        // The only division: (CAST(MIN(x) AS DOUBLE) + MAX(x)) / 2, the median of two values.
        let open = k - 1;
        for (let inner = 0; open >= 0; open--) {
          if (code[open].text === ')') inner++;
          else if (code[open].text === '(' && --inner === 0) break;
        }
        const before = code
          .slice(open + 1, k - 1)
          .map((x) => x.text)
          .join(' ');
        if (!/^CAST \( MIN \( .+ AS DOUBLE \) \+ MAX \( .+ \)$/.test(before) || next?.text !== '2')
          problems.push(`/ divides outside the median (${before} / ${next?.text})`);
      }
      if (
        (t.text === '-' || t.text === '+') &&
        prev?.text === ')' &&
        code
          .slice(Math.max(0, k - 3), k)
          .map(up)
          .join(' ') === 'AS DATE )'
      )
        problems.push(`DATE ${t.text} …: an interval or an error in Spark; use DATEDIFF/DATE_ADD`);
    }
    if (t.kind === 'ident') {
      const word = t.text.toUpperCase();
      if (FOREIGN.has(word)) problems.push(`${t.text} is not Spark SQL here`);
      if (next?.text === '(' && !NOT_CALLS.has(word) && !SPARK_FUNCTIONS.has(word)) {
        // `name AS (` defines a CTE; anything else before ( is a call.
        problems.push(`${t.text}( is not a Spark SQL function this code may use`);
      }
      if (word === 'CAST') {
        // CAST ( expr AS type ): the type is what stands between the top-level AS and the ).
        let inner = 0;
        let as = -1;
        let close = -1;
        for (let j = k + 1; j < code.length && close < 0; j++) {
          if (code[j].text === '(') inner++;
          else if (code[j].text === ')' && --inner === 0) close = j;
          else if (inner === 1 && up(code[j]) === 'AS') as = j;
        }
        const type = code
          .slice(as + 1, close)
          .map((x) => x.text)
          .join('')
          .toUpperCase();
        if (as < 0 || !SPARK_CASTS.has(type)) problems.push(`CAST to ${type} is not Spark SQL`);
      }
    }
  }
  if (depth !== 0) problems.push(`unbalanced parentheses (${depth})`);
  return problems;
}

/** The string literals of a Spark text, as Spark reads them. */
export function sparkStrings(sql: string): string[] {
  return lexSpark(sql)
    .filter((t) => t.kind === 'string')
    .map((t) => t.value!);
}
