// Proves at the network level (a recording proxy that every request, workers included, must pass)
// that an import session never leaves the origin; also the sample, add/replace and cancel flows.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  clickForDownload,
  axeViolations,
  confirmAndReadReport,
  launch,
  openApp,
  pickFile,
  openView,
  readPrivacyCounts,
  readReport,
  setRole,
  waitForOfflineCopy,
  waitForSettled,
  type Session
} from './app';
import { DATASET_FILES, itWithData } from '../datasets';
import { VIEWS } from '../../src/lib/state/views';

interface Recorded {
  method: string;
  url: string;
}
const proxyLog = async (): Promise<Recorded[]> => (await fetch(inject('proxyLogUrl'))).json();
const clearLog = () => fetch(inject('proxyLogUrl'), { method: 'DELETE' });
/**
 * Chromium's browser process phones its vendor (sign-in, component updates) whatever page is
 * open; those requests never come from the page or a worker (checked against Playwright's view
 * of page and worker traffic). Anything else leaving the origin fails the test.
 */
const isChromiumItself = (r: Recorded) =>
  /(^|\.)(google\.com|googleapis\.com|gvt1\.com)$/.test(
    r.method === 'CONNECT' ? r.url.replace(/:\d+$/, '') : new URL(r.url).hostname
  );

/**
 * The browser checks now and then whether the service worker script changed (a GET of the app's
 * own script, carrying nothing of the user's); it is how a new version of the app arrives, so it
 * is counted and shown apart, not hidden.
 */
const isUpdateCheck = (r: Recorded) =>
  r.method === 'GET' && new URL(r.url).pathname === '/service-worker.js';

describe(`privacy and import flow (TZ ${process.env.TZ})`, () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch({ proxy: true });
    await clearLog();
  });
  afterAll(async () => s?.close());

  it('loads the built-in sample in one click', async () => {
    await openApp(s.page, 'zh-CN');
    await s.page.getByRole('button', { name: '试用示例数据' }).click();
    const r = await readReport(s.page);
    expect(r.rowsRead).toBeGreaterThan(45_000);
    expect(r.customers).toBeGreaterThan(2_500);
    expect(r.returns).toBeGreaterThan(0);
    expect(r.dateFrom.slice(0, 7)).toBe('2023-01');
  });

  itWithData(
    ['cdnowElog', 'onlineRetail'],
    'adds a second dataset, cancels a third import, and keeps loaded data intact',
    async () => {
      await pickFile(s.page, DATASET_FILES.cdnowElog);
      await s.page.check('input[type=radio][value="add"]');
      await setRole(s.page, 'masterid', 'dimension');
      await setRole(s.page, 'sampleid', 'customer_id');
      const r = await confirmAndReadReport(s.page);
      expect(r.rowsRead).toBe(6_919);
      // The sample's orders, targets, master, survey responses, complaints and receivables, and CDNOW.
      expect(await s.page.locator('[data-testid="data-view"] [aria-pressed]').count()).toBe(7);

      // A large import cancelled part-way leaves both datasets as they were.
      await pickFile(s.page, DATASET_FILES.onlineRetail);
      await s.page.check('input[type=radio][value="replace"]');
      await s.page.click('[data-testid="confirm-mapping"]');
      await s.page.waitForSelector('[data-testid="import-progress"]');
      await s.page.click('[data-testid="cancel-import"]');
      await s.page.waitForSelector('[data-testid="error"][data-code="cancelled"]');
      await s.page.getByRole('button', { name: '取消' }).first().click();
      expect(await s.page.locator('[data-testid="data-view"] [aria-pressed]').count()).toBe(7);
      const after = await readReport(s.page);
      expect(after.rowsRead).toBe(6_919);
      // Saved before the next test reloads (the status says "changes not saved yet" until then).
      await s.page.waitForSelector('[data-testid="save-status"][data-state="saved"]', {
        timeout: 60_000
      });
    }
  );

  it('shows the privacy panel from the keyboard, in both languages, axe-clean', async () => {
    for (const [lang, title, close] of [
      ['zh-CN', '隐私：数据只留在本浏览器中', '关闭'],
      ['en', 'Privacy: what stays in this browser', 'Close']
    ] as const) {
      await openApp(s.page, lang);
      // Keyboard: Tab reaches the header button and Enter opens the dialog.
      const button = s.page.locator('[data-testid="privacy-open"]');
      for (let i = 0; i < 10 && !(await button.evaluate((b) => b === document.activeElement)); i++)
        await s.page.keyboard.press('Tab');
      await s.page.keyboard.press('Enter');
      const panel = s.page.getByRole('dialog', { name: title });
      await panel.waitFor();
      const counts = s.page.locator('[data-testid="privacy-counts"][data-engine-counted="true"]');
      await counts.waitFor();
      expect(await counts.getAttribute('data-other')).toBe('0');
      const csp = s.page.locator('[data-testid="privacy-csp"]');
      expect(await csp.locator('tr[data-directive="connect-src"] td').innerText()).toBe("'self'");
      expect(await csp.locator('tr[data-directive="default-src"] td').innerText()).toBe("'self'");
      // Every registered localStorage key is listed, stored or not.
      const rows = s.page.locator('[data-testid="privacy-storage"] tbody tr');
      const keys = await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-key')));
      expect(keys).toEqual(
        expect.arrayContaining(['customer-lens.lang', 'customer-lens.mapping.'])
      );
      expect(await axeViolations(s.page)).toEqual([]);
      // Closes with its button or with Escape.
      if (lang === 'en') await panel.getByRole('button', { name: close }).click();
      else await s.page.keyboard.press('Escape');
      await panel.waitFor({ state: 'hidden' });
    }
  });

  it('made no request outside the origin', async () => {
    const base = inject('baseUrl');
    const origin = new URL(base).host;
    // What the page and its workers requested, as Playwright saw it over the DevTools protocol.
    // The worker's own fetch of the sql.js wasm is in the list, so worker traffic is covered.
    expect(s.requests.some((u) => u.endsWith('.wasm'))).toBe(true);
    const outside = s.requests.filter((u) => !u.startsWith(base) && !/^(blob|data):/.test(u));
    expect(outside).toEqual([]);

    // Everything that crossed the network, from any process, went through the recording proxy.
    const log = await proxyLog();
    const appTraffic = log.filter((r) => r.method !== 'CONNECT' && new URL(r.url).host === origin);
    expect(appTraffic.length).toBeGreaterThan(0);
    expect(appTraffic.filter((r) => r.method !== 'GET')).toEqual([]);
    const foreign = log.filter((r) => !appTraffic.includes(r) && !isChromiumItself(r));
    console.log(
      `privacy: ${appTraffic.length} requests to the app's origin (all GET), ${foreign.length} elsewhere from the app, ${log.length - appTraffic.length - foreign.length} from Chromium itself`
    );
    expect(foreign).toEqual([]);
  });

  itWithData(
    ['superstore'],
    'another full import with everything loaded makes no request at all',
    async () => {
      // Everything loaded includes the offline copy: it is stored once the page has been idle
      // for a moment, which back-to-back imports may not have allowed yet.
      await waitForOfflineCopy(s.page);
      await clearLog();
      // The import lands on the Overview and loads the heatmap's code while it reads: both are
      // opened first (opening a view the first time fetches its code from the app's own origin;
      // the import itself fetches nothing).
      await openView(s.page, 'overview');
      await openView(s.page, 'rfm');
      await openView(s.page, 'data');
      const before = s.requests.length;
      await pickFile(s.page, DATASET_FILES.superstore);
      const r = await confirmAndReadReport(s.page);
      expect(r.rowsRead).toBe(9_994);
      await s.page.click('[data-testid="data-view"] th:nth-child(2) button');
      await s.page.fill('[data-testid="data-search"]', 'Claire');
      await s.page.waitForSelector('[data-testid="data-total"]:not([data-total="0"])');
      expect((await proxyLog()).filter((r) => !isChromiumItself(r) && !isUpdateCheck(r))).toEqual(
        []
      );
      expect(s.requests.slice(before)).toEqual([]);
    }
  );
});

/** Clicks every download button the view shows (charts' SVG/PNG/CSV, tables, lists); returns the count. */
async function downloadEverything(page: Page, view: string): Promise<number> {
  // Handles, not a positional locator: a figure disables its buttons while a PNG is encoded,
  // which would shift positions in a list of enabled buttons.
  const buttons = await page
    .locator('main button:visible:enabled')
    .filter({ hasText: /^(SVG|PNG)$|CSV|Excel|XLSX/ })
    .elementHandles();
  for (const [i, button] of buttons.entries()) {
    const label = `${view}: button ${i + 1} of ${buttons.length}, “${await button.innerText()}”`;
    const file = await clickForDownload(page, () => button.click()).catch(async (e: Error) => {
      const state = await button
        .evaluate((b: HTMLButtonElement) =>
          b.isConnected ? `still on the page${b.disabled ? ', disabled' : ''}` : 'gone'
        )
        .catch(() => 'unreadable');
      throw new Error(`${label} (the button is ${state}): ${e.message}`);
    });
    expect(await file.failure(), label).toBeNull();
  }
  return buttons.length;
}

describe(`a full session over the network (TZ ${process.env.TZ})`, () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch({ proxy: true });
    await clearLog();
  });
  afterAll(async () => s?.close());

  itWithData(
    ['onlineRetail', 'cdnowElog', 'superstore'],
    'imports every dataset, visits every view, downloads every export and fits CLV: nothing leaves the origin, nothing reaches the network after the shell',
    async () => {
      const base = inject('baseUrl');
      const origin = new URL(base).host;
      const own = (log: Recorded[]) =>
        log.filter((r) => r.method !== 'CONNECT' && new URL(r.url).host === origin);
      const fromApp = (log: Recorded[]) => log.filter((r) => !isChromiumItself(r));

      // First visit: the shell and the offline copy come over the network.
      await openApp(s.page, 'en');
      await waitForOfflineCopy(s.page);
      const atFirstVisit = await readPrivacyCounts(s.page);
      const firstVisit = await proxyLog();
      expect(fromApp(firstVisit).length).toBe(own(firstVisit).length);
      // The panel's count is measured in the page and its workers, the proxy's at the network.
      // They agree exactly, less the browser's own fetches of the service worker script.
      expect(atFirstVisit).toMatchObject({ other: 0, ownOffline: 0, afterShell: 0 });
      expect(atFirstVisit.ownNetwork).toBe(own(firstVisit).filter((r) => !isUpdateCheck(r)).length);

      // Reopen: the shell now comes from the offline copy. Once it is up (the engine too, which
      // the privacy panel loads), start counting.
      await clearLog();
      await s.page.reload();
      await s.page.waitForSelector('h1');
      const atShell = await readPrivacyCounts(s.page);
      // Every request the panel counted went through the proxy first: wait until its log has them.
      await expect
        .poll(async () => own(await proxyLog()).filter((r) => !isUpdateCheck(r)).length)
        .toBeGreaterThanOrEqual(atShell.ownNetwork);
      const reload = await proxyLog();
      await clearLog();
      const before = s.requests.length;

      await pickFile(s.page, DATASET_FILES.onlineRetail);
      const retail = await confirmAndReadReport(s.page);
      expect(retail.rowsRead).toBeGreaterThan(500_000);
      await pickFile(s.page, DATASET_FILES.cdnowElog);
      await s.page.check('input[type=radio][value="add"]');
      await setRole(s.page, 'masterid', 'dimension');
      await setRole(s.page, 'sampleid', 'customer_id');
      expect((await confirmAndReadReport(s.page)).rowsRead).toBe(6_919);
      await pickFile(s.page, DATASET_FILES.superstore);
      await s.page.check('input[type=radio][value="add"]');
      expect((await confirmAndReadReport(s.page)).rowsRead).toBe(9_994);

      let downloads = 0;
      for (const view of VIEWS) {
        await openView(s.page, view.id);
        await s.page.waitForSelector('main h2');
        await waitForSettled(s.page);
        if (view.id === 'clv') {
          await s.page.click('[data-testid="clv-fit"]');
          await s.page.locator('[data-testid="clv-params"]').waitFor({ timeout: 120_000 });
        } else if (view.id === 'lifecycle') {
          await s.page.click('[data-testid="stage-loyal"]');
          await s.page.waitForSelector('[data-testid="stage-customers-csv"]');
        } else if (view.id === 'migration') {
          await s.page.locator('[data-testid="migration-flows"] tr button').first().click();
          await s.page.waitForSelector('[data-testid="flow-customers-csv"]');
        }
        await waitForSettled(s.page);
        downloads += await downloadEverything(s.page, view.id);
      }
      expect(downloads).toBeGreaterThan(VIEWS.length);

      // The whole session, as the page and its workers asked and as the network saw it.
      const session = await proxyLog();
      const outside = s.requests.filter((u) => !u.startsWith(base) && !/^(blob|data):/.test(u));
      expect(outside).toEqual([]);
      const updateChecks = session.filter(isUpdateCheck);
      expect(fromApp(session).filter((r) => !isUpdateCheck(r))).toEqual([]);
      expect(updateChecks.length).toBeLessThanOrEqual(3);

      // The privacy panel's live count agrees: nothing else, nothing after the shell, and its
      // count of the app's own files over the network is what the proxy saw since the reload.
      const panel = await readPrivacyCounts(s.page);
      const visibleToPage = own(reload).filter((r) => !isUpdateCheck(r));
      console.log(
        `privacy (full session): first visit ${own(firstVisit).length} requests to the origin ` +
          `(panel: ${JSON.stringify(atFirstVisit)}), ` +
          `0 elsewhere from the app; reload ${own(reload).length} (${own(reload)
            .map((r) => new URL(r.url).pathname)
            .join(' ')}); session (3 imports, ${VIEWS.length} views, ${downloads} downloads, ` +
          `CLV fit) ${session.length} through the proxy (${fromApp(session).length} from the app, ` +
          `of which ${updateChecks.length} the browser's service-worker update check), ` +
          `${s.requests.length - before} seen by Playwright (served by the offline copy); ` +
          `panel at shell ${JSON.stringify(atShell)}, at end ${JSON.stringify(panel)}`
      );
      expect(panel.other).toBe(0);
      expect(panel.afterShell).toBe(0);
      expect(panel.ownNetwork).toBe(visibleToPage.length);
      expect(panel.ownOffline).toBeGreaterThan(atShell.ownOffline);
    }
  );
});
