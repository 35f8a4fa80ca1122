// Customers & prospects end to end on the built-in sample ("Try the sample": orders, a customer
// master with prospects, survey responses, complaints): the existing / new / prospect counts and
// the counts by owner are checked against a reference computed here from the sample's files per
// DOMAIN §2, §7b and §8; one customer's profile and its printable page show the master's
// attributes, the survey answers and the complaints with their state (DOMAIN §7b).
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openApp, openView, waitForSettled, type Session } from './app';

const NEW_DAYS = 90;
const SLA_DAYS = 7;
const DAY_MS = 864e5;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe(`customers & prospects on the sample (TZ ${process.env.TZ})`, () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => s?.close());

  it('classes and classes by owner equal the reference; a profile and its printable page', async () => {
    const page = s.page;
    await openApp(page, 'zh-CN', '&sample=1');
    await page.waitForSelector('[data-testid="import-landed"]');
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

    // The profile of a customer with survey answers and complaints, from the list of all.
    const p = ref.profile;
    const open = page.locator(`[data-testid="class-list-open"][data-customer="${p.id}"]`);
    await open.scrollIntoViewIfNeeded();
    await open.click();
    await page.waitForSelector(`[data-testid="customer-profile"][data-customer="${p.id}"]`);
    await checkProfile(page, p);

    // The printable page shows the same profile; printing hides the app's header and navigation.
    await page.click('[data-testid="profile-print-link"]');
    await page.waitForURL(/\/customer\?id=/);
    await page.waitForSelector(
      `[data-testid="printable-profile"] [data-testid="customer-profile"][data-customer="${p.id}"]`
    );
    await checkProfile(page, p);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.app-nav').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="profile-print"]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="printable-profile"]').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });
});

type Reference = ReturnType<typeof referenceSample>['profile'];

/** The profile as the files and DOMAIN say: master attributes, owner, class, surveys, complaints. */
async function checkProfile(page: Page, p: Reference) {
  const facts = page.locator('[data-testid="profile-facts"]');
  expect(await facts.getAttribute('data-class')).toBe(p.cls);
  expect(await facts.getAttribute('data-owner')).toBe(p.owner ?? '');
  const attrs = page.locator('[data-testid="profile-attributes"]');
  for (const header of ['行业', '省份', '客户规模'])
    expect(await attrs.locator(`[data-header="${header}"] dd`).innerText()).toBe(
      p.master[header].trim()
    );
  const surveys = page.locator('[data-testid="profile-surveys"] tbody tr');
  expect(
    (await surveys.evaluateAll((rows) => rows.map((r) => r.dataset.csat ?? ''))).sort()
  ).toEqual(p.csat);
  const text = await page.locator('[data-testid="profile-surveys"]').innerText();
  for (const comment of p.comments) expect(text).toContain(comment);
  const complaints = page.locator('[data-testid="profile-complaints"] tbody tr');
  expect(
    (await complaints.evaluateAll((rows) => rows.map((r) => r.dataset.status ?? ''))).sort()
  ).toEqual(p.complaints);
}

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
  // The profile checked: the first master customer (file order) with survey answers and complaints.
  const feedback = read('feedback.csv');
  const complaints = read('complaints.csv');
  const answered = new Set(feedback.map((f) => f['客户编号'].trim()));
  const complained = new Set(complaints.map((c) => c['客户编号'].trim()));
  const m = master.find(
    (x) => answered.has(x['客户编号'].trim()) && complained.has(x['客户编号'].trim())
  )!;
  const id = m['客户编号'].trim();
  const days = (later: string, earlier: string) =>
    Math.round((Date.parse(later) - Date.parse(earlier)) / DAY_MS);
  const profile = {
    id,
    master: m,
    owner: owners.get(id),
    cls: classOf(id),
    csat: feedback
      .filter((f) => f['客户编号'].trim() === id && f['调查日期'] <= asOf)
      .map((f) => f['满意度'])
      .sort(),
    comments: feedback
      .filter((f) => f['客户编号'].trim() === id && f['评价'])
      .map((f) => f['评价'].trim()),
    // DOMAIN §7b: open = no resolved date; overdue = open longer than 7 days; else resolved.
    complaints: complaints
      .filter((c) => c['客户编号'].trim() === id && c['投诉日期'] <= asOf)
      .map((c) =>
        c['解决日期'] && c['解决日期'] <= asOf
          ? 'resolved'
          : days(asOf, c['投诉日期']) > SLA_DAYS
            ? 'overdue'
            : 'open'
      )
      .sort()
  };
  return { counts, byOwner, profile };
}
