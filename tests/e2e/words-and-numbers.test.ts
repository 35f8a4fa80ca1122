// Words and numbers across every view (GLOSSARY.md): no never-word on the page, every money figure
// in its dataset's currency, compact headline tiles with the exact value as their tooltip and room
// in their cards, and exports rounded as DOMAIN §9 allows, on Online Retail (no symbol in the file:
// £ chosen in the mapping step). The views tours check the same words and money on the sample (¥).
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  confirmAndReadReport,
  launch,
  newWorkspace,
  openApp,
  openView,
  pickFile,
  type Session,
  clickForDownload
} from './app';
import { DATASET_FILES, itWithData } from '../datasets';
import { checkWords, NO_MONEY, openChurnList, visit } from './crawl';
import { loadOnlineRetail, parseCsv } from './reference-rfm';

const RETAIL = DATASET_FILES.onlineRetail;
// In CI the data must be there: the test then runs and fails on the missing file.

/** Every KPI tile's value fits its card at the current width. */
async function overflowingTiles(page: Page): Promise<string[]> {
  return page.$$eval('[data-kpi] .value', (values) =>
    values
      .filter((v) => v.scrollWidth > v.clientWidth)
      .map((v) => `${v.closest('[data-kpi]')!.getAttribute('data-kpi')}: ${v.textContent}`)
  );
}

/** Checks the tiles at 1280 px and at 800 px wide; returns the revenue tile's text and tooltip. */
async function revenueTile(page: Page) {
  const tile = page.locator('[data-kpi="revenue"] .value');
  for (const width of [1280, 800]) {
    await page.setViewportSize({ width, height: 900 });
    await tile.waitFor();
    expect(await overflowingTiles(page), `${width} px`).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return { text: (await tile.textContent())!.trim(), title: (await tile.getAttribute('title'))! };
}

/** What a column of an export holds, and so how many decimals its numbers may have (DOMAIN §9). */
type Kind = 'text' | 'int' | 'money' | 'expected' | 'prob' | 'number';
const DECIMALS: Record<Exclude<Kind, 'text'>, number> = {
  int: 0,
  money: 2,
  expected: 3,
  prob: 4,
  // A column the test does not name (a file's own dimension): at most a rate's 4 decimals.
  number: 4
};

/** Cells that break their column's rounding: too many decimals, exponents, text in a number column. */
function badCells(text: string, kindOf: (header: string, index: number) => Kind): string[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, '')).filter((r) => r.length > 1);
  const bad: string[] = [];
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    row.forEach((cell, i) => {
      const kind = kindOf(header[i], i);
      if (cell === '' || kind === 'text') return;
      const isNumber = /^-?\d+(\.\d+)?$/.test(cell);
      // A dimension column may hold text (StockCode 85123A); a named number column may not.
      if (!isNumber) {
        if (kind !== 'number' || /^-?[\d.]+e[-+]?\d+$/i.test(cell))
          bad.push(`${header[i]}: ${cell}`);
        return;
      }
      const decimals = cell.split('.')[1]?.length ?? 0;
      if (decimals > DECIMALS[kind]) bad.push(`${header[i]} (${kind}): ${cell}`);
    });
  }
  return bad;
}

/** The customer export's columns (DOMAIN §9). */
const CUSTOMER_KINDS: Record<string, Kind> = {
  customer_id: 'text',
  customer_name: 'text',
  recency_days: 'int',
  frequency: 'int',
  monetary: 'money',
  r_score: 'int',
  f_score: 'int',
  m_score: 'int',
  rfm_code: 'int',
  p_alive: 'prob',
  expected_purchases_90d: 'expected',
  clv_12m: 'money',
  first_purchase: 'text',
  last_purchase: 'text'
};
/** The churn list export's columns. */
const CHURN_KINDS: Record<string, Kind> = {
  ...CUSTOMER_KINDS,
  clv: 'money',
  value_at_stake: 'money',
  spend_last_90d: 'money',
  avg_90d_spend_prior_year: 'money',
  spend_share: 'prob'
};

async function download(page: Page, click: () => Promise<void>): Promise<string> {
  const file = await clickForDownload(page, click);
  return readFileSync((await file.path())!, 'utf8');
}

/** Downloads the CSV of the view's first chart. */
function chartCsv(page: Page) {
  return download(page, () =>
    page.locator('main figure.chart-figure').first().locator('button', { hasText: 'CSV' }).click()
  );
}

describe('words and numbers', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => s?.close());

  itWithData(
    ['onlineRetail'],
    'Online Retail with £ chosen: the main views in Chinese, the revenue tile in both languages, rounded exports',
    async () => {
      const rows = loadOnlineRetail(RETAIL);
      // The Overview's revenue (DOMAIN §3): every customer's M summed, M = the sum of all their
      // amounts net of returns; amount = Quantity × UnitPrice; rows without a customer are rejected.
      const revenue = rows.reduce((sum, r) => sum + r.amount, 0);

      // A workspace of its own: replacing the sample's orders keeps its targets, master, survey
      // responses and complaints (a replacing import replaces only its own kind).
      await openApp(s.page, 'zh-CN');
      await newWorkspace(s.page);
      await pickFile(s.page, RETAIL);
      // Nothing in the file names the currency: none is preselected, the user picks pounds.
      expect(await s.page.getAttribute('[data-testid="currency-detected"]', 'data-detected')).toBe(
        ''
      );
      expect(await s.page.inputValue('[data-testid="mapping-currency"]')).toBe('');
      await s.page.selectOption('[data-testid="mapping-currency"]', 'GBP');
      if (await s.page.locator('input[type="radio"][value="replace"]').count())
        await s.page.check('input[type="radio"][value="replace"]');
      await confirmAndReadReport(s.page, 300_000);
      expect(await s.page.getAttribute('[data-testid="dataset-summary"]', 'data-currency')).toBe(
        'GBP'
      );

      // The chosen £ on the views a manager reads money on first (the views tours check every
      // view, on the sample, the same way).
      const counts: Record<string, number> = {};
      for (const id of ['overview', 'customers', 'clv', 'churn']) {
        await visit(s.page, id, '£', NO_MONEY);
        counts[id] = await checkWords(s.page, id, '£');
      }
      console.log('Online Retail (zh-CN) money elements per view:', JSON.stringify(counts));

      // Exports, after the fit (the customer export then has the model's columns).
      await openView(s.page, 'customers');
      await s.page.waitForSelector('[data-testid="customers-total"]:not([data-total="0"])');
      const customers = await download(s.page, () =>
        s.page.click('[data-testid="export-customers-csv"]')
      );
      expect(customers).toContain('p_alive');
      expect(badCells(customers, (h) => CUSTOMER_KINDS[h] ?? 'number')).toEqual([]);

      await openView(s.page, 'churn');
      await openChurnList(s.page);
      const churn = await download(s.page, () => s.page.click('[data-testid="churn-export-csv"]'));
      expect(badCells(churn, (h) => CHURN_KINDS[h] ?? 'number')).toEqual([]);

      await openView(s.page, 'trends');
      await s.page.waitForSelector('main figure.chart-figure svg');
      const trends = await chartCsv(s.page);
      // Period, revenue, orders, active, new, returning customers, average order value, growth
      // vs the previous period and a year earlier (rates), note (incomplete period).
      const TREND_KINDS: Kind[] = [
        'text',
        'money',
        'int',
        'int',
        'int',
        'int',
        'money',
        'prob',
        'prob',
        'text'
      ];
      expect(badCells(trends, (_, i) => TREND_KINDS[i])).toEqual([]);

      await openView(s.page, 'cohorts');
      await s.page.waitForSelector('main figure.chart-figure svg');
      const retention = await chartCsv(s.page);
      expect(badCells(retention, (_, i) => (i === 0 ? 'text' : i === 1 ? 'int' : 'prob'))).toEqual(
        []
      );
      await s.page.click('[data-testid="cohort-measure-revenue"]');
      const cohortRevenue = await chartCsv(s.page);
      expect(
        badCells(cohortRevenue, (_, i) => (i === 0 ? 'text' : i === 1 ? 'int' : 'money'))
      ).toEqual([]);

      await openView(s.page, 'clv');
      await s.page.waitForSelector('[data-testid="clv-top"] tbody tr');
      const top = await download(s.page, () =>
        s.page.locator('section:has([data-testid="clv-top"]) button.csv').click()
      );
      // Customer, name, owner, region, CLV, P(alive), expected purchases (90 days, a year),
      // expected spend, x.
      const TOP_KINDS: Kind[] = [
        'text',
        'text',
        'text',
        'text',
        'money',
        'prob',
        'expected',
        'expected',
        'money',
        'int'
      ];
      expect(badCells(top, (_, i) => TOP_KINDS[i])).toEqual([]);
      console.log(
        'export rows checked:',
        JSON.stringify({
          customers: customers.split('\n').length - 2,
          churn: churn.split('\n').length - 2,
          trends: trends.split('\n').length - 2,
          cohortRetention: retention.split('\n').length - 2,
          cohortRevenue: cohortRevenue.split('\n').length - 2,
          clvTop: top.split('\n').length - 2
        })
      );

      // The revenue tile: compact, the exact value (whole pounds from £10,000 up) as its tooltip.
      const exact = `£${Math.round(revenue).toLocaleString('en-US')}`;
      await openView(s.page, 'overview');
      const zh = await revenueTile(s.page);
      expect(zh.text).toBe('£830.0万');
      expect(zh.title).toBe(exact);
      await s.page.selectOption('header .lang select', 'en');
      await s.page.waitForSelector('html[lang="en"]');
      const en = await revenueTile(s.page);
      expect(en.text).toBe('£8.3M');
      expect(en.title).toBe(exact);
      console.log('Online Retail revenue tile:', JSON.stringify({ zh, en, revenue }));

      // The currency can be changed later, on the Data page.
      await openView(s.page, 'data');
      await s.page.selectOption('[data-testid="dataset-currency"]', 'EUR');
      await s.page.waitForSelector('[data-testid="dataset-summary"][data-currency="EUR"]');
      expect(await s.page.textContent('[data-testid="dataset-total"]')).toMatch(/^€8\.\dM$/);
      await openView(s.page, 'overview');
      expect(await s.page.textContent('[data-kpi="revenue"] .value')).toBe('€8.3M');
      await s.page.selectOption('header .lang select', 'zh-CN');
    },
    1_500_000
  );
});
