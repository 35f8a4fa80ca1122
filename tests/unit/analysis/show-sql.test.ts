import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import {
  cohortQuery,
  inlineParams,
  rfmQueries,
  sqlLiteral
} from '../../../src/lib/analysis/show-sql';
import { scoreCustom } from '../../../src/lib/analysis/rfm';
import { AS_OF, loadFixture } from './time-fixture';
import { shownTableOf } from '../../../src/lib/analysis/show-sql';
import {
  createFilterTableSql,
  filterTableName,
  type DataFilter
} from '../../../src/lib/analysis/data-filter';

describe('sqlLiteral', () => {
  it.each([
    [null, 'NULL'],
    [5, '5'],
    [0.25, '0.25'],
    [-3, '(-3)'],
    ['2024-04-30', "'2024-04-30'"],
    ["O'Brien", "'O''Brien'"],
    ["''", "''''''"],
    ['back\\slash', "'back\\slash'"],
    ['客户 ?', "'客户 ?'"]
  ] as const)('%j → %s', (value, literal) => {
    expect(sqlLiteral(value)).toBe(literal);
  });

  it('refuses values no literal can carry', () => {
    expect(() => sqlLiteral(Number.NaN)).toThrow(RangeError);
    expect(() => sqlLiteral(Infinity)).toThrow(RangeError);
    expect(() => sqlLiteral('a\0b')).toThrow(RangeError);
  });
});

describe('inlineParams', () => {
  it('fills ? in order, leaving ? inside strings, identifiers and comments', () => {
    const sql = `SELECT '?', "a?b", x -- what?\nFROM t /* ? */ WHERE a = ? AND b > ?`;
    expect(inlineParams(sql, ["it's", -1], 'sqlite')).toBe(
      `SELECT '?', "a?b", x -- what?\nFROM t /* ? */ WHERE a = 'it''s' AND b > (-1)`
    );
  });

  it('fills $n for PostgreSQL, $10 before $1, and allows reuse', () => {
    const params = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(inlineParams('SELECT $1, $10, $1', params.slice(0, 10), 'postgres')).toBe(
      'SELECT 1, 10, 1'
    );
  });

  it('throws when placeholders and parameters do not match', () => {
    expect(() => inlineParams('SELECT ?, ?', [1], 'sqlite')).toThrow(/more placeholders/);
    expect(() => inlineParams('SELECT ?', [1, 2], 'duckdb')).toThrow(/more parameters/);
    expect(() => inlineParams('SELECT $2', [1], 'postgres')).toThrow(/no parameter/);
  });

  it('a minus before a negative value never turns into a comment', () => {
    expect(inlineParams('SELECT 1 -?', [-5], 'sqlite')).toBe('SELECT 1 -(-5)');
  });

  it('gives the same answer as the bound query on sql.js', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    const q = { sql: 'SELECT ? || ?, ? + 1, ? IS NULL', params: ["a'b", '?', -2.5, null] };
    const bound = db.exec(q.sql, q.params)[0].values;
    expect(db.exec(inlineParams(q.sql, q.params, 'sqlite'))[0].values).toEqual(bound);
    expect(bound).toEqual([["a'b?", -1.5, 1]]);
  });
});

describe('the queries shown for the views', () => {
  const table = { table: 't', kind: 'transactions' as const, hasOrderId: true };

  it('inlined RFM and cohort SQL run on sql.js and answer like the bound queries', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    loadFixture(db);
    const { base, scores } = rfmQueries(table, AS_OF, { bins: 5, method: 'ranked' }, 'sqlite');
    for (const q of [base, scores, cohortQuery(table, AS_OF, 'sqlite')]) {
      const inlined = inlineParams(q.sql, q.params, 'sqlite');
      expect(inlined).not.toMatch(/\?/);
      expect(db.exec(inlined)).toEqual(db.exec(q.sql, q.params));
    }
    // A and C are scored (B's b2 nets to zero, D only returned); E is after the as-of date.
    expect(db.exec(inlineParams(scores.sql, scores.params, 'sqlite'))[0].values.length).toBe(3);
  });

  it('custom thresholds score in SQL exactly as scoreCustom does', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    loadFixture(db);
    const custom = { recency: [30, 60], frequency: [1, 2], monetary: [100, 150] };
    const { scores } = rfmQueries(table, AS_OF, { bins: 3, method: 'custom', custom }, 'sqlite');
    const rows = db.exec(inlineParams(scores.sql, scores.params, 'sqlite'))[0].values;
    for (const [, recency, frequency, monetary, r, f, m, code] of rows) {
      const values = { recency, frequency, monetary } as Record<string, number>;
      const want = (['recency', 'frequency', 'monetary'] as const).map(
        (k) => scoreCustom([values[k]], k, custom[k], 3)[0]
      );
      expect([r, f, m]).toEqual(want);
      expect(code).toBe(want.join(''));
    }
    // A: 29 days, 3 orders, 160; B: 101 days, 1 order, 200; C: 65 days, 2 orders, 100.
    expect(rows.map((row) => row[7])).toEqual(['333', '113', '121']);
    const pg = rfmQueries(table, AS_OF, { bins: 3, method: 'custom', custom }, 'postgres');
    expect(inlineParams(pg.scores.sql, pg.scores.params, 'postgres')).not.toMatch(/\$\d/);
  });

  it('with a filter: a leading "filtered" CTE, the same answers as the worker’s filtered view', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    loadFixture(db);
    // February and March only: A a2 50 + a3 −20 (30, 1 order), B b2 10 − 10 (no positive order),
    // C c1 80 + c2 20 (100, 2 orders), D −5 (none). A and C are scored.
    const filter: DataFilter = { dims: [], from: '2024-02-01', to: '2024-03-31' };
    const shown = shownTableOf(
      { ...table, columns: [{ name: 'order_date', role: 'date' }] },
      filter
    );
    const { base, scores } = rfmQueries(shown, AS_OF, { bins: 5, method: 'ranked' }, 'sqlite');
    const months = cohortQuery(shown, AS_OF, 'sqlite');
    for (const q of [base, scores, months]) {
      expect(q.sql.startsWith('WITH filtered AS (')).toBe(true);
      expect(q.sql).toContain(
        `WHERE "order_date" >= '2024-02-01' AND "order_date" <= '2024-03-31'`
      );
    }
    const run = (q: { sql: string; params: (string | number | null)[] }) =>
      db.exec(inlineParams(q.sql, q.params, 'sqlite'))[0]?.values ?? [];
    const baseRows = run(base);
    expect(baseRows.map((r) => [r[0], r[5], r[6]])).toEqual([
      ['A', 1, 30],
      ['B', 0, 0],
      ['C', 2, 100],
      ['D', 0, -5]
    ]);
    expect(run(scores).map((r) => r[0])).toEqual(['A', 'C']);
    // The worker reads the same rows from its copy: the query shown is the query run.
    const copy = filterTableName('t', filter, 'v1');
    for (const sql of createFilterTableSql('t', filter, 'order_date', copy, 'transactions'))
      db.run(sql);
    const view = { ...table, table: copy };
    expect(run(rfmQueries(view, AS_OF, { bins: 5, method: 'ranked' }, 'sqlite').base)).toEqual(
      baseRows
    );
    expect(run(cohortQuery(view, AS_OF, 'sqlite'))).toEqual(run(months));
    // Without a filter nothing changes.
    expect(shownTableOf(table, null)).toEqual(table);
  });
});
