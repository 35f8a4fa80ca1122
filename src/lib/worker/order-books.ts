// The worker's order books (one per transactions table of the open database): built while importing,
// or on first use from one pass over the table (a restored workspace, a filtered copy).
import type { Database } from 'sql.js';
import { OrderBook } from '$lib/analysis/order-book';
import { quoteIdent } from '$lib/analysis/sql-ident';
import type { DatasetInfo } from '$lib/db/protocol';
import { forEachRow } from './sql-run';

/** Books of filtered copies kept at once (the session keeps four copies). */
const FILTERED_BOOKS = 4;

type Table = Pick<DatasetInfo, 'table' | 'importedAt'>;

const keyOf = (d: Table) => `${d.table}|${d.importedAt}`;
/** A filter's temporary copy (`filterTableName`), not a dataset's own table. */
const isFiltered = (d: Table) => d.table.includes('__f');

export class OrderBooks {
  #db: Database | null = null;
  #books = new Map<string, OrderBook>();

  /** Forgets the books of another database (a workspace was restored or replaced). */
  #on(db: Database) {
    if (this.#db !== db) {
      this.#db = db;
      this.#books.clear();
    }
  }

  /** Keeps the book an import built for its table. */
  put(db: Database, d: Table, book: OrderBook) {
    this.#on(db);
    this.drop(d.table);
    this.#books.set(keyOf(d), book);
  }

  /** Lets a table's books go (the dataset was deleted or replaced). */
  drop(table: string) {
    for (const key of [...this.#books.keys()]) {
      if (key.startsWith(`${table}|`) || key.startsWith(`${table}__f`)) this.#books.delete(key);
    }
  }

  /**
   * Makes the timelines of the datasets' own books (not the filtered copies'), so the first as-of
   * change after an import passes over no orders; for a quiet moment.
   */
  prepareTimelines() {
    for (const [key, book] of this.#books)
      if (!isFiltered({ table: key, importedAt: '' })) book.prepareTimeline();
  }

  /** Whether the table's book is made and has its timeline (an earlier as-of costs no pass). */
  hasTimeline(db: Database, d: Table): boolean {
    return this.#db === db && (this.#books.get(keyOf(d))?.hasTimeline ?? false);
  }

  /** The book of a transactions table (`d.table`, the filtered copy under a filter). */
  of(db: Database, d: Table & Pick<DatasetInfo, 'hasOrderId'>): OrderBook {
    this.#on(db);
    const key = keyOf(d);
    let book = this.#books.get(key);
    if (book) {
      // Most recently used last, so the oldest filtered copies go first.
      this.#books.delete(key);
      this.#books.set(key, book);
      return book;
    }
    book = readOrderBook(db, d.table, d.hasOrderId);
    this.#books.set(key, book);
    const filtered = [...this.#books.keys()].filter((k) =>
      isFiltered({ table: k, importedAt: '' })
    );
    for (const k of filtered.slice(0, Math.max(0, filtered.length - FILTERED_BOOKS)))
      this.#books.delete(k);
    return book;
  }
}

/** Builds a table's order book from one pass over its rows. */
export function readOrderBook(db: Database, table: string, hasOrderId: boolean): OrderBook {
  const book = new OrderBook();
  const order = hasOrderId ? 'order_id' : 'NULL';
  const q = {
    sql: `SELECT customer_id, ${order}, order_date, amount, customer_name, row_no FROM ${quoteIdent(table)}`,
    params: []
  };
  forEachRow(db, q, ([customer, orderId, date, amount, name, rowNo]) => {
    book.add(
      String(customer),
      orderId === null ? null : String(orderId),
      String(date),
      Number(amount ?? 0),
      name === null ? null : String(name),
      Number(rowNo),
      false
    );
  });
  return book.finish();
}
