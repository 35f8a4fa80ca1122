// A tiny orders file and a targets sheet whose Targets view was worked out by hand (see
// targets-service.test.ts for the arithmetic). The targets table is created as the ingest stores
// it (`ds{id}_targets`: row_no, target_key, period, grain, revenue_target, new_customer_target,
// parent, market_size).
import type { Database } from 'sql.js';
import type { DatasetInfo } from '../../../src/lib/db/protocol';

// Each row is one order (no order id). As-of 2025-03-11: row 8 is after it.
export const ORDERS_CSV = `Customer ID,Order Date,Amount,Sales Rep,Team,Region
c1,2025-02-10,100,A,T1,North
c1,2025-03-02,300,B,T1,North
c2,2025-03-03,500,A,T1,North
c3,2025-03-05,200,A,T1,North
c3,2025-03-06,-50,A,T1,North
c4,2025-03-08,450,C,T2,South
c5,2025-03-09,80,D,T2,South
c2,2025-03-12,999,A,T1,North
c6,2025-03-10,120,,T1,North
c7,2024-03-05,400,A,T1,North
c8,2024-03-04,250,A,T1,North
c8,2025-03-04,150,A,T1,North
c9,2023-06-01,60,A,T1,North
c9,2025-03-07,70,A,T1,North
c10,2025-03-09,60,B,T1,North
c10,2025-03-09,90,C,T2,South
c11,2025-03-10,50,C,T2,South
c11,2025-03-10,50,B,T1,North
`;

export const AS_OF = '2025-03-11';

type Row = [string, string, string, number | null, number | null, string | null, number | null];

/** key, period, grain, revenue target, new-customer target, parent, market size. */
export const TARGET_ROWS: Row[] = [
  ['A', '2025-01', 'month', 800, null, 'T1', null],
  ['A', '2025-02', 'month', 900, 1, 'T1', null],
  ['A', '2025-03', 'month', 1000, 2, 'T1', 10000],
  ['B', '2025-03', 'month', 500, 1, 'T1', null],
  ['C', '2025-03', 'month', 400, null, 'T2', null],
  ['C', '2025-Q1', 'quarter', 1500, null, 'T2', null],
  ['T2', '2025-03', 'month', 1000, null, null, null],
  ['Z', '2025-03', 'month', 300, null, 'T2', null]
];

/** Creates `ds{id}_targets` with `rows` and returns a catalog entry of kind `targets` for it. */
export function createTargets(
  db: Database,
  orders: DatasetInfo,
  rows: Row[] = TARGET_ROWS,
  id = 99
): DatasetInfo {
  const table = `ds${id}_targets`;
  db.run(`DROP TABLE IF EXISTS "${table}"`);
  db.run(`CREATE TABLE "${table}" (row_no INTEGER, target_key TEXT, period TEXT, grain TEXT,
    revenue_target REAL, new_customer_target REAL, parent TEXT, market_size REAL)`);
  rows.forEach((r, i) => db.run(`INSERT INTO "${table}" VALUES (?,?,?,?,?,?,?,?)`, [i + 2, ...r]));
  return { ...orders, id, kind: 'targets', name: 'targets', table, dimensions: [] };
}
