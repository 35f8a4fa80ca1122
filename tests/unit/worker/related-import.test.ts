// Importing the related kinds of DOMAIN §7 as the mapping step proposes them: the table laid out as
// kind-tables.ts says, the report's rejections with their first rows, prospects kept, and a
// replacing import that replaces only the earlier file of its own kind.
import initSqlJs, { type Database } from 'sql.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { inspectFile } from '../../../src/lib/ingest/inspect';
import { mappingFromGuesses } from '../../../src/lib/ingest/detect-roles';
import { KIND_COLUMNS } from '../../../src/lib/ingest/kind-tables';
import { createIndexes, importFile, rejectedRows } from '../../../src/lib/worker/import';
import { readDatasets } from '../../../src/lib/worker/catalog';
import { CATALOG_SQL } from '../../../src/lib/worker/schema';
import { buildCustomerBaseSql, buildRfmScoresSql } from '../../../src/lib/analysis/sql';

let db: Database;
beforeEach(async () => {
  db = new (await initSqlJs()).Database();
  db.run(CATALOG_SQL);
});

/** Imports `lines` with the kind and roles the mapping step proposes. */
async function load(lines: string[], name: string, mode: 'add' | 'replace' = 'add') {
  const file = new File([lines.join('\n')], name, { type: 'text/csv' });
  const x = await inspectFile(file);
  const guesses =
    x.kind === 'transactions'
      ? x.guesses
      : x.kind === 'targets'
        ? x.targetGuesses
        : x.relatedGuesses[x.kind];
  const d = await importFile(
    db,
    file,
    x,
    mappingFromGuesses(guesses, x.kind),
    { mode, name },
    () => {},
    () => false
  );
  createIndexes(db, d);
  return d;
}

const columnsOf = (table: string) =>
  db.exec(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`)[0].values.flat();
const rowsOf = (table: string) => db.exec(`SELECT * FROM "${table}" ORDER BY row_no`)[0].values;
const reasons = (d: {
  report: { rejected: { reason: string; count: number; rows: number[] }[] };
}) => Object.fromEntries(d.report.rejected.map((r) => [r.reason, [r.count, r.rows]]));

const ORDERS = [
  '订单号,订单日期,客户编号,订单金额',
  'SO1,2025-01-05,C1,100',
  'SO2,2025-02-05,C2,200'
];
// Spreadsheet rows (header = row 1): 4 repeats C1, 5 has no id, 6 a date that does not exist.
const MASTER = [
  '客户编号,客户名称,负责人,建档日期,状态,信用额度,行业',
  'C1,甲公司,张伟,2024-12-01,合作中,50000,制造业',
  'C9,潜在公司,王芳,2025-06-01,跟进中,,零售',
  'C1,甲公司重复,张伟,2024-12-02,合作中,,制造业',
  ',无编号,王芳,2025-01-01,潜在,,零售',
  'C3,丙公司,王芳,2025-02-30,合作中,abc,零售'
];
// Rows: 3 CSAT 7, 4 NPS 11, 5 no date, 6 a comment only, 7 an id with no orders.
const FEEDBACK = [
  'Customer ID,Survey date,CSAT,NPS,Comment',
  'C1,2025-03-01,4,9,fast delivery',
  'C2,2025-03-02,7,5,',
  'C2,2025-03-03,3,11,',
  'C1,,4,9,',
  'C1,2025-04-01,,,price too high',
  'X9,2025-04-02,5,10,'
];
// Rows: 3 open, 4 resolved before opened, 5 no opened date.
const COMPLAINTS = [
  '客户编号,投诉日期,投诉类型,处理状态,解决日期,处理人,投诉内容',
  'C1,2025-03-01,产品质量,处理中,2025-03-04,刘敏,设备无法开机',
  'C2,2025年3月2日,交付延迟,待处理,,陈晨,晚了一周',
  'C2,2025-03-10,交付延迟,已解决,2025-03-09,陈晨,',
  'C1,,服务态度,已解决,2025-03-09,陈晨,'
];

describe('importing the related kinds', () => {
  it('a master: its table as kind-tables.ts lays it out, duplicates and bad rows reported', async () => {
    await load(ORDERS, 'orders.csv');
    const d = await load(MASTER, 'master.csv');
    expect(d.kind).toBe('customers');
    expect(d.isAnalysable).toBe(false);
    expect(columnsOf(d.table)).toEqual([
      'row_no',
      ...KIND_COLUMNS.customers.map((c) => c.name),
      '行业'
    ]);
    expect(d.report).toMatchObject({ rowsRead: 5, rowsAccepted: 2, rowsRejected: 3, customers: 2 });
    expect(reasons(d)).toEqual({
      duplicate_customer_id: [1, [4]],
      missing_customer_id: [1, [5]],
      bad_date: [1, [6]]
    });
    expect(d.report.rejected.find((r) => r.reason === 'duplicate_customer_id')?.details).toEqual([
      { firstRow: 2 }
    ]);
    expect(d.report.rejected.find((r) => r.reason === 'bad_date')?.details).toEqual([
      { value: '2025-02-30' }
    ]);
    // The prospect C9 (never bought) is kept like any customer of the master.
    expect(rowsOf(d.table)).toEqual([
      [
        2,
        'C1',
        '甲公司',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        '张伟',
        '2024-12-01',
        '合作中',
        null,
        50000,
        '制造业'
      ],
      [
        3,
        'C9',
        '潜在公司',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        '王芳',
        '2025-06-01',
        '跟进中',
        null,
        null,
        '零售'
      ]
    ]);
    expect(rejectedRows(db, d.rawTable).map((r) => [r[0], r[1]])).toEqual([
      [4, 'duplicate_customer_id'],
      [5, 'missing_customer_id'],
      [6, 'bad_date']
    ]);
  });

  it('survey responses: scores out of range and missing dates rejected, ids without orders kept', async () => {
    const d = await load(FEEDBACK, 'survey.csv');
    expect(d.kind).toBe('feedback');
    expect(d.isAnalysable).toBe(false);
    expect(columnsOf(d.table)).toEqual(['row_no', ...KIND_COLUMNS.feedback.map((c) => c.name)]);
    expect(d.report).toMatchObject({
      rowsRead: 6,
      rowsAccepted: 3,
      customers: 2,
      dateFrom: '2025-03-01',
      dateTo: '2025-04-02'
    });
    expect(reasons(d)).toEqual({ bad_score: [2, [3, 4]], missing_date: [1, [5]] });
    expect(d.report.rejected.find((r) => r.reason === 'bad_score')?.details).toEqual([
      { value: '7' },
      { value: '11' }
    ]);
    expect(rowsOf(d.table)).toEqual([
      [2, 'C1', '2025-03-01', 4, 9, 'fast delivery'],
      [6, 'C1', '2025-04-01', null, null, 'price too high'],
      [7, 'X9', '2025-04-02', 5, 10, null]
    ]);
  });

  it('complaints: the status kept as written, resolved before opened rejected', async () => {
    const d = await load(COMPLAINTS, 'complaints.csv');
    expect(d.kind).toBe('complaints');
    expect(reasons(d)).toEqual({ resolved_before_opened: [1, [4]], missing_date: [1, [5]] });
    expect(rowsOf(d.table)).toEqual([
      [2, 'C1', '2025-03-01', '产品质量', '处理中', '2025-03-04', '刘敏', '设备无法开机'],
      [3, 'C2', '2025-03-02', '交付延迟', '待处理', null, '陈晨', '晚了一周']
    ]);
  });

  it('replacing one file keeps the others: each kind replaces only its own kind', async () => {
    const orders = await load(ORDERS, 'orders.csv');
    const master = await load(MASTER, 'master.csv', 'replace');
    const survey = await load(FEEDBACK, 'survey.csv', 'replace');
    const complaints = await load(COMPLAINTS, 'complaints.csv', 'replace');
    const kinds = () => readDatasets(db).map((d) => [d.id, d.kind]);
    expect(kinds()).toEqual([
      [orders.id, 'transactions'],
      [master.id, 'customers'],
      [survey.id, 'feedback'],
      [complaints.id, 'complaints']
    ]);
    const survey2 = await load(FEEDBACK.slice(0, 2), 'survey2.csv', 'replace');
    const orders2 = await load(ORDERS, 'orders2.csv', 'replace');
    expect(kinds()).toEqual([
      [master.id, 'customers'],
      [complaints.id, 'complaints'],
      [survey2.id, 'feedback'],
      [orders2.id, 'transactions']
    ]);
    // The replaced datasets' tables are gone.
    const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0].values.flat();
    expect(tables).not.toContain(survey.table);
    expect(tables).not.toContain(orders.table);
    expect(tables).toContain(master.table);
  });

  it('a per-customer summary with prospects: analysable, prospects kept and left out of RFM', async () => {
    const d = await load(
      [
        '客户编号,最近购买日期,购买次数,累计消费金额,建档日期',
        'C1,2025-03-01,3,300,2024-01-01',
        'C2,2025-01-01,1,50,2024-06-01',
        'P1,,,,2025-05-01',
        'P2,,0,0,2025-06-01',
        'B1,2025-02-01,,100,2024-01-01'
      ],
      'summary.csv'
    );
    expect(d.kind).toBe('customers');
    expect(d.isAnalysable).toBe(true);
    expect(d.report).toMatchObject({ rowsAccepted: 4, customers: 4, dateTo: '2025-03-01' });
    expect(reasons(d)).toEqual({ missing_frequency: [1, [6]] });
    const base = buildCustomerBaseSql({
      table: d.table,
      kind: 'customers',
      asOf: '2025-03-02',
      dimensions: []
    });
    const scored = db.exec(
      buildRfmScoresSql({ source: { base }, bins: 5, method: 'ranked' }).sql,
      base.params
    )[0].values;
    expect(scored.map((r) => r[0])).toEqual(['C1', 'C2']);
    const inBase = db.exec(base.sql, base.params)[0].values.map((r) => r[0]);
    expect(inBase).toEqual(['C1', 'C2']);
  });
});
