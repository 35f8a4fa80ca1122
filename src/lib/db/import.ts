// Loads an inspected file into the database in one transaction: raw sheet + normalized table.
import type { Database, Statement } from 'sql.js';
import { createNormalizer, type Cell } from '$lib/ingest/normalize';
import { streamRows, type Inspected } from '$lib/ingest/inspect';
import type { ColumnMapping, RejectReason } from '$lib/ingest/types';
import type { DatasetInfo, ImportReport, ImportTarget, Progress, RejectSummary } from './protocol';
import {
  addColumnSql,
  batchRows,
  createIndexesSql,
  createRawTableSql,
  createTableSql,
  datasetTables,
  insertSql,
  quoteIdent
} from './schema';
import { dropDataset, readDatasets } from './catalog';

/** Thrown when the user cancels; the transaction is rolled back. */
export class ImportCancelled extends Error {}

const FIRST_ROWS_KEPT = 10;

/** Buffers rows and writes them with one prepared multi-row INSERT per full batch. */
class BatchInserter {
  private buffer: Cell[] = [];
  private count = 0;
  private full: Statement;
  private readonly size: number;
  constructor(
    private db: Database,
    private table: string,
    private width: number
  ) {
    this.size = batchRows(width);
    this.full = db.prepare(insertSql(table, width, this.size));
  }
  add(values: Cell[]) {
    for (let i = 0; i < values.length; i++) this.buffer.push(values[i]);
    if (++this.count === this.size) {
      this.full.run(this.buffer);
      this.buffer = [];
      this.count = 0;
    }
  }
  finish() {
    if (this.count > 0) this.db.run(insertSql(this.table, this.width, this.count), this.buffer);
    this.buffer = [];
    this.count = 0;
    this.full.free();
  }
}

/** Imports `file` with the confirmed mapping. */
export async function importFile(
  db: Database,
  file: Blob & { name?: string },
  inspected: Inspected,
  mapping: ColumnMapping,
  target: ImportTarget,
  onProgress: (p: Progress) => void,
  isCancelled: () => boolean
): Promise<DatasetInfo> {
  const started = performance.now();
  const normalizer = createNormalizer(mapping);
  const width = inspected.headers.length;
  const { at } = normalizer;
  const previous = readDatasets(db);
  const id = Math.max(0, ...previous.map((d) => d.id)) + 1;
  const { table, raw } = datasetTables(id, mapping.kind);

  let rowsRead = 0;
  let accepted = 0;
  let returns = 0;
  let total = 0;
  let dateFrom: string | null = null;
  let dateTo: string | null = null;
  const customers = new Set<string>();
  const orders = new Set<string>();
  const rejects = new Map<RejectReason, RejectSummary>();
  const reject = (reason: RejectReason, rowNo: number) => {
    let s = rejects.get(reason);
    if (!s) rejects.set(reason, (s = { reason, count: 0, rows: [] }));
    s.count++;
    if (s.rows.length < FIRST_ROWS_KEPT) s.rows.push(rowNo);
  };
  let bytesRead = 0;
  let lastProgress = 0;
  const progress = (phase: Progress['phase'], force = false) => {
    const now = performance.now();
    if (!force && now - lastProgress < 150) return;
    lastProgress = now;
    onProgress({ phase, bytesRead, bytesTotal: file.size, rows: rowsRead });
  };

  db.run('BEGIN');
  try {
    db.run(createRawTableSql(raw));
    db.run(createTableSql(table, normalizer.columns));
    const rawInsert = new BatchInserter(db, raw, 3);
    const tableInsert = new BatchInserter(db, table, normalizer.columns.length + 1);
    const rawRow: Cell[] = new Array(3);
    const isTx = mapping.kind === 'transactions';

    await streamRows(
      file,
      inspected,
      ({ rows, rowNumbers }) => {
        if (isCancelled()) return false;
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i];
          const rowNo = rowNumbers[i];
          rowsRead++;
          let reason: RejectReason | null = null;
          let values: Cell[] | null = null;
          // Extra non-empty fields beyond the header mean the row is misaligned.
          for (let j = width; j < row.length; j++) {
            if (row[j].trim() !== '') {
              reason = 'wrong_field_count';
              break;
            }
          }
          if (!reason) {
            const r = normalizer.normalize(row);
            if (r.ok) values = r.values;
            else reason = r.reason;
          }
          rawRow[0] = rowNo;
          rawRow[1] = reason;
          rawRow[2] = JSON.stringify(row);
          rawInsert.add(rawRow);
          if (!values) {
            reject(reason!, rowNo);
            continue;
          }
          accepted++;
          const customer = values[at.customerId] as string;
          const amount = (values[at.amount] as number | null) ?? 0;
          customers.add(customer);
          total += amount;
          const date = values[at.date] as string | null;
          if (date !== null) {
            if (dateFrom === null || date < dateFrom) dateFrom = date;
            if (dateTo === null || date > dateTo) dateTo = date;
          }
          if (isTx) {
            const qty = values[at.quantity] as number | null;
            if (amount < 0 || (qty !== null && qty <= 0)) returns++;
            else if (amount > 0) {
              orders.add(
                at.orderId >= 0 && values[at.orderId] !== null
                  ? `${customer}\u0001${values[at.orderId]}`
                  : `#${rowNo}`
              );
            }
          }
          values.unshift(rowNo);
          tableInsert.add(values);
        }
        progress('inserting');
      },
      (bytes) => {
        bytesRead = bytes;
        progress('reading');
      }
    );
    if (isCancelled()) throw new ImportCancelled();
    rawInsert.finish();
    tableInsert.finish();
    for (const column of normalizer.laterColumns) db.run(addColumnSql(table, column));

    const report: ImportReport = {
      datasetId: id,
      name: target.name,
      kind: mapping.kind,
      fileName: (file as File).name ?? '',
      encoding: inspected.encoding,
      rowsRead,
      rowsAccepted: accepted,
      rowsRejected: rowsRead - accepted,
      rejected: [...rejects.values()].sort((a, b) => b.count - a.count),
      returns,
      customers: customers.size,
      orders: isTx ? orders.size : 0,
      dateFrom,
      dateTo,
      totalAmount: Math.round(total * 100) / 100,
      skippedRows: inspected.skippedRows,
      elapsedMs: 0
    };
    if (target.mode === 'replace') for (const d of previous) dropDataset(db, d);
    bytesRead = file.size;
    progress('indexing', true);
    for (const sql of createIndexesSql(table, mapping.kind)) db.run(sql);
    report.elapsedMs = Math.round(performance.now() - started);
    db.run(
      `INSERT INTO datasets (id, name, kind, file_name, imported_at, table_name, raw_table, columns_json, raw_headers_json, report_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        target.name,
        mapping.kind,
        report.fileName,
        new Date().toISOString(),
        table,
        raw,
        JSON.stringify([...normalizer.columns, ...normalizer.laterColumns]),
        JSON.stringify(inspected.headers),
        JSON.stringify(report)
      ]
    );
    db.run('COMMIT');
    return readDatasets(db).find((d) => d.id === id)!;
  } catch (err) {
    db.run('ROLLBACK');
    throw err;
  }
}

/** Rejected rows of a dataset as [row number, reason, …original cells]. */
export function rejectedRows(db: Database, raw: string): (string | number | null)[][] {
  const stmt = db.prepare(
    `SELECT row_no, reject_reason, cells FROM ${quoteIdent(raw)} WHERE reject_reason IS NOT NULL ORDER BY row_no`
  );
  const out: (string | number | null)[][] = [];
  while (stmt.step()) {
    const [rowNo, reason, cells] = stmt.get() as [number, string, string];
    out.push([rowNo, reason, ...(JSON.parse(cells) as string[])]);
  }
  stmt.free();
  return out;
}
