// Visiting a view the way a reader does (waiting for its money, opening its closed sections) and
// what every visit checks against GLOSSARY.md: no never-word on the page, every money figure in
// the dataset's currency. Used by the views tours (the sample) and the words test (Online Retail).
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { NEVER_ZH } from '../unit/i18n/never-words';
import { openView } from './app';

/** Views that show no money figure (the rule table, the SQL console). */
// Views that show counts and shares, never money: segment rules, the SQL console, and the
// relationship views of customers, survey answers and complaints.
export const NO_MONEY = new Set(['segments', 'sql', 'relationship', 'satisfaction', 'complaints']);

/** What a crawl saw on one view. */
export interface ViewLook {
  /** Texts of the marked money elements on screen. */
  money: string[];
  /** Never-words found in the page text, with the words to use instead. */
  never: string[];
}

/** Shows the first churn list that has customers (a list may be empty, e.g. no one lapsed). */
export async function openChurnList(page: Page) {
  await page.waitForSelector('[data-testid="churn-count"]');
  await page.locator('[data-testid^="churn-tab-"]:not([data-count="0"])').first().click();
  await page.waitForSelector('[data-testid="churn-count"]:not([data-count="0"])');
}

/** Opens a view and waits until it has drawn (money on screen where the view shows money). */
export async function visit(page: Page, id: string, symbol: string, noMoney: ReadonlySet<string>) {
  await openView(page, id);
  await page.waitForSelector('main h2');
  if (id === 'clv' && !(await page.locator('[data-testid="clv-params"]').count())) {
    await page.click('[data-testid="clv-fit"]');
    await page.locator('[data-testid="clv-params"]').waitFor({ timeout: 240_000 });
  }
  if (id === 'cohorts') await page.click('[data-testid="cohort-measure-revenue"]');
  if (id === 'churn') await openChurnList(page);
  // The rows of the data table arrive after the totals above it.
  if (id === 'data') await page.waitForSelector('[data-testid="data-view"] tbody [data-money]');
  // Closed sections (model details, help) are opened, so their words are read too.
  await page.evaluate(() =>
    document.querySelectorAll<HTMLDetailsElement>('main details').forEach((d) => (d.open = true))
  );
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, {
    timeout: 120_000
  });
  if (!noMoney.has(id)) {
    await page
      .waitForFunction(
        (s) =>
          [...document.querySelectorAll('main [data-money]')].some(
            (el) => el.getClientRects().length > 0 && el.textContent!.includes(s)
          ),
        symbol,
        { timeout: 120_000 }
      )
      .catch(async (err: Error) => {
        await page.screenshot({
          path: path.resolve('test-results', `no-money-${id}.png`),
          fullPage: true
        });
        throw new Error(`${id}: no money figure with ${symbol} on screen (${err.message})`);
      });
  }
}

/** The money elements on screen and the never-words in the page text. */
export async function look(page: Page): Promise<ViewLook> {
  const { money, text } = await page.evaluate(() => ({
    money: [...document.querySelectorAll('main [data-money]')]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => el.textContent!.replace(/\s+/g, ' ').trim()),
    // The never-words are Chinese: an English page is not searched for them.
    text: document.documentElement.lang.startsWith('zh') ? document.body.innerText : ''
  }));
  const never = NEVER_ZH.flatMap(([pattern, use]) => {
    const m = pattern.exec(text);
    return m
      ? [`“${m[0]}” in “${text.slice(Math.max(0, m.index - 20), m.index + 20)}” → ${use}`]
      : [];
  });
  return { money, never };
}

/**
 * Checks the open view's words and money: no never-word, every money figure with `symbol`, at
 * least one money figure unless the view is in `noMoney`. Returns how many money figures it saw.
 */
export async function checkWords(
  page: Page,
  id: string,
  symbol: string,
  noMoney: ReadonlySet<string> = NO_MONEY
): Promise<number> {
  const seen = await look(page);
  expect(seen.never, id).toEqual([]);
  const without = seen.money.filter((t) => !t.includes(symbol));
  expect(without, `${id}: money without ${symbol}`).toEqual([]);
  if (!noMoney.has(id)) expect(seen.money.length, id).toBeGreaterThan(0);
  return seen.money.length;
}
