// The one filter on Online Retail: Country = France from the filter bar, the Overview's customers
// and revenue against figures computed here from the file (DOMAIN §1–2, no app code), the filter
// shown on other views and on the Data view's rows, kept over a reload, cleared in one click.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  axeViolations,
  confirmAndReadReport,
  launch,
  openApp,
  openView,
  pickFile,
  saves,
  waitSaved,
  type Session
} from './app';
import { DATASET_FILES, describeWithData } from '../datasets';

const COUNTRY = 'France';

/**
 * Customers and revenue of one country, from the file as DOMAIN §1–2 reads it: a row without a
 * CustomerID is rejected (a required value is missing); amount = Quantity × UnitPrice; returns
 * (negative quantities) reduce revenue; every row is on or before the default as-of date.
 */
function countryFigures(file: string, country: string) {
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  const { data } = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  const customers = new Set<string>();
  let revenue = 0;
  let rows = 0;
  for (const r of data) {
    if (r.Country !== country || r.CustomerID.trim() === '') continue;
    const amount = Number(r.Quantity) * Number(r.UnitPrice);
    if (!Number.isFinite(amount) || !/^\d{4}-\d{2}-\d{2}/.test(r.InvoiceDate)) continue;
    customers.add(r.CustomerID.trim());
    revenue += amount;
    rows++;
  }
  return { customers: customers.size, revenue, rows };
}

/** The Overview's customers and revenue tiles once they show the analysis of `filterKey`. */
async function overviewFigures(page: Page, filterKey: string) {
  await openView(page, 'overview');
  await page.waitForFunction(
    (key) =>
      document
        .querySelector('[data-testid="kpis"]')
        ?.closest('section')
        ?.getAttribute('data-filter') === key,
    filterKey,
    { timeout: 60_000 }
  );
  const value = async (kpi: string) =>
    Number(await page.getAttribute(`[data-kpi="${kpi}"]`, 'data-value'));
  return { customers: await value('customers'), revenue: await value('revenue') };
}

async function activeFilterKey(page: Page): Promise<string> {
  return (await page.getAttribute('[data-testid="filter-active"]', 'data-filter')) ?? '';
}

describeWithData(['onlineRetail'], 'one filter for every view (Online Retail)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => s?.close());

  it(`Country = ${COUNTRY}: Overview, other views, Data rows, reload, clear`, async () => {
    const want = countryFigures(DATASET_FILES.onlineRetail, COUNTRY);
    const { page } = s;
    await openApp(page, 'en');
    await pickFile(page, DATASET_FILES.onlineRetail);
    await confirmAndReadReport(page, 170_000);
    // The whole file's figures while the original cells are copied behind the report.
    const all = await overviewFigures(page, '');
    expect(all.customers).toBe(4_372);
    // That copy ends with a save: settled before filtering, so the next save holds the filter.
    await openView(page, 'data');
    await page.waitForSelector('[data-testid="dataset-summary"][data-raw-complete="true"]', {
      timeout: 120_000
    });
    // (Its completion turned the status to "not saved yet" before the page showed it: a count read
    // now may already include that save.)
    await waitSaved(page, -1);
    const before = await saves(page);

    // Keyboard: the add button, a dimension, a search, a value, Apply.
    await page.focus('[data-testid="filter-add"]');
    await page.keyboard.press('Enter');
    await page.selectOption('[data-testid="filter-dimension"]', 'Country');
    await page.fill('[data-testid="filter-search"]', 'fran');
    const france = page.locator(`[data-testid="filter-values"] label[data-value="${COUNTRY}"]`);
    await france.waitFor();
    // The count beside the value is its rows in the dataset (rows without a customer were rejected).
    expect(Number(await france.getAttribute('data-rows'))).toBe(want.rows);
    await france.locator('input').focus();
    await page.keyboard.press('Space');
    expect(await axeViolations(page)).toEqual([]);
    await page.click('[data-testid="filter-apply"]');

    const chips = page.locator('[data-testid="filter-active"]');
    await chips.waitFor();
    expect(await chips.getAttribute('data-text')).toBe(COUNTRY);
    const key = await activeFilterKey(page);
    expect(JSON.parse(key)).toEqual({
      dims: [{ column: 'Country', values: [COUNTRY] }],
      from: null,
      to: null
    });
    const filtered = await overviewFigures(page, key);
    console.log(
      `Online Retail, Country = ${COUNTRY}: ${filtered.customers} customers, revenue ` +
        `${filtered.revenue} (file: ${want.customers}, ${want.revenue.toFixed(2)}; ${want.rows} rows)`
    );
    expect(filtered.customers).toBe(want.customers);
    expect(filtered.revenue).toBeCloseTo(want.revenue, 2);

    // The filter is shown on every view; the Data view lists the filtered rows and says so.
    for (const view of ['segments', 'cohorts']) {
      await openView(page, view);
      expect(await activeFilterKey(page)).toBe(key);
    }
    await openView(page, 'data');
    await page.waitForSelector(`[data-testid="data-total"][data-total="${want.rows}"]`);

    // Saved with the workspace: a reload comes back filtered.
    await waitSaved(page, before);
    await page.reload();
    await page.waitForSelector('[data-testid="restoring"]', { state: 'detached' });
    await chips.waitFor();
    expect(await activeFilterKey(page)).toBe(key);
    expect(await overviewFigures(page, key)).toEqual(filtered);

    // One click clears it: the whole file's numbers are back.
    await page.click('[data-testid="filter-clear"]');
    await chips.waitFor({ state: 'detached' });
    expect(await overviewFigures(page, '')).toEqual(all);
  });
});
