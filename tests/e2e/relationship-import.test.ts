// The relationship files of DOMAIN §7 imported as a user does: orders, a customer master, survey
// responses and complaints, in Chinese (xlsx + CSV) and English (CSV). The mapping step proposes
// each kind; the report counts and names the bad rows; the Data page lists every dataset with its
// kind; "Try the sample" loads all six of the sample's files.
import * as XLSX from '@e965/xlsx';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confirmAndReadReport,
  launch,
  newWorkspace,
  openApp,
  pickFile,
  readReport,
  type Session
} from './app';

type Cells = (string | number)[][];
/** A file as the file input takes it. */
type Upload = { name: string; mimeType: string; buffer: Buffer };

function xlsxFile(name: string, rows: Cells): Upload {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Sheet1');
  return {
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer
  };
}
function csvFile(name: string, rows: Cells): Upload {
  const text = rows.map((r) => r.join(',')).join('\n');
  return { name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${text}\n`, 'utf8') };
}

/**
 * One language's four files, each with the bad rows the report must name (spreadsheet row numbers,
 * header = row 1) and the accepted count worked out from DOMAIN §1 and §7 by hand.
 */
interface Case {
  kind: 'orders' | 'customers' | 'feedback' | 'complaints';
  file: Upload;
  rowsRead: number;
  rejected: Record<string, string>;
}

const ZH: Case[] = [
  {
    kind: 'orders',
    file: xlsxFile('订单.xlsx', [
      ['订单号', '订单日期', '客户编号', '客户名称', '订单金额（元）', '利润（元）'],
      ['SO1', '2025-01-05', 'C001', '甲公司', 1000, 300],
      ['SO2', '2025-02-05', 'C002', '乙公司', 2000, -100],
      ['SO3', '2025-02-15', 'C002', '乙公司', 1500, 200],
      ['SO4', '2025-02-25', 'C001', '甲公司', 800, 100],
      ['SO5', '2025-03-01', 'C002', '乙公司', 900, 50],
      ['SO6', '2025-03-05', 'C001', '甲公司', '很多', 10]
    ]),
    rowsRead: 6,
    rejected: { bad_amount: '7' }
  },
  {
    kind: 'customers',
    // Row 4 repeats C001, row 5 has no id, row 6 a credit limit that is no number; C009 is a
    // prospect (never bought) and is kept.
    file: xlsxFile('客户资料.xlsx', [
      ['客户编号', '客户名称', '负责人', '行业', '建档日期', '状态', '生日', '信用额度', '联系人'],
      ['C001', '甲公司', '张伟', '制造业', '2024-12-01', '合作中', '1980-05-06', 50000, '李四'],
      ['C009', '潜在公司', '王芳', '零售', '2025-06-01', '跟进中', '', '', '王五'],
      ['C001', '甲公司', '张伟', '制造业', '2024-12-02', '合作中', '', 50000, '李四'],
      ['', '无编号公司', '王芳', '零售', '2025-01-01', '潜在', '', '', ''],
      ['C002', '乙公司', '王芳', '零售', '2025年1月2日', '合作中', '', '很多', '赵六']
    ]),
    rowsRead: 5,
    rejected: { duplicate_customer_id: '4', missing_customer_id: '5', bad_amount: '6' }
  },
  {
    kind: 'feedback',
    // Row 3 CSAT 6, row 4 NPS 11, row 5 no date; X99 names no customer with orders (kept).
    file: csvFile('满意度调查.csv', [
      ['客户编号', '调查日期', '满意度', 'NPS', '评价'],
      ['C001', '2025-03-01', 4, 9, '交货及时，服务态度好'],
      ['C002', '2025-03-02', 6, 5, '价格偏高'],
      ['C002', '2025/3/3', 3, 11, ''],
      ['C001', '', 4, 9, ''],
      ['X99', '2025-04-02', 5, 10, '质量稳定']
    ]),
    rowsRead: 5,
    rejected: { bad_score: '3 4', missing_date: '5' }
  },
  {
    kind: 'complaints',
    // Row 4 resolved before opened, row 5 no opened date.
    file: xlsxFile('投诉.xlsx', [
      ['客户编号', '投诉日期', '投诉类型', '处理状态', '解决日期', '处理人', '投诉内容'],
      ['C001', '2025-03-01', '产品质量', '已解决', '2025-03-04', '刘敏', '设备无法开机'],
      ['C002', '2025-03-02', '交付延迟', '处理中', '', '陈晨', '晚了一周'],
      ['C002', '2025-03-10', '交付延迟', '已解决', '2025-03-09', '陈晨', ''],
      ['C001', '', '服务态度', '已解决', '2025-03-09', '陈晨', '']
    ]),
    rowsRead: 4,
    rejected: { resolved_before_opened: '4', missing_date: '5' }
  }
];

const EN: Case[] = [
  {
    kind: 'orders',
    file: csvFile('orders.csv', [
      ['Order ID', 'Order Date', 'Customer ID', 'Amount', 'Profit'],
      ['A1', '2025-01-05', 'C1', '100.50', '20'],
      ['A2', '', 'C2', '200', '30'],
      ['A3', '2025-02-05', 'C2', '300', '-50']
    ]),
    rowsRead: 3,
    rejected: { missing_date: '3' }
  },
  {
    kind: 'customers',
    file: csvFile('customers.csv', [
      ['Customer ID', 'Name', 'Owner', 'Created', 'Status', 'Credit limit', 'Phone', 'Email'],
      ['C1', 'Acme', 'Ann', '2024-12-01', 'active', '5000', '555-1234', 'a@acme.com'],
      ['C2', 'Bolt', 'Ben', '2024-13-01', 'active', '5000', '555-9876', ''],
      ['P1', 'Prospect Ltd', 'Ann', '2025-06-01', 'lead', '', '', ''],
      ['C1', 'Acme again', 'Ann', '2024-12-01', 'active', '', '', '']
    ]),
    rowsRead: 4,
    rejected: { bad_date: '3', duplicate_customer_id: '5' }
  },
  {
    kind: 'feedback',
    file: csvFile('survey.csv', [
      ['Customer ID', 'Survey date', 'CSAT', 'NPS', 'Comment'],
      ['C1', '2025-03-01', '5', '10', 'fast delivery'],
      ['C2', '2025-03-02', 'good', '5', ''],
      ['C2', '2025-03-03', '2', '3', 'price too high']
    ]),
    rowsRead: 3,
    rejected: { bad_score: '3' }
  },
  {
    kind: 'complaints',
    file: csvFile('complaints.csv', [
      ['Customer ID', 'Opened', 'Complaint type', 'Status', 'Resolved', 'Handler', 'Comment'],
      ['C1', '2025-03-01', 'quality', 'closed', '2025-03-04', 'Ann', 'broken'],
      ['', '2025-03-02', 'delivery', 'open', '', 'Bob', 'late'],
      ['C2', '2025-03-05', 'invoice', 'open', '', 'Bob', '']
    ]),
    rowsRead: 3,
    rejected: { missing_customer_id: '3' }
  }
];

/** Imports the four files of a language and checks each proposal and report. */
async function importAll(page: Page, cases: Case[]) {
  for (const c of cases) {
    await pickFile(page, c.file);
    expect(await page.locator('[data-testid="dataset-kind"]').inputValue(), c.file.name).toBe(
      c.kind
    );
    const r = await confirmAndReadReport(page);
    // The report shown is this file's (its kind), not the orders'.
    await page.waitForSelector(
      `[data-testid="import-report"][data-kind="${c.kind === 'orders' ? 'transactions' : c.kind}"][data-rows-read="${c.rowsRead}"]`
    );
    const rejectedRows = Object.values(c.rejected).join(' ').split(' ').length;
    const expectedReport = await readReport(page);
    expect(expectedReport.rowsRead, c.file.name).toBe(c.rowsRead);
    expect(r.rowsRejected, c.file.name).toBe(rejectedRows);
    expect(expectedReport.rowsAccepted, c.file.name).toBe(c.rowsRead - rejectedRows);
    for (const [reason, rows] of Object.entries(c.rejected)) {
      const row = page.locator(`[data-testid="reject-reasons"] tr[data-reason="${reason}"]`);
      expect(await row.getAttribute('data-rows'), `${c.file.name} ${reason}`).toBe(rows);
      expect(Number(await row.getAttribute('data-count'))).toBe(rows.split(' ').length);
    }
  }
}

/** The Data page's datasets as [kind, rows]. */
async function listed(page: Page) {
  const buttons = await page.locator('[data-testid="data-view"] button[data-kind]').all();
  return Promise.all(
    buttons.map(async (b) => [
      await b.getAttribute('data-kind'),
      Number(await b.getAttribute('data-rows'))
    ])
  );
}

describe(`relationship import (TZ ${process.env.TZ})`, () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => s?.close());

  it('imports orders, master, survey and complaints in Chinese and English', async () => {
    for (const [lang, cases] of [
      ['zh-CN', ZH],
      ['en', EN]
    ] as const) {
      await openApp(s.page, lang);
      await newWorkspace(s.page);
      await importAll(s.page, cases);
      // Every dataset listed with its kind; the orders stay the analysed one.
      expect(await listed(s.page)).toEqual(
        cases.map((c) => [
          c.kind === 'orders' ? 'transactions' : c.kind,
          c.rowsRead - Object.values(c.rejected).join(' ').split(' ').length
        ])
      );
      const summary = s.page.locator('[data-testid="dataset-summary"]');
      expect(await summary.getAttribute('data-kind')).toBe('complaints');
      expect(await summary.getAttribute('data-analysable')).toBe('false');
      await s.page.click('[data-testid="data-view"] button[data-kind="customers"]');
      await s.page.waitForSelector('[data-testid="dataset-summary"][data-kind="customers"]');
      expect(await summary.getAttribute('data-analysable')).toBe('false');
      const label = await s.page.locator('[data-testid="dataset-kind-label"]').innerText();
      expect(label).toBe(lang === 'en' ? 'Customer master' : '客户资料');
    }
  });

  it('"Try the sample" loads all six files', async () => {
    await newWorkspace(s.page);
    await openApp(s.page, 'zh-CN', '&sample=1');
    const r = await readReport(s.page);
    expect(r.rowsRead).toBe(50_000);
    await s.page.waitForSelector('[data-testid="data-view"] button[data-kind="receivables"]', {
      timeout: 60_000
    });
    const kinds = (await listed(s.page)).map(([kind]) => kind);
    expect(kinds).toEqual([
      'transactions',
      'targets',
      'customers',
      'feedback',
      'complaints',
      'receivables'
    ]);
    // The master's 3,000 ordering customers and 300 prospects, all accepted.
    expect(await listed(s.page)).toContainEqual(['customers', 3_300]);
  });
});
