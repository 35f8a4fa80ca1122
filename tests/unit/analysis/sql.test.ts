// The analysis SQL builders: their SQL text, and their answers on real sql.js against hand-worked fixtures.
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomerBaseSql,
  buildCustomerOrdersSql,
  buildMaxDateSql,
  buildRfmScoresSql,
  toCustomerBase,
  type SqlQuery
} from '../../../src/lib/analysis/sql';
import { createIndexesSql, createTableSql, insertSql } from '../../../src/lib/worker/schema';
import type { Cell, TableColumn } from '../../../src/lib/ingest/normalize';
import type { Role } from '../../../src/lib/ingest/types';

const col = (name: string, role: Role, type: TableColumn['type'] = 'text'): TableColumn => ({
  name,
  header: name,
  role,
  type
});

// The layout importFile writes for transactions: role columns in fixed order, then dimensions.
const TX_COLUMNS: TableColumn[] = [
  col('customer_id', 'customer_id'),
  col('customer_name', 'customer_name'),
  col('order_date', 'date', 'date'),
  col('amount', 'amount', 'number'),
  col('order_id', 'order_id'),
  col('quantity', 'quantity', 'number'),
  col('unit_price', 'unit_price', 'number'),
  col('profit', 'profit', 'number'),
  col('satisfaction', 'satisfaction', 'number'),
  col('nps', 'nps', 'number'),
  col('地区', 'dimension'),
  col('Sales "channel"?', 'dimension')
];
const DIMS = ['地区', 'Sales "channel"?'];

// row_no, customer_id, customer_name, order_date, amount, order_id, region, channel.
// As-of 2024-03-01 (2024 is a leap year: February has 29 days).
const TX_ROWS: Cell[][] = [
  // C1: order A1 has two lines (150); A2 has a return line but totals 50, so it counts; R1 is a
  // return order; row 7 is after the as-of date. Region: West 3 × East 2. Channel: Online 2 ×
  // Store 2, Store is on the more recent row (row 7's Online would win if it were counted).
  [2, 'C1', 'Alpha', '2024-01-05', 100, 'A1', 'East', 'Online'],
  [3, 'C1', 'Alpha', '2024-01-05', 50, 'A1', 'West', 'Online'],
  [4, 'C1', null, '2024-02-01', 80, 'A2', 'West', 'Store'],
  [5, 'C1', null, '2024-02-01', -30, 'A2', 'West', 'Store'],
  [6, 'C1', 'Alpha Ltd', '2024-02-10', -20, 'R1', 'East', null],
  [7, 'C1', 'Alpha New', '2024-03-05', 999, 'A3', 'North', 'Online'],
  // C2: order B1's lines span 02-15…02-18 (order date = earliest). Region tie on the same day:
  // the larger row_no (North) is the more recent.
  [8, 'C2', 'Beta', '2024-02-15', 10, 'B1', 'South', 'Online'],
  [9, 'C2', 'Beta', '2024-02-15', 20, 'B1', 'North', 'Online'],
  [10, 'C2', 'Beta', '2024-02-18', 7, 'B1', null, null],
  // C3: North (02-20, row 14) beats South (02-20, row 13) although South has the larger row_no
  // overall; rows 14 and 15 have no order id, so each is an order. Name: 'Gamma' (01-10) is
  // more recent than 'Gamma Co' (01-01) despite its smaller row_no.
  [12, 'C3', 'Gamma', '2024-01-10', 10, 'G1', 'North', 'Store'],
  [13, 'C3', null, '2024-02-20', 10, 'G2', 'South', 'Store'],
  [14, 'C3', null, '2024-02-20', 10, null, 'North', 'Store'],
  [15, 'C3', 'Gamma Co', '2024-01-01', 10, null, 'South', 'Store'],
  // C4: only a return and a zero line: listed with frequency 0.
  [16, 'C4', 'Delta', '2024-01-20', -15, 'D1', null, null],
  [17, 'C4', 'Delta', '2024-01-21', 0, 'D2', null, null],
  // C5: only after the as-of date: absent.
  [18, 'C5', 'Eps', '2024-03-02', 40, 'E1', 'East', 'Online'],
  // C6: order F1 is returned within itself (0.1 + 0.2 − 0.3), so only F2 counts; no name.
  [19, 'C6', null, '2024-02-01', 0.1, 'F1', null, 'Online'],
  [20, 'C6', null, '2024-02-01', 0.2, 'F1', null, null],
  [21, 'C6', null, '2024-02-01', -0.3, 'F1', null, null],
  [22, 'C6', null, '2024-02-29', 5, 'F2', null, null]
];

let db: Database;

/** Creates a table the way the import does (row_no first) and indexes it. */
function makeTable(
  name: string,
  columns: TableColumn[],
  rows: Cell[][],
  kind: 'transactions' | 'customers'
) {
  db.run(createTableSql(name, columns));
  const width = columns.length + 1;
  for (const row of rows) {
    const full = [...row];
    if (kind === 'transactions') full.splice(6, 0, null, null, null, null, null);
    while (full.length < width) full.push(null);
    db.run(insertSql(name, width, 1), full);
  }
  for (const sql of createIndexesSql(name, kind)) db.run(sql);
}

function run(q: SqlQuery): { columns: string[]; values: unknown[][] } {
  const result = db.exec(q.sql, q.params);
  return result[0] ?? { columns: [], values: [] };
}

beforeAll(async () => {
  const SQL = await initSqlJs();
  db = new SQL.Database();
  makeTable('ds1_transactions', TX_COLUMNS, TX_ROWS, 'transactions');
  // Customer tables: CUSTOMER_FIXED order, then one dimension.
  const customerColumns = [
    col('customer_id', 'customer_id'),
    col('customer_name', 'customer_name'),
    col('last_purchase_date', 'last_purchase_date', 'date'),
    col('first_purchase_date', 'first_purchase_date', 'date'),
    col('recency_days', 'recency_days', 'number'),
    col('frequency', 'frequency', 'number'),
    col('monetary', 'monetary', 'number'),
    col('satisfaction', 'satisfaction', 'number'),
    col('nps', 'nps', 'number'),
    col('Region', 'dimension')
  ];
  // row_no, id, name, last, first, recency, frequency, monetary, satisfaction, nps, region
  makeTable(
    'with_recency',
    customerColumns,
    [
      [2, 'K1', 'Kay', null, null, 12, 3, 300, null, null, 'East'],
      // Both given: the file's recency wins.
      [3, 'K2', null, '2024-01-01', '2023-06-01', 40, 1, 50, null, null, null]
    ],
    'customers'
  );
  makeTable(
    'without_recency',
    customerColumns,
    [
      [2, 'K1', 'Kay', '2024-02-18', '2023-01-01', null, 3, 300, null, null, 'East'],
      [3, 'K2', 'Kim', '2023-12-31', null, null, 1, 50, null, null, 'West'],
      [4, 'K3', null, null, null, null, 0, 0, null, null, null]
    ],
    'customers'
  );
  // A scoring fixture with ties: customer_id, recency_days, frequency, monetary.
  db.run('CREATE TABLE rfm_base (customer_id TEXT, recency_days, frequency, monetary)');
  for (const row of [
    ['a', 10, 1, 100],
    ['b', 10, 2, 50],
    ['c', 30, 1, 100],
    ['d', 5, 4, 300],
    ['e', 30, 2, 20],
    ['f', 60, 1, 100],
    ['g', 5, 3, 300],
    ['z', null, 0, -10]
  ])
    db.run('INSERT INTO rfm_base VALUES (?, ?, ?, ?)', row);
});

const baseTx = (hasOrderId: boolean, asOf = '2024-03-01') =>
  buildCustomerBaseSql({
    table: 'ds1_transactions',
    kind: 'transactions',
    asOf,
    hasOrderId,
    dimensions: DIMS
  });

describe('buildCustomerBaseSql (transactions)', () => {
  it('writes one CTE per step and binds the as-of date', () => {
    const q = baseTx(true);
    expect(q.params).toEqual(new Array(4).fill('2024-03-01'));
    expect(q.sql).toMatchInlineSnapshot(`
      "WITH orders AS (
        SELECT customer_id, MIN(order_date) AS order_date, SUM(amount) AS amount
        FROM "ds1_transactions" NOT INDEXED
        WHERE order_date <= ?
        GROUP BY customer_id, order_id, CASE WHEN order_id IS NULL THEN row_no END
        ORDER BY customer_id, order_id, CASE WHEN order_id IS NULL THEN row_no END
      ),
      customers AS (
        SELECT customer_id,
          MIN(CASE WHEN positive = 1 THEN order_date END) AS first_purchase,
          MAX(CASE WHEN positive = 1 THEN order_date END) AS last_purchase,
          SUM(positive) AS frequency,
          ROUND(SUM(amount), 6) AS monetary
        FROM (
          SELECT customer_id, order_date, amount,
            CASE WHEN ROUND(amount, 6) > 0 THEN 1 ELSE 0 END AS positive
          FROM orders
        ) AS o
        GROUP BY customer_id
      ),
      dim_counts AS (
        SELECT customer_id, "地区", "Sales ""channel""?", COUNT(*) AS line_count, MAX(CAST(REPLACE(order_date, '-', '') AS BIGINT) * 10000000000 + row_no) AS recency_key
        FROM "ds1_transactions" NOT INDEXED
        WHERE order_date <= ?
        GROUP BY customer_id, "地区", "Sales ""channel""?"
      ),
      dim_0 AS (
        SELECT customer_id, value FROM (
          SELECT customer_id, "地区" AS value,
            ROW_NUMBER() OVER (
              PARTITION BY customer_id ORDER BY SUM(line_count) DESC, MAX(recency_key) DESC
            ) AS pick
          FROM dim_counts
          WHERE "地区" IS NOT NULL
          GROUP BY customer_id, "地区"
        ) AS ranked
        WHERE pick = 1
      ),
      dim_1 AS (
        SELECT customer_id, value FROM (
          SELECT customer_id, "Sales ""channel""?" AS value,
            ROW_NUMBER() OVER (
              PARTITION BY customer_id ORDER BY SUM(line_count) DESC, MAX(recency_key) DESC
            ) AS pick
          FROM dim_counts
          WHERE "Sales ""channel""?" IS NOT NULL
          GROUP BY customer_id, "Sales ""channel""?"
        ) AS ranked
        WHERE pick = 1
      )
      SELECT
        c.customer_id,
        (
          SELECT n.customer_name FROM "ds1_transactions" AS n
          WHERE n.customer_id = c.customer_id AND n.order_date <= ?
            AND n.customer_name IS NOT NULL
          ORDER BY n.order_date DESC, n.row_no DESC
          LIMIT 1
        ) AS customer_name,
        c.first_purchase,
        c.last_purchase,
        CAST(julianday(?) - julianday(c.last_purchase) AS INTEGER) AS recency_days,
        c.frequency,
        c.monetary,
        dim_0.value AS dim_0,
        dim_1.value AS dim_1
      FROM customers AS c
      LEFT JOIN dim_0 ON dim_0.customer_id = c.customer_id
      LEFT JOIN dim_1 ON dim_1.customer_id = c.customer_id
      ORDER BY c.customer_id"
    `);
  });

  it('groups rows into orders by order id', () => {
    const { columns, values } = run(baseTx(true));
    expect(columns).toEqual([
      'customer_id',
      'customer_name',
      'first_purchase',
      'last_purchase',
      'recency_days',
      'frequency',
      'monetary',
      'dim_0',
      'dim_1'
    ]);
    expect(values).toEqual([
      ['C1', 'Alpha Ltd', '2024-01-05', '2024-02-01', 29, 2, 180, 'West', 'Store'],
      ['C2', 'Beta', '2024-02-15', '2024-02-15', 15, 1, 37, 'North', 'Online'],
      ['C3', 'Gamma', '2024-01-01', '2024-02-20', 10, 4, 40, 'North', 'Store'],
      ['C4', 'Delta', null, null, null, 0, -15, null, null],
      ['C6', null, '2024-02-29', '2024-02-29', 1, 1, 5, null, 'Online']
    ]);
    expect(toCustomerBase(values[3])).toEqual({
      customerId: 'C4',
      customerName: 'Delta',
      firstPurchase: null,
      lastPurchase: null,
      recencyDays: null,
      frequency: 0,
      monetary: -15,
      dims: [null, null]
    });
  });

  it('counts each positive row as an order without an order id', () => {
    const q = baseTx(false);
    expect(q.sql).toContain(`WITH orders AS (
  SELECT customer_id, order_date, amount
  FROM "ds1_transactions" NOT INDEXED
  WHERE order_date <= ?
)`);
    expect(run(q).values.map((r) => r.slice(0, 7))).toEqual([
      ['C1', 'Alpha Ltd', '2024-01-05', '2024-02-01', 29, 3, 180],
      ['C2', 'Beta', '2024-02-15', '2024-02-18', 12, 3, 37],
      ['C3', 'Gamma', '2024-01-01', '2024-02-20', 10, 4, 40],
      ['C4', 'Delta', null, null, null, 0, -15],
      ['C6', null, '2024-02-01', '2024-02-29', 1, 3, 5]
    ]);
  });

  it('moves with the as-of date', () => {
    const { values } = run(baseTx(true, '2024-03-05'));
    expect(values.find((r) => r[0] === 'C1')).toEqual([
      'C1',
      'Alpha New',
      '2024-01-05',
      '2024-03-05',
      0,
      3,
      1179,
      'West',
      'Online'
    ]);
    expect(values.map((r) => r[0])).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6']);
    expect(run(baseTx(true, '2023-12-31')).values).toEqual([]);
  });

  it('rejects an as-of date that is not YYYY-MM-DD', () => {
    expect(() => baseTx(true, '2024/03/01')).toThrow(/YYYY-MM-DD/);
  });

  it('writes date arithmetic, rounding and placeholders per dialect', () => {
    const pg = buildCustomerBaseSql({
      table: 'ds1_transactions',
      kind: 'transactions',
      asOf: '2024-03-01',
      hasOrderId: true,
      dimensions: [],
      dialect: 'postgres'
    }).sql;
    expect(pg).toContain('WHERE order_date <= $1');
    expect(pg).toContain('(CAST($3 AS DATE) - CAST(c.last_purchase AS DATE)) AS recency_days');
    expect(pg).toContain(
      'CAST(ROUND(CAST(SUM(amount) AS NUMERIC), 6) AS DOUBLE PRECISION) AS monetary'
    );
    expect(pg).not.toContain('julianday');
    const duck = buildCustomerBaseSql({
      table: 'ds1_transactions',
      kind: 'transactions',
      asOf: '2024-03-01',
      hasOrderId: false,
      dimensions: [],
      dialect: 'duckdb'
    }).sql;
    expect(duck).toContain('(CAST(? AS DATE) - CAST(c.last_purchase AS DATE)) AS recency_days');
    expect(duck).toContain('ROUND(SUM(amount), 6) AS monetary');
  });
});

describe('buildCustomerBaseSql (customer tables)', () => {
  const base = (table: string) =>
    buildCustomerBaseSql({ table, kind: 'customers', asOf: '2024-03-01', dimensions: ['Region'] });

  it('reads the table as it is', () => {
    const q = base('with_recency');
    expect(q.params).toEqual(['2024-03-01']);
    expect(q.sql).toMatchInlineSnapshot(`
      "SELECT
        customer_id,
        customer_name,
        first_purchase_date AS first_purchase,
        last_purchase_date AS last_purchase,
        COALESCE(recency_days, CAST(julianday(?) - julianday(last_purchase_date) AS INTEGER)) AS recency_days,
        frequency,
        monetary,
        "Region" AS dim_0
      FROM "with_recency"
      WHERE last_purchase_date IS NOT NULL OR recency_days IS NOT NULL OR frequency > 0
      ORDER BY customer_id"
    `);
  });

  it('uses recency_days when given', () => {
    expect(run(base('with_recency')).values).toEqual([
      ['K1', 'Kay', null, null, 12, 3, 300, 'East'],
      ['K2', null, '2023-06-01', '2024-01-01', 40, 1, 50, null]
    ]);
  });

  it('computes recency from last_purchase_date otherwise, and leaves prospects out', () => {
    // K3 has no last purchase, no recency and 0 orders: a prospect (DOMAIN §7b), not a customer
    // to score.
    expect(run(base('without_recency')).values).toEqual([
      ['K1', 'Kay', '2023-01-01', '2024-02-18', 12, 3, 300, 'East'],
      ['K2', 'Kim', null, '2023-12-31', 61, 1, 50, 'West']
    ]);
  });
});

describe('buildRfmScoresSql', () => {
  const scores = (method: 'ranked' | 'ntile') =>
    run(buildRfmScoresSql({ source: { table: 'rfm_base' }, bins: 5, method })).values.map(
      ([id, , , , r, f, m, code, sum]) => [id, r, f, m, code, sum]
    );

  it('writes the DOMAIN §3 formula', () => {
    const q = buildRfmScoresSql({ source: { table: 'rfm_base' }, bins: 5, method: 'ranked' });
    expect(q.params).toEqual([5, 5, 5]);
    expect(q.sql).toMatchInlineSnapshot(`
      "WITH scored AS (
        SELECT customer_id, recency_days, frequency, monetary,
          1 + (? * (RANK() OVER (ORDER BY recency_days DESC) - 1)) / COUNT(*) OVER () AS r_score,
          1 + (? * (RANK() OVER (ORDER BY frequency ASC) - 1)) / COUNT(*) OVER () AS f_score,
          1 + (? * (RANK() OVER (ORDER BY monetary ASC) - 1)) / COUNT(*) OVER () AS m_score
        FROM "rfm_base"
        WHERE frequency > 0
      )
      SELECT customer_id, recency_days, frequency, monetary, r_score, f_score, m_score,
        CAST(r_score AS TEXT) || CAST(f_score AS TEXT) || CAST(m_score AS TEXT) AS rfm_code,
        r_score + f_score + m_score AS rfm_sum
      FROM scored
      ORDER BY customer_id"
    `);
    const ntile = buildRfmScoresSql({ source: { table: 'rfm_base' }, bins: 4, method: 'ntile' });
    expect(ntile.sql).toContain(
      'NTILE(?) OVER (ORDER BY recency_days DESC, customer_id ASC) AS r_score'
    );
    const duck = buildRfmScoresSql({
      source: { table: 'rfm_base' },
      bins: 5,
      method: 'ranked',
      dialect: 'duckdb'
    });
    expect(duck.sql).toContain(
      '1 + (? * (RANK() OVER (ORDER BY recency_days DESC) - 1)) // COUNT(*) OVER () AS r_score'
    );
    expect(() =>
      buildRfmScoresSql({ source: { table: 'rfm_base' }, bins: 11, method: 'ranked' })
    ).toThrow(/2–10/);
  });

  // N = 7 scored (z has no purchase), n = 5; score = 1 + floor(5 L / 7) with L strictly worse.
  // R worse-first: f 60 (L0→1); c, e 30 (L1→1); a, b 10 (L3→3); d, g 5 (L5→4).
  // F: a, c, f 1 (L0→1); b, e 2 (L3→3); g 3 (L5→4); d 4 (L6→5).
  // M: e 20 (L0→1); b 50 (L1→1); a, c, f 100 (L2→2); d, g 300 (L5→4).
  it('scores ranked quantiles with ties together', () => {
    expect(scores('ranked')).toEqual([
      ['a', 3, 1, 2, '312', 6],
      ['b', 3, 3, 1, '331', 7],
      ['c', 1, 1, 2, '112', 4],
      ['d', 4, 5, 4, '454', 13],
      ['e', 1, 3, 1, '131', 5],
      ['f', 1, 1, 2, '112', 4],
      ['g', 4, 4, 4, '444', 12]
    ]);
  });

  // NTILE(5) of 7 rows: sizes 2, 2, 1, 1, 1 in worse-first order, ties by customer_id.
  // R: f c | e a | b | d | g.  F: a c | f b | e | g | d.  M: e b | a c | f | d | g.
  it('scores equal-size bins with ties broken by customer_id', () => {
    expect(scores('ntile')).toEqual([
      ['a', 2, 1, 2, '212', 5],
      ['b', 3, 2, 1, '321', 6],
      ['c', 1, 1, 2, '112', 4],
      ['d', 4, 5, 4, '454', 13],
      ['e', 2, 3, 1, '231', 6],
      ['f', 1, 2, 3, '123', 6],
      ['g', 5, 4, 5, '545', 14]
    ]);
  });

  // Scored C1 (29, 2, 180), C2 (15, 1, 37), C3 (10, 4, 40), C6 (1, 1, 5); N = 4.
  it('nests the base query, its parameters first', () => {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const q = buildRfmScoresSql({
        source: {
          base: buildCustomerBaseSql({
            table: 'ds1_transactions',
            kind: 'transactions',
            asOf: '2024-03-01',
            hasOrderId: true,
            dimensions: DIMS,
            dialect
          })
        },
        bins: 5,
        method: 'ranked',
        dialect
      });
      expect(q.params).toEqual([...new Array(4).fill('2024-03-01'), 5, 5, 5]);
      if (dialect === 'postgres') {
        expect(q.sql).toContain('1 + ($7 * (RANK() OVER (ORDER BY monetary ASC) - 1))');
        continue;
      }
      expect(run(q).values.map((r) => [r[0], r[7]])).toEqual([
        ['C1', '134'],
        ['C2', '212'],
        ['C3', '343'],
        ['C6', '411']
      ]);
    }
  });
});

describe('buildMaxDateSql', () => {
  it('gives the latest date and the day after', () => {
    const q = buildMaxDateSql('ds1_transactions');
    expect(q.sql).toMatchInlineSnapshot(`
      "SELECT max_date, date(max_date, '+1 day') AS default_as_of
      FROM (SELECT MAX(order_date) AS max_date FROM "ds1_transactions") AS m"
    `);
    expect(run(q).values).toEqual([['2024-03-05', '2024-03-06']]);
    expect(run(buildMaxDateSql('without_recency', { kind: 'customers' })).values).toEqual([
      ['2024-02-18', '2024-02-19']
    ]);
    expect(buildMaxDateSql('ds1_transactions', { dialect: 'postgres' }).sql).toContain(
      'CAST(CAST(max_date AS DATE) + 1 AS TEXT) AS default_as_of'
    );
  });
});

describe('buildCustomerOrdersSql', () => {
  it("lists a customer's orders, returns included", () => {
    const q = buildCustomerOrdersSql({
      table: 'ds1_transactions',
      customerId: 'C1',
      asOf: '2024-03-01',
      hasOrderId: true
    });
    expect(q.params).toEqual(['C1', '2024-03-01']);
    expect(q.sql).toMatchInlineSnapshot(`
      "SELECT MIN(order_date) AS order_date, MIN(order_id) AS order_id,
        ROUND(SUM(amount), 6) AS amount, COUNT(*) AS line_count
      FROM "ds1_transactions"
      WHERE customer_id = ? AND order_date <= ?
      GROUP BY order_id, CASE WHEN order_id IS NULL THEN row_no END
      ORDER BY order_date, MIN(row_no)"
    `);
    expect(run(q).values).toEqual([
      ['2024-01-05', 'A1', 150, 2],
      ['2024-02-01', 'A2', 50, 2],
      ['2024-02-10', 'R1', -20, 1]
    ]);
  });

  it('keeps rows without an order id apart and includes later orders without an as-of date', () => {
    const byId = buildCustomerOrdersSql({
      table: 'ds1_transactions',
      customerId: 'C3',
      hasOrderId: true
    });
    expect(run(byId).values).toEqual([
      ['2024-01-01', null, 10, 1],
      ['2024-01-10', 'G1', 10, 1],
      ['2024-02-20', 'G2', 10, 1],
      ['2024-02-20', null, 10, 1]
    ]);
    const rows = buildCustomerOrdersSql({
      table: 'ds1_transactions',
      customerId: 'C6',
      hasOrderId: false
    });
    expect(run(rows).values).toEqual([
      ['2024-02-01', 'F1', 0.1, 1],
      ['2024-02-01', 'F1', 0.2, 1],
      ['2024-02-01', 'F1', -0.3, 1],
      ['2024-02-29', 'F2', 5, 1]
    ]);
  });
});
