// The workspace survives: reload restores data and settings, named workspaces, a damaged save
// falls back, .sqlite round trip, a crashed worker recovers, "forget everything" leaves nothing.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import initSqlJs from 'sql.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  confirmAndReadReport,
  launch,
  openApp,
  openMenu,
  openView,
  pickFile,
  readReport,
  saves,
  waitSaved as waitSavedFor,
  type ReportFigures,
  type Session
} from './app';

/** A small order file whose figures are easy to check: `n` customers, 3 orders each. */
function orders(name: string, n: number, base: number) {
  const lines = ['customer_id,order_date,amount'];
  for (let c = 1; c <= n; c++) {
    for (let k = 0; k < 3; k++) {
      const day = String(1 + ((c * 7 + k * 11) % 28)).padStart(2, '0');
      lines.push(`C${c},2024-0${1 + k}-${day},${base + c * 10 + k}`);
    }
  }
  return { name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') };
}
const FIRST = orders('first.csv', 12, 100);
const SECOND = orders('second.csv', 5, 50);

/** Waits until a save completed after `before` saves and the status says saved. */
const waitSaved = (page: Page, before: number) => waitSavedFor(page, before, 30_000);

/** After a (re)load: restore finished and the report of the active dataset is shown. */
async function restoredReport(page: Page): Promise<ReportFigures> {
  await page.waitForSelector('[data-testid="restoring"]', { state: 'detached' });
  return readReport(page, 30_000);
}

/** Waits until `name` is the open workspace and nothing is being restored. */
async function waitWorkspace(page: Page, name: string) {
  await page.waitForFunction(
    (name) =>
      document.querySelector('[data-testid="save-status"]')?.getAttribute('data-state') !==
        'restoring' &&
      document.querySelector('[data-testid="workspace-menu"]')?.textContent?.includes(name),
    name
  );
}

async function workspaceNames(page: Page): Promise<string[]> {
  await openMenu(page);
  return page
    .locator('[data-testid="workspace-item"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
}

describe('workspace persistence', () => {
  let s: Session;
  let first: ReportFigures;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('restores data and settings after a reload', async () => {
    const { page } = s;
    await openApp(page, 'en');
    await page.waitForSelector('[data-testid="restoring"]', { state: 'detached' });
    let n = await saves(page);
    await pickFile(page, FIRST);
    first = await confirmAndReadReport(page);
    expect(first.customers).toBe(12);
    expect(first.rowsAccepted).toBe(36);
    await waitSaved(page, n);

    n = await saves(page);
    await openView(page, 'rfm');
    await page.selectOption('[data-testid="rfm-bins"]', '4');
    await waitSaved(page, n);

    await page.reload();
    await openView(page, 'data');
    expect(await restoredReport(page)).toEqual(first);
    await openView(page, 'rfm');
    expect(await page.inputValue('[data-testid="rfm-bins"]')).toBe('4');
    await page.waitForSelector('[data-testid="rfm-status"]');
    expect(await workspaceNames(page)).toEqual(['Workspace 1']);
    // The open menu with its forget confirmation is axe-clean and keyboard reachable.
    await page.click('[data-testid="forget"]');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await page.getAttribute('[data-testid="workspace-menu"]', 'aria-expanded')).toBe(
      'false'
    );
  });

  it('keeps two named workspaces apart', async () => {
    const { page } = s;
    await openView(page, 'data');
    await openMenu(page);
    await page.click('[data-testid="workspace-new"]');
    await waitWorkspace(page, 'Workspace 2');
    expect(await page.locator('[data-testid="import-report"]').count()).toBe(0);
    const n = await saves(page);
    // Creating a workspace closes the menu (its own file input goes with it).
    await page.waitForSelector('[data-testid="workspace-menu"][aria-expanded="false"]');
    await pickFile(page, SECOND);
    const second = await confirmAndReadReport(page);
    expect(second.customers).toBe(5);
    await waitSaved(page, n);
    expect(await workspaceNames(page)).toEqual(['Workspace 1', 'Workspace 2']);

    // Rename the first, switch to it: its own data and settings come back.
    await openMenu(page);
    const item = page.locator('[data-testid="workspace-item"][data-name="Workspace 1"]');
    await item.locator('[data-testid="workspace-rename"]').click();
    await page.fill('[data-testid="workspace-rename-input"]', 'Alpha 客户');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="workspace-item"][data-name="Alpha 客户"]');
    await page
      .locator('[data-testid="workspace-item"][data-name="Alpha 客户"]')
      .locator('[data-testid="workspace-switch"]')
      .click();
    await waitWorkspace(page, 'Alpha 客户');
    expect(await restoredReport(page)).toEqual(first);

    await page.reload();
    expect(await restoredReport(page)).toEqual(first);
    expect(await workspaceNames(page)).toEqual(['Alpha 客户', 'Workspace 2']);
    expect(await page.textContent('[data-testid="workspace-menu"]')).toContain('Alpha 客户');
  });

  it('falls back to the previous save when the latest one is damaged', async () => {
    const { page } = s;
    // A change of the data saves the database again (a settings change saves only the settings).
    await openView(page, 'data');
    let n = await saves(page);
    await page.selectOption('[data-testid="dataset-currency"]', 'EUR');
    await waitSaved(page, n);
    // Truncate the newest saved database and settings of the open workspace, as a crash might.
    const damaged = await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle('customer-lens');
      const files: string[] = [];
      for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys())
        files.push(name);
      const catalogs = files.filter((f) => f.startsWith('catalog.'));
      const newestCatalog = catalogs.sort(
        (a, b) => Number(b.split('.')[1]) - Number(a.split('.')[1])
      )[0];
      const catalog = JSON.parse(
        await (await (await dir.getFileHandle(newestCatalog)).getFile()).text()
      );
      const id = catalog.current as string;
      const cut = async (suffix: string, bytes: string) => {
        const gens = files
          .filter((f) => f.startsWith(`${id}.`) && f.endsWith(suffix))
          .map((f) => Number(f.split('.')[1]));
        if (gens.length !== 2) throw new Error(`expected two generations: ${files.join(' ')}`);
        const name = `${id}.${Math.max(...gens)}${suffix}`;
        const w = await (await dir.getFileHandle(name)).createWritable();
        await w.write(new TextEncoder().encode(bytes));
        await w.close();
        return name;
      };
      return [
        await cut('.sqlite', 'SQLite format 3\0 and then nothing useful'),
        await cut('.settings.json', '{"rfm":{"scoring":')
      ];
    });
    expect(damaged).toHaveLength(2);
    await page.reload();
    await page.waitForSelector('[data-testid="workspace-notice"][data-code="fellBack"]');
    const report = await restoredReport(page);
    expect(report.customers).toBe(first.customers);
    expect(report.totalAmount).toBe(first.totalAmount);
    // The damaged database held the euro; the one before does not.
    expect(await page.inputValue('[data-testid="dataset-currency"]')).not.toBe('EUR');
    // The damaged settings held the 4-bin choice; the ones before have 5 bins. Choose 4 again.
    await openView(page, 'rfm');
    expect(await page.inputValue('[data-testid="rfm-bins"]')).toBe('5');
    n = await saves(page);
    await page.selectOption('[data-testid="rfm-bins"]', '4');
    await waitSaved(page, n);
    await openView(page, 'data');
  });

  it('downloads the workspace as .sqlite and opens it again', async () => {
    const { page } = s;
    await openMenu(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="workspace-download"]')
    ]);
    expect(download.suggestedFilename()).toBe('Alpha 客户.sqlite');
    const file = (await download.path())!;
    const bytes = readFileSync(file);
    // Any SQLite tool reads it: here sql.js in Node.
    const SQL = await initSqlJs({
      locateFile: (f: string) => createRequire(import.meta.url).resolve(`sql.js/dist/${f}`)
    });
    const db = new SQL.Database(bytes);
    const [[table, name]] = db.exec('SELECT table_name, file_name FROM datasets')[0].values;
    expect(name).toBe('first.csv');
    const sums = db.exec(
      `SELECT COUNT(*), COUNT(DISTINCT customer_id), ROUND(SUM(amount), 2) FROM "${table}"`
    )[0].values[0];
    expect(sums).toEqual([first.rowsAccepted, first.customers, first.totalAmount]);
    const settings = JSON.parse(
      db.exec(`SELECT value FROM app_settings WHERE key = 'workspace'`)[0].values[0][0] as string
    );
    expect(settings.rfm.scoring.bins).toBe(4);

    // A plain SQLite file with an orders table: import one of its tables through the mapping.
    const plain = new SQL.Database();
    plain.run('CREATE TABLE orders (customer_id TEXT, order_date TEXT, amount REAL)');
    plain.run(`CREATE TABLE notes (text TEXT)`);
    plain.run(
      `INSERT INTO orders VALUES ('A', '2024-01-02', 10.5), ('A', '2024-02-03', 20), ('B', '2024-03-04', -5.25)`
    );
    const plainBytes = Buffer.from(plain.export());
    db.close();
    plain.close();

    // Open the downloaded workspace as a new workspace.
    await page.locator('[data-testid="workspace-open"]').setInputFiles(file);
    await page.waitForSelector('[data-testid="sqlite-choice"]');
    const n = await saves(page);
    await page.click('[data-testid="sqlite-open-workspace"]');

    expect(await restoredReport(page)).toEqual(first);
    await waitSaved(page, n);
    expect(await workspaceNames(page)).toHaveLength(3);
    await openView(page, 'rfm');
    expect(await page.inputValue('[data-testid="rfm-bins"]')).toBe('4');
    await openView(page, 'data');

    await openMenu(page);
    await page
      .locator('[data-testid="workspace-open"]')
      .setInputFiles({ name: 'shop.db', mimeType: 'application/octet-stream', buffer: plainBytes });
    await page.waitForSelector('[data-testid="sqlite-choice"]');
    expect(await page.locator('[data-testid="sqlite-open-workspace"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.click('[data-testid="sqlite-table"][data-table="orders"] button');
    await page.waitForSelector('[data-testid="mapping-step"]');
    const imported = await confirmAndReadReport(page);
    expect(imported.rowsAccepted).toBe(3);
    expect(imported.customers).toBe(2);
    expect(imported.returns).toBe(1);
    expect(imported.totalAmount).toBe(25.25);
  });

  it('recovers from a worker crash with the saved workspace', async () => {
    const { page } = s;
    await openApp(page, 'en', '&debug=crash');
    const before = await restoredReport(page);
    await page.evaluate(() => (window as unknown as { lensCrashWorker(): void }).lensCrashWorker());
    await page.waitForSelector('[data-testid="workspace-notice"][data-code="recovered"]');
    expect(await restoredReport(page)).toEqual(before);
    // The page stays usable: the analysis runs on the new worker.
    await openView(page, 'overview');
    await page.waitForSelector('[data-testid="kpis"]');
    await openView(page, 'rfm');
    await page.waitForSelector('[data-testid="rfm-status"]');
    expect(await page.locator('[role="alert"][data-code^="rfm"]').count()).toBe(0);
  });

  it('recovers from running out of memory: says so, reopens the saved workspace', async () => {
    const { page } = s;
    await openView(page, 'data');
    const before = await readReport(page);
    const error = await page.evaluate(() =>
      (window as unknown as { lensExhaustMemory(): Promise<null> }).lensExhaustMemory().then(
        () => 'no error',
        (e: Error) => e.message
      )
    );
    expect(error).toBe('out_of_memory');
    await page.waitForSelector('[data-testid="workspace-notice"][data-code="recoveredOom"]');
    await openView(page, 'data');
    expect(await restoredReport(page)).toEqual(before);
    await openView(page, 'rfm');
    await page.waitForSelector('[data-testid="rfm-status"]');
    expect(await page.locator('[role="alert"][data-code^="rfm"]').count()).toBe(0);
  });

  it('keeps a setting changed right before a reload, also when its save could not finish', async () => {
    const { page } = s;
    await openApp(page, 'en', '&debug=crash');
    await page.waitForSelector('[data-testid="restoring"]', { state: 'detached' });
    await openView(page, 'clv');
    const months = page.locator('[data-testid="clv-months"]');
    const before = Number(await months.inputValue());
    // The worker is busy (a long save, a big query): the setting's save cannot start before the
    // page goes, and the worker goes with the page.
    await page.evaluate(() =>
      (window as unknown as { lensHangWorker(ms: number): Promise<null> }).lensHangWorker(5_000)
    );
    await months.fill(String(before + 5));
    await months.dispatchEvent('change');
    // No wait for the save: the page goes at once, as a person reloads right after a change.
    await page.reload();
    await page.waitForSelector('[data-testid="restoring"]', { state: 'detached' });
    await openView(page, 'clv');
    await page.waitForSelector('[data-testid="clv-months"]');
    expect(Number(await months.inputValue())).toBe(before + 5);
  });

  it('forgets everything: no byte left in any storage', async () => {
    const { page } = s;
    await openMenu(page);
    await page.click('[data-testid="forget"]');
    await Promise.all([page.waitForNavigation(), page.click('[data-testid="forget-yes"]')]);
    await page.waitForSelector('h1');
    await page.waitForSelector('[data-testid="restoring"]', { state: 'detached' });
    // Chromium updates its usage figure shortly after a database is deleted: wait for it to say 0.
    await expect
      .poll(() => page.evaluate(async () => (await navigator.storage.estimate()).usage), {
        timeout: 10_000
      })
      .toBe(0);
    const left = await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const files: string[] = [];
      for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys())
        files.push(name);
      return {
        idb: (await indexedDB.databases()).map((d) => d.name),
        files,
        localStorage: localStorage.length,
        caches: await caches.keys(),
        usage: (await navigator.storage.estimate()).usage
      };
    });
    expect(left).toEqual({ idb: [], files: [], localStorage: 0, caches: [], usage: 0 });
    // The offline copy went too (registering again here would precache the app at once).
    expect(
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)
    ).toBe(0);
    expect(await page.getAttribute('[data-testid="workspace-notice"]', 'data-code')).toBe(
      'forgotten'
    );
    expect(new URL(page.url()).searchParams.has('forgotten')).toBe(false);
    expect(await page.locator('[data-testid="import-report"]').count()).toBe(0);
    expect(await workspaceNames(page)).toEqual([]);
    // The next visit stores the offline copy again.
    await page.reload();
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active !== null);
    expect(await page.locator('[data-testid="workspace-notice"]').count()).toBe(0);
  });
});
