// Four import cases found by trying real files (issue 10), through the production build: a pasted
// GBK row with an unreadable name, a notes sheet before the orders, serial dates typed as plain
// numbers, and CDNOW's two id columns. Every file is written here; the expected figures are worked
// out by hand from the rows below.
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_FILES, itWithData } from '../datasets';
import {
  confirmAndReadReport,
  launch,
  openApp,
  pickFile,
  roleOf,
  setRole,
  type Session
} from './app';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const messages = (locale: 'en' | 'zh-CN') =>
  JSON.parse(readFileSync(`src/lib/i18n/messages/app.${locale}.json`, 'utf8')) as Record<
    string,
    string
  >;

async function setLocale(page: Page, locale: 'en' | 'zh-CN') {
  await page.locator('label.lang select').selectOption(locale);
  await page.waitForFunction((l) => document.documentElement.lang === l, locale);
}

/** Excel serial day of a calendar date: days since 1899-12-30 (1900 system) or 1904-01-01. */
const serial = (y: number, m: number, d: number, date1904 = false) =>
  (Date.UTC(y, m - 1, d) - (date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30))) / 86_400_000;
const dateCell = (value: number) => ({ t: 'n', v: value, z: 'yyyy-mm-dd' });

function xlsx(sheets: [string, unknown[][]][], date1904 = false): Buffer {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of sheets) {
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), name);
  }
  if (date1904) wb.Workbook = { ...wb.Workbook, WBProps: { date1904: true } };
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

describe(`import cases of issue 10 (TZ ${process.env.TZ})`, () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => s?.close());

  it('a UTF-8 file with pasted GBK rows: an unreadable name keeps its row and is warned about', async () => {
    const { page } = s;
    const utf8 = (text: string) => Buffer.from(text, 'utf8');
    const gbk = (text: string) => iconv.encode(text, 'gbk');
    const buffer = Buffer.concat([
      utf8(
        [
          '客户编号,客户名称,订单日期,订单金额,区域',
          'K01,北京华星科技有限公司,2024-01-05,1200,华北', // row 2
          'K02,上海明达贸易有限公司,2024-01-20,800,华东',
          'K01,北京华星科技有限公司,2024-02-10,300.50,华北',
          'K03,广州鸿运物流有限公司,2024-03-01,450,华南',
          'K04,深圳鑫源电子有限公司,2024-03-15,99.90,华南', // row 6
          ''
        ].join('\n')
      ),
      gbk('K05,成都蜀都餐饮有限公司,2024-04-02,660,西南\n'), // row 7: name and region in GBK
      utf8('K02,上海明达贸易有限公司,2024-04-18,150,华东\n'), // row 8
      gbk('客户06,杭州西湖茶业有限公司,2024-05-01,70,华东\n'), // row 9: the customer id too
      utf8('K06,南京金陵文化传媒有限公司,2024-05-20,210,华东\n') // row 10
    ]);
    await openApp(page, 'en');
    await pickFile(page, { name: 'pasted.csv', mimeType: 'text/csv', buffer });
    expect(await page.locator('[data-testid="encoding"]').inputValue()).toBe('utf-8');
    expect(await roleOf(page, '客户名称')).toBe('customer_name');
    const r = await confirmAndReadReport(page);
    // By hand: rows 2–10 are 9 rows; row 9 has no readable customer ID. Customers K01–K06 (6);
    // 1200 + 800 + 300.50 + 450 + 99.90 + 660 + 150 + 210 = 3870.40; every kept row an order.
    expect(r).toMatchObject({
      rowsRead: 9,
      rowsAccepted: 8,
      rowsRejected: 1,
      customers: 6,
      orders: 8,
      returns: 0,
      totalAmount: 3870.4,
      dateFrom: '2024-01-05',
      dateTo: '2024-05-20',
      encoding: 'utf-8'
    });
    expect(r.reasons).toEqual({ bad_encoding: 1 });
    expect(r.warnings).toEqual({ unreadable_text: 1 });
    const warning = page.locator(
      '[data-testid="import-warnings"] tr[data-reason="unreadable_text"]'
    );
    expect(await warning.getAttribute('data-rows')).toBe('7');
    const en = await warning.innerText();
    expect(en).toContain('“客户名称” and “区域” could not be read in this file’s encoding');
    expect(en).toContain('the rows were kept');
    expect(en).toMatch(/\b7\b/);
    expect(await page.locator('[data-testid="import-warnings"] caption').innerText()).toBe(
      messages('en')['report.warningTitle']
    );
    const rejected = page.locator('[data-testid="reject-reasons"] tr[data-reason="bad_encoding"]');
    expect(await rejected.innerText()).toMatch(/\b9\b/);

    // The kept row is in the data, its name shown with replacement marks.
    await page.fill('[data-testid="data-search"]', '\uFFFD');
    await page.waitForSelector('[data-testid="data-total"][data-total="1"]');
    const found = await page.locator('[data-testid="data-view"] tbody').innerText();
    expect(found).toContain('K05');
    expect(found).toContain('\uFFFD');
    await page.fill('[data-testid="data-search"]', '');

    await setLocale(page, 'zh-CN');
    const zh = await warning.innerText();
    expect(zh).toContain('“客户名称”和“区域”无法按该文件的编码读取');
    expect(zh).toContain('这些行已保留');
    expect(await page.locator('[data-testid="import-warnings"] caption').innerText()).toBe(
      messages('zh-CN')['report.warningTitle']
    );
  });

  it('a workbook whose first sheet is notes opens on the orders sheet and says why', async () => {
    const { page } = s;
    const buffer = xlsx([
      [
        'Notes',
        [
          ['How to read this workbook'],
          ['The sheet Orders holds one row per order line.'],
          ['Amounts are in CNY, taxes included.'],
          ['Exported 2024-07-01']
        ]
      ],
      [
        'Orders',
        [
          ['Order ID', 'Customer ID', 'Customer Name', 'Order Date', 'Amount', 'Region'],
          ['SO-1', 'C01', 'Alpha', dateCell(serial(2024, 2, 1)), 500, 'East'],
          ['SO-1', 'C01', 'Alpha', dateCell(serial(2024, 2, 1)), 120, 'East'],
          ['SO-2', 'C02', 'Beta', dateCell(serial(2024, 2, 15)), 330, 'West'],
          ['SO-3', 'C01', 'Alpha', dateCell(serial(2024, 3, 3)), -50, 'East'],
          ['SO-4', 'C03', 'Gamma', dateCell(serial(2024, 3, 20)), 275.25, 'North']
        ]
      ]
    ]);
    await openApp(page, 'en');
    await pickFile(page, { name: 'export.xlsx', mimeType: XLSX_TYPE, buffer });
    expect(await page.locator('[data-testid="sheet"]').inputValue()).toBe('Orders');
    const choice = page.locator('[data-testid="sheet-choice"]');
    expect(await choice.getAttribute('data-found')).toBe('customer_id date amount');
    expect(await choice.innerText()).toBe(
      'Opened sheet “Orders”: it has the Customer ID, Order date, and Amount columns; “Notes” has none of them.'
    );
    expect(await page.locator('[data-testid="mapping-step"] [role="alert"]').count()).toBe(0);
    await setLocale(page, 'zh-CN');
    expect(await choice.innerText()).toBe(
      '已打开工作表“Orders”：其中有客户编号、订单日期和金额列；“Notes”中没有这些列。'
    );
    await setLocale(page, 'en');

    // The picker still opens any sheet: the notes have no columns to import, and say so.
    await page.locator('[data-testid="sheet"]').selectOption('Notes');
    await page.waitForSelector('[data-testid="mapping-step"] [role="alert"]');
    expect(await page.locator('[data-testid="sheet-choice"]').count()).toBe(0);
    expect(await page.isDisabled('[data-testid="confirm-mapping"]')).toBe(true);
    await page.locator('[data-testid="sheet"]').selectOption('Orders');
    await page.waitForSelector('select[data-header="Order ID"]');
    expect(await roleOf(page, 'Customer ID')).toBe('customer_id');
    expect(await roleOf(page, 'Order ID')).toBe('order_id');

    const r = await confirmAndReadReport(page);
    // By hand: 5 lines; SO-3 (−50) is a return; orders SO-1 (two lines), SO-2, SO-4 = 3;
    // 500 + 120 + 330 − 50 + 275.25 = 1175.25.
    expect(r).toMatchObject({
      rowsRead: 5,
      rowsAccepted: 5,
      rowsRejected: 0,
      customers: 3,
      orders: 3,
      returns: 1,
      totalAmount: 1175.25,
      dateFrom: '2024-02-01',
      dateTo: '2024-03-20'
    });
  });

  it('serial dates typed as plain numbers in an xlsx date column are dates (1900 and 1904)', async () => {
    const { page } = s;
    const plain = (y: number, m: number, d: number) => serial(y, m, d);
    const buffer = xlsx([
      [
        'Orders',
        [
          ['Customer ID', 'Order Date', 'Amount'],
          ['A1', dateCell(serial(2024, 1, 5)), 100], // row 2: a real date cell
          ['A2', plain(2024, 3, 1), 200], // General cell 45352
          ['A3', plain(2024, 7, 15) + 0.75, 300], // with a time of day
          ['A1', dateCell(serial(2024, 9, 30)), 50],
          ['A4', plain(2024, 12, 31), 25],
          ['A5', 99999, 10], // row 7: no day of 1950–2099
          ['A2', plain(2024, 2, 29), 75],
          ['A6', 12, 5], // row 9: a day number, not a date
          ['A6', dateCell(serial(2024, 5, 5)), 60],
          ['A7', plain(2024, 6, 6), 15]
        ]
      ]
    ]);
    await openApp(page, 'en');
    await pickFile(page, { name: 'typed_serials.xlsx', mimeType: XLSX_TYPE, buffer });
    expect(await roleOf(page, 'Order Date')).toBe('date');
    const r = await confirmAndReadReport(page);
    // By hand: 10 rows, rows 7 and 9 bad dates; customers A1, A2, A3, A4, A6, A7 = 6;
    // 100 + 200 + 300 + 50 + 25 + 75 + 60 + 15 = 825; days 2024-01-05 … 2024-12-31.
    expect(r).toMatchObject({
      rowsRead: 10,
      rowsAccepted: 8,
      rowsRejected: 2,
      customers: 6,
      totalAmount: 825,
      dateFrom: '2024-01-05',
      dateTo: '2024-12-31'
    });
    expect(r.reasons).toEqual({ bad_date: 2 });
    const rejected = await page
      .locator('[data-testid="reject-reasons"] tr[data-reason="bad_date"]')
      .innerText();
    expect(rejected).toMatch(/\b7\b.*\b9\b/);

    // A Mac workbook counts from 1904-01-01: 43834 is 2024-01-05 there (2020-01-04 in 1900).
    const mac = xlsx(
      [
        [
          'Orders',
          [
            ['Customer ID', 'Order Date', 'Amount'],
            ['M1', serial(2024, 1, 5, true), 10],
            ['M2', dateCell(serial(2024, 2, 29, true)), 20],
            ['M3', serial(2024, 12, 31, true), 30]
          ]
        ]
      ],
      true
    );
    await openApp(page, 'en');
    await pickFile(page, { name: 'mac.xlsx', mimeType: XLSX_TYPE, buffer: mac });
    const r1904 = await confirmAndReadReport(page);
    expect(r1904).toMatchObject({
      rowsRead: 3,
      rowsAccepted: 3,
      customers: 3,
      totalAmount: 60,
      dateFrom: '2024-01-05',
      dateTo: '2024-12-31'
    });
  });

  itWithData(
    ['cdnowElog'],
    'CDNOW: choosing sampleid as the customer ID releases masterid',
    async () => {
      const file = DATASET_FILES.cdnowElog;
      // Reference from the file itself (DOMAIN §6: the customer is `sampleid`).
      const [, ...lines] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
      const rows = lines.map((l) => l.split(','));
      const customers = new Set(rows.map((r) => r[1])).size;
      const total = rows.reduce((sum, r) => sum + Number(r[4]), 0);
      const days = rows
        .map((r) => `${r[2].slice(0, 4)}-${r[2].slice(4, 6)}-${r[2].slice(6)}`)
        .sort();
      expect(customers).toBe(2_357);

      const { page } = s;
      await openApp(page, 'en');
      await pickFile(page, file);
      expect(await roleOf(page, 'masterid')).toBe('customer_id'); // the detector's tie: leftmost
      await setRole(page, 'sampleid', 'customer_id');
      expect(await roleOf(page, 'sampleid')).toBe('customer_id');
      expect(await roleOf(page, 'masterid')).toBe('ignore');
      expect(await page.locator('[data-testid="mapping-step"] [role="alert"]').count()).toBe(0);
      expect(await page.isDisabled('[data-testid="confirm-mapping"]')).toBe(false);

      const r = await confirmAndReadReport(page);
      expect(r).toMatchObject({
        rowsRead: rows.length,
        rowsAccepted: rows.length,
        rowsRejected: 0,
        customers,
        dateFrom: days[0],
        dateTo: days.at(-1)
      });
      expect(r.totalAmount).toBeCloseTo(total, 2);
      // The customer column is sampleid; masterid was not imported.
      const head = await page.locator('[data-testid="data-view"] thead').innerText();
      expect(head).toContain('sampleid');
      expect(head).not.toContain('masterid');
    }
  );
});
