// Two tabs of one browser, one set of saved workspaces: a tab never writes over another tab's
// saves. A second tab shows the workspace read-only until "Use it here"; two tabs on two
// workspaces both keep theirs (the shared catalog loses nothing); "forget everything" stops both;
// a tab that does not answer loses the workspace and its late save is refused.
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { DATASET_FILES, describeWithData } from '../datasets';
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
  setRole,
  waitSaved,
  type Session
} from './app';

const SUPERSTORE = DATASET_FILES.superstore;
const CDNOW = DATASET_FILES.cdnowElog;
/** Rows and distinct customers of each file (SOURCE.md of each dataset; import-datasets.test.ts). */
const SUPERSTORE_FIGURES = { rows: 9_994, customers: 793 };
const CDNOW_FIGURES = { rows: 6_919, customers: 2_357 };

/** A small order file: `n` customers, one order each. */
function orders(name: string, n: number) {
  const lines = ['customer_id,order_date,amount'];
  for (let c = 1; c <= n; c++) lines.push(`C${c},2024-02-0${1 + (c % 9)},${10 + c}`);
  return { name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') };
}

async function newTab(s: Session): Promise<Page> {
  const page = await s.context.newPage();
  page.on('dialog', (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  return page;
}

const status = (page: Page, name: string) => page.getAttribute('[data-testid="save-status"]', name);

/** Waits until the status is `state`. */
async function waitState(page: Page, state: string) {
  await page.waitForSelector(`[data-testid="save-status"][data-state="${state}"]`, {
    timeout: 60_000
  });
}

/** Waits until the tab owns its workspace: opened, no notice about another tab. */
async function waitOwner(page: Page) {
  await page.waitForFunction(
    () =>
      !['restoring', 'elsewhere'].includes(
        document.querySelector('[data-testid="save-status"]')?.getAttribute('data-state') ?? ''
      ) && !document.querySelector('[data-testid="workspace-notice"]'),
    null,
    { timeout: 60_000 }
  );
}

/** Opens the workspace menu and waits until it lists `n` workspaces (other tabs' included). */
async function waitListed(page: Page, n: number) {
  await openMenu(page);
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="workspace-item"]').length === n,
    n
  );
  await page.keyboard.press('Escape');
}

/** Opens the app and waits until the workspace shown on load is restored. */
async function openTab(page: Page) {
  await openApp(page, 'en');
  await page.waitForSelector('[data-testid="restoring"]', { state: 'detached' });
}

/** Imports CDNOW's elog as a user does: the sample id is the customer, the master id a dimension. */
async function mapCdnow(page: Page) {
  await pickFile(page, CDNOW);
  await setRole(page, 'masterid', 'dimension');
  await setRole(page, 'sampleid', 'customer_id');
}

/** Rows and customers of every dataset of the open workspace, read from the data view. */
async function datasetFigures(page: Page) {
  await openView(page, 'data');
  await page.waitForSelector('[data-testid="dataset-summary"]');
  const read = async () => ({
    rows: Number(await page.getAttribute('[data-testid="dataset-summary"]', 'data-rows')),
    customers: Number(await page.getAttribute('[data-testid="dataset-summary"]', 'data-customers'))
  });
  const buttons = page.locator('.datasets button');
  const n = await buttons.count();
  if (n === 0) return [await read()];
  const figures = [];
  for (let i = 0; i < n; i++) {
    await buttons.nth(i).click();
    await page.waitForSelector(`.datasets button:nth-child(${i + 1})[aria-pressed="true"]`);
    figures.push(await read());
  }
  return figures.sort((a, b) => a.rows - b.rows);
}

async function workspaceNames(page: Page): Promise<string[]> {
  await openMenu(page);
  const names = await page
    .locator('[data-testid="workspace-item"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
  await page.keyboard.press('Escape');
  return names;
}

/** The workspaces' files left in the browser's private file system. */
async function savedFiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const files: string[] = [];
    for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys())
      files.push(name);
    return files;
  });
}

describeWithData(['superstore', 'cdnowElog'], 'two tabs, one browser', () => {
  const sessions: Session[] = [];
  afterAll(async () => {
    for (const s of sessions) await s.close();
  });

  it('a second tab shows the workspace read-only, takes it over, and both imports are kept', async () => {
    const s = await launch();
    sessions.push(s);
    const one = s.page;
    await openTab(one);
    await pickFile(one, SUPERSTORE);
    const superstore = await confirmAndReadReport(one);
    expect(superstore.rowsAccepted).toBe(SUPERSTORE_FIGURES.rows);
    await waitSaved(one, 0);

    // Tab 2 opens the same workspace: it shows the latest save and says it will not save.
    const two = await newTab(s);
    await openTab(two);
    await two.waitForSelector('[data-testid="workspace-notice"][data-code="openElsewhere"]');
    await waitState(two, 'elsewhere');
    expect(await two.textContent('[data-testid="workspace-notice"]')).toContain(
      'This workspace is open in another tab. Changes here would not be saved.'
    );
    expect(await axeViolations(two)).toEqual([]);
    expect(await datasetFigures(two)).toEqual([SUPERSTORE_FIGURES]);

    // Importing there before taking over is refused, with the file and the reason on the page.
    await mapCdnow(two);
    await two.click('[data-testid="confirm-mapping"]');
    await two.waitForSelector('[data-testid="error"][data-code="workspace_elsewhere"]');
    expect(await two.textContent('[data-testid="error"]')).toContain('cdnowElog.csv');
    await two.waitForSelector('[data-testid="mapping-step"]');
    expect(await one.locator('[data-testid="workspace-notice"]').count()).toBe(0);

    // "Use it here": tab 1 saves, lets go and says so; tab 2 opens the latest save and owns it.
    await two.click('[data-testid="workspace-take"]');
    await one.waitForSelector('[data-testid="workspace-notice"][data-code="takenElsewhere"]');
    await waitState(one, 'elsewhere');
    const oneSaves = await saves(one);
    await waitOwner(two);
    // The mapping step survived the takeover: confirm again, the file is added to Superstore.
    const before = await saves(two);
    const cdnow = await confirmAndReadReport(two);
    expect(cdnow.rowsAccepted).toBe(CDNOW_FIGURES.rows);
    expect(cdnow.customers).toBe(CDNOW_FIGURES.customers);
    await waitSaved(two, before);

    // Tab 1 no longer changes the workspace: an import is refused, a setting is not saved.
    await openView(one, 'data');
    await pickFile(one, orders('late.csv', 4));
    await one.click('[data-testid="confirm-mapping"]');
    await one.waitForSelector('[data-testid="error"][data-code="workspace_elsewhere"]');
    await openView(one, 'rfm');
    await one.selectOption('[data-testid="rfm-bins"]', '3');
    await openView(two, 'rfm');
    await two.waitForSelector('[data-testid="rfm-status"]');
    const twoBins = await two.inputValue('[data-testid="rfm-bins"]');
    expect(twoBins).not.toBe('3');

    // After a reload both files are in the one workspace, as tab 2 last said it saved them.
    await two.reload();
    await waitOwner(two);
    expect(await datasetFigures(two)).toEqual([CDNOW_FIGURES, SUPERSTORE_FIGURES]);
    await openView(two, 'rfm');
    expect(await two.inputValue('[data-testid="rfm-bins"]')).toBe(twoBins);
    expect(await workspaceNames(two)).toEqual(['Workspace 1']);
    // Tab 1 never said "Saved" again after it let go.
    expect(await status(one, 'data-state')).toBe('elsewhere');
    expect(await saves(one)).toBe(oneSaves);
    // Reloaded, tab 1 shows the same two datasets, read-only (tab 2 still owns the workspace).
    await one.reload();
    await one.waitForSelector('[data-testid="workspace-notice"][data-code="openElsewhere"]');
    expect(await datasetFigures(one)).toEqual([CDNOW_FIGURES, SUPERSTORE_FIGURES]);
    expect(await saves(one)).toBe(0);
  });

  it('two tabs on two workspaces both save; renames and lists survive; forgetting stops both', async () => {
    const s = await launch();
    sessions.push(s);
    const one = s.page;
    const two = await newTab(s);
    // Both open before anything is saved: each starts its own workspace.
    await openTab(one);
    await openTab(two);
    await pickFile(one, SUPERSTORE);
    await one.click('[data-testid="confirm-mapping"]');
    await mapCdnow(two);
    await two.click('[data-testid="confirm-mapping"]');
    expect((await readReport(one)).rowsAccepted).toBe(SUPERSTORE_FIGURES.rows);
    expect((await readReport(two)).rowsAccepted).toBe(CDNOW_FIGURES.rows);
    await waitSaved(one, 0);
    await waitSaved(two, 0);
    // Both start unsaved as "Workspace 1": the second one saved gets the next number.
    await waitListed(two, 2);
    await waitListed(one, 2);
    const names = (await workspaceNames(two)).sort();
    expect(names).toEqual(['Workspace 1', 'Workspace 2']);
    const oneName = (await one.textContent('[data-testid="workspace-menu"]'))!.includes(
      'Workspace 1'
    )
      ? 'Workspace 1'
      : 'Workspace 2';
    const twoName = names.find((n) => n !== oneName)!;

    // Tab 2 renames tab 1's workspace; tab 1 then saves a setting: the rename is kept.
    await openMenu(two);
    const item = two.locator(`[data-testid="workspace-item"][data-name="${oneName}"]`);
    await item.locator('[data-testid="workspace-rename"]').click();
    await two.fill('[data-testid="workspace-rename-input"]', 'Superstore 店');
    await two.keyboard.press('Enter');
    await two.waitForSelector('[data-testid="workspace-item"][data-name="Superstore 店"]');
    // Deleting tab 1's workspace from tab 2 is refused: tab 1 would save it again.
    await two
      .locator('[data-testid="workspace-item"][data-name="Superstore 店"]')
      .locator('[data-testid="workspace-delete"]')
      .click();
    await two.click('[data-testid="workspace-delete-yes"]');
    await two.waitForSelector('[data-testid="workspace-notice"][data-code="deleteElsewhere"]');
    // Tab 1 hears of the rename (the list is shared) and saves a setting.
    await one.waitForFunction(() =>
      document.querySelector('[data-testid="workspace-menu"]')?.textContent?.includes('店')
    );
    const n1 = await saves(one);
    await openView(one, 'rfm');
    await one.selectOption('[data-testid="rfm-bins"]', '4');
    await waitSaved(one, n1);
    const n2 = await saves(two);
    await openView(two, 'rfm');
    await two.selectOption('[data-testid="rfm-bins"]', '3');
    await waitSaved(two, n2);

    for (const page of [one, two]) {
      await page.reload();
      // Each tab reopens its own workspace, and owns it.
      await waitOwner(page);
      await waitListed(page, 2);
      expect(await workspaceNames(page)).toEqual(['Superstore 店', twoName]);
    }
    expect(await datasetFigures(one)).toEqual([SUPERSTORE_FIGURES]);
    expect(await datasetFigures(two)).toEqual([CDNOW_FIGURES]);
    await openView(one, 'rfm');
    expect(await one.inputValue('[data-testid="rfm-bins"]')).toBe('4');
    await openView(two, 'rfm');
    expect(await two.inputValue('[data-testid="rfm-bins"]')).toBe('3');
    expect(await one.textContent('[data-testid="workspace-menu"]')).toContain('Superstore 店');

    // "Forget everything" in tab 1: tab 2 stops saving and says so; nothing comes back.
    await openMenu(one);
    await one.click('[data-testid="forget"]');
    await Promise.all([one.waitForNavigation(), one.click('[data-testid="forget-yes"]')]);
    await one.waitForSelector('[data-testid="restoring"]', { state: 'detached' });
    await two.waitForSelector('[data-testid="workspace-notice"][data-code="forgottenElsewhere"]');
    await waitState(two, 'elsewhere');
    const twoSaves = await saves(two);
    await two.selectOption('[data-testid="rfm-bins"]', '5');
    await openView(two, 'data');
    await pickFile(two, orders('after.csv', 3));
    await two.click('[data-testid="confirm-mapping"]');
    await two.waitForSelector('[data-testid="error"][data-code="workspace_gone"]');
    expect(await status(two, 'data-state')).toBe('elsewhere');
    expect(await saves(two)).toBe(twoSaves);
    expect(await savedFiles(one)).toEqual([]);
    expect(await workspaceNames(one)).toEqual([]);
  });

  it('a tab that does not answer loses the workspace; its late save never lands', async () => {
    const s = await launch();
    sessions.push(s);
    const one = s.page;
    await openApp(one, 'en', '&debug=crash');
    await one.waitForSelector('[data-testid="restoring"]', { state: 'detached' });
    await pickFile(one, orders('first.csv', 6));
    expect((await confirmAndReadReport(one)).customers).toBe(6);
    await waitSaved(one, 0);
    const two = await newTab(s);
    await openApp(two, 'zh-CN');
    await two.waitForSelector('[data-testid="workspace-notice"][data-code="openElsewhere"]');
    expect(await two.textContent('[data-testid="workspace-take"]')).toBe('在此标签页使用');
    await openView(two, 'rfm');
    await two.waitForSelector('[data-testid="rfm-status"]');
    const bins = await two.inputValue('[data-testid="rfm-bins"]');

    // Tab 1 changes a setting, then its worker hangs (busy for 15 s) before saving it.
    const oneSaves = await saves(one);
    await openView(one, 'rfm');
    await one.selectOption('[data-testid="rfm-bins"]', '3');
    await one.evaluate(() =>
      (window as unknown as { lensHangWorker(ms: number): Promise<null> }).lensHangWorker(15_000)
    );
    // "Use it here" gets no answer: after a while tab 2 takes the workspace anyway.
    await two.click('[data-testid="workspace-take"]');
    await waitOwner(two);
    // Tab 1 wakes up: it learns that it lost the workspace and never says it saved the setting.
    await one.waitForSelector('[data-testid="workspace-notice"][data-code="takenElsewhere"]', {
      timeout: 60_000
    });
    expect(await status(one, 'data-state')).toBe('elsewhere');
    expect(await saves(one)).toBe(oneSaves);
    await two.reload();
    await waitOwner(two);
    await openView(two, 'rfm');
    expect(await two.inputValue('[data-testid="rfm-bins"]')).toBe(bins);
    expect(await datasetFigures(two)).toEqual([{ rows: 6, customers: 6 }]);
  });
});
