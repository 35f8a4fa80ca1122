// The Overview and the report for the boss on the built-in sample: "Try the sample" lands on the
// Overview; its headline figures match a reference computed here from the sample's CSV (DOMAIN §2,
// §5, §7a: the last 90 days to the as-of date against the 90 before and a year earlier); the report
// downloads in both languages as one self-contained HTML file with ≥ 8 inline SVG charts, prints to
// a PDF of several pages, and a section left out stays out after a reload.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { launch, openApp, saves, waitSaved, type Session } from './app';

const SHOTS = path.resolve('test-results', 'screenshots');
const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => day(Date.parse(`${iso}T00:00:00Z`) + n * DAY_MS);

/** Revenue and active customers in [from, to] (inclusive) from the sample's orders, per DOMAIN. */
function referenceHeadline() {
  const rows = Papa.parse<Record<string, string>>(
    readFileSync(new URL('../../static/sample/orders.csv', import.meta.url), 'utf8').replace(
      /^\uFEFF/,
      ''
    ),
    { header: true, skipEmptyLines: true }
  ).data;
  const lastDay = rows.reduce((m, o) => (o['订单日期'] > m ? o['订单日期'] : m), '');
  const asOf = addDays(lastDay, 1);
  // An order is a distinct order id per customer, dated by its earliest row, valued at its sum.
  const orders = new Map<string, { customer: string; date: string; amount: number }>();
  for (const o of rows) {
    const customer = o['客户编号'].trim();
    const key = `${customer}|${o['订单号']}`;
    const t = orders.get(key) ?? { customer, date: o['订单日期'], amount: 0 };
    t.amount += Number(o['订单金额（元）']);
    if (o['订单日期'] < t.date) t.date = o['订单日期'];
    orders.set(key, t);
  }
  const windowOf = (lastIn: string) => ({ from: addDays(lastIn, -89), to: lastIn });
  const figures = (w: { from: string; to: string }) => {
    let revenue = 0;
    for (const o of rows) {
      if (o['订单日期'] >= w.from && o['订单日期'] <= w.to) revenue += Number(o['订单金额（元）']);
    }
    const active = new Set<string>();
    for (const o of orders.values())
      if (o.date >= w.from && o.date <= w.to && Math.round(o.amount * 100) > 0)
        active.add(o.customer);
    return { revenue: Math.round(revenue * 100) / 100, active: active.size };
  };
  const now = windowOf(asOf);
  const previous = windowOf(addDays(now.from, -1));
  const yearAgo = windowOf(`${+asOf.slice(0, 4) - 1}${asOf.slice(4)}`);
  return { asOf, now: figures(now), previous: figures(previous), yearAgo: figures(yearAgo) };
}

/** Clicks the download button and returns the file's name and text. */
async function downloadReport(page: Page) {
  await page.waitForSelector('[data-testid="report-download"][data-ready="true"]', {
    timeout: 60_000
  });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="report-download"]')
  ]);
  return {
    name: download.suggestedFilename(),
    html: readFileSync((await download.path())!, 'utf8')
  };
}

/** The file is one self-contained document: no network reference, no script, ≥ 8 inline charts. */
function expectSelfContained(html: string) {
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html).not.toMatch(/https?:/i);
  expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
  expect(html.match(/<svg/g)?.length ?? 0).toBeGreaterThanOrEqual(8);
}

describe(`the Overview and the report on the sample (TZ ${process.env.TZ})`, () => {
  let s: Session;
  afterAll(async () => s?.close());

  it('lands on the Overview, matches the reference, and downloads and prints the report', async () => {
    s = await launch();
    const page = s.page;
    await openApp(page, 'zh-CN', '&sample=1');
    await page.waitForSelector('[data-testid="import-landed"][data-rows-read="50000"]', {
      timeout: 120_000
    });
    expect(new URL(page.url()).pathname).toMatch(/\/overview$/);

    // Headline: revenue and active customers now, before and a year earlier; growth per §7a.
    const ref = referenceHeadline();
    const tile = (figure: string) =>
      page.locator(`[data-testid="headline"] [data-figure="${figure}"]`);
    await tile('revenue').waitFor({ timeout: 60_000 });
    expect(await page.getAttribute('[data-testid="headline-window"]', 'data-start')).toBe(
      addDays(ref.asOf, -89)
    );
    for (const figure of ['revenue', 'active'] as const) {
      const attr = async (name: string) => Number(await tile(figure).getAttribute(name));
      expect(await attr('data-value')).toBeCloseTo(ref.now[figure], 2);
      expect(await attr('data-previous')).toBeCloseTo(ref.previous[figure], 2);
      expect(await attr('data-year-ago')).toBeCloseTo(ref.yearAgo[figure], 2);
      const growth = (then: number) => (ref.now[figure] - then) / then;
      expect(await attr('data-growth-previous')).toBeCloseTo(growth(ref.previous[figure]), 6);
      expect(await attr('data-growth-year-ago')).toBeCloseTo(growth(ref.yearAgo[figure]), 6);
    }
    console.log('sample headline (last 90 days):', JSON.stringify(ref));
    // The top of this week's call list and the value at stake by kind (the Risks view's summary).
    await page.waitForSelector('[data-testid="home-calls"] li[data-customer]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="home-risks"] [data-kind="total"]', {
      timeout: 60_000
    });
    // A first visit has nothing to compare with.
    await page.waitForSelector('[data-testid="since-last-visit"][data-state="first"]');
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({
      path: path.join(SHOTS, 'overview-attention-zh-CN.png'),
      fullPage: true
    });
    // The segment and 8-class tables stay on the Overview.
    expect(await page.locator('[data-testid="segment-table"]').count()).toBe(1);
    expect(await page.locator('[data-testid="class8-table"]').count()).toBe(1);

    // The report in Chinese: one self-contained file that prints to several pages.
    await page.click('[data-testid="report-open"]');
    await page.waitForURL(/\/report(\?|$)/);
    const zh = await downloadReport(page);
    await page.screenshot({ path: path.join(SHOTS, 'report-zh-CN.png'), fullPage: true });
    expect(zh.name).toMatch(/\.html$/);
    expectSelfContained(zh.html);
    expect(zh.html).toContain('lang="zh-CN"');
    expect(zh.html).toContain('数据来源');
    // The top of the call list and the value at stake by kind of risk are in.
    expect(zh.html).toContain('data-chart="risks"');
    expect(zh.html).toMatch(/data-section="calls"[\s\S]*<tbody>\s*<tr>/);
    const zhCharts = zh.html.match(/<svg/g)!.length;
    const printer = await s.context.newPage();
    await printer.setContent(zh.html);
    const pdf = (await printer.pdf({ format: 'A4' })).toString('latin1');
    const pages = pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    console.log(`report (zh-CN): ${zh.html.length} chars, ${zhCharts} charts, ${pages} PDF pages`);
    expect(pages).toBeGreaterThan(1);
    await printer.close();

    // Leaving out a section removes it from the file; the choice survives a reload.
    expect(zh.html).toContain('data-section="concentration"');
    // (Saved with the workspace: wait for the sample's save, then for the one of the choice.)
    await waitSaved(page, 0, 120_000);
    const before = await saves(page);
    await page.uncheck('[data-testid="report-sections"] input[data-section="concentration"]');
    await page.selectOption('.app-header .lang select', 'en');
    const en = await downloadReport(page);
    expectSelfContained(en.html);
    expect(en.html).toContain('lang="en"');
    expect(en.html).not.toContain('data-section="concentration"');
    expect(en.html).toContain('data-section="segments"');
    console.log(`report (en): ${en.html.match(/<svg/g)!.length} charts without concentration`);

    await waitSaved(page, before, 120_000);
    await page.goto(`${inject('baseUrl')}report?lang=en`);
    const box = page.locator('[data-testid="report-sections"] input[data-section="concentration"]');
    await box.waitFor({ timeout: 60_000 });
    expect(await box.isChecked()).toBe(false);
    expect(
      await page
        .locator('[data-testid="report-sections"] input[data-section="segments"]')
        .isChecked()
    ).toBe(true);
    // The visit before left a snapshot: the Overview now compares with it (same data: nobody new).
    await page.click('[data-testid="nav-overview"]');
    const since = page.locator('[data-testid="since-last-visit"][data-state="compared"]');
    await since.waitFor({ timeout: 60_000 });
    expect(await since.locator('[data-list="champions"]').getAttribute('data-added')).toBe('0');
    expect(await since.locator('[data-list="spendDrop"]').getAttribute('data-added')).toBe('0');
  });
});
