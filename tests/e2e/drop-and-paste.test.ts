// The other two ways in: dropping a file anywhere on the page and pasting cells copied from Excel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmAndReadReport, launch, openApp, roleOf, type Session } from './app';

describe(`drop and paste (TZ ${process.env.TZ})`, () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => s?.close());

  it('imports a file dropped anywhere on the page', async () => {
    await openApp(s.page, 'en');
    const csv =
      'Customer ID;Order Date;Amount\r\nK-1;31.12.2023;1.234,50\r\nK-2;01.02.2024;99,90\r\n';
    await s.page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
      const target = document.querySelector('main')!;
      target.dispatchEvent(
        new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true })
      );
      target.dispatchEvent(
        new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true })
      );
    }, csv);
    await s.page.waitForSelector('[data-testid="mapping-step"]');
    expect(await roleOf(s.page, 'Amount')).toBe('amount');
    const r = await confirmAndReadReport(s.page);
    expect(r).toMatchObject({
      rowsRead: 2,
      rowsAccepted: 2,
      customers: 2,
      dateFrom: '2023-12-31',
      dateTo: '2024-02-01',
      totalAmount: 1334.4
    });
  });

  it('imports cells pasted from Excel (tab-separated text)', async () => {
    await openApp(s.page, 'zh-CN');
    const tsv = '客户编号\t下单日期\t成交金额\n000981\t2024/3/5\t1,000\n000982\t2024/3/6\t250.5\n';
    await s.page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.body.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
      );
    }, tsv);
    await s.page.waitForSelector('[data-testid="mapping-step"]');
    const r = await confirmAndReadReport(s.page);
    expect(r).toMatchObject({ rowsRead: 2, rowsAccepted: 2, customers: 2, totalAmount: 1250.5 });
    expect(await s.page.locator('[data-testid="data-view"] tbody').innerText()).toContain('000981');
  });
});
