// A tiny hand-checked orders table with a channel column for the decay tests (answers in the tests).
import type { Database } from 'sql.js';

/**
 * [customer_id, order_id, order_date, amount, channel]; as of 2024-05-10 the last complete month
 * is April, May is incomplete and E's row (after the as-of date) is left out.
 */
export const DECAY_ROWS: [string, string, string, number, string | null][] = [
  ['A', 'a1', '2024-01-05', 100, 'Online'], // row 2
  ['A', 'a2', '2024-01-05', 50, 'Shop'], // row 3: a second order the same day
  ['A', 'a3', '2024-02-10', 30, 'Online'], // row 4
  ['A', 'a4', '2024-04-20', 20, 'Shop'], // row 5
  ['B', 'b1', '2024-01-20', 200, 'Shop'], // row 6
  ['B', 'b2', '2024-03-03', -40, 'Shop'], // row 7: a return, no purchase
  ['B', 'b3', '2024-05-02', 60, 'Online'], // row 8: in the incomplete month
  ['C', 'c1', '2024-02-02', 80, null], // row 9
  ['C', 'c2', '2024-02-25', 20, 'Online'], // row 10
  ['D', 'd1', '2024-03-15', -5, 'Online'], // row 11: only a return
  ['E', 'e1', '2024-05-20', 70, 'Online'], // row 12: after the as-of date
  ['F', 'f1', '2024-03-01', 40, 'Shop'], // row 13
  ['F', 'f1', '2024-03-01', -40, 'Shop'], // row 14: order f1 nets to 0
  ['F', 'f2', '2024-03-09', 10, 'Online'] // row 15
];
export const DECAY_AS_OF = '2024-05-10';

/** Loads DECAY_ROWS into `t` with the columns of the app's normalized tables and a dimension. */
export function loadDecayFixture(db: Database) {
  db.run(`DROP TABLE IF EXISTS t;
    CREATE TABLE t (row_no INTEGER, customer_id TEXT, customer_name TEXT, order_id TEXT,
      order_date TEXT, amount REAL, "渠道" TEXT)`);
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, NULL, ?, ?, ?, ?)');
  DECAY_ROWS.forEach((r, i) => insert.run([i + 2, ...r]));
  insert.free();
}
