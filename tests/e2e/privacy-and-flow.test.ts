// Proves at the network level (a recording proxy that every request, workers included, must pass)
// that an import session never leaves the origin; also the sample, add/replace and cancel flows.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { confirmAndReadReport, launch, openApp, pickFile, readReport, setRole, SHARED, type Session } from './app';

interface Recorded {
  method: string;
  url: string;
}
const proxyLog = async (): Promise<Recorded[]> => (await fetch(inject('proxyLogUrl'))).json();
const clearLog = () => fetch(inject('proxyLogUrl'), { method: 'DELETE' });

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
    const origin = new URL(inject('baseUrl')).host;
    const log = await proxyLog();
    expect(log.length).toBeGreaterThan(0);
    const foreign = log.filter((r) => r.method === 'CONNECT' || new URL(r.url).host !== origin);
    expect(foreign).toEqual([]);
    expect(log.filter((r) => r.method !== 'GET')).toEqual([]);
    // Playwright's own view (page and worker requests) agrees.
    const outside = s.requests.filter((u) => !u.startsWith(inject('baseUrl')) && !/^(blob|data):/.test(u));
    expect(outside).toEqual([]);

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
    expect(await proxyLog()).toEqual([]);
    expect(s.requests.slice(before)).toEqual([]);
  });
});
