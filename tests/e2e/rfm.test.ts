// RFM through the UI on the real datasets: the exported scored customers against an independent
// reference implementation, the heatmap, the as-of date, and a screenshot of every view.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  confirmAndReadReport,
  launch,
  openApp,
  openView,
  pickFile,
  type Session,
  setRole,
  waitForSettled
} from './app';
import { DATASET_FILES, describeWithData } from '../datasets';
import {
  computeReferenceRfm,
  defaultAsOf,
  loadCdnow,
  loadOnlineRetail,
  loadSuperstore,
  parseCsv,
  referenceConcentration,
  type RefResult,
  type RefRow
} from './reference-rfm';

const HEADER =
  'customer_id,customer_name,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_code,segment,class8,value_quadrant,abc_tier,lifecycle_stage,first_purchase,last_purchase';
const SHOTS = path.resolve('test-results', 'screenshots');

/** Exports the scored customers as CSV from the customer view and parses it. */
async function exportCustomers(
  page: Page
): Promise<{ header: string; rows: Record<string, string>[] }> {
  await openView(page, 'customers');
  await page.waitForSelector('[data-testid="customers-total"]:not([data-total="0"])');
  const [download] = await Promise.all([
    // Online Retail's export is CPU work in the worker: past Playwright's 30 s at load ≈ 24 on 2 cores.
    page.waitForEvent('download', { timeout: 120_000 }),
    page.click('[data-testid="export-customers-csv"]')
  ]);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [head, ...body] = parseCsv(text.slice(1));
  return {
    header: head.join(','),
    rows: body
      .filter((r) => r.length > 1)
      .map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])))
  };
}

/** Every exported customer agrees with the reference on R, F, M and the three scores. */
function expectMatchesReference(rows: Record<string, string>[], ref: RefResult, sample: string[]) {
  expect(rows.length).toBe(ref.scored);
  const byId = new Map(rows.map((r) => [r.customer_id, r]));
  for (const id of sample) {
    const got = byId.get(id);
    const want = ref.customers.get(id)!;
    expect(got, id).toBeDefined();
    expect(Number(got!.recency_days), id).toBe(want.recencyDays);
    expect(Number(got!.frequency), id).toBe(want.frequency);
    expect(Number(got!.monetary), id).toBeCloseTo(want.monetary, 2);
    expect([got!.r_score, got!.f_score, got!.m_score].map(Number), id).toEqual([
      want.r,
      want.f,
      want.m
    ]);
  }
  // And all of them, not just the sample.
  let mismatches = 0;
  for (const row of rows) {
    const want = ref.customers.get(row.customer_id);
    const same =
      want &&
      Number(row.recency_days) === want.recencyDays &&
      Number(row.frequency) === want.frequency &&
      // The export rounds money to 2 decimals (DOMAIN §9): at most half a cent from the exact sum.
      Math.abs(Number(row.monetary) - want.monetary) <= 0.005 + 1e-9 &&
      Number(row.r_score) === want.r &&
      Number(row.f_score) === want.f &&
      Number(row.m_score) === want.m;
    if (!same) mismatches++;
  }
  expect(mismatches).toBe(0);
}

/** Customers per segment, as exported (for the closing note and a sanity check). */
function segmentCounts(rows: Record<string, string>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.segment] = (counts[r.segment] ?? 0) + 1;
  return counts;
}

async function kpi(page: Page, name: string): Promise<number> {
  return Number(await page.getAttribute(`[data-testid="kpis"] [data-kpi="${name}"]`, 'data-value'));
}

describeWithData(
  ['onlineRetail', 'superstore', 'cdnowElog'],
  `RFM on real datasets (TZ ${process.env.TZ})`,
  () => {
    let s: Session;
    beforeAll(async () => {
      s = await launch();
      mkdirSync(SHOTS, { recursive: true });
    });
    afterAll(async () => s?.close());

    it('Online Retail: 4,338 scored, 34 without a positive order, numbers equal the reference', async () => {
      const rows: RefRow[] = loadOnlineRetail(DATASET_FILES.onlineRetail);
      const ref = computeReferenceRfm(rows, defaultAsOf(rows));
      expect(ref.scored).toBe(4_338);
      expect(ref.noPurchase).toBe(34);

      await openApp(s.page, 'en');
      await pickFile(s.page, DATASET_FILES.onlineRetail);
      await confirmAndReadReport(s.page, 170_000);
      await openView(s.page, 'overview');
      await s.page.waitForSelector('[data-testid="kpis"]');
      expect(await kpi(s.page, 'scored')).toBe(4_338);
      expect(await kpi(s.page, 'noPurchase')).toBe(34);

      const exported = await exportCustomers(s.page);
      expect(exported.header).toBe(`${HEADER},StockCode,Description,Country`);
      expectMatchesReference(exported.rows, ref, ['12346', '12347', '14646', '17850', '18287']);
      console.log('Online Retail segments:', JSON.stringify(segmentCounts(exported.rows)));

      // The heatmap holds every scored customer exactly once.
      await openView(s.page, 'rfm');
      await s.page.waitForSelector('[data-testid="rfm-heatmap"] [data-r][data-f]');
      const counts = await s.page.$$eval('[data-testid="rfm-heatmap"] [data-r][data-f]', (cells) =>
        cells.map((c) => Number(c.getAttribute('data-count')))
      );
      expect(counts).toHaveLength(25);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(4_338);

      // From the keyboard: the tab stop starts on R5 F5; ArrowDown, Home, Enter lists R4 F1.
      const cell = (r: number, f: number) =>
        s.page.locator(`[data-testid="rfm-heatmap"] button[data-r="${r}"][data-f="${f}"]`);
      await cell(5, 5).focus();
      expect(await cell(5, 5).getAttribute('tabindex')).toBe('0');
      await s.page.keyboard.press('ArrowDown');
      await s.page.keyboard.press('Home');
      expect(await cell(4, 1).evaluate((el) => el === document.activeElement)).toBe(true);
      await s.page.keyboard.press('Enter');
      expect(await cell(4, 1).getAttribute('aria-pressed')).toBe('true');
      const listed = await cell(4, 1).getAttribute('data-count');
      await s.page.waitForSelector(`[data-testid="cell-customers"][data-total="${listed}"]`);
      // The cell's customers appear where the eye is: beside the heatmap at 1280 px, on screen.
      const list = (await s.page.locator('[data-testid="cell-customers"]').boundingBox())!;
      const map = (await s.page.locator('[data-testid="rfm-heatmap"]').boundingBox())!;
      expect(list.y).toBeGreaterThanOrEqual(0);
      expect(list.y).toBeLessThan(s.page.viewportSize()!.height);
      expect(list.x).toBeGreaterThanOrEqual(map.x + map.width);

      // An earlier as-of date drops later transactions from every metric. It stays with this
      // dataset: the next test's import (same workspace) opens on its own default date.
      await s.page.fill('[data-testid="as-of-date"]', '2011-06-01');
      await s.page.dispatchEvent('[data-testid="as-of-date"]', 'change');
      const early = computeReferenceRfm(rows, '2011-06-01');
      await s.page.waitForFunction(
        (n) =>
          [...document.querySelectorAll('[data-testid="rfm-heatmap"] [data-count]')]
            .map((c) => Number(c.getAttribute('data-count')))
            .reduce((a, b) => a + b, 0) === n,
        early.scored
      );
    });

    it('Superstore: 793 scored customers equal the reference; every view renders', async () => {
      const rows = loadSuperstore(DATASET_FILES.superstore);
      const ref = computeReferenceRfm(rows, defaultAsOf(rows));
      await openApp(s.page, 'zh-CN');
      await pickFile(s.page, DATASET_FILES.superstore);
      await confirmAndReadReport(s.page);
      const exported = await exportCustomers(s.page);
      expect(exported.rows).toHaveLength(793);
      expectMatchesReference(exported.rows, ref, ['CG-12520', 'DV-13045', 'SM-20320', 'TC-20980']);
      console.log('Superstore segments:', JSON.stringify(segmentCounts(exported.rows)));
      // Segment names are written in the UI language.
      expect(exported.rows.some((r) => r.segment === '核心客户')).toBe(true);

      for (const view of [
        'overview',
        'rfm',
        'quadrant',
        'tiers',
        'breakdowns',
        'distributions',
        'customers',
        'segments'
      ]) {
        await openView(s.page, view);
        await s.page.waitForSelector('main h2');
        await waitForSettled(s.page);
        // The concentration (asked for apart from the summary) against DOMAIN §4.
        const concentration = referenceConcentration(ref);
        if (view === 'overview') {
          const card = s.page.locator('[data-testid="home-concentration"] p[data-top20]');
          expect(Number(await card.getAttribute('data-top20'))).toBeCloseTo(
            concentration.top20pct,
            12
          );
          expect(Number(await card.getAttribute('data-top1'))).toBeCloseTo(concentration.top1, 12);
        }
        if (view === 'tiers') {
          const gini = s.page.locator('[data-testid="gini"]');
          expect(Number(await gini.getAttribute('data-value'))).toBeCloseTo(concentration.gini, 12);
        }
        // Breakdowns open on Region (4 values), not on the first column (Ship Date, 1,334 values).
        if (view === 'breakdowns')
          expect(
            await s.page.locator('[data-testid="breakdown-dimension"] option:checked').textContent()
          ).toBe('Region');
        await s.page.screenshot({
          path: path.join(SHOTS, `superstore-${view}-zh-CN.png`),
          fullPage: true
        });
      }
    });

    it('CDNOW (sampleid as the customer): 2,349 scored and 8 whose purchases are all $0', async () => {
      const rows = loadCdnow(DATASET_FILES.cdnowElog);
      const ref = computeReferenceRfm(rows, defaultAsOf(rows));
      expect([ref.scored, ref.noPurchase]).toEqual([2_349, 8]);
      await openApp(s.page, 'en');
      await pickFile(s.page, DATASET_FILES.cdnowElog);
      await setRole(s.page, 'masterid', 'dimension');
      await setRole(s.page, 'sampleid', 'customer_id');
      await confirmAndReadReport(s.page);
      await openView(s.page, 'overview');
      await s.page.waitForSelector('[data-testid="kpis"]');
      expect(await kpi(s.page, 'scored')).toBe(2_349);
      expect(await kpi(s.page, 'noPurchase')).toBe(8);
      const exported = await exportCustomers(s.page);
      const scoredIds = [...ref.customers.values()]
        .filter((c) => c.frequency > 0)
        .map((c) => c.customerId);
      expectMatchesReference(exported.rows, ref, [scoredIds[0], scoredIds[99], scoredIds.at(-1)!]);

      // The Excel export opens as a workbook with the same header and typed cells.
      const [download] = await Promise.all([
        s.page.waitForEvent('download'),
        s.page.click('[data-testid="export-customers-xlsx"]')
      ]);
      const workbook = XLSX.read(readFileSync((await download.path())!), { type: 'buffer' });
      const sheet = workbook.Sheets[workbook.SheetNames[0]];
      const table = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
      expect((table[0] as string[]).join(',')).toBe(`${HEADER},masterid`);
      expect(table).toHaveLength(2_349 + 1);
      const first = table[1] as unknown[];
      expect(typeof first[2]).toBe('number'); // recency_days
      expect(typeof first[0]).toBe('string'); // customer_id stays text
    });
  }
);
