// Risk warnings end to end on the built-in sample ("Try the sample": orders, master, receivables …):
// the risk summary's counts and value at stake for overdue receivables (with the ageing buckets),
// unusual orders and high return rates, one list's CSV export, and the dependence sentence for the
// top 10 customers — each against a reference computed here from the sample's files per DOMAIN
// §2, §3, §4 and §7c (no model fitted: value at stake = revenue of the 365 days up to the as-of date).
import Papa from 'papaparse';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  launch,
  openApp,
  openView,
  readReport,
  waitForSettled,
  type Session
} from './app';

const SHOTS = path.resolve('test-results', 'screenshots');
const DAY_MS = 864e5;
const dayNo = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const iso = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

describe(`risk warnings on the sample (TZ ${process.env.TZ})`, () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => s?.close());

  it('summary, buckets, an export and the dependence sentence equal the reference', async () => {
    const page = s.page;
    const ref = reference();
    await openApp(page, 'en', '&sample=1');
    // The sample lands on the Overview once all six files are in; its report is on the Data page.
    await readReport(page);
    await page.waitForSelector('[data-testid="data-view"] button[data-kind="receivables"]', {
      timeout: 90_000
    });
    await openView(page, 'risks');
    await page.waitForSelector(
      '[data-testid="risk-summary"] [data-kind="receivables"][data-available="true"]',
      { timeout: 90_000 }
    );
    await waitForSettled(page);
    // Value at stake is in view without scrolling at 1280 px: the summary and the list's column.
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'risks-en.png') });
    const total = await page
      .locator('[data-testid="risk-summary"] [data-kind="total"]')
      .boundingBox();
    expect(total!.y + total!.height).toBeLessThanOrEqual(900);
    const stakeHeader = await page
      .locator('[data-testid="risk-list"] th', { hasText: 'Value at stake' })
      .boundingBox();
    expect(stakeHeader!.x + stakeHeader!.width).toBeLessThanOrEqual(1280);
    expect(await axeViolations(page)).toEqual([]);
    if (process.env.RISKS_PRINT)
      console.log(
        await page.$$eval('[data-testid="risk-summary"] [data-kind]', (els) =>
          els.map((e) => [
            e.getAttribute('data-kind'),
            e.getAttribute('data-count'),
            e.getAttribute('data-value-at-stake')
          ])
        )
      );

    const kind = async (k: string) => {
      const el = page.locator(`[data-testid="risk-summary"] [data-kind="${k}"]`);
      return {
        count: Number(await el.getAttribute('data-count')),
        stake: Number(await el.getAttribute('data-value-at-stake'))
      };
    };
    for (const [k, ids] of [
      ['receivables', ref.overdueCustomers],
      ['unusual_orders', ref.unusualCustomers],
      ['high_returns', ref.highReturnCustomers]
    ] as const) {
      const shown = await kind(k);
      expect(shown.count, k).toBe(ids.size);
      expect(shown.stake, k).toBeCloseTo(ref.stakeOf(ids), 1);
    }
    // Every kind is there; the total counts each customer once.
    for (const k of ['overdue_rhythm', 'spend_drop', 'probably_lapsed', 'cannot_lose', 'total'])
      expect(await page.locator(`[data-testid="risk-summary"] [data-kind="${k}"]`).count()).toBe(1);
    expect((await kind('receivables')).count).toBeGreaterThan(0);
    expect((await kind('unusual_orders')).count).toBeGreaterThan(0);

    const buckets = await page.$$eval('[data-testid="receivables-buckets"] [data-bucket]', (els) =>
      els.map((e) => [
        e.getAttribute('data-bucket'),
        Number(e.getAttribute('data-invoices')),
        Number(e.getAttribute('data-amount'))
      ])
    );
    expect(buckets.map(([b, n]) => [b, n])).toEqual(ref.buckets.map(([b, n]) => [b, n]));
    buckets.forEach(([, , amount], i) => expect(amount).toBeCloseTo(ref.buckets[i][2], 1));

    // The high-return list's CSV: the flagged customers and their return rates.
    await page.click('[data-testid="risk-summary"] [data-kind="high_returns"]');
    await page.waitForSelector('[data-testid="risk-list"][data-kind="high_returns"]');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="risk-list-high_returns-csv"]')
    ]);
    const csv = Papa.parse<string[]>(
      readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, ''),
      { skipEmptyLines: true }
    ).data;
    const header = csv[0];
    const idCol = header.indexOf('Customer');
    const rateCol = header.indexOf('Return rate');
    expect(header.slice(0, 5)).toEqual([
      'Customer',
      'Customer name',
      'Value at stake',
      'Owner',
      'Region'
    ]);
    const exported = new Map(csv.slice(1).map((r) => [r[idCol], Number(r[rateCol])]));
    expect(new Set(exported.keys())).toEqual(ref.highReturnCustomers);
    for (const [id, rate] of exported) expect(rate).toBeCloseTo(ref.returnRate.get(id)!, 4);

    // "If these customers stop buying": the top 10 by revenue.
    const sentence = page.locator('[data-testid="dependence-sentence"]');
    await sentence.waitFor();
    expect(Number(await sentence.getAttribute('data-count'))).toBe(10);
    expect(Number(await sentence.getAttribute('data-share'))).toBeCloseTo(ref.top10Share, 9);
    expect(await page.locator('[data-testid="risks-dependence"] figure svg').count()).toBe(1);
  }, 150_000);
});

/** The sample's figures per DOMAIN, from its CSV files. */
function reference() {
  const read = (name: string) =>
    Papa.parse<Record<string, string>>(
      readFileSync(new URL(`../../static/sample/${name}`, import.meta.url), 'utf8').replace(
        /^\uFEFF/,
        ''
      ),
      { header: true, skipEmptyLines: true }
    ).data;
  const orders = read('orders.csv');
  const invoices = read('receivables.csv');
  const lastDay = orders.reduce((m, o) => (o['订单日期'] > m ? o['订单日期'] : m), '');
  const asOf = iso(dayNo(lastDay) + 1);
  const money = (v: string) => Number(v);

  // Value at stake without a model: revenue of the 365 days ending on the as-of date (§7c).
  const stakeFrom = iso(dayNo(asOf) - 364);
  const stake = new Map<string, number>();
  // Orders (§2): an order id per customer, its rows summed; returns are negative rows.
  const orderTotals = new Map<string, { customer: string; date: string; amount: number }>();
  const purchased = new Map<string, number>();
  const returned = new Map<string, number>();
  const returnRows = new Map<string, number>();
  const monetary = new Map<string, number>();
  for (const o of orders) {
    const customer = o['客户编号'].trim();
    const date = o['订单日期'];
    const amount = money(o['订单金额（元）']);
    if (date > asOf) continue;
    if (date >= stakeFrom) stake.set(customer, (stake.get(customer) ?? 0) + amount);
    monetary.set(customer, (monetary.get(customer) ?? 0) + amount);
    const key = `${customer}|${o['订单号']}`;
    const t = orderTotals.get(key) ?? { customer, date, amount: 0 };
    t.amount += amount;
    if (date < t.date) t.date = date;
    orderTotals.set(key, t);
    if (amount > 0) purchased.set(customer, (purchased.get(customer) ?? 0) + amount);
    if (amount < 0) {
      returned.set(customer, (returned.get(customer) ?? 0) - amount);
      returnRows.set(customer, (returnRows.get(customer) ?? 0) + 1);
    }
  }

  // Unusual orders (§7c): customers with ≥ 5 purchases; an order of the last 90 days, (as-of − 90,
  // as-of], > 3.5 robust z-scores (MAD > 0) from the median of all their orders, or > 10× it.
  const recentFrom = iso(dayNo(asOf) - 89);
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const byCustomer = new Map<string, number[]>();
  const recent = new Map<string, number[]>();
  for (const t of orderTotals.values()) {
    const amount = Math.round(t.amount * 1e6) / 1e6;
    if (amount <= 0) continue;
    byCustomer.set(t.customer, [...(byCustomer.get(t.customer) ?? []), amount]);
    if (t.date >= recentFrom) recent.set(t.customer, [...(recent.get(t.customer) ?? []), amount]);
  }
  const unusualCustomers = new Set<string>();
  for (const [c, xs] of byCustomer) {
    if (xs.length < 5) continue;
    const med = median(xs);
    const mad = median(xs.map((x) => Math.abs(x - med)));
    if (
      (recent.get(c) ?? []).some(
        (x) => (mad > 0 && Math.abs(x - med) / (1.4826 * mad) > 3.5) || x > 10 * med
      )
    )
      unusualCustomers.add(c);
  }

  // Return rate (§7c): returned / purchased > 30 % with at least 2 returns.
  const highReturnCustomers = new Set<string>();
  const returnRate = new Map<string, number>();
  for (const [c, n] of returnRows) {
    const rate = returned.get(c)! / (purchased.get(c) ?? 0);
    returnRate.set(c, rate);
    if (n >= 2 && rate > 0.3) highReturnCustomers.add(c);
  }

  // Receivables (§7c) at the as-of date.
  const bucketNames = ['not_due', 'd1_30', 'd31_60', 'd61_90', 'd90_plus'];
  const buckets: [string, number, number][] = bucketNames.map((b) => [b, 0, 0]);
  const overdueCustomers = new Set<string>();
  for (const r of invoices) {
    if (r['开票日期'] && r['开票日期'] > asOf) continue;
    const amount = money(r['金额（元）']);
    const paidDate = r['回款日期'];
    const paidYet = paidDate !== '' && paidDate <= asOf;
    const paid = !paidYet ? 0 : r['回款金额（元）'] !== '' ? money(r['回款金额（元）']) : amount;
    const outstanding = Math.round((amount - paid) * 100) / 100;
    if (outstanding <= 0) continue;
    const late = dayNo(asOf) - dayNo(r['到期日']);
    const i = late <= 0 ? 0 : late <= 30 ? 1 : late <= 60 ? 2 : late <= 90 ? 3 : 4;
    buckets[i][1]++;
    buckets[i][2] += outstanding;
    if (late > 0) overdueCustomers.add(r['客户编号'].trim());
  }

  // Dependence (§4): the top 10 scored customers' share of the positive revenue.
  const scored = [...monetary].filter(([c]) => byCustomer.has(c));
  const total = scored.reduce((s, [, m]) => s + Math.max(0, m), 0);
  const top = scored
    .filter(([, m]) => m > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 10);
  const top10Share = top.reduce((s, [, m]) => s + m, 0) / total;

  return {
    asOf,
    buckets,
    overdueCustomers,
    unusualCustomers,
    highReturnCustomers,
    returnRate,
    top10Share,
    stakeOf: (ids: Set<string>) => [...ids].reduce((s, id) => s + (stake.get(id) ?? 0), 0)
  };
}
