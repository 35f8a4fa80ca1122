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
});
