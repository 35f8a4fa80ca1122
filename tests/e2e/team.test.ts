// The team views end to end, in both languages: an order file and a targets sheet are imported, the
// targets and scorecard tables are read and a rep's book is exported; every number is checked against
// tests/reference/team-domain.ts, written from DOMAIN §2, §7a and §8 (no app code).
import * as XLSX from '@e965/xlsx';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { confirmAndReadReport, launch, openApp, openView, pickFile, waitForSettled } from './app';
import type { Session } from './app';
import {
  referenceBooks,
  referenceScorecard,
  referenceTargets,
  type TeamRow,
  type TeamTarget
} from '../reference/team-domain';

/** Reps and their teams, in both languages. */
const REPS = [
  { zh: '张伟', en: 'Zhang Wei', team: 'east' },
  { zh: '王芳', en: 'Wang Fang', team: 'east' },
  { zh: '李娜', en: 'Li Na', team: 'south' }
] as const;
const TEAMS = { east: { zh: '华东组', en: 'East' }, south: { zh: '华南组', en: 'South' } };
/** The latest order: the as-of date is the day after, inside March 2025 (a run-rate forecast). */
const LAST_DAY = '2025-03-20';
const AS_OF = '2025-03-21';

/** A deterministic order history: 40 customers, each with a usual rep; some rows by another rep; returns. */
function orderRows(): TeamRow[] {
  let seed = 20250321;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) as number;
  const from = Date.parse('2024-01-01');
  const span = (Date.parse(LAST_DAY) - from) / 864e5;
  const rows: TeamRow[] = [];
  for (let i = 0; i < 360; i++) {
    const c = 1 + Math.floor(rand() * 40);
    const usual = c % REPS.length;
    const rep = rand() < 0.2 ? Math.floor(rand() * REPS.length) : usual;
    const date =
      i === 0
        ? LAST_DAY
        : new Date(from + Math.floor(rand() * (span + 1)) * 864e5).toISOString().slice(0, 10);
    const isReturn = rand() < 0.04;
    const amount = Math.round((isReturn ? -1 : 1) * (100 + rand() * 4900) * 100) / 100;
    rows.push({
      customerId: `C${String(c).padStart(3, '0')}`,
      date,
      amount,
      key: String(rep),
      orderId: `SO${1000 + i}`
    });
  }
  return rows;
}

const ROWS = orderRows();

/** Targets: each rep per month of Q1 (written in several DOMAIN §7a spellings), East's own Q1 row. */
function targetRows(): (TeamTarget & { written: string })[] {
  const months = [
    ['2025-01', ['2025-01', '202501', 'Jan 2025']],
    ['2025-02', ['2025年2月', '2025/2', 'Feb 2025']],
    ['2025-03', ['2025/3', '2025年3月', '2025-03']]
  ] as const;
  const out: (TeamTarget & { written: string })[] = [];
  REPS.forEach((_, r) => {
    months.forEach(([period, written], m) => {
      out.push({
        key: String(r),
        parent: REPS[r].team,
        period,
        written: written[r],
        revenueTarget: 8000 + 3000 * r + 1000 * m,
        newCustomerTarget: 2
      });
    });
  });
  out.push({
    key: 'east',
    parent: null,
    period: '2025-Q1',
    written: '2025年第1季度',
    revenueTarget: 60000
  });
  return out;
}

const TARGETS = targetRows();

type Lang = 'en' | 'zh-CN';
const nameOf = (key: string, lang: Lang) => {
  const rep = REPS[Number(key)];
  if (rep) return lang === 'en' ? rep.en : rep.zh;
  return TEAMS[key as keyof typeof TEAMS][lang === 'en' ? 'en' : 'zh'];
};

function ordersCsv(lang: Lang): Buffer {
  const header =
    lang === 'en'
      ? 'Order ID,Order Date,Customer ID,Customer Name,Sales Rep,Amount'
      : '订单号,订单日期,客户编号,客户名称,销售代表,订单金额';
  const lines = ROWS.map(
    (r) =>
      `${r.orderId},${r.date},${r.customerId},${lang === 'en' ? 'Customer' : '客户'} ${r.customerId},${nameOf(r.key!, lang)},${r.amount.toFixed(2)}`
  );
  return Buffer.from([header, ...lines].join('\n'));
}

function targetsCsv(lang: Lang): Buffer {
  const header =
    lang === 'en'
      ? 'Sales Rep,Team (parent),Period,Revenue target,New customer target'
      : '销售代表,所属团队,期间,销售目标,新客户目标';
  const lines = TARGETS.map((t) =>
    [
      nameOf(t.key, lang),
      t.parent ? nameOf(t.parent, lang) : '',
      lang === 'en' && /[年]/.test(t.written) ? t.period : t.written,
      t.revenueTarget,
      t.newCustomerTarget ?? ''
    ].join(',')
  );
  return Buffer.from([header, ...lines].join('\n'));
}

/** The rows of a table with `data-key`, as attribute maps keyed by the row's key. */
async function tableRows(page: Page, testId: string, attrs: string[]) {
  return page.$$eval(
    `[data-testid="${testId}"] [data-key]`,
    (rows, names) =>
      Object.fromEntries(
        rows.map((r) => [
          r.getAttribute('data-key'),
          Object.fromEntries(names.map((n) => [n, r.getAttribute(`data-${n}`)]))
        ])
      ),
    attrs
  );
}

async function choose(
  page: Page,
  prefix: string,
  dimension: string,
  grain: string,
  period: string
) {
  const dim = page.locator(`[data-testid="${prefix}-dimension"]`);
  const value = await dim.locator('option', { hasText: dimension }).first().getAttribute('value');
  await dim.selectOption(value!);
  await page.selectOption(`[data-testid="${prefix}-grain"]`, grain);
  await page.selectOption(`[data-testid="${prefix}-period"]`, period);
  await waitForSettled(page);
}

/** Money is written to 2 decimals, ratios to 4 (compared to 3: the 4th digit is already rounded). */
const close = (x: string | null | undefined, expected: number, digits = 2) =>
  expect(Number(x), `${x} vs ${expected}`).toBeCloseTo(expected, digits);

const sessions: Session[] = [];
afterAll(async () => {
  for (const s of sessions) await s.close();
});

describe.each(['zh-CN', 'en'] as const)(`team views (%s, TZ ${process.env.TZ})`, (lang) => {
  it('targets, the scorecard and a book equal the DOMAIN reference', async () => {
    const s = await launch();
    sessions.push(s);
    const page = s.page;
    await openApp(page, lang);
    await pickFile(page, {
      name: `orders-${lang}.csv`,
      mimeType: 'text/csv',
      buffer: ordersCsv(lang)
    });
    expect(await page.locator('[data-testid="dataset-kind"]').inputValue()).toBe('orders');
    const orders = await confirmAndReadReport(page);
    expect(orders.rowsAccepted).toBe(ROWS.length);
    expect(orders.dateTo).toBe(LAST_DAY);

    await pickFile(page, {
      name: `targets-${lang}.csv`,
      mimeType: 'text/csv',
      buffer: targetsCsv(lang)
    });
    expect(await page.locator('[data-testid="dataset-kind"]').inputValue()).toBe('targets');
    const targets = await confirmAndReadReport(page);
    expect(targets.rowsAccepted).toBe(TARGETS.length);
    expect(targets.rowsRejected).toBe(0);

    // Targets for March 2025 (the as-of date is inside it: a run-rate forecast), reps and teams.
    await openView(page, 'targets');
    const dimension = lang === 'en' ? 'Sales Rep' : '销售代表';
    await choose(page, 'targets', dimension, 'month', '2025-03');
    const march = referenceTargets(ROWS, TARGETS, '2025-03', AS_OF);
    const shown = await tableRows(page, 'targets-table', [
      'target',
      'actual',
      'attainment',
      'forecast',
      'new-customers'
    ]);
    for (const [key, ref] of march) {
      const row = shown[nameOf(key, lang)];
      expect(row, `targets row ${nameOf(key, lang)}`).toBeDefined();
      close(row.target, ref.target!);
      close(row.actual, ref.actual);
      close(row.attainment, ref.attainment!, 3);
      close(row.forecast, ref.forecast!);
      expect(Number(row['new-customers'])).toBe(ref.newCustomers);
    }
    // East's own quarter target; its actual is its reps' sum.
    await choose(page, 'targets', dimension, 'quarter', '2025-Q1');
    const q1 = referenceTargets(ROWS, TARGETS, '2025-Q1', AS_OF).get('east')!;
    const east = (await tableRows(page, 'targets-table', ['target', 'actual', 'attainment']))[
      nameOf('east', lang)
    ];
    close(east.target, 60000);
    close(east.actual, q1.actual);
    close(east.attainment, q1.attainment!, 3);

    // The scorecard for February 2025 (a complete month).
    await openView(page, 'scorecard');
    await choose(page, 'scorecard', dimension, 'month', '2025-02');
    const feb = referenceScorecard(ROWS, '2025-02', AS_OF);
    const cards = await tableRows(page, 'scorecard-table', [
      'revenue',
      'orders',
      'active',
      'new-customers',
      'repeat-rate',
      'attainment'
    ]);
    for (const [key, ref] of feb) {
      const row = cards[nameOf(key, lang)];
      expect(row, `scorecard row ${nameOf(key, lang)}`).toBeDefined();
      close(row.revenue, ref.revenue);
      expect(Number(row.orders)).toBe(ref.orders);
      expect(Number(row.active)).toBe(ref.active);
      expect(Number(row['new-customers'])).toBe(ref.newCustomers);
      close(row['repeat-rate'], ref.repeatRate ?? 0, 3);
      // Attainment against the rep's February target (DOMAIN §7a: actual / target).
      const target = TARGETS.find((x) => x.key === key && x.period === '2025-02')!.revenueTarget!;
      close(row.attainment, ref.revenue / target, 3);
    }

    // Zhang Wei's book: the customers whose usual rep (§8) is he.
    const rep = nameOf('0', lang);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click(
        `[data-testid="scorecard-table"] [data-key="${rep}"] [data-testid="scorecard-export-book"]`
      )
    ]);
    const book = XLSX.read(readFileSync((await download.path())!));
    const sheet = book.Sheets[book.SheetNames[0]];
    const cells = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet);
    const expected = [...referenceBooks(ROWS, AS_OF)]
      .filter(([, key]) => key === '0')
      .map(([id]) => id)
      .sort();
    expect(cells.map((c) => String(c.customer_id)).sort()).toEqual(expected);
  }, 150_000);
});
