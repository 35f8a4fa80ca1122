// A failed request shows where it happened: the view that asked says what went wrong, translated,
// and the data already on the page stays. Failures come from the `?debug=crash` test hook, which
// makes the next request of one type fail as an unexpected error would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { describePage, launch, openApp, openView, readReport, type Session } from './app';

type Hooked = { lensFailNext(type: string): Promise<null> };

async function failNext(s: Session, type: string) {
  await s.page.evaluate((t) => (window as unknown as Hooked).lensFailNext(t), type);
}

/** Waits for the view's note of the failure; a timeout says what the page was doing. */
async function noteShown(s: Session, note: Locator) {
  // Under CI's load the sample's later files and the saves are still running.
  await note.waitFor({ timeout: 60_000 }).catch(async (err: Error) => {
    throw new Error(`${err.message}\n${await describePage(s.page)}`);
  });
}

describe('errors show in the view that asked', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => s?.close());

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`an export that fails on the churn and customer views says so there (${lang})`, async () => {
      // The first test loads the sample; the second finds it in the restored workspace.
      await openApp(s.page, lang, lang === 'en' ? '&sample=1&debug=crash' : '&debug=crash');
      await readReport(s.page);

      await openView(s.page, 'churn');
      await s.page.click('[data-testid="churn-tab-spendDrop"]');
      await s.page.waitForSelector('[data-testid="churn-count"][data-kind="spendDrop"]');
      const count = await s.page.getAttribute('[data-testid="churn-count"]', 'data-count');
      await failNext(s, 'churn.export');
      await s.page.click('[data-testid="churn-export-csv"]');
      const note = s.page.locator('main [data-testid="view-error"][data-code="internal"]');
      await noteShown(s, note);
      const text = await note.innerText();
      expect(text).toContain('deliberate failure');
      // Translated, and it says what to do.
      expect(text).toContain(lang === 'en' ? 'Try again' : '请重试');
      // The list on screen is untouched, and the next export works (and clears the note).
      expect(await s.page.getAttribute('[data-testid="churn-count"]', 'data-count')).toBe(count);
      const [download] = await Promise.all([
        s.page.waitForEvent('download'),
        s.page.click('[data-testid="churn-export-csv"]')
      ]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      await note.waitFor({ state: 'detached' });

      await openView(s.page, 'customers');
      await s.page.waitForSelector('[data-testid="customers-total"]:not([data-total="0"])');
      await failNext(s, 'rfm.export');
      await s.page.click('[data-testid="export-customers-csv"]');
      await noteShown(s, s.page.locator('main [data-testid="view-error"][data-code="internal"]'));
      // The next test reloads: the sample is saved first (the status says so until then).
      await s.page.waitForSelector(
        '[data-testid="save-status"]:is([data-state="saved"], [data-state="idle"])',
        { timeout: 60_000 }
      );
    });
  }

  it('a failed concentration says so in its Overview card, not as endless loading', async () => {
    await openApp(s.page, 'en', '&debug=crash');
    await readReport(s.page);
    await openView(s.page, 'overview');
    const card = s.page.locator('[data-testid="home-concentration"]');
    await card.locator('p[data-top20]').waitFor();
    await failNext(s, 'rfm.distribution');
    // Another number of bins: a new request for the concentration (the one that fails).
    await s.page.selectOption('[data-testid="rfm-bins"]', '4');
    await noteShown(s, card.locator('[data-testid="view-error"][data-code="internal"]'));
    expect(await card.locator('[role="status"]').count()).toBe(0);
    expect(await card.getAttribute('aria-busy')).toBe('false');
    await s.page.selectOption('[data-testid="rfm-bins"]', '5');
    await card.locator('p[data-top20]').waitFor();
  });

  it('a failed page of a table says so inside the table’s view', async () => {
    // The workspace already holds the sample (the tests above loaded it).
    await openApp(s.page, 'en', '&debug=crash');
    await readReport(s.page);
    await openView(s.page, 'customers');
    await s.page.waitForSelector('[data-testid="customers-total"]:not([data-total="0"])');
    await failNext(s, 'rfm.customers');
    await s.page.fill('[data-testid="customer-search"]', 'C0');
    await noteShown(s, s.page.locator('main [data-testid="view-error"][data-code="internal"]'));
  });
});
