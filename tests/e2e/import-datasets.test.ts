// Drops the real public datasets into the production build and checks the import report's figures.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  confirmAndReadReport,
  launch,
  roleOf,
  openApp,
  pickFile,
  setRole,
  type Session
} from './app';
import { DATASET_FILES, describeWithData } from '../datasets';

/** None of the public files names its currency: nothing is preselected; the user picks one. */
async function chooseCurrency(page: Page, currency: string) {
  expect(await page.getAttribute('[data-testid="currency-detected"]', 'data-detected')).toBe('');
  expect(await page.inputValue('[data-testid="mapping-currency"]')).toBe('');
  await page.selectOption('[data-testid="mapping-currency"]', currency);
}

/** The report's revenue as shown (compact) and its tooltip (exact). */
async function reportTotal(page: Page) {
  const total = page.locator('[data-testid="report-total"]');
  return { text: await total.textContent(), title: await total.getAttribute('title') };
}

describeWithData(
  ['onlineRetail', 'cdnowElog', 'superstore'],
  `real datasets (TZ ${process.env.TZ})`,
  () => {
    let s: Session;
    beforeAll(async () => {
      s = await launch();
    });
    afterAll(async () => s?.close());

    it('Online Retail (.csv.gz, 541,909 rows): amount = Quantity × UnitPrice', async () => {
      await openApp(s.page, 'en');
      await pickFile(s.page, DATASET_FILES.onlineRetail);
      expect(await roleOf(s.page, 'CustomerID')).toBe('customer_id');
      expect(await roleOf(s.page, 'Quantity')).toBe('quantity');
      expect(await roleOf(s.page, 'UnitPrice')).toBe('unit_price');
      await chooseCurrency(s.page, 'GBP');
      const r = await confirmAndReadReport(s.page, 170_000);
      expect(r.rowsRead).toBe(541_909);
      expect(r.rowsRejected).toBe(135_080);
      expect(r.reasons).toEqual({ missing_customer_id: 135_080 });
      expect(r.rowsAccepted).toBe(406_829);
      expect(r.customers).toBe(4_372);
      expect(r.dateFrom).toBe('2010-12-01');
      expect(r.dateTo).toBe('2011-12-09');
      expect(r.encoding).toBe('utf-8');
      expect(await reportTotal(s.page)).toEqual({ text: '£8.3M', title: '£8,300,066' });
    });

    it('CDNOW elog (20240105-style dates, sampleid as the customer)', async () => {
      await openApp(s.page, 'en');
      await pickFile(s.page, DATASET_FILES.cdnowElog);
      await setRole(s.page, 'masterid', 'dimension');
      await setRole(s.page, 'sampleid', 'customer_id');
      expect(await roleOf(s.page, 'date')).toBe('date');
      expect(await roleOf(s.page, 'sales')).toBe('amount');
      await chooseCurrency(s.page, 'USD');
      const r = await confirmAndReadReport(s.page);
      expect(r.rowsRead).toBe(6_919);
      expect(r.rowsAccepted).toBe(6_919);
      expect(r.customers).toBe(2_357);
      expect(r.dateFrom).toBe('1997-01-01');
      expect(r.dateTo).toBe('1998-06-30');
      expect(r.totalAmount).toBeCloseTo(244_091.94, 2);
      expect(await reportTotal(s.page)).toEqual({ text: '$244.1K', title: '$244,092' });
    });

    it('Superstore (UTF-8 BOM, MM/DD/YYYY)', async () => {
      await openApp(s.page, 'zh-CN');
      await pickFile(s.page, DATASET_FILES.superstore);
      expect(await roleOf(s.page, 'Row ID')).toBe('ignore');
      expect(await roleOf(s.page, 'Customer ID')).toBe('customer_id');
      expect(await roleOf(s.page, 'Order Date')).toBe('date');
      await chooseCurrency(s.page, 'USD');
      const r = await confirmAndReadReport(s.page);
      expect(r.rowsRead).toBe(9_994);
      expect(r.rowsAccepted).toBe(9_994);
      expect(r.customers).toBe(793);
      expect(r.orders).toBe(5_009);
      expect(r.dateFrom).toBe('2014-01-03');
      expect(r.dateTo).toBe('2017-12-30');
      expect(r.totalAmount).toBeCloseTo(2_297_200.86, 2);
      expect(r.encoding).toBe('utf-8');
      // The page itself shows the figures in Chinese formatting.
      const text = await s.page.locator('[data-testid="import-report"]').innerText();
      expect(text).toContain('9,994');
      expect(text).toContain('2014年1月3日');
      expect(await reportTotal(s.page)).toEqual({ text: '$229.7万', title: '$2,297,201' });
    });
  }
);
