// Files written by the test itself: a GBK CSV with Chinese headers and an xlsx with a title block.
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmAndReadReport, launch, openApp, pickFile, roleOf, type Session } from './app';

const GBK_ROWS = [
  '客户编号,客户名称,订单日期,订单金额,省份,销售代表',
  // GBK has no U+00A5 ¥; Chinese files write the full-width ￥.
  'C001,北京华星科技有限公司,2024年1月5日,"￥1,234.50",北京,张伟',
  'C001,北京华星科技有限公司,2024/2/10,800,北京,张伟',
  'C002,上海明达贸易有限公司,2024-03-01,"2,000.00",上海,李娜',
  'C002,上海明达贸易有限公司,2024-03-15,(200.00),上海,李娜',
  'C003,广州鸿运物流有限公司,20240420,500元,广东,王芳',
  ',无名客户,2024-04-21,100,广东,王芳',
  'C004,深圳鑫源电子有限公司,2024-02-30,300,广东,王芳',
  'C005,成都蜀都餐饮有限公司,2024-05-06,abc,四川,刘洋',
  ' 00123 ,杭州西湖茶业有限公司,2024-06-01,￥99.90,浙江,陈静'
];

/** Excel serial of a calendar date (1900 system). */
const serial = (y: number, m: number, d: number) =>
  (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;

function workbook(): Buffer {
  const dateCell = (y: number, m: number, d: number) => ({
    t: 'n',
    v: serial(y, m, d),
    z: 'yyyy-mm-dd'
  });
  const aoa = [
    ['2024年客户订单明细', null, null, null, null],
    ['导出时间：2024-07-01', null, null, null, null],
    [null, null, null, null, null],
    ['订单号', '客户编号', '下单日期', '成交金额', '区域'],
    ['SO-001', '000417', dateCell(2024, 1, 31), 1200, '华东'],
    ['SO-002', '000417', dateCell(2024, 2, 29), 300.5, '华东'],
    ['SO-003', '000982', dateCell(2024, 3, 1), 99, '华南'],
    ['SO-004', '001200', dateCell(2024, 12, 31), -50, '华北'],
    ['合计', null, null, 1549.5, null]
  ];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 4 } }];
  const notes = XLSX.utils.aoa_to_sheet([['说明'], ['本表由测试生成']]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '订单');
  XLSX.utils.book_append_sheet(wb, notes, '备注');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

describe(`generated files (TZ ${process.env.TZ})`, () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => s?.close());

  it('GBK CSV with Chinese headers, Chinese dates and amounts; rejected rows downloadable', async () => {
    await openApp(s.page, 'zh-CN');
    const buffer = iconv.encode(GBK_ROWS.join('\r\n') + '\r\n', 'gbk');
    await pickFile(s.page, { name: '订单.csv', mimeType: 'text/csv', buffer });
    expect(await s.page.locator('[data-testid="encoding"]').inputValue()).toBe('gb18030');
    expect(await roleOf(s.page, '客户编号')).toBe('customer_id');
    expect(await roleOf(s.page, '客户名称')).toBe('customer_name');
    expect(await roleOf(s.page, '订单日期')).toBe('date');
    expect(await roleOf(s.page, '订单金额')).toBe('amount');
    expect(await roleOf(s.page, '省份')).toBe('dimension');
    const r = await confirmAndReadReport(s.page);
    expect(r).toMatchObject({
      rowsRead: 9,
      rowsAccepted: 6,
      rowsRejected: 3,
      customers: 4,
      returns: 1,
      dateFrom: '2024-01-05',
      dateTo: '2024-06-01',
      totalAmount: 4434.4,
      encoding: 'gb18030'
    });
    expect(r.reasons).toEqual({ missing_customer_id: 1, bad_date: 1, bad_amount: 1 });
    const reasonsText = await s.page.locator('[data-testid="reject-reasons"]').innerText();
    expect(reasonsText).toContain('客户编号为空');
    expect(reasonsText).toMatch(/\b7\b/); // the spreadsheet row number of the row without an id

    const [download] = await Promise.all([
      s.page.waitForEvent('download'),
      s.page.click('[data-testid="download-rejected"]')
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('row,reason,客户编号,客户名称,订单日期,订单金额,省份,销售代表');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      '7,missing_customer_id',
      '8,bad_date',
      '9,bad_amount'
    ]);

    // The same layout again: the confirmed mapping is remembered.
    await pickFile(s.page, { name: '订单2.csv', mimeType: 'text/csv', buffer });
    expect(await s.page.getAttribute('[data-testid="mapping-status"]', 'data-remembered')).toBe(
      'true'
    );
    await s.page.getByRole('button', { name: '取消' }).click();

    // Leading zeros survive and the id is trimmed.
    await s.page.fill('[data-testid="data-search"]', '00123');
    await s.page.waitForSelector('[data-testid="data-total"][data-total="1"]');
    expect(await s.page.locator('[data-testid="data-view"] tbody').innerText()).toContain('00123');
  });

  it('xlsx with a merged title block, a subtotal row, date cells and a second sheet', async () => {
    await openApp(s.page, 'en');
    await pickFile(s.page, {
      name: 'orders.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: workbook()
    });
    expect(await s.page.locator('[data-testid="sheet"]').inputValue()).toBe('订单');
    expect(await roleOf(s.page, '客户编号')).toBe('customer_id');
    expect(await roleOf(s.page, '下单日期')).toBe('date');
    expect(await roleOf(s.page, '成交金额')).toBe('amount');
    expect(await roleOf(s.page, '订单号')).toBe('order_id');
    const r = await confirmAndReadReport(s.page);
    expect(r).toMatchObject({
      rowsRead: 4,
      rowsAccepted: 4,
      rowsRejected: 0,
      customers: 3,
      returns: 1,
      dateFrom: '2024-01-31',
      dateTo: '2024-12-31',
      totalAmount: 1549.5
    });
    await s.page.fill('[data-testid="data-search"]', '000417');
    await s.page.waitForSelector('[data-testid="data-total"][data-total="2"]');
  });

  it('asks for the day/month order when the values cannot settle it', async () => {
    await openApp(s.page, 'en');
    const csv = 'Customer,Date,Amount\nA,01/02/2024,5\nB,03/04/2024,6\nA,05/06/2024,7\n';
    await pickFile(s.page, {
      name: 'ambiguous.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv)
    });
    expect(await roleOf(s.page, 'Date')).toBe('date');
    expect(await s.page.isDisabled('[data-testid="confirm-mapping"]')).toBe(true);
    expect(
      await s.page.locator('[data-testid="mapping-step"] [role="alert"]').innerText()
    ).toContain('Date');
    await s.page.locator('[data-testid="date-order-1"]').selectOption('dmy');
    const r = await confirmAndReadReport(s.page);
    expect(r).toMatchObject({ rowsAccepted: 3, dateFrom: '2024-02-01', dateTo: '2024-06-05' });
  });
});
