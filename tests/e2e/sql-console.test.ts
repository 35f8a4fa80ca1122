// The SQL console and "Show SQL" through the UI on CDNOW: results and CSV against sums computed here
// from the raw file, SQL errors, refused writes, cancel of a slow query, and the shown SQL re-run in
// the console giving exactly the heatmap's and the cohort matrix's numbers.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import {
  axeViolations,
  confirmAndReadReport,
  launch,
  openApp,
  openView,
  pickFile,
  setRole,
  type Session,
  clickForDownload
} from './app';
import { DATASET_FILES, describeWithData } from '../datasets';

const FILE = DATASET_FILES.cdnowElog;

const CONSOLE = '[data-testid="sql-console"]';

/** Runs `sql` in the console and waits until that run has finished (rows or an error). */
async function runSql(page: Page, sql: string, submit: 'keys' | 'button' = 'button') {
  const before = Number(await page.getAttribute(CONSOLE, 'data-run'));
  await page.fill('[data-testid="sql-editor"]', sql);
  if (submit === 'keys') await page.press('[data-testid="sql-editor"]', 'Control+Enter');
  else await page.click('[data-testid="sql-run"]');
  await page.waitForSelector(
    `${CONSOLE}[data-run="${before + 1}"]:is([data-state="done"], [data-state="error"])`,
    { timeout: 60_000 }
  );
}

/** The first rows of the results grid as text. */
async function gridRows(page: Page, count: number): Promise<string[][]> {
  return page.$$eval(
    '[data-testid="sql-results"] tbody tr',
    (rows, n) =>
      rows.slice(0, n).map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent!.trim())),
    count
  );
}

async function download(page: Page, selector: string): Promise<string> {
  const file = await clickForDownload(page, () => page.click(selector));
  return readFileSync((await file.path())!, 'utf8');
}

/** Per customer (sampleid): purchase lines and total sales, straight from the file. */
function referenceTotals() {
  const lines = readFileSync(FILE, 'utf8').trim().split(/\r?\n/).slice(1);
  const totals = new Map<string, { n: number; total: number }>();
  for (const line of lines) {
    const [, id, , , sales] = line.split(',');
    const t = totals.get(id) ?? { n: 0, total: 0 };
    t.n++;
    t.total += Number(sales);
    totals.set(id, t);
  }
  return totals;
}

describeWithData(['cdnowElog'], `SQL console and Show SQL (TZ ${process.env.TZ})`, () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(inject('baseUrl')).origin
    });
    await openApp(s.page, 'en');
    await pickFile(s.page, FILE);
    await setRole(s.page, 'masterid', 'dimension');
    await setRole(s.page, 'sampleid', 'customer_id');
    const r = await confirmAndReadReport(s.page);
    expect(r.rowsAccepted).toBe(6_919);
  }, 120_000);
  afterAll(async () => s?.close());

  it('runs a query: schema, grid, row count and time, CSV export', async () => {
    const { page } = s;
    await openView(page, 'sql');
    await page.waitForSelector(`${CONSOLE}:not([data-state="loading"])`);
    // The schema names the dataset and lists the normalized table's columns with types.
    const table = page.locator('[data-testid="sql-schema"] details[data-table="ds1_transactions"]');
    await expect(table.locator('summary').textContent()).resolves.toContain('cdnowElog');
    await expect(table.locator('li').allTextContents()).resolves.toContain('amount REAL');
    // Clicking names inserts them at the cursor.
    await page.fill('[data-testid="sql-editor"]', 'SELECT COUNT(*) FROM ');
    await page.locator('[data-testid="sql-editor"]').press('End');
    await table.locator('button.table').click();
    expect(await page.inputValue('[data-testid="sql-editor"]')).toBe(
      'SELECT COUNT(*) FROM ds1_transactions'
    );

    const ref = referenceTotals();
    const top = [...ref].sort((a, b) => b[1].total - a[1].total)[0];
    await runSql(
      page,
      `SELECT customer_id, COUNT(*) AS n, ROUND(SUM(amount), 2) AS total
FROM ds1_transactions GROUP BY customer_id ORDER BY total DESC, customer_id`,
      'keys'
    );
    const results = page.locator('[data-testid="sql-results"]');
    expect(await results.getAttribute('data-total')).toBe(String(ref.size));
    expect(await page.textContent('[data-testid="sql-status"]')).toMatch(/2,357 rows in \d/);
    const [first] = await gridRows(page, 1);
    expect(first[0]).toBe(top[0]);
    expect(first[1]).toBe(String(top[1].n));
    expect(Number(first[2].replace(/,/g, ''))).toBeCloseTo(top[1].total, 2);

    const csv = await download(page, '[data-testid="sql-csv"]');
    expect(csv.startsWith('\uFEFFcustomer_id,n,total\r\n')).toBe(true);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(ref.size + 1);
    const [id, n, total] = lines[1].split(',');
    expect([id, Number(n)]).toEqual([top[0], top[1].n]);
    expect(Number(total)).toBeCloseTo(top[1].total, 2);

    // Cells that look like formulas are written as text.
    await runSql(page, `SELECT '=1+1' AS f, '@SUM(A1)' AS g, 42 AS n`);
    const unsafe = await download(page, '[data-testid="sql-csv"]');
    expect(unsafe).toBe("\uFEFFf,g,n\r\n'=1+1,'@SUM(A1),42\r\n");
    expect(await axeViolations(page)).toEqual([]);
  });

  it('explains SQL errors and refuses writes, leaving the data as it was', async () => {
    const { page } = s;
    await runSql(page, 'SELECT nope\nFROM ds1_transactions');
    const error = page.locator('[data-testid="sql-error"]');
    expect(await error.getAttribute('data-code')).toBe('sql_error_at');
    expect(await error.textContent()).toContain('no such column: nope (line 1, column 8)');

    for (const [sql, keyword] of [
      ['DELETE FROM ds1_transactions', 'DELETE'],
      ['UPDATE ds1_transactions SET amount = 0', 'UPDATE'],
      ['INSERT INTO ds1_transactions (row_no) VALUES (1)', 'INSERT'],
      ['DROP TABLE ds1_transactions', 'DROP'],
      ["ATTACH DATABASE 'file:x?mode=memory' AS x", 'ATTACH'],
      ['PRAGMA query_only = OFF', 'PRAGMA'],
      ['SELECT 1; PRAGMA query_only = OFF', 'PRAGMA']
    ]) {
      await runSql(page, sql);
      expect(await error.getAttribute('data-code'), sql).toBe('sql_read_only');
      expect(await error.textContent()).toContain(`${keyword} statements`);
    }
    // The connection's own guard is still on, and stops a write hidden behind WITH.
    await runSql(page, 'SELECT * FROM pragma_query_only');
    expect((await gridRows(page, 1))[0][0]).toBe('1');
    await runSql(page, 'WITH x AS (SELECT 1) DELETE FROM ds1_transactions');
    expect(await error.getAttribute('data-code')).toBe('sql_read_only');
    await runSql(page, 'SELECT COUNT(*) AS n, ROUND(SUM(amount), 2) AS s FROM ds1_transactions');
    expect((await gridRows(page, 1))[0][0]).toBe('6,919');
    // The original cells (kept compressed in the workspace) read as one row per line of the file.
    const schemaRaw = page.locator('[data-testid="sql-schema"] details[data-table="ds1_raw"]');
    await expect(schemaRaw.textContent()).resolves.toContain('6,919 rows');
    const line = readFileSync(FILE, 'utf8').split(/\r?\n/)[3];
    await runSql(
      page,
      'SELECT COUNT(*), SUM(reject_reason IS NULL), MAX(CASE row_no WHEN 4 THEN cells END) FROM ds1_raw'
    );
    expect(await gridRows(page, 1)).toEqual([['6,919', '6,919', JSON.stringify(line.split(','))]]);

    // The framing is translated; SQLite's own words stay as they are.
    await page.selectOption('select[aria-label="Language"]', 'zh-CN');
    await runSql(page, 'SELEC 1');
    expect(await error.textContent()).toContain(
      'SQLite 报错：near "SELEC": syntax error（第 1 行，第 1 列）'
    );
    await page.selectOption('select[aria-label="语言"]', 'en');
  });

  it('cancels a slow query; the page stays responsive and the console works afterwards', async () => {
    const { page } = s;
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    const before = Number(await page.getAttribute(CONSOLE, 'data-run'));
    await page.fill(
      '[data-testid="sql-editor"]',
      'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000)\nSELECT COUNT(*) FROM c'
    );
    await page.click('[data-testid="sql-run"]');
    await page.waitForSelector(`${CONSOLE}[data-run="${before + 1}"][data-state="running"]`);
    // While it runs, the main thread answers at once and the elapsed time keeps moving.
    const t0 = Date.now();
    await page.waitForFunction(
      () =>
        /Running… [1-9]/.test(document.querySelector('[data-testid="sql-status"]')!.textContent!),
      undefined,
      { timeout: 10_000 }
    );
    // One task through the main thread's queue (a message to itself): it runs at once if the
    // thread is free.
    const roundTrip = await page.evaluate(async () => {
      const start = performance.now();
      const channel = new MessageChannel();
      await new Promise((done) => {
        channel.port1.onmessage = done;
        channel.port2.postMessage(null);
      });
      return performance.now() - start;
    });
    expect(roundTrip).toBeLessThan(100);
    expect(Date.now() - t0).toBeLessThan(10_000);
    await page.keyboard.press('Tab'); // focus leaves the editor: cancel by button, by keyboard
    await page.focus('[data-testid="sql-cancel"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${CONSOLE}[data-state="cancelled"]`, { timeout: 5_000 });
    expect(await page.textContent('[data-testid="sql-status"]')).toContain('Query cancelled');

    await runSql(page, 'SELECT COUNT(DISTINCT customer_id) FROM ds1_transactions');
    expect((await gridRows(page, 1))[0][0]).toBe('2,357');
    const longTasks = await page.evaluate(
      () => (window as unknown as { longTasks: number[] }).longTasks
    );
    expect(longTasks.filter((d) => d > 200)).toEqual([]);
  }, 60_000);

  it('Show SQL on the heatmap: the copied query gives exactly the heatmap counts', async () => {
    const { page } = s;
    await openView(page, 'rfm');
    await page.selectOption('[data-testid="rfm-bins"]', '3');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="rfm-heatmap"] [data-r][data-f]').length === 9
    );
    const cells = await page.$$eval('[data-testid="rfm-heatmap"] [data-r][data-f]', (els) =>
      els.map((e) => [
        Number(e.getAttribute('data-r')),
        Number(e.getAttribute('data-f')),
        Number(e.getAttribute('data-count'))
      ])
    );
    await page.click('[data-testid="show-sql-rfm"]');
    const dialog = page.locator('[data-testid="show-sql-dialog"][open]');
    await dialog.waitFor();
    const scores = (await dialog.locator('[data-testid="show-sql-text-scores"]').textContent())!;
    expect(scores).not.toContain('?');
    expect(scores).toContain("order_date <= '1998-07-01'");
    expect(scores).toContain('3 * (RANK() OVER');
    await dialog.locator('[data-testid="show-sql-copy-scores"]').click();
    await dialog.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(scores);
    expect(await axeViolations(page)).toEqual([]);

    await dialog.locator('[data-testid="show-sql-dialect-postgres"]').check();
    const pg = (await dialog.locator('[data-testid="show-sql-text-scores"]').textContent())!;
    expect(pg).toContain('CAST(ROUND(CAST(');
    expect(pg).not.toMatch(/\$\d/);
    await dialog.locator('[data-testid="show-sql-dialect-duckdb"]').check();
    expect(await dialog.locator('[data-testid="show-sql-text-scores"]').textContent()).toContain(
      ' // COUNT(*) OVER ()'
    );
    await dialog.locator('[data-testid="show-sql-dialect-spark"]').check();
    expect(await dialog.locator('[data-testid="show-sql-text-scores"]').textContent()).toContain(
      ' DIV COUNT(*) OVER ()'
    );
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' }).catch(() => {});
    await page.locator('[data-testid="show-sql-dialog"][open]').waitFor({ state: 'hidden' });

    // Export the analysis as SQL: the DuckDB script, run here on the CDNOW file read by DuckDB
    // itself, gives every heatmap cell's count.
    await page.click('[data-testid="export-sql"]');
    const exportDialog = page.locator('[data-testid="export-sql-dialog"][open]');
    await exportDialog.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      exportDialog.locator('[data-testid="export-sql-download"]').click()
    ]);
    expect(download.suggestedFilename()).toMatch(/duckdb-1998-07-01\.sql$/);
    const script = readFileSync((await download.path())!, 'utf8');
    await exportDialog.locator('[data-testid="export-sql-close"]').click();
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    await duck.run(
      `CREATE TABLE cdnow AS SELECT * FROM read_csv('${DATASET_FILES.cdnowElog}', header = true, all_varchar = true)`
    );
    // The app's normalized columns; CDNOW's two ids name the same customers one to one, and
    // whichever the mapping kept as a dimension is there under its own name.
    await duck.run(`CREATE VIEW orders AS SELECT rowid + 2 AS row_no, masterid AS customer_id,
      CAST(NULL AS VARCHAR) AS customer_name, CAST(NULL AS VARCHAR) AS order_id,
      substr(date, 1, 4) || '-' || substr(date, 5, 2) || '-' || substr(date, 7, 2) AS order_date,
      CAST(sales AS DOUBLE) AS amount, sampleid, masterid FROM cdnow`);
    await duck.run(script);
    const grid = await duck.runAndReadAll(
      'SELECT r_score, f_score, COUNT(*) FROM scored_customers GROUP BY 1, 2 ORDER BY 1, 2'
    );
    const heat = cells.filter((c) => c[2] > 0).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(grid.getRowsJS().map((r) => r.map(Number))).toEqual(heat);

    await openView(page, 'sql');
    await runSql(
      page,
      `SELECT r_score, f_score, COUNT(*) FROM (\n${scores}\n) GROUP BY 1, 2 ORDER BY 1, 2`
    );
    const sqlCells = (await gridRows(page, 20)).map((r) =>
      r.map((v) => Number(v.replace(/,/g, '')))
    );
    const sorted = cells.filter((c) => c[2] > 0).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(sqlCells).toEqual(sorted);
    await openView(page, 'rfm');
    await page.selectOption('[data-testid="rfm-bins"]', '5');
  });

  it('Show SQL on the cohorts: the copied query gives every cohort size and active count', async () => {
    const { page } = s;
    await openView(page, 'cohorts');
    await page.waitForSelector('[data-testid="cohorts"] [data-cohort][data-k]');
    const cells = await page.$$eval('[data-cohort][data-k]', (els) =>
      els.map((e) =>
        [
          e.getAttribute('data-cohort'),
          e.getAttribute('data-k'),
          e.getAttribute('data-size'),
          e.getAttribute('data-active')
        ].join('|')
      )
    );
    await page.click('[data-testid="show-sql-cohort"]');
    const dialog = page.locator('[data-testid="show-sql-dialog"][open]');
    const months = (await dialog.locator('[data-testid="show-sql-text-months"]').textContent())!;
    expect(months).toContain("WHERE order_date <= '1998-07-01'");
    await dialog.locator('[data-testid="show-sql-copy-months"]').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(months);
    expect(await axeViolations(page)).toEqual([]);
    await dialog.locator('[data-testid="show-sql-close"]').click();

    await openView(page, 'sql');
    await runSql(
      page,
      `WITH m AS (\n${months}\n),
f AS (SELECT customer_id, MIN(month) AS cohort FROM m WHERE orders > 0 GROUP BY customer_id),
sizes AS (SELECT cohort, COUNT(*) AS size FROM f GROUP BY cohort)
SELECT f.cohort,
  (CAST(substr(m.month, 1, 4) AS INTEGER) - CAST(substr(f.cohort, 1, 4) AS INTEGER)) * 12
    + CAST(substr(m.month, 6, 2) AS INTEGER) - CAST(substr(f.cohort, 6, 2) AS INTEGER) AS k,
  s.size, SUM(m.orders > 0) AS active
FROM m JOIN f USING (customer_id) JOIN sizes s ON s.cohort = f.cohort
WHERE m.month >= f.cohort
GROUP BY 1, 2 ORDER BY 1, 2`
    );
    const total = Number(await page.getAttribute('[data-testid="sql-results"]', 'data-total'));
    // The grid shows a window of rows; the CSV has them all.
    const csv = await download(page, '[data-testid="sql-csv"]');
    const rows = csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.replace(/,/g, '|'));
    expect(rows.length).toBeGreaterThan(0);
    expect(total).toBe(rows.length);
    // Every (cohort, k) with an order in the SQL result is the same cell on the page.
    const page_ = new Set(cells);
    expect(rows.filter((r) => !page_.has(r))).toEqual([]);
    expect(cells.filter((c) => !c.endsWith('|0')).length).toBe(
      rows.filter((r) => !r.endsWith('|0')).length
    );
  });
});
