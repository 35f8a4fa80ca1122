// Pure builders of the analysis SQL (DOMAIN §2–3, §8): customer base, RFM scores, timelines.
import { quoteIdent } from './sql-ident';
import type { CustomerBase } from './types';

/** A bound value; identifiers never travel this way (they go through `quoteIdent`). */
export type SqlValue = string | number | null;

/** A statement and its bound parameters, in placeholder order. */
export interface SqlQuery {
  sql: string;
  params: SqlValue[];
}

/**
 * Target engine. sql.js runs `sqlite`; the others differ in date arithmetic, integer division,
 * rounding, placeholders (`$1` for PostgreSQL) and, for Spark SQL, identifier quoting (backticks)
 * and string literals (backslash escapes).
 */
export type SqlDialect = 'sqlite' | 'duckdb' | 'postgres' | 'spark';

/** Every dialect, in the order "Show SQL" offers them. */
export const SQL_DIALECTS: readonly SqlDialect[] = ['sqlite', 'duckdb', 'postgres', 'spark'];

/**
 * Money is summed and then rounded to this many decimals (a millionth of a currency unit), so
 * float noise neither makes a fully returned order "positive" nor splits tied customers.
 */
export const MONEY_DECIMALS = 6;

export interface DialectParts {
  /** Quotes an identifier (double quotes; backticks in Spark SQL, where "…" is a string). */
  ident(name: string): string;
  /** The text type of a CAST (Spark SQL has no TEXT). */
  text: string;
  /**
   * `customer_id` for an ORDER BY that breaks ties by id in code-point order, as the app does
   * (PostgreSQL otherwise sorts by the database's locale).
   */
  idOrder: string;
  /**
   * The engine runs a correlated `ORDER BY … LIMIT 1` subquery well (SQLite, through its
   * (customer_id, order_date) index). The others read the name from a window over the rows
   * instead: Spark SQL refuses such subqueries, and without an index they scan once per customer.
   */
  correlatedLimit: boolean;
  /** Whole days from `earlier` to `later`, both `YYYY-MM-DD` text. */
  daysBetween(later: string, earlier: string): string;
  /** Integer division of two integer expressions, truncating. */
  intDiv(a: string, b: string): string;
  roundMoney(x: string): string;
  /** The day after a `YYYY-MM-DD` text, as `YYYY-MM-DD` text. */
  nextDay(x: string): string;
  /**
   * Appended to a table read whole. SQLite otherwise walks the (customer_id, order_date) index
   * for the `order_date <=` filter and fetches every row by rowid: ~1.5× slower at 1M rows.
   */
  fullScan: string;
  /** The engine streams a GROUP BY over a subquery sorted by it (saves a sort of all orders). */
  keepsSubqueryOrder: boolean;
}

const doubleQuoted = quoteIdent;

export const DIALECTS: Record<SqlDialect, DialectParts> = {
  sqlite: {
    ident: doubleQuoted,
    text: 'TEXT',
    idOrder: 'customer_id',
    correlatedLimit: true,
    daysBetween: (later, earlier) => `CAST(julianday(${later}) - julianday(${earlier}) AS INTEGER)`,
    intDiv: (a, b) => `${a} / ${b}`,
    roundMoney: (x) => `ROUND(${x}, ${MONEY_DECIMALS})`,
    nextDay: (x) => `date(${x}, '+1 day')`,
    fullScan: ' NOT INDEXED',
    keepsSubqueryOrder: true
  },
  duckdb: {
    ident: doubleQuoted,
    text: 'TEXT',
    idOrder: 'customer_id',
    correlatedLimit: false,
    daysBetween: (later, earlier) => `(CAST(${later} AS DATE) - CAST(${earlier} AS DATE))`,
    intDiv: (a, b) => `${a} // ${b}`,
    roundMoney: (x) => `ROUND(${x}, ${MONEY_DECIMALS})`,
    nextDay: (x) => `CAST(CAST(${x} AS DATE) + 1 AS TEXT)`,
    fullScan: '',
    keepsSubqueryOrder: false
  },
  postgres: {
    ident: doubleQuoted,
    text: 'TEXT',
    idOrder: 'customer_id COLLATE "C"',
    correlatedLimit: false,
    daysBetween: (later, earlier) => `(CAST(${later} AS DATE) - CAST(${earlier} AS DATE))`,
    intDiv: (a, b) => `${a} / ${b}`,
    // PostgreSQL rounds to n places only for NUMERIC.
    roundMoney: (x) => `CAST(ROUND(CAST(${x} AS NUMERIC), ${MONEY_DECIMALS}) AS DOUBLE PRECISION)`,
    nextDay: (x) => `CAST(CAST(${x} AS DATE) + 1 AS TEXT)`,
    fullScan: '',
    keepsSubqueryOrder: false
  },
  // Spark SQL 3.x: DATE − DATE is an interval there, so days come from DATEDIFF(end, start).
  spark: {
    ident: (name) => `\`${name.replace(/`/g, '``')}\``,
    text: 'STRING',
    idOrder: 'customer_id',
    correlatedLimit: false,
    daysBetween: (later, earlier) => `DATEDIFF(CAST(${later} AS DATE), CAST(${earlier} AS DATE))`,
    intDiv: (a, b) => `${a} DIV ${b}`,
    roundMoney: (x) => `ROUND(${x}, ${MONEY_DECIMALS})`,
    nextDay: (x) => `CAST(DATE_ADD(CAST(${x} AS DATE), 1) AS STRING)`,
    fullScan: '',
    keepsSubqueryOrder: false
  }
};

/**
 * Sorts rows like (order_date, row_no), the meaning of "most recent row" (DOMAIN §8), as one
 * integer so a plain MAX finds it: 2024-01-05, row 7 → 20240105 × 10¹⁰ + 7.
 */
export const RECENCY_KEY = `CAST(REPLACE(order_date, '-', '') AS BIGINT) * 10000000000 + row_no`;

/** Collects bound values and writes the dialect's placeholder for each. */
export class Binder {
  readonly params: SqlValue[];
  constructor(
    private dialect: SqlDialect,
    before: SqlValue[] = []
  ) {
    this.params = [...before];
  }
  bind(value: SqlValue): string {
    this.params.push(value);
    return this.dialect === 'postgres' ? `$${this.params.length}` : '?';
  }
}

export function checkDate(value: string, what: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`${what} must be YYYY-MM-DD: ${value}`);
  return value;
}

interface BaseOptionsCommon {
  /** Normalized table name (e.g. `ds1_transactions`). */
  table: string;
  /** As-of date `YYYY-MM-DD`; later transactions are excluded from everything. */
  asOf: string;
  /** SQL names of the dimension columns to report, in `CustomerBase.dims` order. */
  dimensions: string[];
  dialect?: SqlDialect;
}

/** Base query over a transactions table. */
export interface TransactionsBaseOptions extends BaseOptionsCommon {
  kind: 'transactions';
  /** True when `order_id` is mapped: rows group into orders by it (rows without one stand alone). */
  hasOrderId: boolean;
}

/** Base query over a customer-level table (one row per customer, read as-is). */
export interface CustomersBaseOptions extends BaseOptionsCommon {
  kind: 'customers';
}

export type CustomerBaseOptions = TransactionsBaseOptions | CustomersBaseOptions;

/** Output alias of the i-th dimension (aliases, not names: a header may be called `monetary`). */
export const dimAlias = (i: number) => `dim_${i}`;

/**
 * One row per customer: `customer_id, customer_name, first_purchase, last_purchase, recency_days,
 * frequency, monetary, dim_0, dim_1, …`, ordered by customer_id (DOMAIN §2–3, §8).
 *
 * Transactions: rows dated after `asOf` are dropped first. An order is a distinct `order_id` per
 * customer (each row when there is none); its amount is the sum of its rows, rounded to
 * MONEY_DECIMALS, and its date the earliest of its rows. Orders with a positive amount count
 * (so an order whose lines include a return still counts when its total is positive); the dates
 * and recency come from them. Monetary sums every row. Every customer with a row on or before
 * `asOf` appears, with frequency 0 and null dates when no order is positive. Name and dimensions
 * come from the customer's rows: the most recent non-null name, and per dimension the most
 * frequent non-null value with ties going to the value on the most recent row — "most recent" is
 * the largest (order_date, row_no).
 *
 * Customer tables: recency_days as given, else computed from last_purchase_date and `asOf`;
 * everything else as given. Prospects (DOMAIN §7b: rows with no last purchase, no recency and no
 * orders) are left out: they have no purchase to score.
 */
export function buildCustomerBaseSql(options: CustomerBaseOptions): SqlQuery {
  const dialect = options.dialect ?? 'sqlite';
  const d = DIALECTS[dialect];
  const b = new Binder(dialect);
  const t = d.ident(options.table);
  checkDate(options.asOf, 'asOf');
  const dims = options.dimensions.map((name) => d.ident(name));

  if (options.kind === 'customers') {
    const asOf = b.bind(options.asOf);
    const dimCols = dims.map((c, i) => `,\n  ${c} AS ${dimAlias(i)}`).join('');
    const sql = `SELECT
  customer_id,
  customer_name,
  first_purchase_date AS first_purchase,
  last_purchase_date AS last_purchase,
  COALESCE(recency_days, ${d.daysBetween(asOf, 'last_purchase_date')}) AS recency_days,
  frequency,
  monetary${dimCols}
FROM ${t}
WHERE last_purchase_date IS NOT NULL OR recency_days IS NOT NULL OR frequency > 0
ORDER BY customer_id`;
    return { sql, params: b.params };
  }

  // Placeholders are bound in the order they appear in the text (`?` is positional).
  const scan = `${t}${d.fullScan}`;
  const orderKey = 'customer_id, order_id, CASE WHEN order_id IS NULL THEN row_no END';
  // Rows without an order id are orders of their own.
  const orders = options.hasOrderId
    ? `SELECT customer_id, MIN(order_date) AS order_date, SUM(amount) AS amount
  FROM ${scan}
  WHERE order_date <= ${b.bind(options.asOf)}
  GROUP BY ${orderKey}${d.keepsSubqueryOrder ? `\n  ORDER BY ${orderKey}` : ''}`
    : `SELECT customer_id, order_date, amount
  FROM ${scan}
  WHERE order_date <= ${b.bind(options.asOf)}`;
  // Dimensions: one pass counts each combination of values per customer (far fewer than rows
  // when most dimensions are customer attributes), then each dimension's mode comes from it.
  const dimList = dims.join(', ');
  const dimCtes = dims.length
    ? `,
dim_counts AS (
  SELECT customer_id, ${dimList}, COUNT(*) AS line_count, MAX(${RECENCY_KEY}) AS recency_key
  FROM ${scan}
  WHERE order_date <= ${b.bind(options.asOf)}
  GROUP BY customer_id, ${dimList}
)` +
      dims
        .map(
          (c, i) => `,
${dimAlias(i)} AS (
  SELECT customer_id, value FROM (
    SELECT customer_id, ${c} AS value,
      ROW_NUMBER() OVER (
        PARTITION BY customer_id ORDER BY SUM(line_count) DESC, MAX(recency_key) DESC
      ) AS pick
    FROM dim_counts
    WHERE ${c} IS NOT NULL
    GROUP BY customer_id, ${c}
  ) AS ranked
  WHERE pick = 1
)`
        )
        .join('')
    : '';
  // The most recent non-null name: a correlated subquery in SQLite, a window elsewhere.
  const namesCte = d.correlatedLimit
    ? ''
    : `,
names AS (
  SELECT customer_id, customer_name FROM (
    SELECT customer_id, customer_name,
      ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date DESC, row_no DESC) AS pick
    FROM ${t}
    WHERE order_date <= ${b.bind(options.asOf)} AND customer_name IS NOT NULL
  ) AS named
  WHERE pick = 1
)`;
  const name = d.correlatedLimit
    ? `(
    SELECT n.customer_name FROM ${t} AS n
    WHERE n.customer_id = c.customer_id AND n.order_date <= ${b.bind(options.asOf)}
      AND n.customer_name IS NOT NULL
    ORDER BY n.order_date DESC, n.row_no DESC
    LIMIT 1
  )`
    : 'names.customer_name';
  const namesJoin = d.correlatedLimit
    ? ''
    : '\nLEFT JOIN names ON names.customer_id = c.customer_id';
  const recency = d.daysBetween(b.bind(options.asOf), 'c.last_purchase');
  const dimCols = dims.map((_, i) => `,\n  ${dimAlias(i)}.value AS ${dimAlias(i)}`).join('');
  const dimJoins = dims
    .map((_, i) => `\nLEFT JOIN ${dimAlias(i)} ON ${dimAlias(i)}.customer_id = c.customer_id`)
    .join('');

  const sql = `WITH orders AS (
  ${orders}
),
customers AS (
  SELECT customer_id,
    MIN(CASE WHEN positive = 1 THEN order_date END) AS first_purchase,
    MAX(CASE WHEN positive = 1 THEN order_date END) AS last_purchase,
    SUM(positive) AS frequency,
    ${d.roundMoney('SUM(amount)')} AS monetary
  FROM (
    SELECT customer_id, order_date, amount,
      CASE WHEN ${d.roundMoney('amount')} > 0 THEN 1 ELSE 0 END AS positive
    FROM orders
  ) AS o
  GROUP BY customer_id
)${dimCtes}${namesCte}
SELECT
  c.customer_id,
  ${name} AS customer_name,
  c.first_purchase,
  c.last_purchase,
  ${recency} AS recency_days,
  c.frequency,
  c.monetary${dimCols}
FROM customers AS c${namesJoin}${dimJoins}
ORDER BY c.customer_id`;
  return { sql, params: b.params };
}

/** Reads one row of the base query (in its column order) as a CustomerBase. */
export function toCustomerBase(row: readonly unknown[]): CustomerBase {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    customerId: String(row[0]),
    customerName: text(row[1]),
    firstPurchase: text(row[2]),
    lastPurchase: text(row[3]),
    recencyDays: num(row[4]),
    frequency: num(row[5]) ?? 0,
    monetary: num(row[6]) ?? 0,
    dims: row.slice(7).map(text)
  };
}

/** Scoring over a base query (nested as a CTE) or a table holding its result. */
export type RfmSource = { base: SqlQuery } | { table: string };

export interface RfmScoresOptions {
  source: RfmSource;
  /** Number of bins n, 2–10. */
  bins: number;
  method: 'ranked' | 'ntile';
  /** Must match the dialect the base query was built for. */
  dialect?: SqlDialect;
}

/**
 * RFM scores of the customers with frequency > 0 (DOMAIN §3): `customer_id, recency_days,
 * frequency, monetary, r_score, f_score, m_score, rfm_code, rfm_sum`, ordered by customer_id.
 * `ranked`: `1 + (n * (RANK() OVER (ORDER BY x worse first) - 1)) / N`, integer division, so equal
 * values share a score; `ntile`: `NTILE(n)` worse first, ties by customer_id. Worse first means
 * recency descending, frequency and monetary ascending.
 */
export function buildRfmScoresSql(options: RfmScoresOptions): SqlQuery {
  const dialect = options.dialect ?? 'sqlite';
  const d = DIALECTS[dialect];
  if (!Number.isInteger(options.bins) || options.bins < 2 || options.bins > 10)
    throw new Error(`bins must be an integer 2–10: ${options.bins}`);
  const { source } = options;
  const b = new Binder(dialect, 'base' in source ? source.base.params : []);
  const from = 'base' in source ? 'base' : d.ident(source.table);
  const head = 'base' in source ? `base AS (\n${source.base.sql}\n),\n` : '';
  const worse: [string, string][] = [
    ['r_score', 'recency_days DESC'],
    ['f_score', 'frequency ASC'],
    ['m_score', 'monetary ASC']
  ];
  const scores = worse.map(([alias, order]) =>
    options.method === 'ranked'
      ? `1 + ${d.intDiv(`(${b.bind(options.bins)} * (RANK() OVER (ORDER BY ${order}) - 1))`, 'COUNT(*) OVER ()')} AS ${alias}`
      : `NTILE(${b.bind(options.bins)}) OVER (ORDER BY ${order}, ${d.idOrder} ASC) AS ${alias}`
  );
  return { sql: scoredSql(head, from, scores, dialect), params: b.params };
}

/**
 * The statement every scoring method ends with: `scores` (the three `… AS r_score`, `f_score`,
 * `m_score` columns) over the customers of `from` with frequency > 0, then code and sum.
 * `head`: CTEs before `scored`, each followed by `,\n` (empty when `from` is a table).
 */
export function scoredSql(
  head: string,
  from: string,
  scores: readonly string[],
  dialect: SqlDialect = 'sqlite'
): string {
  const text = DIALECTS[dialect].text;
  return `WITH ${head}scored AS (
  SELECT customer_id, recency_days, frequency, monetary,
    ${scores.join(',\n    ')}
  FROM ${from}
  WHERE frequency > 0
)
SELECT customer_id, recency_days, frequency, monetary, r_score, f_score, m_score,
  CAST(r_score AS ${text}) || CAST(f_score AS ${text}) || CAST(m_score AS ${text}) AS rfm_code,
  r_score + f_score + m_score AS rfm_sum
FROM scored
ORDER BY customer_id`;
}

/**
 * Latest date of a table (`order_date`, or `last_purchase_date` for customer tables) as
 * `max_date`, and the default as-of date, the day after, as `default_as_of`.
 */
export function buildMaxDateSql(
  table: string,
  options: { kind?: 'transactions' | 'customers'; dialect?: SqlDialect } = {}
): SqlQuery {
  const d = DIALECTS[options.dialect ?? 'sqlite'];
  const column = options.kind === 'customers' ? 'last_purchase_date' : 'order_date';
  const sql = `SELECT max_date, ${d.nextDay('max_date')} AS default_as_of
FROM (SELECT MAX(${column}) AS max_date FROM ${d.ident(table)}) AS m`;
  return { sql, params: [] };
}

export interface CustomerOrdersOptions {
  table: string;
  customerId: string;
  /** When given, later orders are left out. */
  asOf?: string;
  hasOrderId: boolean;
  dialect?: SqlDialect;
}

/**
 * One customer's orders for a timeline: `order_date, order_id, amount, line_count`, oldest first.
 * Orders are formed as in the base query (date = earliest row, amount = rounded sum, returns
 * included as negative or zero orders).
 */
export function buildCustomerOrdersSql(options: CustomerOrdersOptions): SqlQuery {
  const dialect = options.dialect ?? 'sqlite';
  const d = DIALECTS[dialect];
  const b = new Binder(dialect);
  const where = [`customer_id = ${b.bind(options.customerId)}`];
  if (options.asOf !== undefined)
    where.push(`order_date <= ${b.bind(checkDate(options.asOf, 'asOf'))}`);
  const group = options.hasOrderId
    ? `GROUP BY order_id, CASE WHEN order_id IS NULL THEN row_no END`
    : `GROUP BY row_no`;
  const sql = `SELECT MIN(order_date) AS order_date, MIN(order_id) AS order_id,
  ${d.roundMoney('SUM(amount)')} AS amount, COUNT(*) AS line_count
FROM ${d.ident(options.table)}
WHERE ${where.join(' AND ')}
${group}
ORDER BY order_date, MIN(row_no)`;
  return { sql, params: b.params };
}
