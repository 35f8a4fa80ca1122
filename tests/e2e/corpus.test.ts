// The hostile-file corpus through the real UI of the production build: each file's declared outcome
// on the page, and after every case the good dataset intact, no dialog, no script run, no long task.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, GOOD, type CorpusCase } from '../corpus';
import { confirmAndReadReport, launch, openApp, pickFile, type Session } from './app';

type Locale = 'en' | 'zh-CN';
const messages = (locale: Locale) =>
  JSON.parse(readFileSync(`src/lib/i18n/messages/app.${locale}.json`, 'utf8')) as Record<
    string,
    string
  >;
const MESSAGES = { en: messages('en'), 'zh-CN': messages('zh-CN') };
/**
 * Longest main-thread task allowed during a case. A hung page blocks for seconds; 200 ms tripped on
 * 201–208 ms tasks when the two cores were shared with other Chromium instances, so the bar has
 * head-room for a loaded runner and still catches any real stall.
 */
const MAX_LONG_TASK_MS = 400;
/**
 * The longest frame allowed, layout and paint included: a multi-MB cell in the data table once held
 * the page for 3.4–5.3 s of layout while every script task stayed short. A 2.3 s frame is still
 * seen on a loaded runner in `utf8-chunk-boundaries` (4.3 MB of CJK) — not yet explained; the bar
 * catches the multi-second stalls meanwhile.
 */
const MAX_FRAME_MS = 3000;

/** Records long tasks and dialogs from the first script on; `__pwned` is the canary hostile files aim at. */
const OBSERVE = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
  }).observe({ type: 'longtask', buffered: true });
  // Frames the page could not draw in time, rendering included (a long task misses layout).
  window.__longFrames = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longFrames.push(Math.round(e.duration));
  }).observe({ type: 'long-animation-frame', buffered: true });
`;

async function setLocale(page: Page, locale: Locale) {
  await page.locator('label.lang select').selectOption(locale);
  await page.waitForFunction((l) => document.documentElement.lang === l, locale);
}

/** Hands a case to the file input as a File built in the page (301 MiB of repeated chunk never crosses the wire). */
async function drop(page: Page, c: CorpusCase) {
  await page.evaluate(
    ({ b64, times, name }) => {
      const chunk = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const parts = Array.from({ length: times }, () => chunk);
      (window as unknown as { __file: File }).__file = new File(parts, name);
    },
    { b64: Buffer.from(c.bytes).toString('base64'), times: c.repeat ?? 1, name: c.name }
  );
  // Building the file above is the harness's work; the app's starts with the change event.
  await page.evaluate(() => {
    const w = window as unknown as { __file: File; __longTasks: number[]; __longFrames: number[] };
    w.__longTasks = [];
    w.__longFrames = [];
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    const transfer = new DataTransfer();
    transfer.items.add(w.__file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.waitForSelector('[data-testid="mapping-step"], [data-testid="error"]');
}

describe(`corpus of hostile files (TZ ${process.env.TZ})`, () => {
  let s: Session;
  const dialogs: string[] = [];
  beforeAll(async () => {
    s = await launch();
    s.page.removeAllListeners('dialog');
    s.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await s.page.addInitScript(OBSERVE);
    await openApp(s.page, 'en');
    await pickFile(s.page, {
      name: GOOD.name,
      mimeType: 'text/csv',
      buffer: Buffer.from(GOOD.bytes)
    });
    const r = await confirmAndReadReport(s.page);
    expect(r).toMatchObject({ rowsAccepted: GOOD.rows, totalAmount: GOOD.totalAmount });
  }, 60_000);
  afterAll(async () => s?.close());

  CORPUS.forEach((c, k) => {
    const locale: Locale = k % 2 ? 'zh-CN' : 'en';
    // A known issue is asserted to still fail, so fixing it flips the test to red until it is removed.
    const test = c.knownIssue ? it.fails : it;
    test(`${c.id} (${locale}): ${c.covers}${c.knownIssue ? ` — KNOWN ISSUE: ${c.knownIssue}` : ''}`, async () => {
      const { page } = s;
      const t = MESSAGES[locale];
      // A failed case must not take the next ones down: back to the loaded-data state.
      if (await page.locator('[data-testid="mapping-step"]').count()) {
        await page.locator('[data-testid="mapping-step"] .buttons button').first().click();
      }
      if (await page.locator('[data-testid="error"]').count()) {
        await page.locator('[data-testid="error"] button').click();
      }
      const datasetButtons = page.locator('.datasets button');
      for (let n = await datasetButtons.count(); n > 1; n = await datasetButtons.count()) {
        await page.locator('[data-testid="dataset-summary"] button').click();
        // Removing is a round trip to the worker: wait for the list to shrink.
        await page.waitForFunction(
          (before) => document.querySelectorAll('.datasets button').length < before,
          n
        );
      }
      await setLocale(page, locale);
      await drop(page, c);
      const e = c.expect;
      if (e.outcome === 'error') {
        const banner = page.locator('[data-testid="error"]');
        await banner.waitFor();
        expect(await banner.getAttribute('data-code')).toBe(e.code);
        const text = await banner.innerText();
        expect(text).toContain(c.name); // names the file
        const message = t[`error.${e.code}`];
        expect(message, `error.${e.code} in ${locale}`).toBeTypeOf('string');
        expect(text).toContain(message.split('{')[0].trim()); // the problem and what to do, translated
        await banner.getByRole('button').click();
      } else {
        expect(await page.locator('[data-testid="error"]').count()).toBe(0);
        if (e.sheet) {
          expect(await page.locator('[data-testid="sheet"]').inputValue()).toBe(e.sheet);
          const choice = page.locator('[data-testid="sheet-choice"]');
          expect(await choice.getAttribute('data-sheet')).toBe(e.sheet);
          expect(await choice.innerText()).toContain(e.sheet);
        }
        for (const [header, role] of Object.entries(e.roles ?? {})) {
          expect(await page.locator(`select[data-header="${header}"]`).inputValue()).toBe(role);
        }
        if (e.question) {
          // The question is asked (import blocked until answered), naming the column.
          expect(await page.isDisabled('[data-testid="confirm-mapping"]')).toBe(true);
          const alert = await page
            .locator('[data-testid="mapping-step"] [role="alert"]')
            .innerText();
          expect(alert).toContain(e.question.header);
          const index = await page
            .locator(`select[data-header="${e.question.header}"]`)
            .getAttribute('data-testid');
          await page
            .locator(`[data-testid="date-order-${index!.replace('role-', '')}"]`)
            .selectOption(e.question.answer);
        }
        const r = await confirmAndReadReport(page);
        expect(r).toMatchObject(e.report);
        const reasons = Object.fromEntries(
          Object.entries(e.rejected ?? {}).map(([k2, rows]) => [k2, rows.length])
        );
        expect(r.reasons).toEqual(reasons);
        if (e.rejected) {
          const table = await page.locator('[data-testid="reject-reasons"]').innerText();
          for (const [reason, rows] of Object.entries(e.rejected)) {
            expect(table).toContain(t[`reject.${reason}`]);
            for (const row of rows) expect(table).toMatch(new RegExp(`\\b${row}\\b`));
          }
        }
        const warned = Object.fromEntries(
          Object.entries(e.warnings ?? {}).map(([k2, rows]) => [k2, rows.length])
        );
        expect(r.warnings).toEqual(warned);
        for (const [reason, rows] of Object.entries(e.warnings ?? {})) {
          const row = page.locator(`[data-testid="import-warnings"] tr[data-reason="${reason}"]`);
          expect(await row.getAttribute('data-rows')).toBe(rows.join(' '));
          // The translated message around its placeholders (the column names).
          const text = await row.innerText();
          for (const part of t[`warning.${reason}`].split(/\{\w+\}/)) {
            expect(text).toContain(part.trim());
          }
        }
        if (e.search) {
          await page.fill('[data-testid="data-search"]', e.search.text);
          await page.waitForSelector(`[data-testid="data-total"][data-total="${e.search.total}"]`);
          // Markup in cells is text: it shows literally and made no elements.
          expect(await page.locator('[data-testid="data-view"] tbody').innerText()).toContain(
            e.search.text
          );
          await page.fill('[data-testid="data-search"]', '');
        }
        await page.locator('[data-testid="dataset-summary"] button').click();
      }
      // The good dataset is still there, intact.
      const summary = page.locator('[data-testid="dataset-summary"]');
      // Rows and customers together: a case may have as many rows as the good dataset (4).
      await page.waitForSelector(
        `[data-testid="dataset-summary"][data-rows="${GOOD.rows}"][data-customers="${GOOD.customers}"]`
      );
      expect(await summary.getAttribute('data-customers')).toBe(String(GOOD.customers));
      await page.waitForSelector(`[data-testid="data-total"][data-total="${GOOD.rows}"]`);
      expect(await page.locator('[data-testid="data-view"] tbody').innerText()).toContain(
        'Good Three'
      );
      // No dialog, no script from the file, no long task.
      expect(dialogs).toEqual([]);
      expect(
        await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)
      ).toBeUndefined();
      expect(await page.locator('img[src="x"], svg[onload], [onmouseover]').count()).toBe(0);
      const longTasks = await page.evaluate(
        () => (window as unknown as { __longTasks: number[] }).__longTasks
      );
      expect(
        Math.max(0, ...longTasks),
        `long tasks: ${longTasks.join(', ')} ms`
      ).toBeLessThanOrEqual(MAX_LONG_TASK_MS);
      const longFrames = await page.evaluate(
        () => (window as unknown as { __longFrames: number[] }).__longFrames
      );
      expect(
        Math.max(0, ...longFrames),
        `long frames: ${longFrames.join(', ')} ms`
      ).toBeLessThanOrEqual(MAX_FRAME_MS);
    }, 60_000);
  });
});
