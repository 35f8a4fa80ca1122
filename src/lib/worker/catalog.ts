// Reads and edits the dataset catalog; pages through a dataset's rows for the data view.
import type { Database } from 'sql.js';
import type { DatasetInfo, ImportReport, RowsPage, RowsQuery, SqlValue } from '$lib/db/protocol';
import { quoteIdent } from '$lib/analysis/sql-ident';
import { addDays, localDay } from '$lib/analysis/dates';
import { AppError } from '$lib/db/errors';
import {
  filterConditionSql,
  filterDateColumn,
  filterKey,
  isFilterActive
} from '$lib/analysis/data-filter';
import { CURRENCIES, type Currency } from '$lib/ingest/currency';
import { isAnalysedKind } from '$lib/ingest/types';
import { selectRows, selectValue, sql } from './sql-run';

/** What the import learned about a dataset beyond its report (DatasetInfo's derived fields). */
export interface DatasetFacts {
  hasOrderId: boolean;
  defaultAsOf: string | null;
  /** Absent in workspaces saved before datasets had a currency: read as null. */
  currency?: Currency | null;
}

/**
 * The facts of a dataset, stored at import: whether orders group by an order id, the default
 * as-of date — the day after the latest date (DOMAIN §2), else (a customer file with recency in
 * days only) the day of the import — and the currency of its money (changeable later).
 */
export function datasetFacts(
  hasOrderId: boolean,
  latestDate: string | null,
  importedAt: Date,
  currency: Currency | null
): DatasetFacts {
  return {
    hasOrderId,
    defaultAsOf: latestDate ? addDays(latestDate, 1) : localDay(importedAt),
    currency
  };
}

/** A stored currency as the app knows it (anything else, or nothing, is null). */
function knownCurrency(value: unknown): Currency | null {
  return (CURRENCIES as readonly unknown[]).includes(value) ? (value as Currency) : null;
}

/** Facts of a dataset saved before they were stored, derived as that version decided them. */
function legacyFacts(columns: DatasetInfo['columns'], report: ImportReport): DatasetFacts {
  // Unmapped role columns were stored with an empty header.
  const hasOrderId = columns.some((c) => c.role === 'order_id' && c.header !== '');
  return {
    hasOrderId,
    defaultAsOf: report.dateTo ? addDays(report.dateTo, 1) : null,
    currency: null
  };
}

/** The stored facts of a catalog row (`facts_json`), or those derived for an older workspace. */
function factsOf(
  json: unknown,
  columns: DatasetInfo['columns'],
  report: ImportReport
): DatasetFacts {
  return json ? (JSON.parse(json as string) as DatasetFacts) : legacyFacts(columns, report);
}

/** The roles a dataset's file mapped (unmapped role columns are stored with an empty header). */
function mappedRoles(columns: DatasetInfo['columns']): string[] {
  return columns.filter((c) => c.header !== '').map((c) => c.role);
}

/** All datasets, oldest first. */
export function readDatasets(db: Database): DatasetInfo[] {
  const rows = selectRows(
    db,
    sql(`SELECT id, name, kind, file_name, imported_at, table_name, raw_table, columns_json,
       report_json, raw_complete, facts_json
     FROM datasets ORDER BY id`)
  );
  return rows.map((v) => {
    const report = JSON.parse(v[8] as string) as ImportReport;
    const columns = JSON.parse(v[7] as string) as DatasetInfo['columns'];
    const facts = factsOf(v[10], columns, report);
    return {
      id: v[0] as number,
      name: v[1] as string,
      kind: v[2] as DatasetInfo['kind'],
      fileName: v[3] as string,
      importedAt: v[4] as string,
      table: v[5] as string,
      rawTable: v[6] as string,
      columns,
      hasOrderId: facts.hasOrderId,
      isAnalysable: isAnalysedKind(v[2] as DatasetInfo['kind'], mappedRoles(columns)),
      dimensions: columns
        .filter((c) => c.role === 'dimension')
        .map((c) => ({ name: c.name, header: c.header })),
      defaultAsOf: facts.defaultAsOf,
      currency: knownCurrency(facts.currency),
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

/** The dataset with `id`, or the translated "no such dataset" error. */
export function datasetById(db: Database, id: number): DatasetInfo {
  const d = readDatasets(db).find((x) => x.id === id);
  if (!d) throw new AppError('no_dataset');
  return d;
}

/** Rewrites the currency in a dataset's stored facts (the tables are untouched). */
export function setDatasetCurrency(db: Database, id: number, currency: Currency | null) {
  const d = datasetById(db, id);
  const stored = selectValue(db, sql('SELECT facts_json FROM datasets WHERE id = ?', id));
  const facts = { ...factsOf(stored, d.columns, d.report), currency: knownCurrency(currency) };
  db.run('UPDATE datasets SET facts_json = ? WHERE id = ?', [JSON.stringify(facts), id]);
}

/** Drops a dataset's tables (the raw sheet's blocks too) and its catalog row. */
export function dropDataset(db: Database, d: { id: number; table: string; rawTable: string }) {
  const blocks = selectValue(db, sql('SELECT raw_blocks FROM datasets WHERE id = ?', d.id));
  db.run(`DROP TABLE IF EXISTS ${quoteIdent(d.table)}`);
  db.run(`DROP TABLE IF EXISTS ${quoteIdent(d.rawTable)}`);
  if (blocks) db.run(`DROP TABLE IF EXISTS ${quoteIdent(String(blocks))}`);
  db.run('DELETE FROM datasets WHERE id = ?', [d.id]);
}

/**
 * Characters of a text cell a page of rows carries: a multi-MB cell would otherwise cross to the
 * page whole and take the browser seconds to lay out (search still reads the whole value).
 */
export const PAGE_CELL_CHARS = 1000;

/** A text column cut to {@link PAGE_CELL_CHARS} characters, an ellipsis marking the cut. */
function clippedTextSql(col: string): string {
  const keep = PAGE_CELL_CHARS - 1;
  return `CASE WHEN length(${col}) > ${PAGE_CELL_CHARS} THEN substr(${col}, 1, ${keep}) || '…' ELSE ${col} END`;
}

/**
 * Serves pages of a dataset's rows for a virtualized table. Sorting and searching 1M rows on
 * every scroll would be slow, so the ordered row ids of the current (search, sort) are
 * materialized once into a temp table and pages are cheap lookups by position.
 */
export class RowPager {
  private key = '';
  private total = 0;
  /**
   * In file order with nothing searched or filtered, the table's own rowids (1…N, as inserted) are
   * the positions: no copy of a million rowids before the first page.
   */
  private inFileOrder: { desc: boolean } | null = null;
  constructor(private db: Database) {}

  page(dataset: DatasetInfo, q: RowsQuery, offset: number, limit: number): RowsPage {
    const key = JSON.stringify([
      dataset.id,
      q.search,
      q.sortColumn,
      q.sortDesc,
      filterKey(q.filter)
    ]);
    if (key !== this.key) this.materialize(dataset, q, key);
    const cols = [
      't.row_no',
      ...dataset.columns.map((c) => {
        const col = `t.${quoteIdent(c.name)}`;
        return c.type === 'text' ? clippedTextSql(col) : col;
      })
    ];
    const table = quoteIdent(dataset.table);
    const order = this.inFileOrder;
    const query = order
      ? sql(
          `SELECT ${cols.join(', ')} FROM ${table} t WHERE t.rowid > ? AND t.rowid <= ? ORDER BY t.rowid ${order.desc ? 'DESC' : 'ASC'}`,
          ...(order.desc
            ? [this.total - offset - limit, this.total - offset]
            : [offset, offset + limit])
        )
      : sql(
          `SELECT ${cols.join(', ')} FROM temp.view_order v JOIN ${table} t ON t.rowid = v.rid
       WHERE v.pos > ? AND v.pos <= ? ORDER BY v.pos`,
          offset,
          offset + limit
        );
    return { total: this.total, offset, rows: selectRows(this.db, query) };
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
    const conditions: string[] = [];
    const search = q.search.trim();
    if (search) {
      const text = dataset.columns
        .filter((c) => c.type === 'text')
        .map((c) => `t.${quoteIdent(c.name)}`);
      conditions.push(`(${text.map((c) => `instr(lower(${c}), ?) > 0`).join(' OR ')})`);
      for (let i = 0; i < text.length; i++) params.push(search.toLowerCase());
    }
    // The filter applies here, not through its copy: the order is by the table's rowid.
    if (isFilterActive(q.filter)) {
      for (const dim of q.filter.dims) {
        if (!dataset.dimensions.some((x) => x.name === dim.column))
          throw new AppError('filter_unknown_column', {
            column: dim.column,
            dataset: dataset.name
          });
      }
      conditions.push(`(${filterConditionSql(q.filter, filterDateColumn(dataset))})`);
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    this.db.run('DROP TABLE IF EXISTS temp.view_order');
    this.inFileOrder = null;
    // A targets grid is edited in place (rows deleted and added): only imported tables qualify.
    if (!where && sort === 'row_no' && dataset.kind !== 'targets') {
      // Imported rows are appended in file order, rowids 1…rows: the largest rowid (one b-tree
      // descent, where COUNT(*) reads every page: 1.3 s at a million rows) proves there is no gap.
      const last = Number(selectValue(this.db, sql(`SELECT MAX(rowid) FROM ${table}`)) ?? 0);
      if (last === dataset.rows) {
        this.inFileOrder = { desc: q.sortDesc };
        this.total = last;
        this.key = key;
        return;
      }
    }
    this.db.run(
      `CREATE TEMP TABLE view_order AS
       SELECT ROW_NUMBER() OVER (ORDER BY t.${quoteIdent(sort)} ${dir} NULLS LAST, t.rowid) AS pos, t.rowid AS rid
       FROM ${table} t ${where}`,
      params
    );
    this.db.run('CREATE INDEX temp.view_order_pos ON view_order (pos)');
    this.total = Number(selectValue(this.db, sql('SELECT COUNT(*) FROM temp.view_order')) ?? 0);
    this.key = key;
  }
}
