// A tour of every view on the built-in sample in one language: it renders, shows no error, and is
// axe-clean. One file per language (views-tour-en/-zh), so the two tours run side by side in CI.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
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

const SHOTS = path.resolve('test-results', 'screenshots');

/** Registers the tour of every view in `lang`. */
export function tourEveryView(lang: Locale) {
  describe(`a tour of every view on the sample (${lang})`, () => {
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
      for (const view of VIEWS) {
        await openView(s.page, view.id);
        await s.page.waitForSelector('main h2');
        if (view.id === 'clv') {
          await s.page.click('[data-testid="clv-fit"]');
          await s.page.locator('[data-testid="clv-params"]').waitFor({ timeout: 120_000 });
        }
        // Let the view's worker requests settle before looking.
        await waitForSettled(s.page);
        const alerts = await s.page.locator('[role="alert"]').allTextContents();
        expect(
          alerts.filter((a) => a.trim()),
          view.id
        ).toEqual([]);
        expect(await axeViolations(s.page), `${view.id} (${lang})`).toEqual([]);
        await s.page.screenshot({
          path: path.join(SHOTS, `sample-${view.id}-${lang}.png`),
          fullPage: true
        });
      }
      // 16 views, axe on each and a CLV fit: 115–170 s measured with both cores busy.
    }, 360_000);
  });
}
