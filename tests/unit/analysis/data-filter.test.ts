// The one filter as SQL (condition, view, Show SQL's leading CTE), its canonical key, the date
// presets and the as-of rule, run on real sql.js over a tiny hand-made table.
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createFilterTableSql,
  createFilterViewSql,
  filterConditionSql,
  filterDateColumn,
  filteredDefaultAsOf,
  filterKey,
  filterTableName,
  filterViewName,
  isFilterActive,
  NO_FILTER,
  rangePreset,
  removeFilterColumn,
  setFilterValues,
  withFilteredCte,
  type DataFilter
} from '../../../src/lib/analysis/data-filter';
import { buildFilterValuesSql, choicesFilter } from '../../../src/lib/analysis/filter-values';

const f = (dims: DataFilter['dims'], from: string | null = null, to: string | null = null) => ({
  dims,
  from,
  to
});

// Six rows. Region: East ×2, O'Brien's ×1, NULL ×2, West ×1.
const ROWS: [number, string, string | null, string][] = [
  [1, 'A', 'East', '2024-01-05'],
  [2, 'B', "O'Brien's", '2024-02-10'],
  [3, 'C', null, '2024-02-29'],
  [4, 'A', 'East', '2024-03-01'],
  [5, 'D', null, '2024-12-31'],
  [6, 'E', 'West', '2025-01-01']
];

let db: Database;
beforeAll(async () => {
  db = new (await initSqlJs()).Database();
  db.run('CREATE TABLE t (row_no INTEGER, customer_id TEXT, "Region" TEXT, order_date TEXT)');
  for (const r of ROWS) db.run('INSERT INTO t VALUES (?, ?, ?, ?)', r);
});

const rowNos = (sql: string) =>
  (db.exec(sql)[0]?.values ?? []).map((r) => Number(r[0])).sort((a, b) => a - b);
const kept = (filter: DataFilter) =>
  rowNos(`SELECT row_no FROM t WHERE ${filterConditionSql(filter, 'order_date')}`);

describe('filterConditionSql', () => {
  it.each([
    ['one value', f([{ column: 'Region', values: ['East'] }]), `"Region" = 'East'`, [1, 4]],
    [
      'a quote in the value',
      f([{ column: 'Region', values: ["O'Brien's"] }]),
      `"Region" = 'O''Brien''s'`,
      [2]
    ],
    [
      'several values → IN',
      f([{ column: 'Region', values: ['East', 'West'] }]),
      `"Region" IN ('East', 'West')`,
      [1, 4, 6]
    ],
    ['no value → IS NULL', f([{ column: 'Region', values: [null] }]), `"Region" IS NULL`, [3, 5]],
    [
      'a value or none',
      f([{ column: 'Region', values: ['West', null] }]),
      `("Region" = 'West' OR "Region" IS NULL)`,
      [3, 5, 6]
    ],
    // 2024-02-10 … 2024-12-31 inclusive: rows 2, 3 (leap day), 4, 5.
    [
      'dates, both ends kept',
      f([], '2024-02-10', '2024-12-31'),
      `"order_date" >= '2024-02-10' AND "order_date" <= '2024-12-31'`,
      [2, 3, 4, 5]
    ],
    [
      'dimension AND dates',
      f([{ column: 'Region', values: ['East'] }], '2024-02-01', null),
      `"Region" = 'East' AND "order_date" >= '2024-02-01'`,
      [4]
    ],
    ['nothing', NO_FILTER, '1 = 1', [1, 2, 3, 4, 5, 6]]
  ] as const)('%s', (_, filter, sql, rows) => {
    const fl = filter as DataFilter;
    expect(filterConditionSql(fl, 'order_date')).toBe(sql);
    expect(kept(fl)).toEqual(rows);
  });

  it('leaves the dates out for a table without a date column, refuses a bad date', () => {
    expect(filterConditionSql(f([], '2024-01-01', null), null)).toBe('1 = 1');
    expect(() => filterConditionSql(f([], "2024-01-01' OR 1=1 --", null), 'order_date')).toThrow();
  });
});

describe('filterKey', () => {
  it('is the same text for the same filter written in any order, empty when inactive', () => {
    const a = f([
      { column: 'b', values: ['y', null, 'x'] },
      { column: 'a', values: ['1'] }
    ]);
    const b = f([
      { column: 'a', values: ['1'] },
      { column: 'b', values: [null, 'x', 'y'] },
      { column: 'c', values: [] }
    ]);
    expect(filterKey(a)).toBe(filterKey(b));
    expect(filterKey(a)).toBe(
      '{"dims":[{"column":"a","values":["1"]},{"column":"b","values":[null,"x","y"]}],"from":null,"to":null}'
    );
    expect(filterKey(null)).toBe('');
    expect(filterKey(f([{ column: 'a', values: [] }]))).toBe('');
    expect(isFilterActive(f([], null, '2024-01-01'))).toBe(true);
    expect(filterKey(f([], '2024-01-01'))).not.toBe(filterKey(f([], null, '2024-01-01')));
  });
});

describe('createFilterViewSql', () => {
  it('makes a temporary view of the rows that pass, named per filter, idempotent', () => {
    const east = f([{ column: 'Region', values: ['East', null] }]);
    const sql = createFilterViewSql('t', east, 'order_date');
    const name = filterViewName('t', east);
    expect(name).toMatch(/^t__f[0-9a-z]+$/);
    expect(filterViewName('t', f([{ column: 'Region', values: [null, 'East'] }]))).toBe(name);
    expect(filterViewName('t', f([{ column: 'Region', values: ['West'] }]))).not.toBe(name);
    expect(sql).toBe(
      `CREATE TEMP VIEW IF NOT EXISTS "${name}" AS SELECT * FROM "t" WHERE ("Region" = 'East' OR "Region" IS NULL)`
    );
    db.run(sql);
    db.run(sql); // IF NOT EXISTS: asking again is harmless
    expect(rowNos(`SELECT row_no FROM "${name}"`)).toEqual([1, 3, 4, 5]);
  });
});

describe('createFilterTableSql', () => {
  it('copies the rows that pass into an indexed temporary table, once', () => {
    const east = f([{ column: 'Region', values: ['East'] }], null, '2024-02-29');
    const name = filterTableName('t', east, '2024-05-01T10:00:00Z');
    expect(name).toMatch(/^t__f[0-9a-z]+$/);
    expect(filterTableName('t', east, 'another import')).not.toBe(name);
    const sql = createFilterTableSql('t', east, 'order_date', name, 'transactions');
    expect(sql).toEqual([
      `CREATE TEMP TABLE IF NOT EXISTS "${name}" AS SELECT * FROM "t" WHERE "Region" = 'East' AND "order_date" <= '2024-02-29'`,
      `CREATE INDEX IF NOT EXISTS temp."${name}_cust" ON "${name}" (customer_id, order_date)`
    ]);
    for (const s of [...sql, ...sql]) db.run(s);
    // East on or before 2024-02-29: row 1 only (row 4 is in March).
    expect(rowNos(`SELECT row_no FROM "${name}"`)).toEqual([1]);
    expect(createFilterTableSql('t', east, null, 'c', 'customers')[1]).toBe(
      'CREATE INDEX IF NOT EXISTS temp."c_cust" ON "c" (customer_id)'
    );
  });
});

describe('withFilteredCte (Show SQL)', () => {
  const west = f([{ column: 'Region', values: ['West'] }], '2024-01-01', null);
  it('adds the filtered rows as a leading CTE, merged into a statement’s own WITH', () => {
    const plain = withFilteredCte('SELECT row_no FROM "filtered"', 't', west, 'order_date');
    expect(plain).toBe(
      `WITH filtered AS (\n  SELECT * FROM "t"\n  WHERE "Region" = 'West' AND "order_date" >= '2024-01-01'\n)\nSELECT row_no FROM "filtered"`
    );
    expect(rowNos(plain)).toEqual([6]);
    const own = withFilteredCte(
      'WITH x AS (SELECT row_no FROM "filtered") SELECT row_no FROM x',
      't',
      west,
      'order_date'
    );
    expect(own.startsWith('WITH filtered AS (')).toBe(true);
    expect(own).toContain('),\nx AS (SELECT row_no FROM "filtered")');
    expect(rowNos(own)).toEqual([6]);
  });
});

describe('filter values', () => {
  it('lists values by rows, the rows without one shown as null, a search leaving them out', () => {
    // East 2, NULL 2, O'Brien's 1, West 1: ties by value, NULL after a value with as many rows.
    const all = buildFilterValuesSql('t', 'Region', '', 10);
    expect(db.exec(inline(all))[0].values).toEqual([
      ['East', 2],
      [null, 2],
      ["O'Brien's", 1],
      ['West', 1]
    ]);
    const found = buildFilterValuesSql('t', 'Region', ' BRIEN', 10);
    expect(found.params).toEqual(['brien', 10]);
    expect(db.exec(found.sql, found.params)[0].values).toEqual([["O'Brien's", 1]]);
    const top = buildFilterValuesSql('t', 'Region', '', 1);
    expect(db.exec(top.sql, top.params)[0].values).toEqual([['East', 2]]);
  });

  it("narrows a dimension's choices by the other conditions only", () => {
    const both = f(
      [
        { column: 'Region', values: ['East'] },
        { column: 'Channel', values: ['Web'] }
      ],
      '2024-01-01',
      null
    );
    expect(choicesFilter(both, 'Region')).toEqual(
      f([{ column: 'Channel', values: ['Web'] }], '2024-01-01', null)
    );
    expect(choicesFilter(null, 'Region')).toBeNull();
  });
});

const inline = (q: { sql: string; params: (string | number | null)[] }) => {
  let i = 0;
  return q.sql.replace(/\?/g, () => JSON.stringify(q.params[i++]));
};

describe('editing a filter', () => {
  it('sets, replaces and drops a column’s values', () => {
    let x = setFilterValues(NO_FILTER, 'Region', ['East']);
    x = setFilterValues(x, 'Channel', ['Web']);
    x = setFilterValues(x, 'Region', ['West', null]);
    expect(x.dims).toEqual([
      { column: 'Region', values: ['West', null] },
      { column: 'Channel', values: ['Web'] }
    ]);
    expect(setFilterValues(x, 'Region', []).dims).toEqual([{ column: 'Channel', values: ['Web'] }]);
    expect(removeFilterColumn(x, 'Channel').dims).toEqual([
      { column: 'Region', values: ['West', null] }
    ]);
    expect(NO_FILTER.dims).toEqual([]);
  });
});

describe('dates', () => {
  it('presets count from the data’s latest day', () => {
    // Latest 2011-12-09: this year 2011, last year 2010, 12 whole months Jan … Dec 2011.
    expect(rangePreset('thisYear', '2011-12-09')).toEqual({ from: '2011-01-01', to: '2011-12-31' });
    expect(rangePreset('lastYear', '2011-12-09')).toEqual({ from: '2010-01-01', to: '2010-12-31' });
    expect(rangePreset('last12', '2011-12-09')).toEqual({ from: '2011-01-01', to: '2011-12-31' });
    // Latest 2024-03-15: Apr 2023 … Mar 2024 (leap February inside).
    expect(rangePreset('last12', '2024-03-15')).toEqual({ from: '2023-04-01', to: '2024-03-31' });
  });

  it('the default as-of is the day after the range’s end only when that is earlier', () => {
    // Data ends 2011-12-09 → default 2011-12-10. Range to 2011-06-30 → 2011-07-01.
    expect(filteredDefaultAsOf('2011-12-10', f([], null, '2011-06-30'))).toBe('2011-07-01');
    // Range to 2011-12-31: the day after (2012-01-01) is later; the data's default stays.
    expect(filteredDefaultAsOf('2011-12-10', f([], null, '2011-12-31'))).toBe('2011-12-10');
    // Range to the data's last day: 2011-12-10 either way.
    expect(filteredDefaultAsOf('2011-12-10', f([], null, '2011-12-09'))).toBe('2011-12-10');
    expect(filteredDefaultAsOf('2011-12-10', f([{ column: 'x', values: ['a'] }]))).toBe(
      '2011-12-10'
    );
    expect(filteredDefaultAsOf(null, f([], null, '2011-06-30'))).toBeNull();
  });

  it('the range applies to the order date, or a customer file’s last purchase', () => {
    const columns = [
      { name: 'order_date', role: 'date' },
      { name: 'last_purchase_date', role: 'last_purchase_date' }
    ];
    expect(filterDateColumn({ kind: 'transactions', columns })).toBe('order_date');
    expect(filterDateColumn({ kind: 'customers', columns })).toBe('last_purchase_date');
    expect(filterDateColumn({ kind: 'customers', columns: [] })).toBeNull();
  });
});
