// The Satisfaction view end to end: an order file (Chinese headers, a sales-rep column and its own
// 满意度/推荐值 columns on some rows) and a survey file generated here (Chinese headers and comments,
// a channel column, answers from customers with no orders, one answer after the as-of date) are
// imported; the CSAT table is read by segment, value tier, owner and channel and checked against a
// reference written here from DOMAIN §3, §4, §7, §7b and §8 (no app code); a comment is searched and
// a frequent word opened; the English UI is checked once.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  confirmAndReadReport,
  launch,
  openApp,
  openView,
  pickFile,
  waitForSettled
} from './app';
import type { Session } from './app';
import { computeReferenceRfm, type RefCustomer } from './reference-rfm';

const REPS = ['张伟', '王芳', '李娜'];
const CHANNELS = ['微信', '电话', '门店'];
const COMMENTS = [
  '物流很快，包装完好',
  '质量不错，会再买',
  '客服态度差，回复太慢',
  '价格偏高',
  '物流太慢了',
  '质量一般，价格还行',
  null,
  null
];
const LAST_DAY = '2025-03-20';
const AS_OF = '2025-03-21';

let seed = 7_130_521;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
const day = (from: string, to: string) => {
  const a = Date.parse(from);
  const span = (Date.parse(to) - a) / 864e5;
  return new Date(a + Math.floor(rand() * (span + 1)) * 864e5).toISOString().slice(0, 10);
};

interface Order {
  orderId: string;
  customerId: string;
  date: string;
  amount: number;
  rep: string;
  csat: number | null;
  nps: number | null;
}
interface Answer {
  customerId: string;
  date: string;
  csat: number | null;
  nps: number | null;
  comment: string | null;
  channel: string;
}

/** 30 customers, most with a usual rep; a few order rows carry a satisfaction and NPS. */
function makeOrders(): Order[] {
  const out: Order[] = [];
  for (let i = 0; i < 180; i++) {
    const c = 1 + Math.floor(rand() ** 1.6 * 30);
    const scored = rand() < 0.1;
    out.push({
      orderId: `SO${2000 + i}`,
      customerId: `C${String(c).padStart(3, '0')}`,
      date: i === 0 ? LAST_DAY : day('2024-01-01', LAST_DAY),
      amount: Math.round((50 + rand() * 3000) * 100) / 100,
      rep: rand() < 0.2 ? pick(REPS) : REPS[c % 3],
      csat: scored ? 1 + Math.floor(rand() * 5) : null,
      nps: scored ? Math.floor(rand() * 11) : null
    });
  }
  return out;
}

/**
 * Survey answers: customers of the orders, three IDs without orders, one answer after the as-of.
 * No customer answers twice on a day (DOMAIN leaves the order of same-day answers open).
 */
function makeAnswers(orders: Order[]): Answer[] {
  const out: Answer[] = [];
  const taken = new Set(
    orders.filter((o) => o.csat !== null || o.nps !== null).map((o) => `${o.customerId}|${o.date}`)
  );
  for (let i = 0; i < 90; i++) {
    const id = i % 30 === 29 ? `X${i}` : `C${String(1 + Math.floor(rand() * 30)).padStart(3, '0')}`;
    let date = day('2024-07-01', LAST_DAY);
    while (taken.has(`${id}|${date}`)) date = day('2024-07-01', LAST_DAY);
    taken.add(`${id}|${date}`);
    out.push({
      customerId: id,
      date,
      csat: rand() < 0.9 ? 1 + Math.floor(rand() ** 0.7 * 5) : null,
      nps: rand() < 0.85 ? Math.floor(rand() ** 0.6 * 11) : null,
      comment: pick(COMMENTS),
      channel: pick(CHANNELS)
    });
  }
  out.push({
    customerId: 'C001',
    date: '2025-03-25',
    csat: 1,
    nps: 0,
    comment: '晚到的答卷',
    channel: '微信'
  });
  return out;
}

const ORDERS = makeOrders();
const ANSWERS = makeAnswers(ORDERS);

const cell = (v: number | string | null) => (v === null ? '' : String(v));
const ordersCsv = () =>
  Buffer.from(
    [
      '订单号,订单日期,客户编号,订单金额,销售代表,满意度,推荐值',
      ...ORDERS.map((o) =>
        [
          o.orderId,
          o.date,
          o.customerId,
          o.amount.toFixed(2),
          o.rep,
          cell(o.csat),
          cell(o.nps)
        ].join(',')
      )
    ].join('\n')
  );
const surveyCsv = () =>
  Buffer.from(
    [
      '客户编号,调查日期,满意度,推荐值,评价,渠道',
      ...ANSWERS.map((a) =>
        [a.customerId, a.date, cell(a.csat), cell(a.nps), a.comment ?? '', a.channel].join(',')
      )
    ].join('\n')
  );

// ---- The reference (DOMAIN text only) ----

/** DOMAIN §3's default segment rules, in order. */
const RULES: [string, [number, number], [number, number], [number, number]][] = [
  ['champions', [5, 5], [5, 5], [5, 5]],
  ['potential_loyalist', [3, 5], [3, 5], [2, 5]],
  ['loyal_customers', [2, 4], [2, 4], [2, 4]],
  ['promising', [3, 4], [1, 3], [3, 5]],
  ['new_customers', [4, 5], [1, 3], [1, 5]],
  ['cant_lose_them', [1, 2], [3, 4], [4, 5]],
  ['at_risk', [1, 2], [2, 5], [4, 5]],
  ['need_attention', [1, 3], [3, 5], [3, 5]],
  ['about_to_sleep', [2, 3], [1, 3], [1, 4]],
  ['lost', [1, 1], [1, 5], [1, 5]]
];
const inRange = (v: number, [lo, hi]: [number, number]) => v >= lo && v <= hi;
const segmentOf = (c: RefCustomer) =>
  RULES.find(([, r, f, m]) => inRange(c.r!, r) && inRange(c.f!, f) && inRange(c.m!, m))?.[0] ??
  'others';

/** DOMAIN §4 ABC: by monetary descending (ties by id), cumulative before < 80 % → A, < 95 % → B. */
function tiers(customers: RefCustomer[]): Map<string, string> {
  const sorted = [...customers].sort(
    (a, b) => b.monetary - a.monetary || (a.customerId < b.customerId ? -1 : 1)
  );
  const total = sorted.reduce((s, c) => s + Math.max(0, c.monetary), 0);
  const out = new Map<string, string>();
  let before = 0;
  for (const c of sorted) {
    out.set(
      c.customerId,
      c.monetary <= 0 ? 'C' : before < 0.8 * total ? 'A' : before < 0.95 * total ? 'B' : 'C'
    );
    before += c.monetary;
  }
  return out;
}

/** DOMAIN §8: the rep on most of the customer's rows, ties to the most recent row. */
function usualRep(customerId: string): string {
  const rows = ORDERS.filter((o) => o.customerId === customerId && o.date < AS_OF);
  const counts = new Map<string, { n: number; last: string }>();
  for (const o of rows) {
    const c = counts.get(o.rep) ?? { n: 0, last: '' };
    counts.set(o.rep, { n: c.n + 1, last: o.date > c.last ? o.date : c.last });
  }
  return [...counts].sort((a, b) => b[1].n - a[1].n || (a[1].last < b[1].last ? 1 : -1))[0][0];
}

interface RefStats {
  responses: number;
  csat: number | null;
  nps: number | null;
}
/** CSAT = share of 4–5 answers; NPS = % 9–10 − % 0–6, in points (DOMAIN §7b). */
function stats(rs: { csat: number | null; nps: number | null }[]): RefStats {
  const c = rs.filter((r) => r.csat !== null);
  const n = rs.filter((r) => r.nps !== null);
  return {
    responses: rs.length,
    csat: c.length ? c.filter((r) => r.csat! >= 4).length / c.length : null,
    nps: n.length
      ? ((n.filter((r) => r.nps! >= 9).length - n.filter((r) => r.nps! <= 6).length) / n.length) *
        100
      : null
  };
}

const rfm = computeReferenceRfm(
  ORDERS.map((o) => ({
    customerId: o.customerId,
    date: o.date,
    amount: o.amount,
    orderId: o.orderId
  })),
  AS_OF
);
const scored = [...rfm.customers.values()].filter((c) => c.frequency > 0);
const TIER = tiers(scored);
/** Every answer the view counts: survey rows up to the as-of of customers in the orders, and the
 *  order rows carrying a score (DOMAIN §7: an answer dated on its order date). */
const COUNTED = [
  ...ANSWERS.filter((a) => a.date <= AS_OF && rfm.customers.has(a.customerId)),
  ...ORDERS.filter((o) => o.csat !== null || o.nps !== null).map((o) => ({
    customerId: o.customerId,
    date: o.date,
    csat: o.csat,
    nps: o.nps,
    comment: null,
    channel: null as string | null
  }))
];

function reference(key: (a: (typeof COUNTED)[number]) => string | null): Map<string, RefStats> {
  const groups = new Map<string, (typeof COUNTED)[number][]>();
  for (const a of COUNTED) {
    const k = key(a) ?? '__none__';
    groups.set(k, [...(groups.get(k) ?? []), a]);
  }
  const out = new Map([...groups].map(([k, rs]) => [k, stats(rs)]));
  out.set('__all__', stats(COUNTED));
  return out;
}

/** Tier A/B customers whose latest CSAT ≤ 2 or latest NPS ≤ 6 (DOMAIN §7b: per customer, the latest). */
function referenceUnhappy(): string[] {
  const latest = (id: string, score: 'csat' | 'nps') =>
    COUNTED.filter((a) => a.customerId === id && a[score] !== null)
      .sort((a, b) => (a.date < b.date ? -1 : 1))
      .at(-1)?.[score] ?? null;
  return scored
    .filter((c) => TIER.get(c.customerId) !== 'C')
    .filter((c) => {
      const csat = latest(c.customerId, 'csat');
      const nps = latest(c.customerId, 'nps');
      return (csat !== null && csat <= 2) || (nps !== null && nps <= 6);
    })
    .map((c) => c.customerId)
    .sort();
}

// ---- The page ----

async function csatRows(page: Page) {
  return page.$$eval('[data-testid="csat-table"] [data-key]', (rows) =>
    Object.fromEntries(
      rows.map((r) => [
        r.getAttribute('data-key'),
        {
          responses: Number(r.getAttribute('data-responses')),
          csat: r.getAttribute('data-csat'),
          nps: r.getAttribute('data-nps'),
          small: r.getAttribute('data-small') === 'true'
        }
      ])
    )
  );
}

async function expectTable(page: Page, ref: Map<string, RefStats>, what: string) {
  const shown = await csatRows(page);
  expect(Object.keys(shown).sort(), what).toEqual([...ref.keys()].sort());
  for (const [key, r] of ref) {
    const row = shown[key];
    expect(row.responses, `${what} ${key} responses`).toBe(r.responses);
    expect(row.small, `${what} ${key} marked`).toBe(r.responses < 5);
    if (r.csat === null) expect(row.csat).toBe('');
    else expect(Number(row.csat), `${what} ${key} csat`).toBeCloseTo(r.csat, 9);
    if (r.nps === null) expect(row.nps).toBe('');
    else expect(Number(row.nps), `${what} ${key} nps`).toBeCloseTo(r.nps, 6);
  }
}

async function groupBy(page: Page, value: string) {
  await page.selectOption('[data-testid="csat-dimension"]', value);
  await page.waitForSelector(`[data-testid="csat-groups"][data-group-by="${value}"]`);
  await waitForSettled(page);
}

const sessions: Session[] = [];
afterAll(async () => {
  for (const s of sessions) await s.close();
});

describe(`satisfaction view (TZ ${process.env.TZ})`, () => {
  it('CSAT and NPS by group equal the DOMAIN reference; comments by text and word', async () => {
    const s = await launch();
    sessions.push(s);
    const page = s.page;
    await openApp(page, 'zh-CN');
    await pickFile(page, { name: '订单.csv', mimeType: 'text/csv', buffer: ordersCsv() });
    expect(await page.locator('[data-testid="dataset-kind"]').inputValue()).toBe('orders');
    expect((await confirmAndReadReport(page)).rowsAccepted).toBe(ORDERS.length);
    await pickFile(page, { name: '满意度调查.csv', mimeType: 'text/csv', buffer: surveyCsv() });
    expect(await page.locator('[data-testid="dataset-kind"]').inputValue()).toBe('feedback');
    expect((await confirmAndReadReport(page)).rowsAccepted).toBe(ANSWERS.length);

    await openView(page, 'satisfaction');
    await page.waitForSelector('[data-testid="csat-table"]');
    await waitForSettled(page);

    // The survey's answers naming customers with no orders are counted (the shared related note).
    const strangers = ANSWERS.filter((a) => !rfm.customers.has(a.customerId));
    const note = page.locator('[data-testid="related-unmatched"][data-kind="feedback"]');
    expect(Number(await note.getAttribute('data-unmatched'))).toBe(strangers.length);

    expect(await axeViolations(page)).toEqual([]);
    const segment = new Map(scored.map((c) => [c.customerId, segmentOf(c)]));
    await expectTable(
      page,
      reference((a) => segment.get(a.customerId) ?? null),
      'segment'
    );
    await groupBy(page, 'abc_tier');
    await expectTable(
      page,
      reference((a) => TIER.get(a.customerId) ?? null),
      'tier'
    );
    await groupBy(page, 'owner');
    await expectTable(
      page,
      reference((a) => usualRep(a.customerId)),
      'owner'
    );
    await groupBy(page, '渠道');
    await expectTable(
      page,
      reference((a) => a.channel),
      'channel'
    );

    // The unhappy high-value customers, as downloaded (every row, whatever the page shows).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="list-unhappy"] .downloads button:has-text("CSV")')
    ]);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const ids = csv
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(',')[0])
      .sort();
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual(referenceUnhappy());

    // Search: the counted comments containing 物流.
    const comments = COUNTED.filter((a) => a.comment);
    await page.fill('[data-testid="comment-search"]', '物流');
    const total = page.locator('[data-testid="comment-total"][data-search="物流"]');
    await total.waitFor();
    expect(Number(await total.getAttribute('data-total'))).toBe(
      comments.filter((a) => a.comment!.includes('物流')).length
    );
    await page.fill('[data-testid="comment-search"]', '');
    // A frequent word opens the comments containing it.
    const word = page.locator('[data-testid="comment-words"] button[data-word="质量"]');
    const count = Number(await word.getAttribute('data-count'));
    expect(count).toBe(comments.filter((a) => a.comment!.includes('质量')).length);
    await word.click();
    const opened = page.locator('[data-testid="comment-total"][data-word="质量"][data-search=""]');
    await opened.waitFor();
    expect(Number(await opened.getAttribute('data-total'))).toBe(count);
    const texts = await page.locator('[data-testid="comment-list"] li .text').allTextContents();
    expect(texts.length).toBe(count);
    for (const t of texts) expect(t).toContain('质量');

    // The English UI: the same figures, the grouping names in English.
    await page.selectOption('label.lang select', 'en');
    await page.waitForSelector('html[lang="en"]');
    await groupBy(page, 'segment');
    await expectTable(
      page,
      reference((a) => segment.get(a.customerId) ?? null),
      'segment (en)'
    );
    expect(await page.locator('#csat-groups-title').textContent()).toBe('By group');
    expect(
      await page.locator('[data-testid="csat-dimension"] option[value="abc_tier"]').textContent()
    ).toBe('Value tier');
  }, 60_000);
});
