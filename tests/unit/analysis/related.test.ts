import { describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import {
  buildRelatedMatchSql,
  buildUnmatchedRowsSql,
  toRelatedMatch,
  toUnmatchedRows
} from '../../../src/lib/analysis/related';
import { createRelatedTable } from '../worker/related-fixture';

/**
 * Orders of customers A and B. Survey responses (file rows 2–7): A, " B " (the same customer once
 * trimmed, DOMAIN §7), C, an empty id, C again, and D. By hand: 6 rows; C, "", C, D name no
 * customer with orders → 4 unmatched rows, of 2 customers (C, D; an empty id is no customer).
 */
async function fixture() {
  const db = new (await initSqlJs()).Database();
  db.run('CREATE TABLE ds1_transactions (row_no INTEGER, customer_id TEXT, order_date TEXT)');
  db.run(`INSERT INTO ds1_transactions VALUES (2, 'A', '2025-01-01'), (3, 'B', '2025-01-02')`);
  const table = createRelatedTable(db, 2, 'feedback', [
    { customer_id: 'A', response_date: '2025-02-01' },
    { customer_id: ' B ', response_date: '2025-02-02' },
    { customer_id: 'C', response_date: '2025-02-03' },
    { customer_id: '', response_date: null },
    { customer_id: 'C', response_date: '2025-02-05' },
    { customer_id: 'D', response_date: '2025-02-06' }
  ]);
  return { db, table };
}

describe('a related file against the orders (DOMAIN §7)', () => {
  it('counts the rows naming customers with no orders, and those customers', async () => {
    const { db, table } = await fixture();
    const q = buildRelatedMatchSql(table, 'ds1_transactions');
    const [row] = db.exec(q.sql, q.params)[0].values;
    expect(toRelatedMatch(row)).toEqual({ rows: 6, unmatchedRows: 4, unmatchedCustomers: 2 });
  });

  it('lists them in file order with their row number and date, a page at a time', async () => {
    const { db, table } = await fixture();
    const page = (offset: number, limit: number) => {
      const q = buildUnmatchedRowsSql(table, 'ds1_transactions', 'feedback', offset, limit);
      return toUnmatchedRows(db.exec(q.sql, q.params)[0]?.values ?? []);
    };
    expect(page(0, 10)).toEqual([
      { rowNo: 4, customerId: 'C', date: '2025-02-03' },
      { rowNo: 5, customerId: '', date: null },
      { rowNo: 6, customerId: 'C', date: '2025-02-05' },
      { rowNo: 7, customerId: 'D', date: '2025-02-06' }
    ]);
    expect(page(3, 10).map((r) => r.rowNo)).toEqual([7]);
  });

  it('finds nothing unmatched when every row names a customer with orders', async () => {
    const db = new (await initSqlJs()).Database();
    db.run('CREATE TABLE o (row_no INTEGER, customer_id TEXT)');
    db.run(`INSERT INTO o VALUES (2, '7')`);
    // A master's id read as a number still joins the orders' text id.
    const table = createRelatedTable(db, 3, 'customers', [{ customer_id: 7 }]);
    const q = buildRelatedMatchSql(table, 'o');
    expect(toRelatedMatch(db.exec(q.sql, q.params)[0].values[0])).toEqual({
      rows: 1,
      unmatchedRows: 0,
      unmatchedCustomers: 0
    });
  });
});
