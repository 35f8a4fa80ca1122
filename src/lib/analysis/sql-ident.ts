// The one place SQL identifiers are quoted (table and column names never travel as bound values).

/** Quotes an SQL identifier (SQLite, DuckDB and PostgreSQL agree on double quotes). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
