// The sample's receivables: one invoice per order since July 2025, imported as kind receivables with
// every row accepted; at the as-of date every ageing bucket holds invoices (DOMAIN §7c), some paid in
// part, some paid by date only. And the sample's company names read as real ones (no 广东市…).
import { describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { inspectFile } from '../../../src/lib/ingest/inspect';
import { mappingFromGuesses } from '../../../src/lib/ingest/detect-roles';
import { importFile } from '../../../src/lib/worker/import';
import { CATALOG_SQL } from '../../../src/lib/worker/schema';
import { generateSample } from '../../../scripts/generate-sample.js';
import {
  INVOICE_FROM,
  createReceivablesCollector,
  receivablesToCsv,
  sampleReceivables
} from '../../../scripts/sample-receivables.js';

const rows = generateSample();
const collector = createReceivablesCollector();
for (const r of rows) collector.add(r);
const orders = collector.result();
const invoices = sampleReceivables(orders, 20250101);
const AS_OF = '2026-01-01';
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

describe('the sample receivables', () => {
  it('invoice every positive order since July 2025, deterministically', () => {
    const expected = rows.filter((r) => r.amountCents > 0 && r.date >= INVOICE_FROM).length;
    expect(invoices.length).toBe(expected);
    expect(sampleReceivables(orders, 20250101)).toEqual(invoices);
    expect(new Set(invoices.map((i) => i.invoiceNo)).size).toBe(invoices.length);
    for (const i of invoices) {
      expect(i.invoiceDate >= INVOICE_FROM && i.invoiceDate <= '2025-12-31').toBe(true);
      expect(i.dueDate > i.invoiceDate).toBe(true);
      if (i.paidDate) expect(i.paidDate >= i.invoiceDate && i.paidDate < AS_OF).toBe(true);
    }
  });

  it('at the as-of date every bucket has invoices; some paid in part, some by date only', () => {
    const buckets = [0, 0, 0, 0, 0];
    for (const i of invoices) {
      const paid = i.paidCents ?? (i.paidDate ? i.cents : 0);
      if (i.cents - paid <= 0) continue;
      const d = days(i.dueDate, AS_OF);
      buckets[d <= 0 ? 0 : d <= 30 ? 1 : d <= 60 ? 2 : d <= 90 ? 3 : 4]++;
    }
    for (const n of buckets) expect(n).toBeGreaterThan(10);
    expect(invoices.some((i) => i.paidCents !== null && i.paidCents < i.cents)).toBe(true);
    expect(invoices.some((i) => i.paidDate !== '' && i.paidCents === null)).toBe(true);
    // Most invoices are paid.
    expect(invoices.filter((i) => i.paidDate !== '').length / invoices.length).toBeGreaterThan(0.6);
  });

  it('imports as kind receivables with every row accepted', async () => {
    const db = new (await initSqlJs()).Database();
    db.run(CATALOG_SQL);
    const csv = receivablesToCsv(invoices);
    const file = new File([csv], 'receivables.csv', { type: 'text/csv' });
    const x = await inspectFile(file);
    expect(x.kind).toBe('receivables');
    expect(x.confident).toBe(true);
    const d = await importFile(
      db,
      file,
      x,
      mappingFromGuesses(x.relatedGuesses.receivables, 'receivables'),
      { mode: 'add', name: 'receivables.csv' },
      () => {},
      () => false
    );
    expect(d.report).toMatchObject({ rowsRead: invoices.length, rowsAccepted: invoices.length });
    const json = db.exec('SELECT columns_json FROM datasets WHERE kind = ?', ['receivables'])[0]
      .values[0][0];
    const roles = Object.fromEntries(
      (JSON.parse(String(json)) as { header: string; role: string }[]).map((c) => [
        c.header,
        c.role
      ])
    );
    expect(roles).toEqual({
      客户编号: 'customer_id',
      发票号: 'invoice_no',
      开票日期: 'invoice_date',
      到期日: 'due_date',
      '金额（元）': 'amount',
      回款日期: 'paid_date',
      '回款金额（元）': 'paid_amount'
    });
  }, 30_000);

  it('company names: 市 follows a city, never a province', () => {
    const provinces = [
      '广东',
      '江苏',
      '浙江',
      '山东',
      '福建',
      '四川',
      '湖北',
      '河南',
      '湖南',
      '安徽'
    ];
    const names = new Set(rows.map((r) => r.customerName));
    for (const n of names) for (const p of provinces) expect(n.startsWith(`${p}市`), n).toBe(false);
    expect([...names].some((n) => n.startsWith('深圳市') || n.startsWith('广州市'))).toBe(true);
  });
});
