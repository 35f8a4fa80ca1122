// The JS scores against DOMAIN §3's SQL definitions, run on real SQLite (sql.js) over random data.
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { scoreNtile, scoreRanked } from '../../../src/lib/analysis/rfm';
import { assignAbcTiers } from '../../../src/lib/analysis/tiers';
import type { Metric } from '../../../src/lib/analysis/types';

let db: Database;
beforeAll(async () => {
  const SQL = await initSqlJs();
  db = new SQL.Database();
});

/** A seeded generator, so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

/** N customers with heavily tied values and ids that include CJK and astral characters. */
function fixture(seed: number, n: number) {
  const next = random(seed);
  const letters = ['a', 'B', '客', '\uff5e', '\u{1f600}', '1', '10'];
  return Array.from({ length: n }, (_, i) => ({
    id: `${letters[Math.floor(next() * letters.length)]}${i}`,
    value: Math.floor(next() * 8) * (next() < 0.5 ? 1 : 2.5)
  }));
}

function load(rows: { id: string; value: number }[]) {
  db.run('DROP TABLE IF EXISTS t; CREATE TABLE t (i INTEGER, id TEXT, x REAL)');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?)');
  rows.forEach((row, i) => insert.run([i, row.id, row.value]));
  insert.free();
}

function column(sql: string, params: (string | number)[]): number[] {
  const result = db.exec(sql, params)[0];
  return result ? result.values.map((row) => Number(row[0])) : [];
}

describe.each<[Metric, string]>([
  ['recency', 'DESC'],
  ['frequency', 'ASC'],
  ['monetary', 'ASC']
])('%s scores match SQL (worse first = ORDER BY x %s)', (metric, direction) => {
  it.each([
    [1, 40, 5],
    [2, 97, 3],
    [3, 250, 10],
    [4, 7, 2],
    [5, 1, 5]
  ])('seed %i, N %i, %i bins', (seed, n, bins) => {
    const rows = fixture(seed, n);
    load(rows);
    const values = rows.map((r) => r.value);
    const ids = rows.map((r) => r.id);
    const ranked = column(
      `SELECT 1 + (? * (RANK() OVER (ORDER BY x ${direction}) - 1)) / ? AS s FROM t ORDER BY i`,
      [bins, n]
    );
    expect(Array.from(scoreRanked(values, metric, bins))).toEqual(ranked);
    const ntile = column(
      `SELECT s FROM (SELECT i, NTILE(?) OVER (ORDER BY x ${direction}, id) AS s FROM t) ORDER BY i`,
      [bins]
    );
    expect(Array.from(scoreNtile(values, ids, metric, bins))).toEqual(ntile);
  });
});

describe('ABC tiers match a SQL running sum', () => {
  it.each([
    [11, 60],
    [12, 200]
  ])('seed %i, N %i', (seed, n) => {
    const rows = fixture(seed, n).map((r, i) => ({
      ...r,
      value: i % 9 === 0 ? -r.value : r.value
    }));
    load(rows);
    const tiers = db
      .exec(
        `WITH o AS (SELECT i, x, COALESCE(SUM(x) OVER (ORDER BY x DESC, id ROWS BETWEEN UNBOUNDED
         PRECEDING AND 1 PRECEDING), 0) AS c FROM t),
       s AS (SELECT SUM(x) AS total FROM t WHERE x > 0)
       SELECT CASE WHEN x <= 0 THEN 'C' WHEN c < 0.8 * total THEN 'A'
         WHEN c < 0.95 * total THEN 'B' ELSE 'C' END FROM o, s ORDER BY i`
      )[0]
      .values.map((row) => row[0]);
    const customers = rows.map((r) => ({ customerId: r.id, monetary: r.value }));
    expect(assignAbcTiers(customers)).toEqual(tiers);
  });
});
