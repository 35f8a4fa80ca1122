// Customers & prospects end to end: an orders file, a customer master (with prospects and a few
// buyers missing from it), survey responses and complaints, written by the test, are imported; the
// existing / new / prospect counts on the page are checked against a reference computed here from
// the files per DOMAIN §2 and §7b; one customer's profile and its printable page show the master's
// attributes, a survey answer and a complaint with its state.
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confirmAndReadReport,
  launch,
  openApp,
  openView,
  pickFile,
  setRole,
  waitForSettled,
  type Session
} from './app';

const LAST_DAY = '2025-06-30';
/** The default as-of date: the day after the latest order. */
const AS_OF = '2025-07-01';
const NEW_DAYS = 90;
const REPS = ['张伟', '王芳', '李娜'];
const REGIONS = ['华东', '华南', '华北'];

interface Order {
  orderId: string;
  customerId: string;
  date: string;
  amount: number;
  rep: string;
  category: string;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY_MS = 864e5;

/** 30 customers C01…C30 with orders from 2024-01 to the last day; some only returns. */
function orderRows(): Order[] {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const end = Date.parse(LAST_DAY);
  const rows: Order[] = [];
  for (let c = 1; c <= 30; c++) {
    const id = `C${String(c).padStart(2, '0')}`;
    // First order between 2024-01-01 and the last day: the recent ones are new customers.
    const first = Date.parse('2024-01-01') + Math.floor(rand() * 546) * DAY_MS;
    const n = 1 + Math.floor(rand() * 4);
    for (let k = 0; k < n; k++) {
      const date = Math.min(end, first + Math.floor(rand() * 200) * DAY_MS * (k ? 1 : 0));
      // C07 and C19 only ever return goods (no purchase).
      const isReturn = c === 7 || c === 19 || (k > 0 && rand() < 0.1);
      rows.push({
        orderId: `SO${c}-${k}`,
        customerId: id,
        date: day(date),
        amount: Math.round((isReturn ? -1 : 1) * (200 + rand() * 3000) * 100) / 100,
        rep: REPS[c % 3],
        category: rand() < 0.5 ? '办公用品' : '家具'
      });
    }
  }
  // The day that sets the as-of date.
  rows.push({
    orderId: 'SO-last',
    customerId: 'C01',
    date: LAST_DAY,
    amount: 500,
    rep: REPS[1],
    category: '家具'
  });
  return rows;
}

interface MasterRow {
  id: string;
  name: string;
  owner: string;
  region: string;
  industry: string;
  created: string;
}

/** C01…C25 (C26–C30 bought but are missing) and eight prospects P01…P08 (two padded with spaces). */
function masterRows(): MasterRow[] {
  const rows: MasterRow[] = [];
  for (let c = 1; c <= 25; c++)
    rows.push({
      id: `C${String(c).padStart(2, '0')}`,
      name: `客户${c}`,
      owner: c % 5 === 0 ? '' : REPS[(c + 1) % 3],
      region: REGIONS[c % 3],
      industry: c % 2 ? '制造' : '零售',
      created: day(Date.parse('2023-12-01') + c * 20 * DAY_MS)
    });
  for (let p = 1; p <= 8; p++)
    rows.push({
      id: p <= 2 ? ` P0${p} ` : `P0${p}`,
      name: `潜在客户${p}`,
      owner: REPS[p % 3],
      region: REGIONS[p % 3],
      industry: '服务',
      created: day(Date.parse('2025-01-01') + p * 15 * DAY_MS)
    });
  return rows;
}

const ORDERS = orderRows();
const MASTER = masterRows();

const ordersCsv = () =>
  Buffer.from(
    [
      '订单号,订单日期,客户编号,销售代表,产品品类,订单金额',
      ...ORDERS.map((o) => [o.orderId, o.date, o.customerId, o.rep, o.category, o.amount].join(','))
    ].join('\n')
  );
const masterCsv = () =>
  Buffer.from(
    [
      '客户编号,客户名称,负责人,区域,行业,创建日期',
      ...MASTER.map((m) => [m.id, m.name, m.owner, m.region, m.industry, m.created].join(','))
    ].join('\n')
  );
const feedbackCsv = () =>
  Buffer.from(
    [
      '客户编号,调查日期,满意度,NPS,评价',
      'C03,2025-06-01,2,4,发货太慢了',
      'C04,2025-05-01,5,10,很好'
    ].join('\n')
  );
const complaintsCsv = () =>
  Buffer.from(
    [
      '客户编号,投诉日期,投诉类型,解决日期',
      'C03,2025-06-10,物流,',
      'C03,2025-03-01,质量,2025-03-05'
    ].join('\n')
  );

/** DOMAIN §2, §7b from the files: classes per customer at the as-of date. */
function referenceClasses() {
  // Orders: a distinct order id per customer, amount = sum of its rows; positive = a purchase.
  const orderTotals = new Map<string, { customer: string; date: string; amount: number }>();
  for (const o of ORDERS) {
    if (o.date > AS_OF) continue;
    const key = `${o.customerId}|${o.orderId}`;
    const t = orderTotals.get(key) ?? { customer: o.customerId, date: o.date, amount: 0 };
    t.amount += o.amount;
    if (o.date < t.date) t.date = o.date;
    orderTotals.set(key, t);
  }
  const firstPurchase = new Map<string, string>();
  for (const t of orderTotals.values()) {
    if (t.amount <= 0) continue;
    const f = firstPurchase.get(t.customer);
    if (!f || t.date < f) firstPurchase.set(t.customer, t.date);
  }
  const days = (a: string, b: string) => Math.round((Date.parse(a) - Date.parse(b)) / DAY_MS);
  const classOf = (id: string) => {
    const f = firstPurchase.get(id);
    if (!f) return 'prospect';
    return days(AS_OF, f) <= NEW_DAYS ? 'new' : 'existing';
  };
  const classes = new Map<string, string>();
  for (const m of MASTER) classes.set(m.id.trim(), classOf(m.id.trim()));
  for (const id of firstPurchase.keys()) if (!classes.has(id)) classes.set(id, classOf(id));
  const count = (cls: string) => [...classes.values()].filter((c) => c === cls).length;
  return { existing: count('existing'), new: count('new'), prospect: count('prospect'), classes };
}

async function importFile(
  page: Page,
  name: string,
  buffer: Buffer,
  kind: string,
  roles: Record<string, string> = {}
) {
  await pickFile(page, { name, mimeType: 'text/csv', buffer });
  const select = page.locator('[data-testid="dataset-kind"]');
  if ((await select.inputValue()) !== kind) await select.selectOption(kind);
  for (const [header, role] of Object.entries(roles)) await setRole(page, header, role);
  // Beside the orders, not instead of them.
  const add = page.locator('input[type=radio][value="add"]');
  if (await add.count()) await add.first().check();
  return confirmAndReadReport(page);
}

describe(`customers & prospects (TZ ${process.env.TZ})`, () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => s?.close());

  it('counts existing, new and prospect customers and shows one profile and its printable page', async () => {
    const page = s.page;
    await openApp(page, 'zh-CN');
    const orders = await importFile(page, 'orders.csv', ordersCsv(), 'orders');
    expect(orders.rowsAccepted).toBe(ORDERS.length);
    expect(orders.dateTo).toBe(LAST_DAY);
    const master = await importFile(page, 'master.csv', masterCsv(), 'customers', {
      负责人: 'owner',
      创建日期: 'created_date'
    });
    expect(master.rowsAccepted).toBe(MASTER.length);
    const fb = await importFile(page, 'survey.csv', feedbackCsv(), 'feedback', {
      调查日期: 'date',
      满意度: 'satisfaction',
      NPS: 'nps',
      评价: 'comment'
    });
    expect(fb.rowsAccepted).toBe(2);
    const cp = await importFile(page, 'complaints.csv', complaintsCsv(), 'complaints', {
      投诉日期: 'opened_date',
      投诉类型: 'complaint_type',
      解决日期: 'resolved_date'
    });
    expect(cp.rowsAccepted).toBe(2);

    await openView(page, 'relationship');
    await page.waitForSelector('[data-testid="class-counts"]');
    await waitForSettled(page);
    const ref = referenceClasses();
    const counts = page.locator('[data-testid="class-counts"]');
    expect({
      existing: Number(await counts.getAttribute('data-existing')),
      new: Number(await counts.getAttribute('data-new')),
      prospect: Number(await counts.getAttribute('data-prospect'))
    }).toEqual({ existing: ref.existing, new: ref.new, prospect: ref.prospect });
    // The generator's prospects: P01–P08, and C07 and C19 (only returns).
    expect(ref.prospect).toBe(10);
    // C26–C30 bought but are not in the master.
    expect(await page.getAttribute('[data-testid="not-in-master"]', 'data-count')).toBe(
      String([...ref.classes.keys()].filter((id) => /^C(2[6-9]|30)$/.test(id)).length)
    );

    // The prospects' list → P01's profile: master attributes and no orders.
    await page.click('[data-testid="class-tile-prospect"]');
    await page.waitForSelector('[data-testid="class-list-total"][data-total="10"]');

    // C03's profile: master attributes, the survey answer and the complaint still open (overdue).
    await page.click('[data-testid="class-tile-prospect"]'); // back to every class
    await page
      .locator('[data-testid="class-list-open"][data-customer="C03"]')
      .scrollIntoViewIfNeeded();
    await page.click('[data-testid="class-list-open"][data-customer="C03"]');
    const profile = page.locator('[data-testid="customer-profile"][data-customer="C03"]');
    await profile.waitFor();
    await checkProfile(page);

    // The printable page shows the same profile.
    await page.click('[data-testid="profile-print-link"]');
    await page.waitForURL(/\/customer\?id=C03/);
    await page.waitForSelector(
      '[data-testid="printable-profile"] [data-testid="customer-profile"][data-customer="C03"]'
    );
    await checkProfile(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.app-nav').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="printable-profile"]').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('the sample: classes and classes by owner equal the reference from its files', async () => {
    const page = s.page;
    await openApp(page, 'en', '&sample=1');
    await page.waitForSelector('[data-testid="import-report"]');
    await openView(page, 'relationship');
    await page.waitForSelector('[data-testid="class-counts"]');
    await waitForSettled(page);
    const ref = referenceSample();
    const counts = page.locator('[data-testid="class-counts"]');
    const shown = {
      existing: Number(await counts.getAttribute('data-existing')),
      new: Number(await counts.getAttribute('data-new')),
      prospect: Number(await counts.getAttribute('data-prospect'))
    };
    expect(shown).toEqual(ref.counts);
    // The sample's master holds about 300 prospects, and new customers in its last 90 days.
    expect(ref.counts.prospect).toBeGreaterThanOrEqual(300);
    expect(ref.counts.new).toBeGreaterThan(0);
    const groups = await page.$$eval('[data-testid="class-groups"] tbody tr[data-key]', (rows) =>
      rows.map((r) => [
        r.getAttribute('data-key'),
        Number(r.getAttribute('data-existing')),
        Number(r.getAttribute('data-new')),
        Number(r.getAttribute('data-prospect'))
      ])
    );
    expect(new Map(groups.map(([k, ...v]) => [k, v]))).toEqual(ref.byOwner);
  });
});

/** The sample's classes and owners per DOMAIN §2, §7b, §8, from its orders and master files. */
function referenceSample() {
  const read = (name: string) =>
    Papa.parse<Record<string, string>>(
      readFileSync(new URL(`../../static/sample/${name}`, import.meta.url), 'utf8').replace(
        /^\uFEFF/,
        ''
      ),
      { header: true, skipEmptyLines: true }
    ).data;
  const orders = read('orders.csv');
  const master = read('customers.csv');
  const lastDay = orders.reduce((m, o) => (o['订单日期'] > m ? o['订单日期'] : m), '');
  const asOf = day(Date.parse(lastDay) + DAY_MS);
  // Orders: distinct order id per customer, summed; per customer the rep on most rows (ties: latest).
  const totals = new Map<string, { customer: string; date: string; amount: number }>();
  const reps = new Map<string, Map<string, { rows: number; latest: [string, number] }>>();
  orders.forEach((o, i) => {
    const customer = o['客户编号'].trim();
    const key = `${customer}|${o['订单号']}`;
    const t = totals.get(key) ?? { customer, date: o['订单日期'], amount: 0 };
    t.amount += Number(o['订单金额（元）']);
    if (o['订单日期'] < t.date) t.date = o['订单日期'];
    totals.set(key, t);
    const rep = o['销售代表'].trim();
    if (!rep) return;
    const byRep = reps.get(customer) ?? new Map();
    const r = byRep.get(rep) ?? { rows: 0, latest: ['', -1] };
    r.rows++;
    const at: [string, number] = [o['订单日期'], i];
    if (at[0] > r.latest[0] || (at[0] === r.latest[0] && at[1] > r.latest[1])) r.latest = at;
    byRep.set(rep, r);
    reps.set(customer, byRep);
  });
  const first = new Map<string, string>();
  for (const t of totals.values()) {
    if (Math.round(t.amount * 100) <= 0) continue;
    const f = first.get(t.customer);
    if (!f || t.date < f) first.set(t.customer, t.date);
  }
  const usualRep = (id: string) => {
    const byRep = [...(reps.get(id) ?? new Map()).entries()];
    byRep.sort(
      ([, a], [, b]) =>
        b.rows - a.rows ||
        (b.latest[0] > a.latest[0] ? 1 : b.latest[0] < a.latest[0] ? -1 : b.latest[1] - a.latest[1])
    );
    return byRep[0]?.[0] ?? null;
  };
  const classOf = (id: string) => {
    const f = first.get(id);
    if (!f) return 'prospect';
    return Math.round((Date.parse(asOf) - Date.parse(f)) / DAY_MS) <= NEW_DAYS ? 'new' : 'existing';
  };
  const owners = new Map<string, string | null>();
  for (const m of master) {
    const id = m['客户编号'].trim();
    if (owners.has(id)) continue;
    owners.set(id, m['负责人'].trim() || usualRep(id));
  }
  for (const id of first.keys()) if (!owners.has(id)) owners.set(id, usualRep(id));
  const counts = { existing: 0, new: 0, prospect: 0 };
  const byOwner = new Map<string | null, number[]>();
  const index = { existing: 0, new: 1, prospect: 2 } as const;
  for (const [id, owner] of owners) {
    const cls = classOf(id) as keyof typeof counts;
    counts[cls]++;
    const key = owner ?? '';
    const row = byOwner.get(key) ?? [0, 0, 0];
    row[index[cls]]++;
    byOwner.set(key, row);
  }
  return { counts, byOwner };
}

/** C03's profile as DOMAIN and the files say: master attributes, survey, complaints. */
async function checkProfile(page: Page) {
  const m = MASTER.find((x) => x.id === 'C03')!;
  const attrs = page.locator('[data-testid="profile-attributes"]');
  expect(await attrs.locator('[data-header="行业"] dd').innerText()).toBe(m.industry);
  expect(await attrs.locator('[data-header="区域"] dd').innerText()).toBe(m.region);
  expect(await page.locator('[data-testid="profile-owner"]').innerText()).toBe(m.owner);
  const survey = page.locator('[data-testid="profile-surveys"] tbody tr');
  expect(await survey.count()).toBe(1);
  expect(await survey.first().getAttribute('data-csat')).toBe('2');
  expect(await survey.first().innerText()).toContain('发货太慢了');
  // 2025-06-10 → as-of 2025-07-01: open 21 days > 7: overdue; 03-01 → 03-05 resolved in 4 days.
  const complaints = page.locator('[data-testid="profile-complaints"] tbody tr');
  expect(
    await complaints.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))
  ).toEqual(['overdue', 'resolved']);
  expect(await complaints.first().innerText()).toContain('已超期');
}
