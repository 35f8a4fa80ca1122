// The sample's receivables (DOMAIN §7 kind receivables, §7c): one invoice per order since July 2025,
// due after the customer's payment terms; most are paid on time, some late, some in part, and a few
// customers stop paying, so at the as-of date every ageing bucket holds a few. Deterministic for a seed.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRng } from './sample-random.js';

export const RECEIVABLES_HEADER = [
  '客户编号',
  '发票号',
  '开票日期',
  '到期日',
  '金额（元）',
  '回款日期',
  '回款金额（元）'
];
/** Orders on or after this day are invoiced. */
export const INVOICE_FROM = '2025-07-01';
/** The file is a snapshot taken on the sample's last day: later payments are not in it. */
export const SNAPSHOT_DAY = '2025-12-31';
/** Payment terms (days) by company size. */
const TERMS_BY_SIZE = { 小型: 30, 中型: 45, 大型: 60 };

const DAY_MS = 86_400_000;
const toDay = (iso) => Date.parse(iso) / DAY_MS;
const toIso = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const LAST = toDay(SNAPSHOT_DAY);

/** Collects the invoiced orders: positive orders from {@link INVOICE_FROM}, in file order. */
export function createReceivablesCollector() {
  const orders = [];
  return {
    /** @param {import('./generate-sample.js').SampleRow} r */
    add(r) {
      if (r.amountCents > 0 && r.date >= INVOICE_FROM)
        orders.push({ customerId: r.customerId, date: r.date, cents: r.amountCents, size: r.size });
    },
    result() {
      return orders;
    }
  };
}

/**
 * The invoices of `orders`: each customer pays promptly (72 %), late (18 %), in part (6 %) or stops
 * paying from some day on (4 %); a payment after {@link SNAPSHOT_DAY} is not yet in the file. A
 * payment in full leaves the paid amount blank half the time (paid date set = paid in full).
 */
export function sampleReceivables(orders, seed) {
  const rng = createRng(seed ^ 0x0ac0ffee);
  const payer = new Map();
  const seq = new Map();
  const rows = [];
  for (const o of orders) {
    let p = payer.get(o.customerId);
    if (!p) {
      const u = rng();
      p = {
        kind: u < 0.72 ? 'prompt' : u < 0.9 ? 'late' : u < 0.96 ? 'partial' : 'stops',
        stopDay: toDay(INVOICE_FROM) + Math.floor(rng() * 150)
      };
      payer.set(o.customerId, p);
    }
    const invoiced = Math.min(LAST, toDay(o.date) + Math.floor(rng() * 4));
    const terms = TERMS_BY_SIZE[o.size] ?? 30;
    const due = invoiced + terms;
    const n = (seq.get(invoiced) ?? 0) + 1;
    seq.set(invoiced, n);
    const invoiceNo = `FP${toIso(invoiced).replaceAll('-', '')}${String(n).padStart(3, '0')}`;
    const slip = rng() < 0.05; // even prompt payers are late now and then
    let payDay;
    let paidCents = o.cents;
    if (p.kind === 'stops' && invoiced >= p.stopDay) payDay = Infinity;
    else if (p.kind === 'prompt' && !slip) payDay = due - Math.floor(rng() * Math.min(terms, 25));
    else payDay = due + 3 + Math.floor(rng() * (p.kind === 'prompt' ? 40 : 100));
    if (p.kind === 'partial' && rng() < 0.6)
      paidCents = Math.round((o.cents * (30 + Math.floor(rng() * 50))) / 100);
    const isPaid = payDay <= LAST;
    const blankAmount = isPaid && paidCents === o.cents && rng() < 0.5;
    rows.push({
      customerId: o.customerId,
      invoiceNo,
      invoiceDate: toIso(invoiced),
      dueDate: toIso(due),
      cents: o.cents,
      paidDate: isPaid ? toIso(Math.max(invoiced, payDay)) : '',
      paidCents: isPaid && !blankAmount ? paidCents : null
    });
  }
  return rows;
}

const yuan = (cents) => (cents / 100).toFixed(2);

export function receivablesToCsv(rows) {
  const lines = rows.map((r) =>
    [
      r.customerId,
      r.invoiceNo,
      r.invoiceDate,
      r.dueDate,
      yuan(r.cents),
      r.paidDate,
      r.paidCents === null ? '' : yuan(r.paidCents)
    ].join(',')
  );
  return `\uFEFF${RECEIVABLES_HEADER.join(',')}\n${lines.join('\n')}\n`;
}

/** Writes receivables.csv into `dir`; returns its manifest. */
export function writeReceivablesFile(dir, orders, seed) {
  const rows = sampleReceivables(orders, seed);
  const csv = receivablesToCsv(rows);
  writeFileSync(resolve(dir, 'receivables.csv'), csv);
  return {
    file: 'receivables.csv',
    columns: RECEIVABLES_HEADER,
    rows: rows.length,
    unpaid: rows.filter((r) => r.paidDate === '').length,
    bytes: Buffer.byteLength(csv),
    sha256: createHash('sha256').update(csv).digest('hex')
  };
}
