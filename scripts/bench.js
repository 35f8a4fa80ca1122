// Import benchmark (not a test): generates 100k and 1M-row transaction CSVs, imports each into the
// production build in headless Chromium and reports time to the import report and peak memory,
// then RFM changes, the filter bar (a value, a date range, clearing) and the CLV fit.
// Usage: npm run bench [-- --sizes 100000,1000000]
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.js';
import { startServer } from './serve.js';

const args = process.argv.slice(2);
const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : '100000,1000000';
const sizes = sizesArg.split(',').map(Number);
const outDir = path.resolve('bench-results');
mkdirSync(outDir, { recursive: true });
const dataDir = mkdtempSync(path.join(tmpdir(), 'lens-bench-'));

/** Resident memory (bytes) of every process in Chromium's process tree. */
function treeRss(rootPid) {
  const children = new Map();
  const rss = new Map();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      rss.set(Number(pid), kb * 1024);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(pid));
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop();
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

async function run(rows) {
  const file = path.join(dataDir, `orders-${rows}.csv`);
  // A customer per 10 orders: the 1M file has the 100k customers the RFM timings are about.
  const customerCount = String(Math.round(rows / 10));
  execFileSync(
    'node',
    [
      'scripts/generate-sample.js',
      '--rows',
      String(rows),
      '--customers',
      customerCount,
      '--out',
      file
    ],
    {
      stdio: 'inherit'
    }
  );
  const bytes = statSync(file).size;
  const server = await startServer({ root: 'build', port: 0 });
  const profile = mkdtempSync(path.join(tmpdir(), 'lens-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS
  });
  // Find Chromium's main process by its profile folder, then sum the RSS of its process tree.
  const rootPid = Number(
    execFileSync('pgrep', ['-o', '-f', `user-data-dir=${profile}`])
      .toString()
      .trim()
      .split('\n')[0]
  );
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.url}?lang=en`);
  await page.waitForSelector('input[type=file]');
  const baseline = treeRss(rootPid);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss(rootPid))), 50);

  const t0 = performance.now();
  await page.locator('input[type=file]').setInputFiles(file);
  await page.waitForSelector('[data-testid="confirm-mapping"]', { timeout: 600_000 });
  const tMapping = performance.now();
  await page.click('[data-testid="confirm-mapping"]');
  const report = page.locator('[data-testid="import-report"]');
  await report.waitFor({ timeout: 600_000 });
  const tReport = performance.now();
  // The raw sheet is completed behind the report; measure that too (time and memory).
  await page.waitForSelector('[data-testid="dataset-summary"][data-raw-complete="true"]', {
    timeout: 600_000
  });
  const tDone = performance.now();
  const rowsRead = Number(await report.getAttribute('data-rows-read'));
  const customers = Number(await report.getAttribute('data-customers'));
  const rfm = await measureRfm(page);
  const filter = await measureFilter(page);
  const clv = await measureClv(page);
  clearInterval(sampler);
  peak = Math.max(peak, treeRss(rootPid));
  const result = {
    rows,
    fileMB: +(bytes / 2 ** 20).toFixed(1),
    rowsRead,
    customers,
    selectionToMappingS: +((tMapping - t0) / 1000).toFixed(2),
    confirmToReportS: +((tReport - tMapping) / 1000).toFixed(2),
    selectionToReportS: +((tReport - t0) / 1000).toFixed(2),
    reportToBackgroundDoneS: +((tDone - tReport) / 1000).toFixed(2),
    ...rfm,
    ...filter,
    ...clv,
    baselineMB: Math.round(baseline / 2 ** 20),
    peakMB: Math.round(peak / 2 ** 20)
  };
  await context.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(file, { force: true });
  return result;
}

/** Waits until the RFM status shows a finished run that satisfies `attr=value`; returns seconds. */
async function rfmSettled(page, attr, value, t0) {
  await page.waitForSelector(
    `[data-testid="rfm-status"][data-loading="false"][${attr}="${value}"]`,
    { timeout: 600_000 }
  );
  return +((performance.now() - t0) / 1000).toFixed(2);
}

/** RFM timings on the loaded data: first analysis, then changes that must feel instant. */
async function measureRfm(page) {
  let t0 = performance.now();
  await page.click('[data-testid="nav-segments"]');
  await page.waitForSelector('[data-testid="rfm-status"][data-loading="false"][data-ms]', {
    timeout: 600_000
  });
  const rfmFirstS = +((performance.now() - t0) / 1000).toFixed(2);
  t0 = performance.now();
  await page.selectOption('[data-testid="rfm-bins"]', '4');
  const rfmBinsChangeS = await rfmSettled(page, 'data-bins', '4', t0);
  t0 = performance.now();
  await page.selectOption('[data-testid="rfm-method"]', 'ntile');
  await page.waitForTimeout(50);
  const rfmMethodChangeS = await rfmSettled(page, 'data-bins', '4', t0);
  const asOf = await page.getAttribute('[data-testid="rfm-status"]', 'data-as-of');
  const earlier = new Date(Date.parse(asOf) - 90 * 86_400_000).toISOString().slice(0, 10);
  t0 = performance.now();
  await page.fill('[data-testid="as-of-date"]', earlier);
  await page.dispatchEvent('[data-testid="as-of-date"]', 'change');
  const rfmAsOfChangeS = await rfmSettled(page, 'data-as-of', earlier, t0);
  return { rfmFirstS, rfmBinsChangeS, rfmMethodChangeS, rfmAsOfChangeS };
}

/** Seconds until the heatmap shows the analysis of the filter now in force (or of none). */
async function heatmapRedrawn(page, t0) {
  const key = await page.evaluate(
    () => document.querySelector('[data-testid="filter-active"]')?.getAttribute('data-filter') ?? ''
  );
  await page.waitForFunction(
    (k) =>
      document.querySelector('[data-testid="rfm-heatmap"]')?.getAttribute('data-filter') === k &&
      document.querySelector('[data-testid="rfm-status"]')?.getAttribute('data-loading') ===
        'false',
    key,
    { timeout: 600_000, polling: 50 }
  );
  const seconds = +((performance.now() - t0) / 1000).toFixed(2);
  // The worker's own time for the analysis (the rest: the filtered copy, queueing, drawing).
  const workerMs = Number(await page.getAttribute('[data-testid="rfm-status"]', 'data-ms'));
  return { seconds, workerMs };
}

/**
 * The filter bar on the heatmap view: one value of the first dimension (the sample's province with
 * the most rows), then a date range (the data's last calendar year), then cleared; each timed from
 * the click to the heatmap redrawn with the new analysis. Filtering never re-imports.
 */
async function measureFilter(page) {
  await page.click('[data-testid="nav-rfm"]');
  await page.waitForSelector('[data-testid="rfm-heatmap"]', { timeout: 600_000 });
  await page.click('[data-testid="filter-add"]');
  const dimension = await page.$eval(
    '[data-testid="filter-dimension"] option:not([disabled])',
    (o) => o.value
  );
  let t0 = performance.now();
  await page.selectOption('[data-testid="filter-dimension"]', dimension);
  const first = page.locator('[data-testid="filter-values"] label[data-value]').first();
  await first.waitFor({ timeout: 600_000 });
  const filterValuesS = +((performance.now() - t0) / 1000).toFixed(2);
  const value = await first.getAttribute('data-value');
  const valueRows = Number(await first.getAttribute('data-rows'));
  await first.locator('input').check();
  t0 = performance.now();
  await page.click('[data-testid="filter-apply"]');
  const byValue = await heatmapRedrawn(page, t0);
  await page.click('[data-testid="filter-clear"]');
  await heatmapRedrawn(page, performance.now());
  t0 = performance.now();
  await page.click('[data-testid="filter-preset-lastYear"]');
  const byRange = await heatmapRedrawn(page, t0);
  t0 = performance.now();
  await page.click('[data-testid="filter-clear"]');
  const cleared = await heatmapRedrawn(page, t0);
  return {
    filterDimension: dimension,
    filterValue: value,
    filterValueRows: valueRows,
    filterValuesS,
    filterValueS: byValue.seconds,
    filterValueWorkerMs: byValue.workerMs,
    filterRangeS: byRange.seconds,
    filterRangeWorkerMs: byRange.workerMs,
    filterClearS: cleared.seconds,
    // Each filter change is saved with the workspace: one write of the whole database.
    saveExportMs: Number(await page.getAttribute('[data-testid="save-status"]', 'data-export-ms')),
    saveWriteMs: Number(await page.getAttribute('[data-testid="save-status"]', 'data-write-ms'))
  };
}

/** Lifetime value: fit on the default calibration end (the last date), then the churn lists. */
async function measureClv(page) {
  await page.click('[data-testid="nav-clv"]');
  await page.waitForSelector('[data-testid="clv-fit"]:not([disabled])');
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
  let t0 = performance.now();
  await page.click('[data-testid="clv-fit"]');
  await page.waitForSelector('[data-testid="clv-params"]', { timeout: 600_000 });
  const clvFitS = +((performance.now() - t0) / 1000).toFixed(2);
  const longestTaskMs = Math.round(Math.max(0, ...(await page.evaluate(() => window.longTasks))));
  t0 = performance.now();
  await page.click('[data-testid="nav-churn"]');
  await page.waitForSelector('[data-testid="churn-tab-spendDrop"]:not([data-count=""])', {
    timeout: 600_000
  });
  const churnListsS = +((performance.now() - t0) / 1000).toFixed(2);
  return { clvFitS, clvLongestMainThreadTaskMs: longestTaskMs, churnListsS };
}

if (!existsSync('build/index.html')) throw new Error('Run `npm run build` first.');
const results = [];
for (const rows of sizes) {
  const r = await run(rows);
  console.log(JSON.stringify(r));
  results.push(r);
}
rmSync(dataDir, { recursive: true, force: true });
console.table(results);
writeFileSync(
  path.join(outDir, 'import.json'),
  JSON.stringify({ date: new Date().toISOString(), results }, null, 2)
);
