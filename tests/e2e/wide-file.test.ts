// A file of 2000 columns: the mapping step shows a window of them and a search that reaches any
// column; the data view renders the columns in view. Both stay usable from the keyboard and axe-clean.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  confirmAndReadReport,
  launch,
  openApp,
  pickFile,
  roleOf,
  setRole,
  type Session
} from './app';

const COLUMNS = 2000;
/** Customer ID, Order Date, Attr 1 … Attr 1997 (text; Attr 1500 holds order numbers), Betrag. */
function wideCsv(): string {
  const attrs = Array.from({ length: COLUMNS - 3 }, (_, i) => `Attr ${i + 1}`);
  const row = (id: string, date: string, order: string, amount: number) =>
    [id, date, ...attrs.map((a, i) => (a === 'Attr 1500' ? order : `v${i}`)), amount].join(',');
  return [
    ['Customer ID', 'Order Date', ...attrs, 'Betrag'].join(','),
    row('W1', '2024-06-01', 'O-1', 5.25),
    row('W1', '2024-06-01', 'O-1', 7.5),
    row('W2', '2024-06-02', 'O-2', 8.25)
  ].join('\n');
}

const text = (locale: string, key: string, params: Record<string, string>) =>
  Object.entries(params).reduce(
    (s, [k, v]) => s.replace(`{${k}}`, v),
    (
      JSON.parse(readFileSync(`src/lib/i18n/messages/app.${locale}.json`, 'utf8')) as Record<
        string,
        string
      >
    )[key]
  );

describe('a file of 2000 columns', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => s?.close());

  for (const lang of ['en', 'zh-CN'] as const) {
    const total = new Intl.NumberFormat(lang).format(COLUMNS);
    it(`maps any column through the search and imports (${lang})`, async () => {
      const { page } = s;
      await openApp(page, lang);
      await page.evaluate(() => localStorage.clear()); // the mapping chosen in the other language
      await pickFile(page, {
        name: 'wide.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(wideCsv())
      });
      const roleSelects = page.locator('[data-testid="mapping-step"] select[data-header]');
      const shown = page.locator('[data-testid="columns-shown"]');

      // The first 50 columns and the amount found at the far end; the note says so, translated.
      expect(await roleSelects.count()).toBe(51);
      expect(await roleOf(page, 'Betrag')).toBe('amount');
      expect(await shown.innerText()).toBe(
        text(lang, 'mapping.columnsShown', { shown: '51', total })
      );
      expect(await axeViolations(page)).toEqual([]);

      // A column out of view is one search away, and the keyboard goes from the search to its role.
      await page.fill('[data-testid="column-search"]', 'attr 1500');
      await page.waitForSelector('select[data-header="Attr 1500"]');
      expect(await roleSelects.count()).toBe(1);
      expect(await shown.innerText()).toBe(
        text(lang, 'mapping.columnsMatching', { shown: '1', matching: '1' })
      );
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-header'))).toBe(
        'Attr 1500'
      );
      await setRole(page, 'Attr 1500', 'order_id');
      await page.fill('[data-testid="column-search"]', 'no such column');
      expect(await shown.innerText()).toBe(
        text(lang, 'mapping.columnsNoMatch', { query: 'no such column' })
      );
      // Once chosen it stays in view next to the first columns.
      await page.fill('[data-testid="column-search"]', '');
      expect(await roleSelects.count()).toBe(52);
      expect(await roleOf(page, 'Attr 1500')).toBe('order_id');

      const r = await confirmAndReadReport(page);
      expect(r).toMatchObject({ rowsAccepted: 3, customers: 2, orders: 2, totalAmount: 21 });

      // The data view renders the columns in view; scrolled to the end, it shows the last one.
      const table = page.locator('[data-testid="data-view"] table');
      const count = Number(await table.getAttribute('aria-colcount'));
      expect(count).toBeGreaterThan(1000);
      expect(await table.locator('th').count()).toBeLessThan(30);
      await page.locator('[data-testid="data-view"] .viewport').evaluate((el) => {
        el.scrollLeft = el.scrollWidth;
      });
      await page.waitForSelector(`[data-testid="data-view"] th[aria-colindex="${count}"]`);
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('[data-testid="dataset-summary"] button').click();
    });
  }
});
