// "Export the analysis as SQL": one script that rebuilds the customer base, R/F/M scores, segments,
// value tiers and lifecycle stages (DOMAIN §2–5) from an `orders` table on DuckDB, PostgreSQL or Spark SQL.
import { filterConditionSql, type DataFilter } from './data-filter';
import { inlineParams, buildCustomScoresSql, sqlLiteral } from './show-sql';
import {
  buildCustomerBaseSql,
  buildRfmScoresSql,
  checkDate,
  dimAlias,
  DIALECTS,
  type SqlDialect
} from './sql';
import type { LifecycleStage, LifecycleThresholds } from './lifecycle';
import type { AbcTier, Class8, ScoringOptions, SegmentRule, ValueQuadrant } from './types';
import { CLASS8_IDS } from './tiers';
import { OTHERS_ID } from './segments';
import { CUSTOMER_EXPORT_HEADER } from '$lib/export/customers';

/** The engines the script is written for (the app itself runs SQLite). */
export type ScriptDialect = Exclude<SqlDialect, 'sqlite'>;
export const SCRIPT_DIALECTS: readonly ScriptDialect[] = ['duckdb', 'postgres', 'spark'];

/** The input table the script reads. */
export const SCRIPT_INPUT = 'orders';
/** The table (a temporary view in Spark SQL) the script ends with. */
export const SCRIPT_RESULT = 'scored_customers';

/**
 * The result's columns before the dimensions: the app's customer export (DOMAIN §9, without the
 * CLV columns), so the customer-level import reads them back as they are.
 */
export const SCRIPT_COLUMNS = CUSTOMER_EXPORT_HEADER;

/** Names written into the result, in the user's language. */
export interface ScriptNames {
  segment(id: string): string;
  class8(value: Class8): string;
  quadrant(value: ValueQuadrant): string;
  lifecycle(stage: Exclude<LifecycleStage, 'no_purchase'>): string;
}

export interface AnalysisScriptOptions {
  dialect: ScriptDialect;
  /** As-of date `YYYY-MM-DD` (DOMAIN §2). */
  asOf: string;
  /** True when the orders carry an order id (lines group into orders by it). */
  hasOrderId: boolean;
  scoring: ScoringOptions;
  /** The segment rules in force, in order (DOMAIN §3: the first match wins). */
  rules: readonly SegmentRule[];
  quadrantSplit: 'median' | 'mean';
  lifecycle: LifecycleThresholds;
  /** The dimension columns of `orders` (SQL name) and the header they are written under. */
  dimensions: readonly { name: string; header: string }[];
  /** The app's filter in force and the orders' date column, if any. */
  filter?: { rows: DataFilter; dateColumn: string | null } | null;
  names: ScriptNames;
  /** Where the numbers come from, for the header comment (dataset name, as the user sees it). */
  source?: string;
}

const ENGINE: Record<ScriptDialect, string> = {
  duckdb: 'DuckDB',
  postgres: 'PostgreSQL',
  spark: 'Spark SQL 3.x'
};

const TYPES: Record<ScriptDialect, { int: string; text: string; real: string; decimal: string }> = {
  duckdb: { int: 'BIGINT', text: 'VARCHAR', real: 'DOUBLE', decimal: 'DECIMAL(38, 6)' },
  postgres: {
    int: 'BIGINT',
    text: 'TEXT',
    real: 'DOUBLE PRECISION',
    decimal: 'DECIMAL(38, 6)'
  },
  spark: { int: 'BIGINT', text: 'STRING', real: 'DOUBLE', decimal: 'DECIMAL(38, 6)' }
};

/** A comment line: no line breaks, and no backslash (Spark SQL continues a `--` line after one). */
const commentText = (text: string) => text.replace(/[\r\n\\\u2028\u2029]+/g, ' ');

/**
 * Column names of the result: the fixed columns, then each dimension by its header (made unique:
 * a header equal to an earlier name gets ` (2)`, ` (3)` …, as SQL needs distinct names).
 */
export function scriptColumnNames(dimensions: readonly { header: string }[]): string[] {
  const names: string[] = [...SCRIPT_COLUMNS];
  const taken = new Set(names.map((n) => n.toLowerCase()));
  for (const { header } of dimensions) {
    let name = header.trim() || 'dimension';
    for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${header.trim()} (${k})`;
    taken.add(name.toLowerCase());
    names.push(name);
  }
  return names;
}

/** One step: a table made from a query (a temporary view in Spark SQL). */
function step(
  dialect: ScriptDialect,
  name: string,
  query: string,
  kind: 'view' | 'temp' | 'result'
) {
  const t = DIALECTS[dialect].ident(name);
  if (dialect === 'spark') return `CREATE OR REPLACE TEMPORARY VIEW ${t} AS\n${query};`;
  if (kind === 'view') return `DROP VIEW IF EXISTS ${t};\nCREATE TEMPORARY VIEW ${t} AS\n${query};`;
  const create = kind === 'temp' ? 'CREATE TEMPORARY TABLE' : 'CREATE TABLE';
  return `DROP TABLE IF EXISTS ${t};\n${create} ${t} AS\n${query};`;
}

/** `CASE` of the first segment rule whose three ranges hold the scores, else `others`. */
function segmentCase(options: AnalysisScriptOptions): string {
  const lit = (v: string | number) => sqlLiteral(v, options.dialect);
  const whens = options.rules.map((rule) => {
    const within = (column: string, [min, max]: [number, number]) =>
      `${column} BETWEEN ${lit(min)} AND ${lit(max)}`;
    const test = [
      within('r_score', rule.r),
      within('f_score', rule.f),
      within('m_score', rule.m)
    ].join(' AND ');
    return `      WHEN ${test} THEN ${lit(options.names.segment(rule.id))}`;
  });
  return `CASE\n${whens.join('\n')}\n      ELSE ${lit(options.names.segment(OTHERS_ID))}\n    END`;
}

/**
 * The final statement: scores joined to the base, then the 8 classes against the means, the value
 * quadrant against the medians (or means), ABC tiers by cumulative monetary and lifecycle stages.
 * Means and ABC sums are exact (integers, DECIMAL), so no engine's float summing order moves a
 * customer across a boundary; a median is the middle value or the mean of the middle two, as in
 * the app.
 */
function resultQuery(options: AnalysisScriptOptions, columns: readonly string[]): string {
  const { dialect } = options;
  const d = DIALECTS[dialect];
  const ty = TYPES[dialect];
  const lit = (v: string | number) => sqlLiteral(v, dialect);
  const dec = (x: string) => `CAST(${x} AS ${ty.decimal})`;
  const dims = options.dimensions.map((_, i) => dimAlias(i));
  const dimCols = dims.map((a) => `, b.${a}`).join('');
  // The middle value, or the mean of the middle two (positions ⌊(n+1)/2⌋ and ⌊n/2⌋+1).
  const median = (column: string) => `,
${column}_median AS (
  SELECT (CAST(MIN(o.${column}) AS ${ty.real}) + MAX(o.${column})) / 2 AS ${column}_median
  FROM (SELECT ${column}, ROW_NUMBER() OVER (ORDER BY ${column}) AS k FROM scored) AS o
  CROSS JOIN stats
  WHERE o.k = ${d.intDiv('(stats.n + 1)', '2')} OR o.k = ${d.intDiv('stats.n', '2')} + 1
)`;
  const isMedian = options.quadrantSplit === 'median';
  const medianCtes = isMedian ? median('frequency') + median('monetary') : '';
  const splitJoin = isMedian ? ' CROSS JOIN frequency_median CROSS JOIN monetary_median' : '';
  // High F / M for the quadrant: strictly above the split (DOMAIN §4).
  const quadrantF =
    options.quadrantSplit === 'median'
      ? 'frequency > frequency_median'
      : 'frequency * n > frequency_sum';
  const quadrantM =
    options.quadrantSplit === 'median'
      ? 'monetary > monetary_median'
      : `${dec('monetary')} * n > monetary_sum`;
  const classOf = (important: string, recent: string, frequent: string) =>
    `CASE WHEN ${important} THEN CASE WHEN ${recent} THEN CASE WHEN ${frequent} THEN ${lit(options.names.class8(CLASS8_IDS[0]))} ELSE ${lit(options.names.class8(CLASS8_IDS[1]))} END
        ELSE CASE WHEN ${frequent} THEN ${lit(options.names.class8(CLASS8_IDS[2]))} ELSE ${lit(options.names.class8(CLASS8_IDS[3]))} END END
      ELSE CASE WHEN ${recent} THEN CASE WHEN ${frequent} THEN ${lit(options.names.class8(CLASS8_IDS[4]))} ELSE ${lit(options.names.class8(CLASS8_IDS[5]))} END
        ELSE CASE WHEN ${frequent} THEN ${lit(options.names.class8(CLASS8_IDS[6]))} ELSE ${lit(options.names.class8(CLASS8_IDS[7]))} END END
    END`;
  const tier = (t: AbcTier) => lit(t);
  const { lapseDays, newDays, loyalOrders } = options.lifecycle;
  const stage = `CASE
      WHEN recency_days > ${lit(lapseDays)} THEN ${lit(options.names.lifecycle('lapsed'))}
      WHEN first_purchase IS NOT NULL AND ${d.daysBetween(lit(options.asOf), 'first_purchase')} <= ${lit(newDays)} THEN ${lit(options.names.lifecycle('new'))}
      WHEN frequency >= ${lit(loyalOrders)} THEN ${lit(options.names.lifecycle('loyal'))}
      WHEN frequency >= 2 THEN ${lit(options.names.lifecycle('repeat'))}
      ELSE ${lit(options.names.lifecycle('one_time'))}
    END`;
  const money2 =
    dialect === 'postgres'
      ? 'CAST(ROUND(CAST(monetary AS NUMERIC), 2) AS DOUBLE PRECISION)'
      : 'ROUND(monetary, 2)';
  const out = columns.map((c) => d.ident(c));
  const dimOut = dims.map((a, i) => `,\n  ${a} AS ${out[SCRIPT_COLUMNS.length + i]}`).join('');
  return `WITH scored AS (
  SELECT b.customer_id, b.customer_name, b.first_purchase, b.last_purchase, b.recency_days,
    b.frequency, b.monetary, s.r_score, s.f_score, s.m_score, s.rfm_code${dimCols}
  FROM lens_customer_base AS b
  JOIN lens_rfm_scores AS s ON s.customer_id = b.customer_id
),
stats AS (
  SELECT COUNT(*) AS n, SUM(recency_days) AS recency_sum, SUM(frequency) AS frequency_sum,
    SUM(${dec('monetary')}) AS monetary_sum
  FROM scored
)${medianCtes},
splits AS (
  SELECT *
  FROM stats${splitJoin}
),
ranked AS (
  SELECT scored.*, splits.*,
    SUM(CASE WHEN monetary > 0 THEN ${dec('monetary')} ELSE 0 END) OVER () AS positive_sum,
    SUM(CASE WHEN monetary > 0 THEN ${dec('monetary')} ELSE 0 END) OVER (
      ORDER BY monetary DESC, ${d.idOrder} ASC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
    ) AS before_sum
  FROM scored CROSS JOIN splits
),
labelled AS (
  SELECT ranked.*,
    ${segmentCase(options)} AS segment,
    ${classOf(`${dec('monetary')} * n > monetary_sum`, 'recency_days * n < recency_sum', 'frequency * n > frequency_sum')} AS class8,
    CASE WHEN ${quadrantF} THEN CASE WHEN ${quadrantM} THEN ${lit(options.names.quadrant('vip'))} ELSE ${lit(options.names.quadrant('growth'))} END
      ELSE CASE WHEN ${quadrantM} THEN ${lit(options.names.quadrant('potential'))} ELSE ${lit(options.names.quadrant('low'))} END
    END AS value_quadrant,
    CASE
      WHEN monetary <= 0 THEN ${tier('C')}
      WHEN 5 * COALESCE(before_sum, 0) < 4 * positive_sum THEN ${tier('A')}
      WHEN 20 * COALESCE(before_sum, 0) < 19 * positive_sum THEN ${tier('B')}
      ELSE ${tier('C')}
    END AS abc_tier,
    ${stage} AS lifecycle_stage
  FROM ranked
)
SELECT
  customer_id AS ${out[0]},
  customer_name AS ${out[1]},
  recency_days AS ${out[2]},
  frequency AS ${out[3]},
  ${money2} AS ${out[4]},
  r_score AS ${out[5]},
  f_score AS ${out[6]},
  m_score AS ${out[7]},
  rfm_code AS ${out[8]},
  segment AS ${out[9]},
  class8 AS ${out[10]},
  value_quadrant AS ${out[11]},
  abc_tier AS ${out[12]},
  lifecycle_stage AS ${out[13]},
  first_purchase AS ${out[14]},
  last_purchase AS ${out[15]}${dimOut}
FROM labelled
ORDER BY customer_id`;
}

/** What the settings were, as comment lines. */
function settingsLines(o: AnalysisScriptOptions): string[] {
  const s = o.scoring;
  const method =
    s.method === 'ranked'
      ? 'ranked quantiles, ties together'
      : s.method === 'ntile'
        ? 'equal-size bins (NTILE), ties by customer_id'
        : `custom thresholds (recency ${s.custom?.recency.join(', ')}; frequency ${s.custom?.frequency.join(', ')}; monetary ${s.custom?.monetary.join(', ')})`;
  const lines = [
    `As of ${o.asOf} (later orders are left out); ${s.bins} bins, ${method}.`,
    `Segments: ${o.rules.length} rules, first match wins, else ${o.names.segment(OTHERS_ID)}.`,
    `Value quadrant split at the ${o.quadrantSplit === 'median' ? 'medians' : 'means'}; lifecycle: lapsed after ${o.lifecycle.lapseDays} days, new within ${o.lifecycle.newDays} days, loyal from ${o.lifecycle.loyalOrders} orders.`
  ];
  if (o.filter) lines.push(`Filter: only the order lines where the step lens_orders says.`);
  return lines;
}

/**
 * The whole script for `options.dialect`: a header comment (input columns with their CREATE
 * TABLE, the settings, the output), then `lens_orders` (the lines that pass the filter),
 * `lens_customer_base` (DOMAIN §2–3, the app's own base query), `lens_rfm_scores` (the app's own
 * scoring query) and `scored_customers`, and a final SELECT of it. Every value is written in; the
 * same builders make "Show SQL", so the script computes what the app shows.
 */
export function buildAnalysisScript(options: AnalysisScriptOptions): string {
  const { dialect } = options;
  const d = DIALECTS[dialect];
  const ty = TYPES[dialect];
  checkDate(options.asOf, 'asOf');
  const columns = scriptColumnNames(options.dimensions);
  const dimNames = options.dimensions.map((x) => x.name);

  const inputCols = [
    ['row_no', `${ty.int} NOT NULL`, 'the line number in the source file; breaks ties, later wins'],
    ['customer_id', `${ty.text} NOT NULL`, 'trimmed, compared as text'],
    ['customer_name', ty.text, 'NULL when unknown'],
    ['order_id', ty.text, 'NULL: the line is an order of its own'],
    ['order_date', `${ty.text} NOT NULL`, "'YYYY-MM-DD' text"],
    ['amount', `${ty.real} NOT NULL`, 'the line amount; returns are negative'],
    ...options.dimensions.map((x) => [d.ident(x.name), ty.text, `dimension "${x.header}"`])
  ];
  const width = Math.max(...inputCols.map(([n]) => n.length));
  const ddl = inputCols
    .map(
      ([n, t, what], i) =>
        `--   ${n.padEnd(width)} ${t}${i < inputCols.length - 1 ? ',' : ''}  -- ${what}`
    )
    .map(commentText);
  const filter = options.filter
    ? filterConditionSql(options.filter.rows, options.filter.dateColumn, dialect)
    : null;
  const header = [
    `-- Customer Lens: the RFM analysis as one ${ENGINE[dialect]} script.`,
    ...(options.source ? [`-- Made from: ${commentText(options.source)}`] : []),
    ...settingsLines(options).map((l) => `-- ${commentText(l)}`),
    '--',
    `-- Input: a table ${SCRIPT_INPUT}, one row per order line, with the columns the app keeps:`,
    `--   CREATE TABLE ${SCRIPT_INPUT} (`,
    ...ddl,
    '--   );',
    '-- (A differently shaped table: CREATE VIEW orders AS SELECT … with these names and types.)',
    `-- Output: ${dialect === 'spark' ? 'the temporary view' : 'the table'} ${SCRIPT_RESULT}, one row per customer with a purchase:`,
    `--   ${columns.slice(0, SCRIPT_COLUMNS.length).join(', ')}`,
    ...(options.dimensions.length
      ? [
          `--   then the dimensions: ${commentText(columns.slice(SCRIPT_COLUMNS.length).join(', '))}`
        ]
      : []),
    "-- the app's customer export layout: save it as CSV and import it into Customer Lens as a",
    '-- customer table (one row per customer) to use the views on it.',
    ...saveHint(dialect).map((l) => `-- ${l}`),
    `-- Steps: lens_orders, lens_customer_base, lens_rfm_scores (${dialect === 'spark' ? 'temporary views' : 'temporary; replaced on each run'}), ${SCRIPT_RESULT}.`
  ].join('\n');

  const base = buildCustomerBaseSql({
    kind: 'transactions',
    table: 'lens_orders',
    asOf: options.asOf,
    hasOrderId: options.hasOrderId,
    dimensions: dimNames,
    dialect
  });
  const scores =
    options.scoring.method === 'custom'
      ? buildCustomScoresSql(
          { sql: `SELECT * FROM ${d.ident('lens_customer_base')}`, params: [] },
          options.scoring.bins,
          options.scoring.custom,
          dialect
        )
      : buildRfmScoresSql({
          source: { table: 'lens_customer_base' },
          bins: options.scoring.bins,
          method: options.scoring.method,
          dialect
        });
  const orders = `SELECT * FROM ${d.ident(SCRIPT_INPUT)}${filter ? `\nWHERE ${filter}` : ''}`;
  return [
    header,
    step(dialect, 'lens_orders', orders, 'view'),
    step(dialect, 'lens_customer_base', inlineParams(base.sql, base.params, dialect), 'temp'),
    step(dialect, 'lens_rfm_scores', inlineParams(scores.sql, scores.params, dialect), 'temp'),
    step(dialect, SCRIPT_RESULT, resultQuery(options, columns), 'result'),
    `SELECT * FROM ${d.ident(SCRIPT_RESULT)} ORDER BY customer_id;`
  ].join('\n\n');
}

/** How to write the result to a CSV file on each engine. */
function saveHint(dialect: ScriptDialect): string[] {
  switch (dialect) {
    case 'duckdb':
      return [`To a file: COPY ${SCRIPT_RESULT} TO 'scored_customers.csv' (HEADER);`];
    case 'postgres':
      return [`To a file (psql): \\copy ${SCRIPT_RESULT} TO 'scored_customers.csv' CSV HEADER`];
    case 'spark':
      return [
        `To keep it: CREATE TABLE my_scored_customers AS SELECT * FROM ${SCRIPT_RESULT};`,
        'or download the final SELECT from your notebook as CSV.'
      ];
  }
}
