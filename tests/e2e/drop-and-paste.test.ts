// The other two ways in: dropping a file anywhere on the page and pasting cells copied from Excel;
// and a file chosen in a dialog that closes after its picker left the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confirmAndReadReport,
  launch,
  newWorkspace,
  openApp,
  roleOf,
  waitSaved,
  type Session
} from './app';

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
    // The table's rows arrive after the report (once on CI the table still read 0 rows here).
    await s.page.waitForSelector('[data-testid="data-total"][data-total="2"]');
    expect(await s.page.locator('[data-testid="data-view"] tbody').innerText()).toContain('000981');
  });

  it('a file chosen after its picker left the page is still imported', async () => {
    // The page has data (the tests before): the data page's picker is the one on screen. The
    // user opens its dialog; meanwhile the page changes (here: a new, empty workspace; in life,
    // a large saved workspace finishing its restore) and shows the start page's picker instead.
    await waitSaved(s.page, -1); // the paste's import, so that the reload brings it back
    await openApp(s.page, 'en');
    await s.page.waitForSelector('[data-testid="restoring"]', { state: 'detached' });
    await s.page.waitForSelector('[data-testid="nav-overview"]');
    await s.page.evaluate(() => {
      (window as unknown as { picker: Element }).picker =
        document.querySelector('input[type=file]')!;
    });
    await newWorkspace(s.page);
    const isDetached = await s.page.evaluate(() => {
      const input = (window as unknown as { picker: HTMLInputElement }).picker;
      if (input.isConnected) return false;
      // The dialog closes: the old input gets the file and says it changed.
      const data = new DataTransfer();
      data.items.add(new File(['Customer ID,Order Date,Amount\nL1,2024-05-01,10\n'], 'late.csv'));
      input.files = data.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    });
    expect(isDetached).toBe(true);
    await s.page.waitForSelector('[data-testid="mapping-step"]', { timeout: 10_000 });
    expect((await confirmAndReadReport(s.page)).rowsAccepted).toBe(1);
  });
});
