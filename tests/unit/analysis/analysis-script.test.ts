// The analysis script and the Spark SQL forms as text: a focused Spark checker (no Spark here), a
// golden snapshot, and what each dialect's script says about its input and output.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIFECYCLE_THRESHOLDS,
  DEFAULT_SEGMENT_RULES,
  segmentName,
  type ScoringOptions
} from '../../../src/lib/analysis';
import {
  buildAnalysisScript,
  SCRIPT_COLUMNS,
  scriptColumnNames,
  type AnalysisScriptOptions,
  type ScriptDialect
} from '../../../src/lib/analysis/analysis-script';
import {
  cohortQuery,
  inlineParams,
  rfmQueries,
  shownTableOf,
  sqlLiteral
} from '../../../src/lib/analysis/show-sql';
import type { DataFilter } from '../../../src/lib/analysis/data-filter';
import { class8Name, lifecycleName, quadrantName } from '../../../src/lib/export/customers';
import { sparkProblems, sparkStrings } from './spark-check';

const FILTER: DataFilter = {
  dims: [{ column: 'Re`gion', values: ["O'Neil", 'a\\b', null] }],
  from: '2024-01-01',
  to: '2024-12-31'
};

const SCORINGS: ScoringOptions[] = [
  { bins: 5, method: 'ranked' },
  { bins: 4, method: 'ntile' },
  {
    bins: 3,
    method: 'custom',
    custom: { recency: [30, 90], frequency: [1, 3], monetary: [-0.5, 200.25] }
  }
];

function options(
  dialect: ScriptDialect,
  over: Partial<AnalysisScriptOptions> = {},
  lang: 'en' | 'zh-CN' = 'en'
): AnalysisScriptOptions {
  return {
    dialect,
    asOf: '2024-06-30',
    hasOrderId: true,
    scoring: { bins: 5, method: 'ranked' },
    rules: DEFAULT_SEGMENT_RULES,
    quadrantSplit: 'median',
    lifecycle: DEFAULT_LIFECYCLE_THRESHOLDS,
    dimensions: [
      { name: 'Region', header: 'segment' },
      { name: 'Re`gion', header: '地区' }
    ],
    filter: { rows: FILTER, dateColumn: 'order_date' },
    names: {
      segment: (id) => segmentName(id, DEFAULT_SEGMENT_RULES, lang),
      class8: (c) => class8Name(c, lang),
      quadrant: (q) => quadrantName(q, lang),
      lifecycle: (s) => lifecycleName(s, lang)
    },
    source: 'Sales 2024 \\ export\nsecond line',
    ...over
  };
}

describe('the Spark SQL checker', () => {
  it('finds what Spark reads differently', () => {
    const bad: [string, RegExp][] = [
      ['SELECT "Region" FROM t', /string in Spark/],
      ["SELECT 'O''Neil'", /run together/],
      ['SELECT x::int FROM t', /::/],
      ['SELECT a // b FROM t', /DIV/],
      ['SELECT a / b FROM t', /divides outside/],
      ['SELECT julianday(d) FROM t', /julianday/],
      ['SELECT CAST(x AS TEXT) FROM t', /CAST to TEXT/],
      ['SELECT CAST(x AS DOUBLE PRECISION) FROM t', /CAST to DOUBLEPRECISION/],
      ['SELECT CAST(a AS DATE) - CAST(b AS DATE) FROM t', /interval/],
      ['SELECT * FROM t WHERE d <= ?', /placeholder/],
      ["SELECT 'a\\'", /unterminated string/],
      ['SELECT n FROM t ORDER BY n LIMIT 1', /LIMIT/],
      ['SELECT (1', /parentheses/],
      ['DROP TABLE t', /starts with DROP/],
      ['SELECT strftime(d, 1) FROM t', /strftime/]
    ];
    for (const [sql, why] of bad) expect(sparkProblems(sql).join('; '), sql).toMatch(why);
    expect(
      sparkProblems(
        "-- a comment with 'quotes' and \"quotes\"\nSELECT `a``b`, 'O\\'Neil', DATEDIFF(CAST('2024-01-02' AS DATE), CAST(d AS DATE)) DIV 2 FROM t;"
      )
    ).toEqual([]);
    expect(sparkStrings("SELECT 'O\\'Neil', 'a\\\\b', '客户'")).toEqual(["O'Neil", 'a\\b', '客户']);
  });
});

describe('the Spark SQL forms', () => {
  const table = shownTableOf(
    {
      table: 'ds1_transactions',
      kind: 'transactions',
      hasOrderId: true,
      columns: [{ name: 'order_date', role: 'date' }]
    },
    FILTER
  );

  it('Show SQL: every query passes the checker and reads the filter values as written', () => {
    const texts: string[] = [];
    for (const scoring of SCORINGS) {
      const q = rfmQueries(table, '2024-06-30', scoring, 'spark');
      texts.push(inlineParams(q.base.sql, q.base.params, 'spark'));
      texts.push(inlineParams(q.scores.sql, q.scores.params, 'spark'));
    }
    const months = cohortQuery(table, '2024-06-30', 'spark');
    texts.push(inlineParams(months.sql, months.params, 'spark'));
    for (const text of texts) {
      expect(sparkProblems(text)).toEqual([]);
      expect(sparkStrings(text)).toEqual(expect.arrayContaining(["O'Neil", 'a\\b', '2024-06-30']));
      expect(text).toContain('`Re``gion`');
    }
    expect(texts[1]).toContain('DIV COUNT(*) OVER ()');
    expect(texts[0]).toContain(
      "DATEDIFF(CAST('2024-06-30' AS DATE), CAST(c.last_purchase AS DATE)) AS recency_days"
    );
    expect(texts.at(-1)).toContain("DATE_FORMAT(CAST(order_date AS DATE), 'yyyy-MM') AS month");
  });

  it('the script passes the checker for every method, split and language', () => {
    for (const scoring of SCORINGS) {
      for (const quadrantSplit of ['median', 'mean'] as const) {
        for (const lang of ['en', 'zh-CN'] as const) {
          const text = buildAnalysisScript(options('spark', { scoring, quadrantSplit }, lang));
          expect(sparkProblems(text)).toEqual([]);
          const strings = sparkStrings(text);
          expect(strings).toContain(lang === 'en' ? "Can't Lose Them" : '重要挽回客户');
          expect(strings).toContain("O'Neil");
        }
      }
    }
  });

  it('matches its golden copy', async () => {
    const text = buildAnalysisScript(options('spark'));
    await expect(text).toMatchFileSnapshot('./__snapshots__/analysis-script.spark.sql');
  });
});

describe('buildAnalysisScript', () => {
  it('describes its input and output, with a safe header', () => {
    const text = buildAnalysisScript(options('duckdb'));
    expect(text).toContain('--   CREATE TABLE orders (');
    expect(text).toContain('--   order_date    VARCHAR NOT NULL,');
    expect(text).toContain('--   "Re`gion"     VARCHAR');
    // The dataset name's line break and backslash do not escape the comment.
    expect(text).toContain('-- Made from: Sales 2024   export second line\n');
    expect(text).toContain('CREATE TABLE "scored_customers" AS');
    expect(text).toContain('CREATE TEMPORARY TABLE "lens_customer_base" AS');
    expect(text).toContain('1 + (5 * (RANK() OVER (ORDER BY recency_days DESC) - 1)) // COUNT(*)');
    expect(text).toContain(`WHERE ("Re\`gion" IN ('O''Neil', 'a\\b') OR "Re\`gion" IS NULL)`);
    expect(text.trimEnd().endsWith('SELECT * FROM "scored_customers" ORDER BY customer_id;')).toBe(
      true
    );
    expect(text).not.toMatch(/\?|\$\d/);
  });

  it('PostgreSQL: ids break ties in code-point order whatever the database locale', () => {
    const text = buildAnalysisScript(options('postgres', { scoring: SCORINGS[1] }));
    expect(text).toContain(
      'NTILE(4) OVER (ORDER BY recency_days DESC, customer_id COLLATE "C" ASC)'
    );
    expect(text).toContain('ORDER BY monetary DESC, customer_id COLLATE "C" ASC ROWS BETWEEN');
    expect(text).toContain('CAST(ROUND(CAST(monetary AS NUMERIC), 2) AS DOUBLE PRECISION)');
  });

  it('names the result columns like the customer export, dimensions made unique', () => {
    expect(SCRIPT_COLUMNS.at(-1)).toBe('last_purchase');
    expect(
      scriptColumnNames([{ header: 'segment' }, { header: 'Region' }, { header: 'region' }])
    ).toEqual([...SCRIPT_COLUMNS, 'segment (2)', 'Region', 'region (2)']);
  });

  it('writes Spark string literals with backslash escapes', () => {
    expect(sqlLiteral("O'Neil \\ x", 'spark')).toBe("'O\\'Neil \\\\ x'");
    expect(sqlLiteral("O'Neil \\ x", 'duckdb')).toBe("'O''Neil \\ x'");
    expect(inlineParams("SELECT ?, '?', `?`", ["it's"], 'spark')).toBe("SELECT 'it\\'s', '?', `?`");
    // A backslash-escaped quote does not end a Spark string: the ? after it is inside it.
    expect(inlineParams("SELECT 'a\\' ?', ?", [1], 'spark')).toBe("SELECT 'a\\' ?', 1");
  });
});
