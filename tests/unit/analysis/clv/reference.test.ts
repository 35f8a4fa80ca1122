// The app's lifetime-value pipeline (order-days SQL on sql.js → calibration → fits → values) against
// the independent DOMAIN §6 reference, customer by customer, on CDNOW and Online Retail.
import initSqlJs from 'sql.js';
import { expect, it } from 'vitest';
import { buildOrderDaysSql } from '../../../../src/lib/analysis/clv/calibration-sql';
import type { CalibrationRow } from '../../../../src/lib/analysis/clv/calibration';
import { isNoDropout } from '../../../../src/lib/analysis/clv/dropout';
import { fitClv, type ClvResult } from '../../../../src/lib/analysis/clv/model';
import { DATASET_FILES, describeWithData } from '../../../datasets';
import { loadCdnow, loadOnlineRetail, type RefRow } from '../../../e2e/reference-rfm';
import {
  isClose,
  latestDate,
  referenceClvFit,
  referenceSummary,
  type RefClvResult
} from '../../../reference/clv-domain';

/** The rows through the app's own query, from a table shaped like the app's normalized one. */
async function orderDays(rows: readonly RefRow[], hasOrderId: boolean): Promise<CalibrationRow[]> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(
    'CREATE TABLE t (row_no INTEGER, customer_id TEXT, order_id TEXT, order_date TEXT, amount REAL)'
  );
  db.run('BEGIN');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?)');
  rows.forEach((r, i) => insert.run([i + 2, r.customerId, r.orderId ?? null, r.date, r.amount]));
  insert.free();
  db.run('COMMIT');
  db.run('CREATE INDEX t_cust_date ON t (customer_id, order_date)');
  const out: CalibrationRow[] = [];
  const stmt = db.prepare(buildOrderDaysSql({ table: 't', hasOrderId }).sql);
  while (stmt.step()) {
    const [customerId, date, amount, largestOrder] = stmt.get() as [string, string, number, number];
    out.push({ customerId, date, amount, largestOrder });
  }
  stmt.free();
  db.close();
  return out;
}

/** Customers whose summary or values differ from the reference (relative 1e-5, near 0 absolute 1e-9). */
function mismatches(app: ClvResult, ref: RefClvResult): string[] {
  const wrong: string[] = [];
  for (const c of app.customers) {
    const r = ref.customers.get(c.customerId);
    const ok =
      r !== undefined &&
      c.x === r.x &&
      isClose(c.tx, r.tx, 1e-12, 1e-12) &&
      isClose(c.T, r.T, 1e-12, 1e-12) &&
      isClose(c.zbar, r.zbar, 1e-9, 1e-9) &&
      isClose(c.pAlive, r.pAlive, 1e-5, 1e-9) &&
      isClose(c.expected90, r.expected90, 1e-5, 1e-9) &&
      isClose(c.clv12, r.clv12, 1e-5, 1e-9);
    if (!ok) wrong.push(`${c.customerId}: app ${JSON.stringify(c)} vs ${JSON.stringify(r)}`);
  }
  return wrong;
}

describeWithData(['cdnowElog'], 'CDNOW (no order id, calibration end 1997-09-30)', () => {
  it('matches the reference customer by customer', { timeout: 60_000 }, async () => {
    const rows = loadCdnow(DATASET_FILES.cdnowElog);
    const app = fitClv(await orderDays(rows, false), { calibrationEnd: '1997-09-30' });
    const ref = referenceClvFit(referenceSummary(rows, '1997-09-30').values());
    expect(app.customers).toHaveLength(ref.customers.size);
    expect(mismatches(app, ref)).toEqual([]);
    expect(isNoDropout(app.bgnbd.params)).toBe(false);
  });
});

describeWithData(['onlineRetail'], 'Online Retail (order ids, default calibration end)', () => {
  it('matches the reference customer by customer', { timeout: 180_000 }, async () => {
    const rows = loadOnlineRetail(DATASET_FILES.onlineRetail);
    const end = latestDate(rows);
    expect(end).toBe('2011-12-09');
    const app = fitClv(await orderDays(rows, true), { calibrationEnd: end });
    const ref = referenceClvFit(referenceSummary(rows, end).values());
    // 4,339: the 4,338 customers with a positive order and 13256, whose one order totals 0.
    expect(ref.customers.size).toBe(4_339);
    expect(app.customers).toHaveLength(4_339);
    expect(mismatches(app, ref)).toEqual([]);
    const byId = new Map(app.customers.map((c) => [c.customerId, c]));
    // 12504 returned more than it bought on 21 Nov 2011, but bought too: two purchase days.
    expect(byId.get('12504')).toMatchObject({ x: 1, zbar: -302.75 });
    // 15802's only day holds a purchase between two returns of the same amount.
    expect(byId.get('15802')).toMatchObject({ x: 0, T: 142 / 7 });
    expect(isNoDropout(app.bgnbd.params)).toBe(true);
  });
});
