// Reads and edits the dataset catalog; pages through a dataset's rows for the data view.
import type { Database } from 'sql.js';
import type { DatasetInfo, ImportReport, RowsPage, RowsQuery, SqlValue } from '$lib/db/protocol';
import { quoteIdent } from '$lib/analysis/sql-ident';

/** All datasets, oldest first. */
export function readDatasets(db: Database): DatasetInfo[] {
  const res = db.exec(
    `SELECT id, name, kind, file_name, imported_at, table_name, raw_table, columns_json, report_json, raw_complete
     FROM datasets ORDER BY id`
  );
  if (!res.length) return [];
  return res[0].values.map((v) => {
    const report = JSON.parse(v[8] as string) as ImportReport;
    return {
      id: v[0] as number,
      name: v[1] as string,
      kind: v[2] as DatasetInfo['kind'],
      fileName: v[3] as string,
      importedAt: v[4] as string,
      table: v[5] as string,
      rawTable: v[6] as string,
      columns: JSON.parse(v[7] as string),
      rows: report.rowsAccepted,
      customers: report.customers,
      orders: report.orders,
      dateFrom: report.dateFrom,
      dateTo: report.dateTo,
      totalAmount: report.totalAmount,
      rawComplete: v[9] === 1,
      report
    };
  });
}

/** Drops a dataset's tables and its catalog row. */
export function dropDataset(db: Database, d: { id: number; table: string; rawTable: string }) {
  db.run(`DROP TABLE IF EXISTS ${quoteIdent(d.table)}`);
  db.run(`DROP TABLE IF EXISTS ${quoteIdent(d.rawTable)}`);
  db.run('DELETE FROM datasets WHERE id = ?', [d.id]);
}

/**
 * Serves pages of a dataset's rows for a virtualized table. Sorting and searching 1M rows on
 * every scroll would be slow, so the ordered row ids of the current (search, sort) are
 * materialized once into a temp table and pages are cheap lookups by position.
 */
export class RowPager {
  private key = '';
  private total = 0;
  constructor(private db: Database) {}

  page(dataset: DatasetInfo, q: RowsQuery, offset: number, limit: number): RowsPage {
    const key = JSON.stringify([dataset.id, q.search, q.sortColumn, q.sortDesc]);
    if (key !== this.key) this.materialize(dataset, q, key);
    const cols = ['row_no', ...dataset.columns.map((c) => c.name)].map((c) => `t.${quoteIdent(c)}`);
    const stmt = this.db.prepare(
      `SELECT ${cols.join(', ')} FROM temp.view_order v JOIN ${quoteIdent(dataset.table)} t ON t.rowid = v.rid
       WHERE v.pos > ? AND v.pos <= ? ORDER BY v.pos`
    );
    stmt.bind([offset, offset + limit]);
    const rows: SqlValue[][] = [];
    while (stmt.step()) rows.push(stmt.get() as SqlValue[]);
    stmt.free();
    return { total: this.total, offset, rows };
  }

  /** Forgets the materialized order (after the data changed). */
  reset() {
    this.key = '';
  }

  private materialize(dataset: DatasetInfo, q: RowsQuery, key: string) {
    const table = quoteIdent(dataset.table);
    const names = new Set(['row_no', ...dataset.columns.map((c) => c.name)]);
    const sort = q.sortColumn && names.has(q.sortColumn) ? q.sortColumn : 'row_no';
    const dir = q.sortDesc ? 'DESC' : 'ASC';
    const params: SqlValue[] = [];
    let where = '';
    const search = q.search.trim();
    if (search) {
      const text = dataset.columns
        .filter((c) => c.type === 'text')
        .map((c) => `t.${quoteIdent(c.name)}`);
      where = `WHERE ${text.map((c) => `instr(lower(${c}), ?) > 0`).join(' OR ')}`;
      for (let i = 0; i < text.length; i++) params.push(search.toLowerCase());
    }
    this.db.run('DROP TABLE IF EXISTS temp.view_order');
    this.db.run(
      `CREATE TEMP TABLE view_order AS
       SELECT ROW_NUMBER() OVER (ORDER BY t.${quoteIdent(sort)} ${dir} NULLS LAST, t.rowid) AS pos, t.rowid AS rid
       FROM ${table} t ${where}`,
      params
    );
    this.db.run('CREATE INDEX temp.view_order_pos ON view_order (pos)');
    const res = this.db.exec('SELECT COUNT(*) FROM temp.view_order');
    this.total = (res[0]?.values[0]?.[0] as number) ?? 0;
    this.key = key;
  }
}
