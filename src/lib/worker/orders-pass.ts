// The first pass over an orders file's rows, without a database: which rows are rejected and why,
// the report's counts and the order book. It runs on the database worker and, over the second half
// of a large file, on a helper worker at the same time; the halves join into what one pass over
// every row gives (`absorb`).
import type { Cell, Normalizer } from '$lib/ingest/normalize';
import type { Inspected, RowBatch } from '$lib/ingest/inspect';
import type { ColumnMapping, ImportWarning, RejectReason } from '$lib/ingest/types';
import type { RejectSummary, WarningSummary } from '$lib/db/protocol';
import { OrderBook, type OrderBookParts } from '$lib/analysis/order-book';

/** Row numbers a report lists per reason. */
const FIRST_ROWS_KEPT = 10;

type RejectDetail = NonNullable<RejectSummary['details']>[number];

/** A warning's tally: its columns as source column indexes. */
export type WarningTally = Omit<WarningSummary, 'columns'> & { columns: number[] };

/** Rejections and warnings by reason, with the first rows of each. */
export class RowTally {
  readonly rejects = new Map<RejectReason, RejectSummary>();
  readonly warnings = new Map<
    ImportWarning,
    Omit<WarningTally, 'columns'> & { columns: Set<number> }
  >();

  reject(reason: RejectReason, rowNo: number, detail?: RejectDetail) {
    let s = this.rejects.get(reason);
    if (!s) this.rejects.set(reason, (s = { reason, count: 0, rows: [] }));
    s.count++;
    if (s.rows.length < FIRST_ROWS_KEPT) {
      s.rows.push(rowNo);
      if (detail) (s.details ??= []).push(detail);
    }
  }

  warn(reason: ImportWarning, rowNo: number, columns: readonly number[]) {
    let w = this.warnings.get(reason);
    if (!w) this.warnings.set(reason, (w = { reason, count: 0, rows: [], columns: new Set() }));
    w.count++;
    if (w.rows.length < FIRST_ROWS_KEPT) w.rows.push(rowNo);
    for (const c of columns) w.columns.add(c);
  }

  /** The report's lists: rejections most frequent first, warnings with their columns' headers. */
  summaries(headers: readonly string[]): { rejected: RejectSummary[]; warnings: WarningSummary[] } {
    return {
      rejected: [...this.rejects.values()].sort((a, b) => b.count - a.count),
      warnings: this.#warningTallies().map((w) => ({
        ...w,
        columns: w.columns.map((c) => headers[c])
      }))
    };
  }

  #warningTallies(): WarningTally[] {
    return [...this.warnings.values()].map((w) => ({
      ...w,
      columns: [...w.columns].sort((a, b) => a - b)
    }));
  }

  parts(): { rejects: RejectSummary[]; warnings: WarningTally[] } {
    return { rejects: [...this.rejects.values()], warnings: this.#warningTallies() };
  }

  /** Adds the tallies of the rows that follow (row numbers counted from `rowOffset`). */
  absorb(next: ReturnType<RowTally['parts']>, rowOffset: number) {
    for (const r of next.rejects) {
      let s = this.rejects.get(r.reason);
      if (!s) this.rejects.set(r.reason, (s = { reason: r.reason, count: 0, rows: [] }));
      s.count += r.count;
      for (let i = 0; i < r.rows.length && s.rows.length < FIRST_ROWS_KEPT; i++) {
        s.rows.push(r.rows[i] + rowOffset);
        const detail = r.details?.[i];
        if (detail) (s.details ??= []).push(detail);
      }
    }
    for (const w of next.warnings) {
      let t = this.warnings.get(w.reason);
      if (!t)
        this.warnings.set(
          w.reason,
          (t = { reason: w.reason, count: 0, rows: [], columns: new Set() })
        );
      t.count += w.count;
      for (const row of w.rows) if (t.rows.length < FIRST_ROWS_KEPT) t.rows.push(row + rowOffset);
      for (const c of w.columns) t.columns.add(c);
    }
  }
}

/** Why a parsed row is refused before its values are read, and its undecodable kept columns. */
export function checkRow(
  normalizer: Pick<Normalizer, 'checkUnreadable'>,
  width: number,
  { rows, problems, unreadable }: RowBatch,
  i: number
): { reason: RejectReason | null; unreadableKept: number[] | null } {
  const row = rows[i];
  let reason: RejectReason | null = problems?.get(i) ?? null;
  // Undecodable text costs the row only where a required value, number or date is.
  let unreadableKept: number[] | null = null;
  const undecoded = reason ? undefined : unreadable?.get(i);
  if (undecoded) {
    const checked = normalizer.checkUnreadable(undecoded);
    if (checked === 'bad_encoding') reason = checked;
    else if (checked.length > 0) unreadableKept = checked;
  }
  // Extra non-empty fields beyond the header mean the row is misaligned.
  for (let j = width; !reason && j < row.length; j++) {
    if (row[j].trim() !== '') {
      reason = 'wrong_field_count';
      break;
    }
  }
  return { reason, unreadableKept };
}

/** A rejected row as the raw sheet keeps it: row number, reason, the original cells as JSON. */
export type RejectedRow = [rowNo: number, reason: RejectReason, cells: string];

/** What {@link OrdersPass.parts} hands from a helper worker to the database worker. */
export interface OrdersPassParts {
  rowsRead: number;
  accepted: number;
  returns: number;
  total: number;
  totalErr: number;
  dateFrom: string | null;
  dateTo: string | null;
  tally: ReturnType<RowTally['parts']>;
  book: OrderBookParts;
}

/**
 * About how many rows `bytes` of a file hold: a spreadsheet's own count; for text, from the
 * inspection's sample rows (a tenth more); 0 when unknown (no sample, or compressed bytes).
 */
export function rowsIn(
  bytes: number,
  inspected: Pick<Inspected, 'sample' | 'format' | 'table'>
): number {
  if (inspected.table) return inspected.table.rows.length;
  if (inspected.format !== 'csv') return 0;
  // The first rows are enough (a TextEncoder call per row of a 1 MB head took 0.2 s).
  const sample = inspected.sample.slice(0, 200);
  if (sample.length === 0) return 0;
  let total = 0;
  for (const row of sample) {
    total += row.length;
    for (const cell of row) total += utf8Length(cell);
  }
  return Math.ceil((bytes * sample.length * 11) / (total * 10));
}

/** The length of `text` in UTF-8 bytes. */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    // A surrogate pair's two units make one 4-byte character.
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * The source columns the first pass reads: every mapped one but the dimensions (they refuse no
 * row; the table's fill reads them). Rows refused are read whole (`RowBatch.whole`).
 */
export function passColumns(mapping: ColumnMapping): number[] {
  return mapping.columns
    .filter((c) => c.role !== 'ignore' && c.role !== 'dimension')
    .map((c) => c.index);
}

/** The first pass over orders rows (see the file's comment). */
export class OrdersPass {
  rowsRead = 0;
  accepted = 0;
  /** Accepted rows that are returns (amount < 0 or quantity ≤ 0). */
  returns = 0;
  /** The accepted amounts' compensated sum (Neumaier), and its lost bits. */
  total = 0;
  totalErr = 0;
  dateFrom: string | null = null;
  dateTo: string | null = null;
  readonly tally = new RowTally();
  readonly book: OrderBook;
  readonly #out: Cell[];

  constructor(
    private readonly normalizer: Normalizer,
    /** The header's width: non-empty fields beyond it misalign a row. */
    private readonly width: number,
    /** Each rejected row, with its original cells. */
    private readonly onRejected: (rowNo: number, reason: RejectReason, row: string[]) => void,
    /** About how many rows come (the book makes room for them at once; see {@link rowsIn}). */
    expectedRows = 0
  ) {
    this.#out = new Array<Cell>(normalizer.columns.length).fill(null);
    this.book = new OrderBook({ expectedOrders: expectedRows });
  }

  /** The rows of one parsed batch. */
  read(batch: RowBatch) {
    const { rows, rowNumbers } = batch;
    const { normalizer } = this;
    const { at } = normalizer;
    const out = this.#out;
    for (let i = 0; i < rows.length; i++) {
      let row = rows[i];
      const rowNo = rowNumbers[i];
      this.rowsRead++;
      let checked = checkRow(normalizer, this.width, batch, i);
      let reason = checked.reason ?? normalizer.normalizeInto(row, out, 0);
      if (reason && batch.whole) {
        // A row of some cells only: refused, it is read whole (a 合计 line says so by any cell).
        row = batch.whole(i);
        checked = checkRow(normalizer, this.width, batch, i);
        reason = checked.reason ?? normalizer.normalizeInto(row, out, 0);
      }
      if (reason) {
        this.onRejected(rowNo, reason, row);
        this.tally.reject(reason, rowNo);
        continue;
      }
      this.accepted++;
      if (checked.unreadableKept) this.tally.warn('unreadable_text', rowNo, checked.unreadableKept);
      const amount = at.amount >= 0 ? ((out[at.amount] as number | null) ?? 0) : 0;
      this.#addTotal(amount);
      // A date is required of orders (the mapping step asks for it).
      const date = out[at.date] as string;
      if (this.dateFrom === null || date < this.dateFrom) this.dateFrom = date;
      if (this.dateTo === null || date > this.dateTo) this.dateTo = date;
      const qty = at.quantity >= 0 ? (out[at.quantity] as number | null) : null;
      const isReturn = amount < 0 || (qty !== null && qty <= 0);
      if (isReturn) this.returns++;
      this.book.add(
        out[at.customerId] as string,
        at.orderId >= 0 ? (out[at.orderId] as string | null) : null,
        date,
        amount,
        at.customerName >= 0 ? (out[at.customerName] as string | null) : null,
        rowNo,
        !isReturn && amount > 0
      );
    }
  }

  /** The report's total of the accepted amounts. */
  get totalAmount(): number {
    return Math.round((this.total + this.totalErr) * 100) / 100;
  }

  #addTotal(x: number) {
    const s = this.total;
    const t = s + x;
    this.totalErr += Math.abs(s) > Math.abs(x) ? s - t + x : x - t + s;
    this.total = t;
  }

  /** Everything this pass learnt, to post to the worker that joins the halves. */
  parts(): OrdersPassParts {
    return {
      rowsRead: this.rowsRead,
      accepted: this.accepted,
      returns: this.returns,
      total: this.total,
      totalErr: this.totalErr,
      dateFrom: this.dateFrom,
      dateTo: this.dateTo,
      tally: this.tally.parts(),
      book: this.book.parts()
    };
  }

  /**
   * Takes in the pass over the rows that follow these in the file (their row numbers counted from
   * `rowOffset`); the book is finished with them.
   */
  absorb(next: OrdersPassParts, rowOffset: number) {
    this.rowsRead += next.rowsRead;
    this.accepted += next.accepted;
    this.returns += next.returns;
    this.#addTotal(next.total);
    this.#addTotal(next.totalErr);
    if (next.dateFrom !== null && (this.dateFrom === null || next.dateFrom < this.dateFrom))
      this.dateFrom = next.dateFrom;
    if (next.dateTo !== null && (this.dateTo === null || next.dateTo > this.dateTo))
      this.dateTo = next.dateTo;
    this.tally.absorb(next.tally, rowOffset);
    this.book.finishWith(next.book, rowOffset);
  }
}
