// One run of the app in the bench: a fresh origin (its own server port, so no workspace, settings
// or service worker carry over) in a new page of the shared Chromium, from page ready to the RFM
// heatmap drawn, then to the end of the background work; on request, the timings of changes.
import { startServer } from '../serve.js';
import { step } from './util.js';

/**
 * Runs in the page before its own scripts: long main-thread tasks, and the worker's events (the
 * raw sheet finished, saves), each with the page's clock.
 */
function instrument() {
  const bench = {
    longTasks: /** @type {number[][]} */ ([]),
    events: /** @type {unknown[][]} */ ([])
  };
  Object.assign(window, { __bench: bench });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  /** An `{ event: … }` object up to 3 levels into a message (the RPC envelope may change). */
  const findEvent = (/** @type {unknown} */ v, /** @type {number} */ depth) => {
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v) || depth > 3) return null;
    const o = /** @type {Record<string, unknown>} */ (v);
    if (typeof o.event === 'string') return o;
    for (const k of ['payload', 'data', 'message']) {
      const found = findEvent(o[k], depth + 1);
      if (found) return found;
    }
    return null;
  };
  const Base = window.Worker;
  window.Worker = class extends Base {
    /** @param {string | URL} url @param {WorkerOptions} [options] */
    constructor(url, options) {
      super(url, options);
      this.addEventListener('message', (m) => {
        const e = findEvent(m.data, 0);
        if (!e) return;
        const save = /** @type {{ state?: string } | undefined} */ (e.save);
        bench.events.push([performance.now(), e.event, save?.state ?? null]);
      });
    }
  };
}

/** The heatmap's cells once every one is drawn with its count: `[r, f, count][]`, else null. */
function heatmapCells() {
  const root = document.querySelector('[data-testid="rfm-heatmap"]');
  const bins = Number(root?.getAttribute('data-bins'));
  if (!root || !bins) return null;
  const cells = [...root.querySelectorAll('[data-r][data-f][data-count]')].map((c) => [
    Number(c.getAttribute('data-r')),
    Number(c.getAttribute('data-f')),
    Number(c.getAttribute('data-count'))
  ]);
  return cells.length === bins * bins && cells.every((c) => c.every(Number.isFinite))
    ? cells
    : null;
}

/** Seconds since `t0` (node clock), 2 decimals. */
const since = (t0) => +((performance.now() - t0) / 1000).toFixed(2);

/**
 * @param {import('playwright-core').BrowserContext} context
 * @param {{ file: string, timeoutMs: number, label: string, interactions: boolean,
 *   sampler: () => import('./memory.js').Sampler }} opts
 */
export async function runApp(context, opts) {
  const { file, timeoutMs, label } = opts;
  const server = await startServer({ root: 'build', port: 0 });
  const page = await context.newPage();
  const origin = server.url.replace(/\/$/, '');
  let crashed = false;
  page.on('crash', () => (crashed = true));
  // Each step has its own deadline (`step`); Playwright's own waits get the same.
  page.setDefaultTimeout(timeoutMs);
  const s = (name, fn, ms = timeoutMs) => step(`${label}: ${name}`, fn, ms, () => crashed);
  /** Loops that retry stop once the page is gone (a step's deadline closes it). */
  const alive = () => {
    if (crashed || page.isClosed()) throw new Error('the page crashed or was closed');
  };
  try {
    await page.addInitScript(instrument);
    const sampler = opts.sampler();
    await s('page ready', async () => {
      await page.goto(`${server.url}?lang=en`, { waitUntil: 'load' });
      await page.waitForSelector('input[type=file]', { state: 'attached' });
    });
    const fcpMs = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null
    );
    const pageT0 = await page.evaluate(() => performance.now());
    const t0 = performance.now();

    await page.locator('input[type=file]').setInputFiles(file);
    const tHanded = since(t0);
    await s('mapping step', async () => {
      await page.waitForSelector('[data-testid="confirm-mapping"], [data-testid="error"]');
      if (await page.locator('[data-testid="error"]').count())
        throw new Error(
          `the app refused the file: ${await page.textContent('[data-testid="error"]')}`
        );
    });
    const tMapping = since(t0);
    await page.click('[data-testid="confirm-mapping"]');
    const tConfirmed = since(t0);

    // The navigation appears with the imported data; the app then lands on the Overview. Open the
    // heatmap as soon as its link can be clicked (again if the landing navigation won the race).
    await s('RFM heatmap link', () =>
      page.locator('[data-testid="nav-rfm"]').waitFor({ state: 'visible' })
    );
    const tNav = since(t0);
    const cells = await s('heatmap drawn', async () => {
      for (;;) {
        alive();
        if (!/\/rfm\/?$/.test(new URL(page.url()).pathname))
          await page.click('[data-testid="nav-rfm"]', { timeout: 5_000 }).catch(() => {});
        const handle = await page
          .waitForFunction(heatmapCells, null, { timeout: 1_000, polling: 'raf' })
          .catch(() => null);
        if (handle) return /** @type {number[][]} */ (await handle.jsonValue());
      }
    });
    const tHeatmap = since(t0);
    const peakAtHeatmap = sampler.peak();
    const cpuToHeatmapS = sampler.cpu();
    const asOf = await page.getAttribute('[data-testid="rfm-status"]', 'data-as-of');

    // Background work: the raw sheet's completion (the worker's `datasets-changed` event), then
    // saves until none follows for a quiet spell. The time is the last save's end.
    const QUIET_MS = 3_000;
    /** The worker events seen last (a run that never settles says what it saw). */
    let seen = /** @type {unknown[][]} */ ([]);
    const background = await s('background work done', async () => {
      for (;;) {
        alive();
        const { events, now } = await page.evaluate(() => ({
          events: /** @type {{ __bench: { events: unknown[][] } }} */ (
            /** @type {unknown} */ (window)
          ).__bench.events,
          now: performance.now()
        }));
        seen = events;
        const rawDone = events.find((e) => e[1] === 'datasets-changed');
        if (rawDone) {
          const after = events.filter((e) => e[1] === 'save' && e[0] >= rawDone[0]);
          const last = after.at(-1);
          if (last && last[2] === 'saved' && now - Number(last[0]) > QUIET_MS) {
            const state = await page.getAttribute('[data-testid="save-status"]', 'data-state');
            if (state !== 'saved') throw new Error(`save status reads ${state}`);
            return {
              rawCompleteS: +((Number(rawDone[0]) - pageT0) / 1000).toFixed(2),
              doneS: +((Number(last[0]) - pageT0) / 1000).toFixed(2),
              savesAfterRaw: after.filter((e) => e[2] === 'saved').length
            };
          }
        }
        await page.waitForTimeout(250);
      }
    }).catch((err) => {
      const tail = seen.slice(-8).map(([t, event, state]) => {
        const at = ((Number(t) - pageT0) / 1000).toFixed(1);
        return `${at} s ${event}${state ? ` ${state}` : ''}`;
      });
      throw new Error(`${err.message}; last worker events: ${tail.join(', ') || 'none'}`, {
        cause: err
      });
    });
    const peak = sampler.stop();
    const longTasks = await page.evaluate(
      () =>
        /** @type {{ __bench: { longTasks: number[][] } }} */ (/** @type {unknown} */ (window))
          .__bench.longTasks
    );
    const longest = (until) =>
      Math.round(
        Math.max(
          0,
          ...longTasks.filter(([start]) => start >= pageT0 && start <= until).map(([, d]) => d)
        )
      );
    const result = {
      fcpMs: fcpMs === null ? null : Math.round(fcpMs),
      handedOverS: tHanded,
      mappingS: tMapping,
      confirmedS: tConfirmed,
      navS: tNav,
      heatmapS: tHeatmap,
      cpuToHeatmapS,
      cpuToDoneS: sampler.cpu(),
      rawCompleteS: background.rawCompleteS,
      backgroundDoneS: background.doneS,
      savesAfterRaw: background.savesAfterRaw,
      longestTaskToHeatmapMs: longest(pageT0 + tHeatmap * 1000),
      longestTaskToDoneMs: longest(Infinity),
      asOf,
      cells,
      peakAtHeatmap,
      peak
    };
    if (opts.interactions) Object.assign(result, await measureChanges(page, s));
    // The Data page must agree that the raw sheet is complete (a check of the signal above).
    // (Again if the Data page passed us on to the Overview: it does once after an import when
    // the heatmap was opened before the landing.)
    await s('data page raw-complete', async () => {
      for (;;) {
        alive();
        if (new URL(page.url()).pathname !== '/')
          await page.click('[data-testid="nav-data"]', { timeout: 5_000 }).catch(() => {});
        const found = await page
          .waitForSelector('[data-testid="dataset-summary"][data-raw-complete="true"]', {
            timeout: 2_000
          })
          .catch(() => null);
        if (found) return;
      }
    });
    return result;
  } finally {
    await page.close().catch(() => {});
    await server.close();
    // Its service worker (kept running by the debugger) and workspace go with it: the profile
    // is shared by every run and the next baseline is the idle browser.
    // (Through another page: when the app's was the only one, a blank one for the moment — a
    // missing page here used to hide whatever had failed above.)
    const blank = context.pages().length ? null : await context.newPage();
    const cdp = await context.newCDPSession(blank ?? context.pages()[0]);
    try {
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
    } finally {
      await cdp.detach().catch(() => {});
      await blank?.close();
    }
  }
}

/**
 * Notes, in the page, when the next `change` event comes: a person's settings change starts
 * there. The driver's own steps (the fill, the dispatch, its polling: 20–50 ms here) are not the
 * app's; {@link inPageMs} reads the time from that event to the frame that showed the result.
 */
async function armChange(page) {
  await page.evaluate(() => {
    const w = /** @type {{ __changeAt?: number | null, __drawnAt?: number | null }} */ (
      /** @type {unknown} */ (window)
    );
    w.__changeAt = w.__drawnAt = null;
    document.addEventListener('change', () => (w.__changeAt = performance.now()), {
      capture: true,
      once: true
    });
  });
}

/** Milliseconds, in the page, from the change {@link armChange} noted to the redrawn frame. */
async function inPageMs(page) {
  return page.evaluate(() => {
    const w = /** @type {{ __changeAt?: number | null, __drawnAt?: number | null }} */ (
      /** @type {unknown} */ (window)
    );
    if (w.__changeAt == null || w.__drawnAt == null) throw new Error('change not timed in page');
    return Math.round(w.__drawnAt - w.__changeAt);
  });
}

/** Waits until the heatmap shows `bins` bins, the status is settled and satisfies `extra`. */
async function heatmapSettled(page, bins, extra = '') {
  await page.waitForFunction(
    ({ bins, extra }) => {
      const status = document.querySelector(
        `[data-testid="rfm-status"][data-loading="false"]${extra}`
      );
      const root = document.querySelector(`[data-testid="rfm-heatmap"][data-bins="${bins}"]`);
      const isDrawn =
        !!status &&
        !!root &&
        root.querySelectorAll('[data-r][data-f][data-count]').length === bins * bins;
      // The frame that shows it (see `inPageMs`).
      if (isDrawn) /** @type {{ __drawnAt?: number }} */ (window).__drawnAt = performance.now();
      return isDrawn;
    },
    { bins, extra },
    { polling: 'raf' }
  );
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
    { polling: 'raf' }
  );
  const seconds = since(t0);
  // The worker's own time for the analysis (the rest: the filtered copy, queueing, drawing).
  const workerMs = Number(await page.getAttribute('[data-testid="rfm-status"]', 'data-ms'));
  return { seconds, workerMs };
}

/**
 * Changes on the loaded data, each timed from the control's change to the result redrawn: bins
 * 5 → 4 → 5 and the as-of date 90 days earlier on the heatmap; a segment rule edit (Champions'
 * R from 5–5 to 4–5) on the rules page until its customer count changes; a filter by one value of
 * the first dimension, a date range and clearing on the heatmap; the CLV fit and churn lists.
 * @param {import('playwright-core').Page} page
 * @param {(name: string, fn: () => Promise<any>, ms?: number) => Promise<any>} s
 */
async function measureChanges(page, s) {
  const out = {};
  await s('open the heatmap again', async () => {
    await page.click('[data-testid="nav-rfm"]');
    await heatmapSettled(page, 5);
  });
  // A person pauses between two changes: within 120 ms of the last one, a settings change counts
  // as typing and waits out the pause (the views' queries debounce), which a bench must not time.
  const pause = () => page.waitForTimeout(1_000);
  await pause();
  await armChange(page);
  let t0 = performance.now();
  await page.selectOption('[data-testid="rfm-bins"]', '4');
  await s('bins 5 → 4', () => heatmapSettled(page, 4, '[data-bins="4"]'));
  out.binsChangeS = since(t0);
  out.binsChangeMs = await inPageMs(page);
  await pause();
  await armChange(page);
  t0 = performance.now();
  await page.selectOption('[data-testid="rfm-bins"]', '5');
  await s('bins 4 → 5', () => heatmapSettled(page, 5, '[data-bins="5"]'));
  out.binsBackS = since(t0);
  out.binsBackMs = await inPageMs(page);

  const asOf = String(await page.getAttribute('[data-testid="rfm-status"]', 'data-as-of'));
  const earlier = new Date(Date.parse(asOf) - 90 * 86_400_000).toISOString().slice(0, 10);
  await pause();
  await armChange(page);
  t0 = performance.now();
  await page.fill('[data-testid="as-of-date"]', earlier);
  await page.dispatchEvent('[data-testid="as-of-date"]', 'change');
  await s('as-of change', () => heatmapSettled(page, 5, `[data-as-of="${earlier}"]`));
  out.asOfChangeS = since(t0);
  out.asOfChangeMs = await inPageMs(page);
  // The worker's part of it (new base, scoring, summary); the rest is the round trip and drawing.
  out.asOfWorkerMs = Number(await page.getAttribute('[data-testid="rfm-status"]', 'data-ms'));
  await pause();
  await armChange(page);
  t0 = performance.now();
  await page.fill('[data-testid="as-of-date"]', asOf);
  await page.dispatchEvent('[data-testid="as-of-date"]', 'change');
  await s('as-of back', () => heatmapSettled(page, 5, `[data-as-of="${asOf}"]`));
  out.asOfBackS = since(t0);
  out.asOfBackMs = await inPageMs(page);

  // The rules page: Champions (rule 1) R 5–5 → 4–5 takes the (4, 5, 5) customers from Potential
  // Loyalist; timed until the rule's customer count changes.
  await page.click('[data-testid="nav-segments"]');
  const rules = page.locator('[data-testid="segment-rules"] tbody tr');
  const championsCount = rules.first().locator('td.num').last();
  await s('rules page', () => championsCount.waitFor());
  await page.waitForSelector('[data-testid="rfm-status"][data-loading="false"]');
  const before = await championsCount.textContent();
  const rMin = rules.first().locator('input[type=number]').first();
  await pause();
  await armChange(page);
  t0 = performance.now();
  await rMin.fill('4');
  await rMin.dispatchEvent('change');
  const championsText = (/** @type {string | null} */ b) => {
    const nums = document
      .querySelectorAll('[data-testid="segment-rules"] tbody tr')[0]
      ?.querySelectorAll('td.num');
    const now = nums?.[nums.length - 1]?.textContent ?? null;
    const settled =
      document.querySelector('[data-testid="rfm-status"]')?.getAttribute('data-loading') ===
      'false';
    const isDrawn = settled && now !== null && now !== b;
    if (isDrawn) /** @type {{ __drawnAt?: number }} */ (window).__drawnAt = performance.now();
    return isDrawn;
  };
  await s('rule edit', () => page.waitForFunction(championsText, before, { polling: 'raf' }));
  out.ruleEditS = since(t0);
  out.ruleEditMs = await inPageMs(page);
  const edited = await championsCount.textContent();
  await page.click('[data-testid="reset-rules"]');
  await s('rules reset', () => page.waitForFunction(championsText, edited, { polling: 'raf' }));

  // The filter bar on the heatmap view.
  await s('heatmap for the filter', async () => {
    await page.click('[data-testid="nav-rfm"]');
    await heatmapSettled(page, 5);
  });
  await page.click('[data-testid="filter-add"]');
  const dimension = await page.$eval(
    '[data-testid="filter-dimension"] option:not([disabled])',
    (o) => /** @type {HTMLOptionElement} */ (o).value
  );
  t0 = performance.now();
  await page.selectOption('[data-testid="filter-dimension"]', dimension);
  const first = page.locator('[data-testid="filter-values"] label[data-value]').first();
  await s('filter values', () => first.waitFor());
  out.filterValuesS = since(t0);
  out.filterDimension = dimension;
  out.filterValue = await first.getAttribute('data-value');
  await first.locator('input').check();
  t0 = performance.now();
  await page.click('[data-testid="filter-apply"]');
  const byValue = await s('filter by a value', () => heatmapRedrawn(page, t0));
  out.filterValueS = byValue.seconds;
  out.filterValueWorkerMs = byValue.workerMs;
  t0 = performance.now();
  await page.click('[data-testid="filter-clear"]');
  out.filterClearS = (await s('filter cleared', () => heatmapRedrawn(page, t0))).seconds;
  t0 = performance.now();
  await page.click('[data-testid="filter-preset-lastYear"]');
  out.filterRangeS = (await s('filter by a date range', () => heatmapRedrawn(page, t0))).seconds;
  t0 = performance.now();
  await page.click('[data-testid="filter-clear"]');
  await s('filter cleared again', () => heatmapRedrawn(page, t0));
  out.saveExportMs = Number(
    await page.getAttribute('[data-testid="save-status"]', 'data-export-ms')
  );
  out.saveWriteMs = Number(await page.getAttribute('[data-testid="save-status"]', 'data-write-ms'));

  // Lifetime value: fit on the default calibration end, then the churn lists.
  await page.click('[data-testid="nav-clv"]');
  await s('CLV page', () => page.waitForSelector('[data-testid="clv-fit"]:not([disabled])'));
  const mark = await page.evaluate(() => performance.now());
  t0 = performance.now();
  await page.click('[data-testid="clv-fit"]');
  await s('CLV fit', () => page.waitForSelector('[data-testid="clv-params"]'));
  out.clvFitS = since(t0);
  out.clvLongestTaskMs = Math.round(
    Math.max(
      0,
      ...(await page.evaluate(
        (m) =>
          /** @type {{ __bench: { longTasks: number[][] } }} */ (
            /** @type {unknown} */ (window)
          ).__bench.longTasks
            .filter(([start]) => start >= m)
            .map(([, d]) => d),
        mark
      ))
    )
  );
  t0 = performance.now();
  await page.click('[data-testid="nav-churn"]');
  await s('churn lists', () =>
    page.waitForSelector('[data-testid="churn-tab-spendDrop"]:not([data-count=""])')
  );
  out.churnListsS = since(t0);
  return out;
}
