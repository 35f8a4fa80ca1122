// Segment migration through the UI on Online Retail: every flow between two as-of dates against
// the independent reference, a flow's customers (chosen from the keyboard) and their CSV, axe.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  axeViolations,
  confirmAndReadReport,
  launch,
  openApp,
  pickFile,
  type Session
} from './app';
import { DATASET_FILES, describeWithData } from '../datasets';
import {
  computeReferenceRfm,
  loadOnlineRetail,
  parseCsv,
  roundMoney,
  type RefCustomer,
  type RefResult
} from './reference-rfm';

const FILE = DATASET_FILES.onlineRetail;
const SHOTS = path.resolve('test-results', 'screenshots');
const A = '2011-06-01';
const B = '2011-12-10';

// DOMAIN §3 default rules, written out again here so the check does not use app code.
const RULES: [string, number, number, number, number, number, number][] = [
  ['champions', 5, 5, 5, 5, 5, 5],
  ['potential_loyalist', 3, 5, 3, 5, 2, 5],
  ['loyal_customers', 2, 4, 2, 4, 2, 4],
  ['promising', 3, 4, 1, 3, 3, 5],
  ['new_customers', 4, 5, 1, 3, 1, 5],
  ['cant_lose_them', 1, 2, 3, 4, 4, 5],
  ['at_risk', 1, 2, 2, 5, 4, 5],
  ['need_attention', 1, 3, 3, 5, 3, 5],
  ['about_to_sleep', 2, 3, 1, 3, 1, 4],
  ['lost', 1, 1, 1, 5, 1, 5]
];
const segmentOf = (c: RefCustomer) =>
  RULES.find(
    ([, r0, r1, f0, f1, m0, m1]) =>
      c.r! >= r0 && c.r! <= r1 && c.f! >= f0 && c.f! <= f1 && c.m! >= m0 && c.m! <= m1
  )?.[0] ?? 'others';

/** DOMAIN §3 8-class: each raw value against the mean over scored customers. */
function class8Of(ref: RefResult): (c: RefCustomer) => string {
  const scored = [...ref.customers.values()].filter((c) => c.frequency > 0);
  const mean = (pick: (c: RefCustomer) => number) =>
    scored.reduce((s, c) => s + pick(c), 0) / scored.length;
  const [r, f, m] = [
    mean((c) => c.recencyDays!),
    mean((c) => c.frequency),
    mean((c) => c.monetary)
  ];
  return (c) => {
    const highR = c.recencyDays! < r;
    const highF = c.frequency > f;
    const kind = highR ? (highF ? 'value' : 'development') : highF ? 'retention' : 'winback';
    return `${c.monetary > m ? 'important' : 'general'}_${kind}`;
  };
}

interface Flow {
  customers: number;
  revenue: number;
  ids: string[];
}

/** Reference flows from A to B: "~not_yet" without a row at A, "~no_purchase" without a positive order. */
function referenceFlows(
  a: RefResult,
  b: RefResult,
  groupOf: (ref: RefResult) => (c: RefCustomer) => string
) {
  const [groupA, groupB] = [groupOf(a), groupOf(b)];
  const flows = new Map<string, Flow>();
  for (const c of b.customers.values()) {
    const before = a.customers.get(c.customerId);
    const from = !before ? '~not_yet' : before.frequency === 0 ? '~no_purchase' : groupA(before);
    const to = c.frequency === 0 ? '~no_purchase' : groupB(c);
    const key = `${from}>${to}`;
    const flow = flows.get(key) ?? { customers: 0, revenue: 0, ids: [] };
    flow.customers++;
    flow.revenue += c.monetary - (before?.monetary ?? 0);
    flow.ids.push(c.customerId);
    flows.set(key, flow);
  }
  return flows;
}

/** The flow table on the page: from>to → customers and revenue between the dates. */
async function pageFlows(page: Page): Promise<Map<string, { customers: number; revenue: number }>> {
  const rows = await page.$$eval('[data-testid="migration-flows"] tbody tr', (trs) =>
    trs.map((tr) => [
      `${tr.getAttribute('data-from')}>${tr.getAttribute('data-to')}`,
      Number(tr.getAttribute('data-count')),
      Number(tr.getAttribute('data-revenue'))
    ])
  );
  return new Map(
    rows.map(([k, customers, revenue]) => [String(k), { customers: +customers, revenue: +revenue }])
  );
}

function expectSameFlows(
  got: Map<string, { customers: number; revenue: number }>,
  want: Map<string, Flow>
) {
  const counts = (m: Map<string, { customers: number }>) =>
    Object.fromEntries([...m].map(([k, v]) => [k, v.customers]).sort());
  expect(counts(got)).toEqual(counts(want));
  for (const [key, flow] of want)
    expect(got.get(key)!.revenue, key).toBeCloseTo(roundMoney(flow.revenue), 2);
}

async function setDate(page: Page, testId: string, value: string) {
  await page.fill(`[data-testid="${testId}"]`, value);
  await page.dispatchEvent(`[data-testid="${testId}"]`, 'change');
}

describeWithData(
  ['onlineRetail'],
  `segment migration on Online Retail (TZ ${process.env.TZ})`,
  () => {
    let s: Session;
    beforeAll(async () => {
      s = await launch();
      mkdirSync(SHOTS, { recursive: true });
    });
    afterAll(async () => s?.close());

    it(`flows ${A} → ${B} equal the reference; a flow's customers and CSV too`, async () => {
      const rows = loadOnlineRetail(FILE);
      const refA = computeReferenceRfm(rows, A);
      const refB = computeReferenceRfm(rows, B);
      const bySegment = referenceFlows(refA, refB, () => segmentOf);
      const page = s.page;

      await openApp(page, 'en');
      await pickFile(page, FILE);
      await confirmAndReadReport(page, 170_000);
      await page.click('[data-testid="nav-migration"]');
      await page.waitForURL(/\/migration(\?|$)/);
      // Defaults: B = the RFM as-of (the day after the last date), A = 180 days before.
      await page.waitForSelector('[data-testid="migration-result"]', { timeout: 60_000 });
      expect(await page.inputValue('[data-testid="migration-date-b"]')).toBe('2011-12-10');
      expect(await page.inputValue('[data-testid="migration-date-a"]')).toBe('2011-06-13');

      await setDate(page, 'migration-date-a', A);
      await setDate(page, 'migration-date-b', B);
      await page.waitForSelector(
        `[data-testid="migration-result"][data-a="${A}"][data-b="${B}"][data-grouping="segment"]`,
        {
          timeout: 60_000
        }
      );
      const got = await pageFlows(page);
      expectSameFlows(got, bySegment);
      const totals = page.locator('[data-testid="migration-totals"]');
      expect(Number(await totals.getAttribute('data-customers'))).toBe(refB.customers.size);
      expect(Number(await totals.getAttribute('data-existing'))).toBe(refA.customers.size);
      const stayed = [...bySegment].filter(([k]) => {
        const [from, to] = k.split('>');
        return from === to;
      });
      expect(Number(await totals.getAttribute('data-stayed'))).toBe(
        stayed.reduce((n, [, f]) => n + f.customers, 0)
      );
      const champions = bySegment.get('champions>champions')!;
      console.log(
        `Online Retail ${A} → ${B}: ${refB.customers.size} customers (${refA.customers.size} at A), ${got.size} flows;` +
          ` champions stayed ${champions.customers} of ${[...bySegment].filter(([k]) => k.startsWith('champions>')).reduce((n, [, f]) => n + f.customers, 0)};` +
          ` new → champions ${bySegment.get('~not_yet>champions')?.customers ?? 0}; stayed ${await totals.getAttribute('data-stayed')},` +
          ` up ${await totals.getAttribute('data-up')}, down ${await totals.getAttribute('data-down')},` +
          ` other ${await totals.getAttribute('data-sideways')}; revenue between ${await totals.getAttribute('data-revenueBetween')}`
      );
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({
        path: path.join(SHOTS, `migration-en-${(process.env.TZ ?? '').replace('/', '-')}.png`),
        fullPage: true
      });

      // Choose Champions → Champions from the keyboard: its button in the flow table.
      const row = page.locator(
        '[data-testid="migration-flows"] tr[data-from="champions"][data-to="champions"]'
      );
      await row.locator('button').focus();
      await page.keyboard.press('Enter');
      const list = page.locator(
        `[data-testid="flow-customers"][data-total="${champions.customers}"]`
      );
      await list.waitFor({ timeout: 30_000 });
      expect(await axeViolations(page)).toEqual([]);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('[data-testid="flow-customers-csv"]')
      ]);
      const text = readFileSync((await download.path())!, 'utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const [head, ...body] = parseCsv(text.slice(1)).filter((r) => r.length > 1);
      expect(head.slice(0, 4)).toEqual(['customer_id', 'customer_name', 'group_a', 'group_b']);
      const csv = body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
      expect(csv.map((r) => r.customer_id).sort()).toEqual([...champions.ids].sort());
      expect(new Set(csv.map((r) => `${r.group_a}>${r.group_b}`))).toEqual(
        new Set(['Champions>Champions'])
      );
      for (const r of csv.slice(0, 20)) {
        const [a, b] = [refA.customers.get(r.customer_id)!, refB.customers.get(r.customer_id)!];
        expect(
          [r.r_score_a, r.f_score_a, r.m_score_a, r.r_score_b, r.f_score_b, r.m_score_b].map(Number)
        ).toEqual([a.r, a.f, a.m, b.r, b.f, b.m]);
        expect(Number(r.recency_days_a)).toBe(a.recencyDays);
        expect(Number(r.frequency_b)).toBe(b.frequency);
        expect(Number(r.revenue_between)).toBeCloseTo(b.monetary - a.monetary, 2);
      }
      const csvRevenue = csv.reduce((sum, r) => sum + Number(r.revenue_between), 0);
      expect(csvRevenue).toBeCloseTo(champions.revenue, 1);

      // A band of the Sankey is clickable too: newcomers who became Champions.
      const fresh = bySegment.get('~not_yet>champions')!;
      await page.locator('path[data-from="~not_yet"][data-to="champions"]').dispatchEvent('click');
      await page.waitForSelector(`[data-testid="flow-customers"][data-total="${fresh.customers}"]`);

      // The same dates by 8-class.
      await page.click('[data-testid="migration-by-class8"]');
      await page.waitForSelector('[data-testid="migration-result"][data-grouping="class8"]');
      expectSameFlows(await pageFlows(page), referenceFlows(refA, refB, class8Of));

      // In Chinese the view is just as axe-clean (and gets a screenshot to look at).
      await page.selectOption('.lang select', 'zh-CN');
      await page.waitForSelector('[data-testid="nav-migration"]:text("客户迁移")');
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({
        path: path.join(SHOTS, 'migration-class8-zh-CN.png'),
        fullPage: true
      });

      // Out-of-order dates are refused on the page.
      await setDate(page, 'migration-date-a', '2011-12-10');
      await page.waitForSelector('[data-testid="migration-date-problem"][data-code="order"]');
    }, 400_000);

    it('says plainly that a customer-level dataset cannot show migration (zh-CN)', async () => {
      const csv =
        '客户ID,最近购买日期,购买次数,消费金额\nC1,2024-03-01,3,300\nC2,2024-01-15,1,80\nC3,2023-12-01,5,900\n';
      await openApp(s.page, 'zh-CN');
      await pickFile(s.page, {
        name: 'customers.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv)
      });
      await confirmAndReadReport(s.page);
      await s.page.click('[data-testid="nav-migration"]');
      const message = s.page.locator('[data-testid="migration-needs-transactions"]');
      await message.waitFor();
      expect(await message.textContent()).toContain('交易数据');
      expect(await s.page.locator('[data-testid="migration-date-a"]').count()).toBe(0);
      expect(await axeViolations(s.page)).toEqual([]);
    });
  }
);
