// Works offline after the first visit: the service worker precaches the app, the DB worker and the
// sql.js wasm; with the network cut the page reloads and imports files (at the root and in a sub-folder).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer } from '../../scripts/serve.js';
import {
  confirmAndReadReport,
  launch,
  openView,
  pickFile,
  readReport,
  waitForOfflineCopy,
  type Session
} from './app';

const CSV =
  'Customer ID,Order Date,Amount\n' +
  'C-1,2024-01-05,100.00\nC-1,2024-03-10,50.50\nC-2,2024-02-29,20.00\nC-3,2024-03-31,9.50\n';

/** Cuts the network: the browser is offline and any request that still tries is refused. */
async function cutNetwork(s: Session): Promise<string[]> {
  const attempted: string[] = [];
  await s.context.setOffline(true);
  await s.context.route('**/*', (route) => {
    attempted.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  return attempted;
}

/** Reloads offline, imports the test's CSV and the sample, and opens an analysis view. */
async function useOffline(page: Page, appUrl: string) {
  await page.goto(`${appUrl}?lang=en`);
  await page.waitForSelector('h1');
  await pickFile(page, { name: 'offline.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  const r = await confirmAndReadReport(page);
  expect(r).toMatchObject({ rowsRead: 4, rowsAccepted: 4, customers: 3, totalAmount: 180 });
  await openView(page, 'overview');
  await page.waitForSelector('main h2');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  expect(await page.locator('[role="alert"]').allTextContents()).toEqual([]);
  expect(await page.locator('main').innerText()).toContain('3'); // three customers

  // The built-in sample comes from the offline copy too. It joins the restored workspace (its
  // report first shows the restored file's until the sample's import is done).
  await page.goto(`${appUrl}?lang=en&sample=1`);
  // The sample lands on the Overview once all its files are in.
  await page.waitForSelector('[data-testid="import-landed"][data-rows-read="50000"]', {
    timeout: 120_000
  });
  const sample = await readReport(page);
  expect(sample.rowsRead).toBe(50_000);
  await openView(page, 'rfm');
  await page.waitForSelector('main h2');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  expect(await page.locator('[role="alert"]').allTextContents()).toEqual([]);
}

describe(`offline after the first visit (TZ ${process.env.TZ})`, () => {
  let s: Session;
  let dir = '';
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => {
    await s?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reloads with the network cut and imports a file and the sample', async () => {
    const base = inject('baseUrl');
    await s.page.goto(`${base}?lang=en`);
    const cached = await waitForOfflineCopy(s.page);
    expect(cached).toContain('/');
    expect(cached).toContain('/clv');
    expect(cached).toContain('/sample/orders.csv');
    expect(cached.some((p) => /^\/_app\/immutable\/workers\/worker-.*\.js$/.test(p))).toBe(true);
    expect(cached.some((p) => /^\/_app\/immutable\/workers\/chunks\/.*\.js$/.test(p))).toBe(true);
    expect(cached.some((p) => /^\/_app\/immutable\/workers\/assets\/.*\.wasm$/.test(p))).toBe(true);
    const attempted = await cutNetwork(s);
    await useOffline(s.page, base);
    // Nothing needed the network; the browser may only have tried to check for a new app version.
    expect(attempted.filter((u) => !u.endsWith('/service-worker.js'))).toEqual([]);
    await s.context.unroute('**/*');
    await s.context.setOffline(false);
  });

  it('works the same when the site is served from a sub-folder', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lens-subfolder-'));
    cpSync('build', path.join(dir, 'tools', 'lens'), { recursive: true });
    const server = await startServer({ root: dir, port: 0 });
    try {
      const appUrl = `${server.url}tools/lens/`;
      await s.page.goto(`${appUrl}?lang=en`);
      const cached = await waitForOfflineCopy(s.page);
      expect(cached).toContain('/tools/lens/');
      expect(cached).toContain('/tools/lens/sample/orders.csv');
      expect(
        cached.some((p) => /^\/tools\/lens\/_app\/immutable\/workers\/assets\/.*\.wasm$/.test(p))
      ).toBe(true);
      const scope = await s.page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      expect(scope).toBe(appUrl);
      await cutNetwork(s);
      await useOffline(s.page, appUrl);
    } finally {
      await s.context.unroute('**/*');
      await s.context.setOffline(false);
      await server.close();
    }
  });
});
