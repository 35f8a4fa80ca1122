// Shared e2e helpers: launch Debian's Chromium, open the app, import files, read the report.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Download, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../scripts/chromium.js';

export const TIME_ZONE = process.env.TZ || 'Asia/Shanghai';

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Every request Playwright saw (page and workers). */
  requests: string[];
  close(): Promise<void>;
}

/** Launches Chromium with a fresh profile, optionally routing all traffic through the recording proxy. */
export async function launch(opts: { proxy?: boolean } = {}): Promise<Session> {
  const profile = mkdtempSync(path.join(tmpdir(), 'lens-chromium-'));
  const args = [...CHROMIUM_FLAGS];
  if (opts.proxy) {
    args.push(`--proxy-server=${inject('proxyUrl')}`, '--proxy-bypass-list=<-loopback>');
  }
  // A persistent context is how Playwright takes a fresh --user-data-dir of our own.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args,
    headless: true,
    timezoneId: TIME_ZONE,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 }
  });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('dialog', (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  keepTrail(page);
  openContexts.add(context);
  return {
    context,
    page,
    requests,
    async close() {
      openContexts.delete(context);
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  };
}

/** The browsers of this file still open: a failed test describes their pages (tests/e2e/setup.ts). */
const openContexts = new Set<BrowserContext>();

/** `describePage` of every page still open, for a test that failed without saying where it stood. */
export async function describeOpenPages(): Promise<string> {
  const pages = [...openContexts].flatMap((c) => c.pages());
  const parts = await Promise.all(
    pages.map(async (p, i) => `page ${i + 1} of ${pages.length}:\n${await describePage(p)}`)
  );
  return parts.join('\n\n');
}

/** The last lines the page and its workers logged, kept to explain a wait that timed out. */
const trails = new WeakMap<Page, string[]>();
const TRAIL_LINES = 60;

function keepTrail(page: Page) {
  const trail: string[] = [];
  trails.set(page, trail);
  const started = Date.now();
  const add = (line: string) => {
    trail.push(`+${((Date.now() - started) / 1000).toFixed(1)} s ${line}`);
    if (trail.length > TRAIL_LINES) trail.shift();
  };
  page.on('console', (m) => add(`page ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => add(`page error: ${e.message}`));
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) add(`navigated to ${f.url()}`);
  });
  page.on('worker', (w) => {
    const name = w.url().split('/').pop();
    add(`worker started: ${name}`);
    w.on('console', (m) => add(`worker ${m.type()}: ${m.text()}`));
    w.on('close', () => add(`worker closed: ${name}`));
  });
}

/**
 * What the page shows and waits for, and what it logged last: the message of a wait that timed
 * out (a CI log must say where it stood).
 */
export async function describePage(page: Page): Promise<string> {
  const state = await page
    .evaluate(() => {
      const html = document.documentElement;
      const text = (sel: string) =>
        [...document.querySelectorAll(sel)].map((e) => e.textContent?.trim()).join(' | ');
      return [
        `url ${location.href}`,
        `unanswered requests ${html.dataset.dbPending ?? '0'}: ${html.dataset.dbWaiting ?? ''}`,
        `status: ${text('[role="status"], [role="alert"]')}`,
        `file input disabled: ${document.querySelector('input[type=file]')?.hasAttribute('disabled')}`,
        `h2: ${text('main h2')}`
      ].join('\n');
    })
    .then(async (lines) => {
      // Web Locks of the origin (every tab and worker): a save waiting for one shows here.
      const locks = await page
        .evaluate(async () => {
          const q = await navigator.locks.query();
          const one = (l: LockInfo) => `${l.name} (${l.mode}, ${l.clientId?.slice(0, 8)})`;
          return `held: ${(q.held ?? []).map(one).join(', ')}; waiting: ${(q.pending ?? []).map(one).join(', ')}`;
        })
        .catch((err: Error) => `unreadable: ${err.message}`);
      return `${lines}\nlocks ${locks}`;
    })
    .catch((err: Error) => `(the page did not answer: ${err.message})`);
  return `${state}\nlast lines:\n${(trails.get(page) ?? []).join('\n')}`;
}

/**
 * Blink drops a download without a word when it is the 11th of a burst that began less than a
 * second before (LocalFrame::ShouldThrottleDownload: 25 clicks with no pause gave 17 downloads
 * here). No person clicks that fast; a test clicking every button of a view does. Download clicks
 * on a page are spaced at least this far apart, so ten of them always span more than a second.
 */
const DOWNLOAD_SPACING_MS = 120;
const lastDownloadClick = new WeakMap<Page, number>();

/** Clicks (`click`) for a download and resolves with it, paced as a person would click. */
export async function clickForDownload(
  page: Page,
  click: () => Promise<unknown>,
  timeout = 30_000
): Promise<Download> {
  const wait = (lastDownloadClick.get(page) ?? -Infinity) + DOWNLOAD_SPACING_MS - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  lastDownloadClick.set(page, Date.now());
  const [file] = await Promise.all([page.waitForEvent('download', { timeout }), click()]);
  return file;
}

/** Opens the app in a language. */
export async function openApp(page: Page, lang: 'en' | 'zh-CN' = 'en', extra = '') {
  await page.goto(`${inject('baseUrl')}?lang=${lang}${extra}`);
  await page.waitForSelector('h1');
}

/** Opens the header's workspace menu (if it is closed). */
export async function openMenu(page: Page) {
  if ((await page.getAttribute('[data-testid="workspace-menu"]', 'aria-expanded')) !== 'true')
    await page.click('[data-testid="workspace-menu"]');
}

/** Starts an empty workspace (a reload restores the last one), once restoring has finished. */
export async function newWorkspace(page: Page) {
  await page.waitForSelector('[data-testid="restoring"]', { state: 'detached' });
  await openMenu(page);
  await page.click('[data-testid="workspace-new"]');
  await page.waitForSelector('[data-testid="workspace-menu"][aria-expanded="false"]');
  await page.waitForSelector('[data-testid="import-report"]', { state: 'detached' });
}

/** Picks a file with the start page's file input and waits for the mapping step. */
export async function pickFile(
  page: Page,
  file: string | { name: string; mimeType: string; buffer: Buffer }
) {
  await page.locator('input[type=file]').setInputFiles(file);
  // Under CI's parallel load a worker still finishing the previous import's background work
  // took over 30 s once (the default) to answer.
  await page
    .waitForSelector('[data-testid="mapping-step"], [data-testid="error"]', { timeout: 60_000 })
    .catch(async (err: Error) => {
      throw new Error(`${err.message}\n${await describePage(page)}`);
    });
}

/** Sets the role of the column whose header is `header`. */
export async function setRole(page: Page, header: string, role: string) {
  await page.locator(`select[data-header="${header}"]`).selectOption(role);
}

/** The role currently chosen for the column whose header is `header`. */
export async function roleOf(page: Page, header: string) {
  return page.locator(`select[data-header="${header}"]`).inputValue();
}

export interface ReportFigures {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  customers: number;
  orders: number;
  returns: number;
  dateFrom: string;
  dateTo: string;
  totalAmount: number;
  encoding: string;
  reasons: Record<string, number>;
  /** Warnings about kept rows: reason → row count. */
  warnings: Record<string, number>;
}

/** Confirms the mapping, waits for the import report and reads its figures. */
export async function confirmAndReadReport(page: Page, timeout = 120_000): Promise<ReportFigures> {
  await page.click('[data-testid="confirm-mapping"]');
  return readReport(page, timeout);
}

/**
 * Follows the landed notice's link back to the Data page. Once on CI (under load) a click made
 * right as the Overview appeared left the page on the Overview; that click is made again, once,
 * and said so in the log, rather than failing a test about the import's figures.
 */
async function followReportLink(page: Page) {
  const dataPage = /\/(\?|$)/;
  await page.waitForURL(/\/overview(\?|$)/);
  for (let attempt = 1; ; attempt++) {
    await page.click('[data-testid="import-report-link"]');
    try {
      await page.waitForURL(dataPage, { timeout: 15_000 });
      return;
    } catch (err) {
      if (attempt === 2) throw err;
      console.warn(`the report link left the page on ${page.url()}; clicking it again`);
    }
  }
}

/**
 * Reads the import report. An orders import (or the sample) lands on the Overview: its notice links
 * back to the Data page, where the report is (the Data page shows no report while landing).
 */
export async function readReport(page: Page, timeout = 120_000): Promise<ReportFigures> {
  const report = page.locator('[data-testid="import-report"]');
  const landed = page.locator('[data-testid="import-landed"]');
  const explain = async (err: Error) => {
    throw new Error(`${err.message}\n${await describePage(page)}`);
  };
  await page
    .locator('[data-testid="import-report"], [data-testid="import-landed"]')
    .first()
    .waitFor({ timeout })
    .catch(explain);
  if (await landed.count()) await followReportLink(page);
  await report.waitFor({ timeout }).catch(explain);
  const attr = async (name: string) => (await report.getAttribute(name)) ?? '';
  const counts = async (table: string) => {
    const out: Record<string, number> = {};
    for (const row of await page.locator(`[data-testid="${table}"] tbody tr`).all()) {
      out[(await row.getAttribute('data-reason')) ?? ''] = Number(
        await row.getAttribute('data-count')
      );
    }
    return out;
  };
  const reasons = await counts('reject-reasons');
  const warnings = await counts('import-warnings');
  return {
    rowsRead: Number(await attr('data-rows-read')),
    rowsAccepted: Number(await attr('data-rows-accepted')),
    rowsRejected: Number(await attr('data-rows-rejected')),
    customers: Number(await attr('data-customers')),
    orders: Number(await attr('data-orders')),
    returns: Number(await attr('data-returns')),
    dateFrom: await attr('data-date-from'),
    dateTo: await attr('data-date-to'),
    totalAmount: Number(await attr('data-total-amount')),
    encoding: await attr('data-encoding'),
    reasons,
    warnings
  };
}

/** Completed saves of the open workspace since the page loaded (the header's save status). */
export async function saves(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid="save-status"]', 'data-saves'));
}

/**
 * Waits until a save completed after `before` saves and the status says saved; `before` -1: until
 * nothing is left to save (a change the worker reported before the page saw its effect, e.g. the
 * raw sheet's completion, has already turned the status to "not saved yet").
 */
export async function waitSaved(page: Page, before: number, timeout = 60_000) {
  await page
    .waitForFunction(
      (n) => {
        const el = document.querySelector('[data-testid="save-status"]');
        return (
          Number(el?.getAttribute('data-saves')) > n && el?.getAttribute('data-state') === 'saved'
        );
      },
      before,
      { timeout }
    )
    .catch(async (err: Error) => {
      throw new Error(`${err.message}\n${await describePage(page)}`);
    });
}

/**
 * Waits until the open workspace's saved settings (the file its newest catalog names) contain
 * `text`: a save counted by the status may be an earlier one still under way, and a reload before
 * this one lands restores the value before.
 */
export async function waitSettingsSaved(page: Page, text: string, timeout = 60_000) {
  await page.waitForFunction(
    async (wanted) => {
      // The settings file a restore would read: the one the newest whole catalog names for the
      // workspace opened last. A file is written before the catalog names it, and a reload in
      // between restores the one named before (CI once met the previous thresholds so).
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle('customer-lens');
      const read = async (name: string) => (await (await dir.getFileHandle(name)).getFile()).text();
      const catalogs: number[] = [];
      for await (const name of dir.keys()) {
        const m = /^catalog\.(\d+)\.json$/.exec(name);
        if (m) catalogs.push(Number(m[1]));
      }
      for (const seq of catalogs.sort((a, b) => b - a)) {
        try {
          const catalog = JSON.parse(await read(`catalog.${seq}.json`)) as {
            current: string | null;
            workspaces: { id: string; settingsGen?: number | null }[];
          };
          const rec = catalog.workspaces.find((w) => w.id === catalog.current);
          if (!rec?.settingsGen) return false;
          return (await read(`${rec.id}.${rec.settingsGen}.settings.json`)).includes(wanted);
        } catch {
          // Cut short or being written: the catalog before it, or the next poll.
        }
      }
      return false;
    },
    text,
    { timeout }
  );
}

/** Opens a view through the navigation bar (client-side: the data stays loaded). */
export async function openView(page: Page, id: string) {
  // On a phone the views sit behind the header's menu button.
  const link = page.locator(`[data-testid="nav-${id}"]`);
  // Whichever the page shows once drawn: the link, or (on a phone) the menu button.
  await page
    .locator(`[data-testid="nav-${id}"]:visible, [data-testid="menu-toggle"]:visible`)
    .first()
    .waitFor();
  if (!(await link.isVisible())) await page.click('[data-testid="menu-toggle"]');
  await link.click();
  await page.waitForURL(new RegExp(`/${id === 'data' ? '' : id}(\\?|$)`));
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8'
);

/** Runs axe in the page (evaluated over DevTools, so the page's CSP does not apply to it). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const found = (await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: unknown[] }> } }
    ).axe;
    return (await axe.run(document)).violations;
  })) as { id: string; impact: string; nodes: { target: string[] }[] }[];
  return found.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
  );
}

/** Waits until the service worker controls the page; returns the paths of its offline copy. */
export async function waitForOfflineCopy(page: Page): Promise<string[]> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
    timeout: 60_000
  });
  return page.evaluate(async () => {
    const name = (await caches.keys()).find((n) => n.startsWith('customer-lens-offline-'));
    if (!name) return [];
    return (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
  });
}

/** Opens the privacy panel and reads its live request counts (once the DB worker has answered). */
export async function readPrivacyCounts(page: Page) {
  await page.click('[data-testid="privacy-open"]');
  const counts = page.locator('[data-testid="privacy-counts"][data-engine-counted="true"]');
  await counts.waitFor();
  // The service worker's requests are in once a refresh that started after opening has finished.
  const seen = Number(await counts.getAttribute('data-refreshes'));
  await page.waitForFunction(
    (n) =>
      Number(
        document.querySelector('[data-testid="privacy-counts"]')?.getAttribute('data-refreshes')
      ) > n,
    seen
  );
  // One read, so a later refresh cannot mix two sets of figures.
  const result = await counts.evaluate((el) => {
    const n = (name: string) => Number(el.getAttribute(name));
    return {
      ownNetwork: n('data-own-network'),
      ownOffline: n('data-own-offline'),
      other: n('data-other'),
      afterShell: n('data-after-shell')
    };
  });
  await page.keyboard.press('Escape');
  return result;
}

/**
 * Waits until the view has settled: no database request unanswered (`<html data-db-pending>`),
 * nothing marked busy or loading, and every visible chart measured (a chart draws once it knows its
 * width).
 */
export async function waitForSettled(page: Page, timeout = 120_000) {
  await page.waitForFunction(
    () =>
      (document.documentElement.dataset.dbPending ?? '0') === '0' &&
      !document.querySelector('[aria-busy="true"], [data-loading="true"]') &&
      [...document.querySelectorAll('svg.chart-svg')].every(
        (svg) => svg.getAttribute('width') !== '0' || !svg.checkVisibility()
      ),
    undefined,
    { timeout }
  );
}
