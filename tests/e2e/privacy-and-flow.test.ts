// Proves at the network level (a recording proxy that every request, workers included, must pass)
// that an import session never leaves the origin; also the sample, add/replace and cancel flows.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  confirmAndReadReport,
  launch,
  openApp,
  pickFile,
  readReport,
  setRole,
  SHARED,
  type Session
} from './app';

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

  it('adds a second dataset, cancels a third import, and keeps loaded data intact', async () => {
    const file = path.join(SHARED, 'cdnow/cdnowElog.csv');
    if (!existsSync(file)) return console.warn(`SKIPPED: ${file} absent`);
    await pickFile(s.page, file);
    await s.page.check('input[type=radio][value="add"]');
    await setRole(s.page, 'masterid', 'dimension');
    await setRole(s.page, 'sampleid', 'customer_id');
    const r = await confirmAndReadReport(s.page);
    expect(r.rowsRead).toBe(6_919);
    expect(await s.page.locator('[data-testid="data-view"] [aria-pressed]').count()).toBe(2);

    // A large import cancelled part-way leaves both datasets as they were.
    const retail = path.join(SHARED, 'online_retail/online_retail.csv.gz');
    await pickFile(s.page, retail);
    await s.page.check('input[type=radio][value="replace"]');
    await s.page.click('[data-testid="confirm-mapping"]');
    await s.page.waitForSelector('[data-testid="import-progress"]');
    await s.page.click('[data-testid="cancel-import"]');
    await s.page.waitForSelector('[data-testid="error"][data-code="cancelled"]');
    await s.page.getByRole('button', { name: '取消' }).first().click();
    expect(await s.page.locator('[data-testid="data-view"] [aria-pressed]').count()).toBe(2);
    const after = await readReport(s.page);
    expect(after.rowsRead).toBe(6_919);
  });

  it('made no request outside the origin, and none at all once the engine was loaded', async () => {
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

    // Another full import with everything loaded makes no request at all.
    await clearLog();
    const before = s.requests.length;
    const file = path.join(SHARED, 'superstore/Sample - Superstore.csv');
    if (!existsSync(file)) return console.warn(`SKIPPED: ${file} absent`);
    await pickFile(s.page, file);
    const r = await confirmAndReadReport(s.page);
    expect(r.rowsRead).toBe(9_994);
    await s.page.click('[data-testid="data-view"] th:nth-child(2) button');
    await s.page.fill('[data-testid="data-search"]', 'Claire');
    await s.page.waitForSelector('[data-testid="data-total"]:not([data-total="0"])');
    expect((await proxyLog()).filter((r) => !isChromiumItself(r))).toEqual([]);
    expect(s.requests.slice(before)).toEqual([]);
  });
});
