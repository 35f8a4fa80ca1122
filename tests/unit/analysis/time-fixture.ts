// A tiny hand-checked transactions table for the cohort and trend tests (answers in the tests).
import type { Database } from 'sql.js';

/** [customer_id, order_id, order_date, amount]; E's row is after the as-of date 2024-04-30. */
export const ROWS: [string, string, string, number][] = [
  ['A', 'a1', '2024-01-05', 60],
  ['A', 'a1', '2024-01-05', 40],
  ['A', 'a2', '2024-02-10', 50],
  ['A', 'a3', '2024-02-20', -20],
  ['A', 'a4', '2024-04-01', 30],
  ['B', 'b1', '2024-01-20', 200],
  ['B', 'b2', '2024-03-03', 10],
  ['B', 'b2', '2024-03-03', -10],
  ['C', 'c1', '2024-02-02', 80],
  ['C', 'c2', '2024-02-25', 20],
  ['D', 'd1', '2024-03-15', -5],
  ['E', 'e1', '2024-05-01', 70]
];
export const AS_OF = '2024-04-30';

/** Loads ROWS into `t` with the columns the app's normalized tables have. */
export function loadFixture(db: Database) {
  db.run(`DROP TABLE IF EXISTS t;
    CREATE TABLE t (row_no INTEGER, customer_id TEXT, customer_name TEXT, order_id TEXT, order_date TEXT, amount REAL)`);
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, NULL, ?, ?, ?)');
  ROWS.forEach((r, i) => insert.run([i + 2, ...r]));
  insert.free();
}
