// A tiny hand-checked orders table with a rep column for the scorecard tests (answers in the tests).
import type { Database } from 'sql.js';

/** [customer_id, order_id, order_date, amount, rep]; row_no = index + 2 (as after a header row). */
export const ROWS: [string, string, string, number, string | null][] = [
  ['A', 'a1', '2024-03-10', 100, 'X'], // row 2: A's first purchase (X), a year before
  ['A', 'a2', '2025-02-05', 50, 'X'], // row 3
  ['A', 'a3', '2025-03-03', 70, 'X'], // row 4: order a3 has an X line …
  ['A', 'a3', '2025-03-03', 30, 'Y'], // row 5: … and a Y line: a purchase for each
  ['A', 'a4', '2025-03-20', 40, 'X'], // row 6
  ['A', 'a5', '2025-03-25', -15, 'X'], // row 7: a return
  ['B', 'b1', '2025-03-05', 200, 'Y'], // row 8: B's first purchase (Y)
  ['B', 'b2', '2025-03-06', 20, 'X'], // row 9
  ['C', 'c1', '2025-01-10', 80, 'Y'], // row 10
  ['C', 'c2', '2025-03-15', 60, 'Y'], // row 11: order c2 nets 0 …
  ['C', 'c2', '2025-03-15', -60, 'Y'], // row 12: … so it is no purchase (with order ids)
  ['D', 'd1', '2025-03-31', 10, null], // row 13: D's first purchase, no rep
  ['E', 'e1', '2025-01-20', 90, 'Z'], // row 14: E never buys again
  ['F', 'f1', '2025-01-31', 25, 'Z'], // row 15: F never buys again
  ['G', 'g1', '2025-01-31', 10, 'Z'], // row 16
  ['G', 'g2', '2025-03-03', 10, 'Z'], // row 17: G buys again on the day F lapses
  ['H', 'h1', '2025-04-05', 500, 'X'] // row 18: after the as-of date
];
export const AS_OF = '2025-04-01';
/** Lapse days used by the tests (short, so lapses happen inside the fixture's months). */
export const LAPSE = 30;

/** Loads ROWS into `t` with the columns the app's normalized tables have (`rep` a dimension). */
export function loadScorecardFixture(db: Database) {
  db.run(`DROP TABLE IF EXISTS t;
    CREATE TABLE t (row_no INTEGER, customer_id TEXT, customer_name TEXT, order_id TEXT,
      order_date TEXT, amount REAL, rep TEXT)`);
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, NULL, ?, ?, ?, ?)');
  ROWS.forEach((r, i) => insert.run([i + 2, ...r]));
  insert.free();
}
