// A tour of every view on the built-in sample in one language: it renders, shows no error, is
// axe-clean, and its words and money follow GLOSSARY.md (¥ on every money figure, no never-word). One file per language (views-tour-en/-zh), so the two tours run side by side in CI.
// A tour at phone width (390 px) also checks that no view scrolls sideways and that the header's
// menu opens and closes from the keyboard.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/lib/i18n';
import { VIEWS } from '../../src/lib/state/views';
import {
  axeViolations,
  launch,
  newWorkspace,
  openApp,
  openView,
  readReport,
  waitForSettled,
  type Session
} from './app';
import { checkWords, NO_MONEY, visit } from './crawl';

const SHOTS = path.resolve('test-results', 'screenshots');

/** Registers the tour of every view in `lang`, in a window `width` px wide (1280 or a phone's 390). */
export function tourEveryView(lang: Locale, width = 1280) {
  const isPhone = width < 720;
  describe(`a tour of every view on the sample (${lang}, ${width} px)`, () => {
    let s: Session;
    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      s = await launch();
    });
    afterAll(async () => s?.close());

    it(`renders all ${VIEWS.length} views without errors (${lang})`, async () => {
      // Each language's sample in a workspace of its own: a restored workspace's report would be
      // read before the sample's six files are in.
      await openApp(s.page, lang);
      await newWorkspace(s.page);
      await openApp(s.page, lang, '&sample=1');
      const report = await readReport(s.page);
      expect(report.rowsRead).toBe(50_000);
      // The currency is detected from the orders' 订单金额（元） header.
      expect(await s.page.getAttribute('[data-testid="dataset-summary"]', 'data-currency')).toBe(
        'CNY'
      );
      const money: Record<string, number> = {};
      if (isPhone) {
        // After the sample is in: starting a workspace uses the header's menu.
        await s.page.setViewportSize({ width, height: 844 });
        await checkPhoneHeader(s.page);
      }
      for (const view of VIEWS) {
        // Opens the view the way a reader does (fits the model on the CLV view, opens closed
        // sections) and waits for its money.
        await visit(s.page, view.id, '¥', NO_MONEY);
        money[view.id] = await checkWords(s.page, view.id, '¥');
        // Let the view's worker requests settle before looking.
        await waitForSettled(s.page);
        const alerts = await s.page.locator('[role="alert"]').allTextContents();
        expect(
          alerts.filter((a) => a.trim()),
          view.id
        ).toEqual([]);
        expect(await axeViolations(s.page), `${view.id} (${lang})`).toEqual([]);
        if (isPhone) {
          const scroll = await s.page.evaluate(() => ({
            content: document.documentElement.scrollWidth,
            window: window.innerWidth
          }));
          expect(scroll.content, `${view.id} scrolls sideways at ${width} px`).toBeLessThanOrEqual(
            scroll.window
          );
        }
        await s.page.screenshot({
          path: path.join(SHOTS, `sample-${view.id}-${lang}${isPhone ? `-${width}` : ''}.png`),
          fullPage: true
        });
      }
      console.log(`sample (${lang}) money figures per view:`, JSON.stringify(money));
      // The headline revenue is compact: ¥1.23亿 / ¥4,567.8万 in Chinese, ¥123.5M in English.
      await openView(s.page, 'overview');
      expect((await s.page.textContent('[data-kpi="revenue"] .value'))!.trim()).toMatch(
        lang === 'zh-CN' ? /^¥\d+(\.\d\d)?亿$|^¥[\d,]+\.\d万$/ : /^¥[\d.]+[KMB]$/
      );
      // 22 views, axe on each and a CLV fit: 50–70 s measured with both cores busy.
    }, 360_000);
  });
}

/** The phone header: the brand on one line, the menu opens from the keyboard and closes on Escape. */
async function checkPhoneHeader(page: Page) {
  const brand = await page.locator('.brand .name').evaluate((h) => {
    const lineHeight = parseFloat(getComputedStyle(h).lineHeight);
    return { height: h.getBoundingClientRect().height, lineHeight };
  });
  expect(brand.height).toBeLessThan(brand.lineHeight * 1.5);
  const toggle = page.locator('[data-testid="menu-toggle"]');
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  expect(await page.locator('[data-testid="nav-rfm"]').isVisible()).toBe(false);
  await toggle.focus();
  await page.keyboard.press('Enter');
  expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  await page.locator('[data-testid="nav-rfm"]').waitFor();
  await page.keyboard.press('Escape');
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  expect(await toggle.evaluate((b) => b === document.activeElement)).toBe(true);
}
