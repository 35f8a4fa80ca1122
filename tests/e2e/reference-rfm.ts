// Independent, deliberately naive RFM reference (DOMAIN §2–3) for checking the app's numbers: plain loops, no app code.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** One transaction line. `date` is `YYYY-MM-DD`; no `orderId` means the row is an order. */
export interface RefRow {
  customerId: string;
  date: string;
  amount: number;
  orderId?: string | null;
}

/** One customer's reference figures; scores are null for customers with no positive order. */
export interface RefCustomer {
  customerId: string;
  firstPurchase: string | null;
  lastPurchase: string | null;
  recencyDays: number | null;
  frequency: number;
  monetary: number;
  r: number | null;
  f: number | null;
  m: number | null;
}

/** Result of `computeReferenceRfm`. */
export interface RefResult {
  customers: Map<string, RefCustomer>;
  /** Customers with at least one positive order (scored). */
  scored: number;
  /** Customers with rows on or before the as-of date but no positive order. */
  noPurchase: number;
}

/** Money is compared at a millionth of a unit, so float noise cannot make a returned order positive. */
export function roundMoney(x: number): number {
  const rounded = (Math.sign(x) * Math.round(Math.abs(x) * 1e6)) / 1e6;
  return rounded === 0 ? 0 : rounded; // no -0
}

function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** The day after `iso` (`YYYY-MM-DD`). */
export function nextDay(iso: string): string {
  return new Date((dayNumber(iso) + 1) * 86_400_000).toISOString().slice(0, 10);
}

/** The default as-of date: the day after the latest row. */
export function defaultAsOf(rows: RefRow[]): string {
  let last = '';
  for (const row of rows) if (row.date > last) last = row.date;
  return nextDay(last);
}

/**
 * RFM per customer over rows on or before `asOf`: an order is a distinct order id per customer
 * (each row when it has none), dated by its earliest row, positive when its rounded total is > 0;
 * R = days from the last positive order to `asOf`, F = positive orders, M = sum of all amounts.
 * Scores: 1 + floor(bins × L / N), L = scored customers strictly worse, N = scored customers.
 */
export function computeReferenceRfm(rows: RefRow[], asOf: string, bins = 5): RefResult {
  // customer → order key → { total, date }
  const orders = new Map<string, Map<string, { total: number; date: string }>>();
  const monetary = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.date > asOf) continue;
    let byOrder = orders.get(row.customerId);
    if (!byOrder) {
      byOrder = new Map();
      orders.set(row.customerId, byOrder);
    }
    const key = row.orderId ? `id:${row.orderId}` : `row:${i}`;
    const order = byOrder.get(key);
    if (order) {
      order.total += row.amount;
      if (row.date < order.date) order.date = row.date;
    } else byOrder.set(key, { total: row.amount, date: row.date });
    monetary.set(row.customerId, (monetary.get(row.customerId) ?? 0) + row.amount);
  }

  const customers = new Map<string, RefCustomer>();
  for (const [customerId, byOrder] of orders) {
    let frequency = 0;
    let first: string | null = null;
    let last: string | null = null;
    for (const order of byOrder.values()) {
      if (roundMoney(order.total) <= 0) continue;
      frequency++;
      if (first === null || order.date < first) first = order.date;
      if (last === null || order.date > last) last = order.date;
    }
    customers.set(customerId, {
      customerId,
      firstPurchase: first,
      lastPurchase: last,
      recencyDays: last === null ? null : dayNumber(asOf) - dayNumber(last),
      frequency,
      monetary: roundMoney(monetary.get(customerId) ?? 0),
      r: null,
      f: null,
      m: null
    });
  }

  const scored = [...customers.values()].filter((c) => c.frequency > 0);
  const n = scored.length;
  for (const c of scored) {
    let worseR = 0;
    let worseF = 0;
    let worseM = 0;
    for (const o of scored) {
      if (o.recencyDays! > c.recencyDays!) worseR++;
      if (o.frequency < c.frequency) worseF++;
      if (o.monetary < c.monetary) worseM++;
    }
    c.r = 1 + Math.floor((bins * worseR) / n);
    c.f = 1 + Math.floor((bins * worseF) / n);
    c.m = 1 + Math.floor((bins * worseM) / n);
  }
  return { customers, scored: n, noPurchase: customers.size - n };
}

/** Parses CSV text (RFC 4180 quotes, CRLF or LF, leading BOM) into records. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Records as objects keyed by the header row. */
function readTable(text: string): Record<string, string>[] {
  const [header, ...records] = parseCsv(text);
  return records
    .filter((r) => r.some((v) => v.trim() !== ''))
    .map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), r[i] ?? ''])));
}

/**
 * UCI Online Retail (`online_retail.csv.gz`): customer = CustomerID (rows without one are left
 * out, as the app rejects them), amount = Quantity × UnitPrice, order = InvoiceNo.
 */
export function loadOnlineRetail(file: string): RefRow[] {
  return readTable(gunzipSync(readFileSync(file)).toString('utf8'))
    .filter((r) => r.CustomerID.trim() !== '')
    .map((r) => ({
      customerId: r.CustomerID.trim(),
      date: r.InvoiceDate.slice(0, 10),
      amount: Number(r.Quantity) * Number(r.UnitPrice),
      orderId: r.InvoiceNo.trim()
    }));
}

/** Tableau Superstore: customer = Customer ID, amount = Sales, order = Order ID, MM/DD/YYYY dates. */
export function loadSuperstore(file: string): RefRow[] {
  return readTable(readFileSync(file, 'utf8')).map((r) => {
    const [month, day, year] = r['Order Date'].split('/');
    return {
      customerId: r['Customer ID'],
      date: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`,
      amount: Number(r.Sales),
      orderId: r['Order ID']
    };
  });
}

/** CDNOW elog: customer = sampleid, amount = sales, YYYYMMDD dates, no order id (a row is an order). */
export function loadCdnow(file: string): RefRow[] {
  return readTable(readFileSync(file, 'utf8')).map((r) => ({
    customerId: r.sampleid,
    date: `${r.date.slice(0, 4)}-${r.date.slice(4, 6)}-${r.date.slice(6, 8)}`,
    amount: Number(r.sales)
  }));
}

/**
 * DOMAIN §4's concentration, over customers with monetary > 0: the revenue share of the top
 * customer and of the top 20 % (ceil(0.2·N) customers, so never nobody), and the Gini coefficient
 * as the mean absolute difference of all pairs over twice the mean.
 */
export function referenceConcentration(ref: RefResult): {
  top1: number;
  top20pct: number;
  gini: number;
} {
  const values = [...ref.customers.values()]
    .map((c) => c.monetary)
    .filter((m) => m > 0)
    .sort((a, b) => b - a);
  const n = values.length;
  const total = values.reduce((s, m) => s + m, 0);
  const share = (k: number) => values.slice(0, k).reduce((s, m) => s + m, 0) / total;
  let differences = 0;
  for (const a of values) for (const b of values) differences += Math.abs(a - b);
  return {
    top1: share(1),
    top20pct: share(Math.ceil(0.2 * n)),
    gini: differences / (2 * n * total)
  };
}
