// Receivables at the as-of date (DOMAIN §7c) against hand-worked answers: outstanding (paid date
// without paid amount = paid in full, partial payments), days past due, the bucket edges (due today =
// not due; day 30 in 1–30, day 31 in 31–60, day 90 in 61–90, day 91 in 90+), per customer.
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bucketOf,
  buildReceivableCustomersSql,
  buildReceivableInvoicesSql,
  daysPastDue,
  outstandingOf,
  summarizeReceivableCustomers,
  toReceivableCustomers,
  toReceivableInvoices
} from '../../../../src/lib/analysis/risks/receivables';
import { createRelatedTable } from '../../worker/related-fixture';

const AS_OF = '2025-03-31';

// Worked by hand at 2025-03-31:
//  INV1 C1 1000, paid date 02-01, no paid amount → paid in full, 0 outstanding
//  INV2 C1 1000, paid 400 on 03-01, due 03-01 → 600 outstanding, 30 days past due → 1–30
//  INV3 C1 500, due 03-31 (the as-of date) → 500, 0 days → not due
//  INV4 C2 200, due 02-28 → 31 days → 31–60
//  INV5 C2 300, due 2024-12-31 → 31 + 28 + 31 = 90 days → 61–90
//  INV6 C2 100, due 2024-12-30 → 91 days → 90+
//  INV7 C3 800, paid 800 on 04-05 (after the as-of date) → 800 outstanding, due 03-15 → 16 days
//  INV8 C3 999, invoiced 04-02 (after the as-of date) → not counted
//  INV9 C4 100, paid 150 → over-paid, 0 outstanding
//  INV10 C5 250, paid 50 (no paid date), due 04-30 → 200 outstanding, −30 days → not due
//  INV11 " C2 " 50, due 03-30 → C2, 1 day → 1–30
const ROWS: Record<string, string | number | null>[] = [
  {
    customer_id: 'C1',
    invoice_no: 'INV1',
    due_date: '2025-01-31',
    amount: 1000,
    paid_date: '2025-02-01'
  },
  {
    customer_id: 'C1',
    invoice_no: 'INV2',
    due_date: '2025-03-01',
    amount: 1000,
    paid_date: '2025-03-01',
    paid_amount: 400
  },
  { customer_id: 'C1', invoice_no: 'INV3', due_date: '2025-03-31', amount: 500 },
  {
    customer_id: 'C2',
    invoice_no: 'INV4',
    due_date: '2025-02-28',
    amount: 200,
    invoice_date: '2025-01-29'
  },
  { customer_id: 'C2', invoice_no: 'INV5', due_date: '2024-12-31', amount: 300 },
  { customer_id: 'C2', invoice_no: 'INV6', due_date: '2024-12-30', amount: 100 },
  {
    customer_id: 'C3',
    invoice_no: 'INV7',
    due_date: '2025-03-15',
    amount: 800,
    paid_date: '2025-04-05',
    paid_amount: 800
  },
  {
    customer_id: 'C3',
    invoice_no: 'INV8',
    due_date: '2025-05-02',
    amount: 999,
    invoice_date: '2025-04-02'
  },
  { customer_id: 'C4', invoice_no: 'INV9', due_date: '2025-01-01', amount: 100, paid_amount: 150 },
  { customer_id: 'C5', invoice_no: 'INV10', due_date: '2025-04-30', amount: 250, paid_amount: 50 },
  { customer_id: ' C2 ', invoice_no: 'INV11', due_date: '2025-03-30', amount: 50 }
];

const EXPECTED_CUSTOMERS = [
  {
    customerId: 'C1',
    openInvoices: 2,
    overdueInvoices: 1,
    outstanding: 1100,
    overdueOutstanding: 600,
    maxDaysPastDue: 30,
    buckets: { not_due: 500, d1_30: 600, d31_60: 0, d61_90: 0, d90_plus: 0 }
  },
  {
    customerId: 'C3',
    openInvoices: 1,
    overdueInvoices: 1,
    outstanding: 800,
    overdueOutstanding: 800,
    maxDaysPastDue: 16,
    buckets: { not_due: 0, d1_30: 800, d31_60: 0, d61_90: 0, d90_plus: 0 }
  },
  {
    customerId: 'C2',
    openInvoices: 4,
    overdueInvoices: 4,
    outstanding: 650,
    overdueOutstanding: 650,
    maxDaysPastDue: 91,
    buckets: { not_due: 0, d1_30: 50, d31_60: 200, d61_90: 300, d90_plus: 100 }
  },
  {
    customerId: 'C5',
    openInvoices: 1,
    overdueInvoices: 0,
    outstanding: 200,
    overdueOutstanding: 0,
    maxDaysPastDue: null,
    buckets: { not_due: 200, d1_30: 0, d31_60: 0, d61_90: 0, d90_plus: 0 }
  }
];

let db: Database;
let table: string;
beforeAll(async () => {
  const SQL = await initSqlJs();
  db = new SQL.Database();
  table = createRelatedTable(db, 3, 'receivables', ROWS);
});

const run = (q: { sql: string; params: (string | number | null)[] }) => {
  const res = db.exec(q.sql, q.params);
  return res.length ? res[0].values : [];
};

describe('receivable rules', () => {
  it('buckets by days past due, edges included', () => {
    expect([-5, 0, 1, 30, 31, 60, 61, 90, 91, 400].map(bucketOf)).toEqual([
      'not_due',
      'not_due',
      'd1_30',
      'd1_30',
      'd31_60',
      'd31_60',
      'd61_90',
      'd61_90',
      'd90_plus',
      'd90_plus'
    ]);
  });

  it('outstanding: paid date without amount = paid in full; partial; later payment not yet made', () => {
    expect(outstandingOf({ amount: 1000, paidDate: '2025-02-01', paidAmount: null }, AS_OF)).toBe(
      0
    );
    expect(outstandingOf({ amount: 1000, paidDate: '2025-03-01', paidAmount: 400 }, AS_OF)).toBe(
      600
    );
    expect(outstandingOf({ amount: 800, paidDate: '2025-04-05', paidAmount: 800 }, AS_OF)).toBe(
      800
    );
    expect(outstandingOf({ amount: 250, paidDate: null, paidAmount: 50 }, AS_OF)).toBe(200);
    expect(outstandingOf({ amount: 100, paidDate: null, paidAmount: 150 }, AS_OF)).toBe(0);
    expect(outstandingOf({ amount: 0.3, paidDate: null, paidAmount: 0.1 }, AS_OF)).toBe(0.2);
  });

  it('days past due = as-of − due date', () => {
    expect(daysPastDue('2025-03-31', AS_OF)).toBe(0);
    expect(daysPastDue('2024-12-31', AS_OF)).toBe(90);
    expect(daysPastDue('2025-04-30', AS_OF)).toBe(-30);
  });
});

describe('receivables SQL on sql.js', () => {
  it('lists every counted invoice with outstanding and days past due', () => {
    const inv = toReceivableInvoices(run(buildReceivableInvoicesSql({ table, asOf: AS_OF })));
    expect(inv.map((i) => i.invoiceNo)).toEqual([
      'INV1',
      'INV2',
      'INV3',
      'INV4',
      'INV5',
      'INV6',
      'INV7',
      'INV9',
      'INV10',
      'INV11'
    ]);
    const by = Object.fromEntries(inv.map((i) => [i.invoiceNo, i]));
    expect(by.INV1).toMatchObject({
      outstanding: 0,
      daysPastDue: null,
      bucket: null,
      isOverdue: false
    });
    expect(by.INV2).toMatchObject({
      paid: 400,
      outstanding: 600,
      daysPastDue: 30,
      bucket: 'd1_30',
      isOverdue: true
    });
    expect(by.INV3).toMatchObject({
      outstanding: 500,
      daysPastDue: 0,
      bucket: 'not_due',
      isOverdue: false
    });
    expect(by.INV4).toMatchObject({ daysPastDue: 31, bucket: 'd31_60', invoiceDate: '2025-01-29' });
    expect(by.INV5).toMatchObject({ daysPastDue: 90, bucket: 'd61_90' });
    expect(by.INV6).toMatchObject({ daysPastDue: 91, bucket: 'd90_plus' });
    expect(by.INV7).toMatchObject({ paid: 0, outstanding: 800, daysPastDue: 16, isOverdue: true });
    expect(by.INV9).toMatchObject({ outstanding: 0, bucket: null });
    expect(by.INV10).toMatchObject({ outstanding: 200, daysPastDue: -30, bucket: 'not_due' });
    expect(by.INV11).toMatchObject({ customerId: 'C2', daysPastDue: 1, bucket: 'd1_30' });
  });

  it('sums per customer in SQL and in TS alike', () => {
    const sql = toReceivableCustomers(run(buildReceivableCustomersSql({ table, asOf: AS_OF })));
    expect(sql).toEqual(EXPECTED_CUSTOMERS);
    const inv = toReceivableInvoices(run(buildReceivableInvoicesSql({ table, asOf: AS_OF })));
    expect(summarizeReceivableCustomers(inv)).toEqual(EXPECTED_CUSTOMERS);
  });

  it('moves with the as-of date: on 04-05 INV3 is 5 days past due, INV7 is paid and INV8 counts', () => {
    const sql = toReceivableCustomers(
      run(buildReceivableCustomersSql({ table, asOf: '2025-04-05' }))
    );
    const c1 = sql.find((c) => c.customerId === 'C1')!;
    expect(c1).toMatchObject({ overdueInvoices: 2, overdueOutstanding: 1100, maxDaysPastDue: 35 });
    // C3: INV7 paid on 04-05; INV8 (invoiced 04-02, due 05-02) now counts, not yet due.
    expect(sql.find((c) => c.customerId === 'C3')).toMatchObject({
      outstanding: 999,
      overdueOutstanding: 0,
      maxDaysPastDue: null
    });
  });

  it('rejects an as-of date that is not a day', () => {
    expect(() => buildReceivableInvoicesSql({ table, asOf: '2025-3-1' })).toThrow();
  });
});
