// Loads an inspected file into the database: the normalized table and the rejected rows in one
// transaction (what the report needs), then the accepted rows' raw cells behind it. Orders come in
// two passes over the file: the first makes the report, the rejected rows and the order book (the
// heatmap draws from it at once), the second fills the table behind the report.
import type { Database, Statement } from 'sql.js';
import { createNormalizer, type Cell, type Normalizer } from '$lib/ingest/normalize';
import { createRelatedNormalizer, isRelatedKind } from '$lib/ingest/normalize-related';
import { createTargetsNormalizer, TARGET_SLOT, TargetsTally } from '$lib/ingest/normalize-targets';
import { streamRows, type Inspected, type RowBatch } from '$lib/ingest/inspect';
import { streamColumns } from '$lib/ingest/byte-rows';
import { BACKGROUND_CHUNK_BYTES } from '$lib/ingest/read-file';
import { AppError } from '$lib/db/errors';
import type { ColumnMapping, DatasetKind, RejectReason } from '$lib/ingest/types';
import type { Currency } from '$lib/ingest/currency';
import type { DatasetInfo, ImportProgress, ImportReport, ImportTarget } from '$lib/db/protocol';
import {
  addColumnSql,
  batchRows,
  createIndexesSql,
  createRawTableSql,
  createTableSql,
  datasetTables,
  insertSql
} from './schema';
import { quoteIdent } from '$lib/analysis/sql-ident';
import { selectRows, sql } from './sql-run';
import { datasetFacts, dropDataset, readDatasets } from './catalog';
import { checkRow, OrdersPass, passColumns, rowsIn, RowTally } from './orders-pass';
import { CutInQuotes, type SecondHalf, type SplitRead } from './split-file';
import type { OrderBooks } from './order-books';

/** Thrown when the user cancels; the transaction is rolled back. */
export class ImportCancelled extends Error {}

/**
 * Writes rows with one prepared multi-row INSERT per full batch. Callers fill the batch buffer in
 * place (`reserve` gives the offset of the next row) and `commit` the row once it is complete, so
 * no per-row arrays are made.
 */
class BatchInserter {
  readonly buffer: Cell[];
  private count = 0;
  private full: Statement;
  private readonly size: number;
  constructor(
    private db: Database,
    private table: string,
    private width: number
  ) {
    this.size = batchRows(width);
    this.buffer = new Array(this.size * width).fill(null);
    this.full = db.prepare(insertSql(table, width, this.size));
  }
  /** Offset in `buffer` where the next row goes. */
  reserve(): number {
    return this.count * this.width;
  }
  commit() {
    if (++this.count === this.size) {
      this.full.run(this.buffer);
      this.count = 0;
    }
  }
  finish() {
    if (this.count > 0) {
      const values = this.buffer.slice(0, this.count * this.width);
      this.db.run(insertSql(this.table, this.width, this.count), values);
    }
    this.count = 0;
    this.full.free();
  }
}

/** Imports `file` with the confirmed mapping: the report, and every row in its table. */
export async function importFile(...args: Parameters<typeof beginImport>): Promise<DatasetInfo> {
  const { info, fill } = await beginImport(...args);
  await fill?.();
  return info;
}

/**
 * A dataset whose table may still be empty, and what fills it: the report, the rejected rows, the
 * catalog row and (orders) the order book are in; `fill` (orders only) reads the file again and
 * writes the accepted rows in a transaction of its own. Until it resolves, only what the order
 * book answers may read the dataset. It fails (and keeps nothing of the dataset) when the file no
 * longer gives the rows it gave.
 */
export interface Begun {
  info: DatasetInfo;
  fill: (() => Promise<void>) | null;
}

/** The first pass of an import (see {@link Begun}); other kinds than orders are complete in it. */
export async function beginImport(
  db: Database,
  file: Blob & { name?: string },
  inspected: Inspected,
  mapping: ColumnMapping,
  target: ImportTarget,
  onProgress: (p: ImportProgress) => void,
  isCancelled: () => boolean,
  currency: Currency | null = null,
  /** Where the worker keeps the order book built on the way (transactions only). */
  books: OrderBooks | null = null,
  /** A large orders file read in two halves at once (see `split-file.ts`). */
  split: SplitRead | null = null
): Promise<Begun> {
  const started = performance.now();
  const isOrders = mapping.kind === 'transactions';
  let orders: OrdersPass | null = null;
  let half: Promise<SecondHalf> | undefined;
  let halfBytes = 0;
  let isCutInQuotes = false;
  const onHalfBytes = (bytes: number) => {
    halfBytes = bytes;
    progress('reading');
  };
  const targets = mapping.kind === 'targets' ? createTargetsNormalizer(mapping) : null;
  const tally = targets ? new TargetsTally() : null;
  const related = isRelatedKind(mapping.kind) ? createRelatedNormalizer(mapping) : null;
  // A customer table holds each customer once: the first row stands (DOMAIN §7).
  const firstRowOfCustomer = mapping.kind === 'customers' ? new Map<string, number>() : null;
  const normalizer = targets ?? related ?? createNormalizer(mapping);
  const explains = targets ?? related;
  const width = inspected.headers.length;
  const { at } = normalizer;
  const previous = readDatasets(db);
  const id = Math.max(0, ...previous.map((d) => d.id)) + 1;
  const { table, raw } = datasetTables(id, mapping.kind);

  // Other kinds than orders: their counts (orders count in `OrdersPass`).
  let rowsRead = 0;
  let accepted = 0;
  let total = 0;
  let dateFrom: string | null = null;
  let dateTo: string | null = null;
  const customers = new Set<string>();
  const rowTally = new RowTally();
  let bytesRead = 0;
  let lastProgress = 0;
  const progress = (phase: ImportProgress['phase'], force = false) => {
    const now = performance.now();
    if (!force && now - lastProgress < 150) return;
    lastProgress = now;
    onProgress({
      phase,
      bytesRead: bytesRead + halfBytes,
      bytesTotal: file.size,
      rows: orders?.rowsRead ?? rowsRead
    });
  };

  db.run('BEGIN');
  try {
    db.run(createRawTableSql(raw));
    db.run(createTableSql(table, normalizer.columns));
    const rawInsert = new BatchInserter(db, raw, 3);
    const rejectRow = (rowNo: number, reason: RejectReason, cells: string) => {
      const rawBase = rawInsert.reserve();
      rawInsert.buffer[rawBase] = rowNo;
      rawInsert.buffer[rawBase + 1] = reason;
      rawInsert.buffer[rawBase + 2] = cells;
      rawInsert.commit();
    };
    const tableInsert = new BatchInserter(db, table, normalizer.columns.length + 1);
    // Orders: the accepted rows go in on the second pass (`fill`); this one only reads them.
    orders = isOrders
      ? new OrdersPass(
          normalizer,
          width,
          (rowNo, reason, row) => rejectRow(rowNo, reason, JSON.stringify(row)),
          // The whole file's rows: the second half's orders join these.
          rowsIn(file.size, inspected)
        )
      : null;
    // A large file's second half is read by a helper meanwhile (`split`).
    half = split?.readSecondHalf(onHalfBytes);
    const read = (batch: RowBatch) => {
      if (isCancelled()) return false;
      if (batch.problems && split) isCutInQuotes = true;
      if (orders) {
        orders.read(batch);
        progress('inserting');
        return;
      }
      const { rows, rowNumbers } = batch;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        const rowNo = rowNumbers[i];
        rowsRead++;
        const checked = checkRow(normalizer, width, batch, i);
        let reason = checked.reason;
        const unreadableKept = checked.unreadableKept;
        const out = tableInsert.buffer;
        const base = tableInsert.reserve();
        if (!reason) reason = normalizer.normalizeInto(row, out, base + 1);
        // A key + period seen before: the first row stands, this one is reported with it.
        let firstRow: number | undefined;
        if (!reason && tally) {
          const v = base + 1;
          const key = out[v + TARGET_SLOT.key] as string;
          firstRow = tally.firstRowOf(key, out[v + TARGET_SLOT.period] as string, rowNo);
          if (firstRow !== undefined) reason = 'duplicate_key_period';
        }
        if (!reason && firstRowOfCustomer) {
          const id = out[base + 1 + at.customerId] as string;
          firstRow = firstRowOfCustomer.get(id);
          if (firstRow !== undefined) reason = 'duplicate_customer_id';
          else firstRowOfCustomer.set(id, rowNo);
        }
        if (reason) {
          rejectRow(rowNo, reason, JSON.stringify(row));
          const value = explains?.rejectedValue(row, reason);
          rowTally.reject(
            reason,
            rowNo,
            explains ? { ...(value !== undefined && { value }), firstRow } : undefined
          );
          continue;
        }
        accepted++;
        if (unreadableKept) rowTally.warn('unreadable_text', rowNo, unreadableKept);
        out[base] = rowNo;
        if (tally) {
          tableInsert.commit();
          continue;
        }
        const v = base + 1;
        const customer = out[v + at.customerId] as string;
        const amount = at.amount >= 0 ? ((out[v + at.amount] as number | null) ?? 0) : 0;
        total += amount;
        const date = at.date >= 0 ? (out[v + at.date] as string | null) : null;
        if (date !== null) {
          if (dateFrom === null || date < dateFrom) dateFrom = date;
          if (dateTo === null || date > dateTo) dateTo = date;
        }
        customers.add(customer);
        tableInsert.commit();
      }
      progress('inserting');
    };
    const onBytes = (bytes: number) => {
      bytesRead = bytes;
      progress('reading');
    };
    const source = split ? file.slice(0, split.at) : file;
    // The first pass over orders reads only the columns it needs.
    const records = orders
      ? await streamColumns(source, inspected, passColumns(mapping), read, onBytes)
      : await streamRows(source, inspected, read, onBytes);
    if (isCancelled()) throw new ImportCancelled();
    // A quote left open in the first half: the second did not begin at a record.
    if (isCutInQuotes) throw new CutInQuotes();
    if (orders && half) {
      // The second half's rows follow the first half's records (header and blank lines counted).
      const next = await half;
      if (isCancelled()) throw new ImportCancelled();
      for (const [rowNo, reason, cells] of next.rejected)
        rejectRow(rowNo + records.records, reason, cells);
      orders.absorb(next.pass, records.records);
    }
    rawInsert.finish();
    tableInsert.finish();
    if (!orders) {
      for (const column of normalizer.laterColumns) db.run(addColumnSql(table, column));
    }

    const report: ImportReport = {
      datasetId: id,
      name: target.name,
      kind: mapping.kind,
      fileName: (file as File).name ?? '',
      encoding: inspected.encoding,
      ...(orders
        ? {
            rowsRead: orders.rowsRead,
            rowsAccepted: orders.accepted,
            rowsRejected: orders.rowsRead - orders.accepted,
            returns: orders.returns,
            customers: orders.book.customers,
            orders: orders.book.saleOrders,
            dateFrom: orders.dateFrom,
            dateTo: orders.dateTo,
            totalAmount: orders.totalAmount
          }
        : {
            rowsRead,
            rowsAccepted: accepted,
            rowsRejected: rowsRead - accepted,
            returns: 0,
            customers: customers.size,
            orders: 0,
            dateFrom,
            dateTo,
            totalAmount: Math.round(total * 100) / 100
          }),
      ...(orders?.tally ?? rowTally).summaries(inspected.headers),
      skippedRows: inspected.skippedRows,
      elapsedMs: 0,
      ...(tally && { targets: tally.facts() })
    };
    // Replacing replaces the earlier datasets of the same kind only (orders replace orders, a
    // master the master, targets the targets …): the other files of the workspace stay.
    if (target.mode === 'replace') {
      for (const d of previous) {
        if (d.kind !== mapping.kind) continue;
        dropDataset(db, d);
        books?.drop(d.table);
      }
    }
    bytesRead = file.size;
    report.elapsedMs = Math.round(performance.now() - started);
    const importedAt = new Date();
    db.run(
      `INSERT INTO datasets (id, name, kind, file_name, imported_at, table_name, raw_table, columns_json, raw_headers_json, report_json, facts_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        target.name,
        mapping.kind,
        report.fileName,
        importedAt.toISOString(),
        table,
        raw,
        JSON.stringify([...normalizer.columns, ...normalizer.laterColumns]),
        JSON.stringify(inspected.headers),
        JSON.stringify(report),
        JSON.stringify(datasetFacts(at.orderId >= 0, report.dateTo, importedAt, currency))
      ]
    );
    db.run('COMMIT');
    const info = readDatasets(db).find((d) => d.id === id)!;
    if (orders && books) books.put(db, info, orders.book);
    const fill = orders ? () => fillTable(db, file, inspected, normalizer, info, books) : null;
    return { info, fill };
  } catch (err) {
    db.run('ROLLBACK');
    split?.stop();
    throw err;
  } finally {
    void half?.catch(() => {});
  }
}

/**
 * The second pass of an orders import: the accepted rows into the dataset's empty table, in one
 * transaction. The first pass decided which rows those are; a file that now gives other rows
 * (changed on disk meanwhile) fails the import: the dataset is dropped and nothing is kept.
 */
async function fillTable(
  db: Database,
  file: Blob,
  inspected: Inspected,
  normalizer: Normalizer,
  info: DatasetInfo,
  books: OrderBooks | null
): Promise<void> {
  const width = inspected.headers.length;
  let accepted = 0;
  let rowsRead = 0;
  db.run('BEGIN');
  try {
    const insert = new BatchInserter(db, info.table, normalizer.columns.length + 1);
    await streamRows(
      file,
      inspected,
      (batch) => {
        const { rows, rowNumbers } = batch;
        for (let i = 0; i < rows.length; i++) {
          rowsRead++;
          const base = insert.reserve();
          const reason =
            checkRow(normalizer, width, batch, i).reason ??
            normalizer.normalizeInto(rows[i], insert.buffer, base + 1);
          if (reason) continue;
          insert.buffer[base] = rowNumbers[i];
          insert.commit();
          accepted++;
        }
      },
      () => {},
      { chunkBytes: BACKGROUND_CHUNK_BYTES }
    );
    insert.finish();
    if (rowsRead !== info.report.rowsRead || accepted !== info.rows)
      throw new AppError('file_changed', { file: info.fileName });
    for (const column of normalizer.laterColumns) db.run(addColumnSql(info.table, column));
    db.run('COMMIT');
  } catch (err) {
    db.run('ROLLBACK');
    dropDataset(db, info);
    books?.drop(info.table);
    throw err;
  }
}

/** Rejected rows of a dataset as [row number, reason, …original cells]. */
export function rejectedRows(db: Database, raw: string): (string | number | null)[][] {
  const q = sql(
    `SELECT row_no, reject_reason, cells FROM ${quoteIdent(raw)} WHERE reject_reason IS NOT NULL ORDER BY row_no`
  );
  return selectRows(db, q).map(([rowNo, reason, cells]) => [
    rowNo,
    reason,
    ...(JSON.parse(String(cells)) as string[])
  ]);
}

/** Builds the indexes the analyses need; done right after the report, outside its critical path. */
export function createIndexes(db: Database, info: { table: string; kind: DatasetKind }) {
  for (const sql of createIndexesSql(info.table, info.kind)) db.run(sql);
}

/** The accepted rows' original cells, written behind the report (`raw-sheet.ts`). */
export { fillRawSheet } from './raw-sheet';
