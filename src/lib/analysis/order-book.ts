// The per-customer order book: every order of a transactions table reduced to (customer, day,
// amount) in typed arrays, so the customer base (DOMAIN §3) at any as-of date is one pass over the
// orders instead of a grouping of every row in SQL. It gives exactly what `buildCustomerBaseSql`
// gives (without dimensions): the same orders, rounding, order of customers and names.
import { MONEY_DECIMALS } from './sql';
import type { CustomerBase, CustomerBaseColumns } from './types';
import { compareIds } from './rfm';
import { Scratch } from './scratch';
import { newBaseColumns } from './score';
import { grown, hashId, StringMap } from './string-map';
import { FirstOfText, TextPool, type TextPoolParts } from './text-pool';

const SCALE = 10 ** MONEY_DECIMALS;

/** SQLite's `ROUND(x, MONEY_DECIMALS)`: half away from zero on the decimal digits of the double. */
export function roundMoney(x: number): number {
  const y = x * SCALE;
  const a = Math.abs(y);
  if (a < 2 ** 52) {
    // Away from a tie by more than the product's rounding error, the direction is certain, and
    // n / 10⁶ (n exact) is the double nearest the decimal, as reading the printed digits gives.
    const floor = Math.floor(y);
    const f = y - floor;
    if (Math.abs(f - 0.5) > a * 1e-15 + 1e-9) {
      const n = f < 0.5 ? floor : floor + 1;
      return n === 0 ? (x < 0 ? -0 : 0) : n / SCALE;
    }
  }
  // toFixed rounds the exact binary value half away from zero, as SQLite's printf-based round does.
  return Number(x.toFixed(MONEY_DECIMALS));
}

/** True when an order of `amount` counts as a purchase: its rounded amount is positive. */
function isPositive(amount: number): boolean {
  if (amount >= 1e-6) return true;
  if (!(amount > 0)) return false;
  return roundMoney(amount) > 0;
}

/** Day number (days since 1970-01-01) of a `YYYY-MM-DD` text. */
export function dayOf(iso: string): number {
  const c = (i: number) => iso.charCodeAt(i) - 48;
  let y = c(0) * 1000 + c(1) * 100 + c(2) * 10 + c(3);
  const m = c(5) * 10 + c(6);
  const d = c(8) * 10 + c(9);
  if (iso.length !== 10 || !(y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31))
    throw new Error(`not a YYYY-MM-DD date: ${iso}`);
  // Days from civil (H. Hinnant's algorithm), exact for every Gregorian date.
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The `YYYY-MM-DD` text of a day number. */
export function isoOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Neumaier's compensated step (SQLite's SUM): adds `x` to `sum[i]`, the lost bits to `err[i]`. */
function addTo(sum: Float64Array, err: Float64Array, i: number, x: number) {
  const s = sum[i];
  const t = s + x;
  err[i] += Math.abs(s) > Math.abs(x) ? s - t + x : x - t + s;
  sum[i] = t;
}

const NONE = -1;

/** An unfinished book's contents (see {@link OrderBook.parts}); typed arrays move between workers. */
export interface OrderBookParts {
  customerIds: string[];
  /** Per order: customer, first-seen day, that day's compensated sum and its error, sale flag. */
  cust: Int32Array;
  day: Int32Array;
  amount: Float64Array;
  err: Float64Array;
  sale: Uint8Array;
  /** Per order: its id (an empty text where `orderHasId` is 0: a row without one). */
  orderIds: TextPoolParts;
  orderHasId: Uint8Array;
  /** Lines on other days than their order's first-seen one: order, day, amount. */
  pOrder: Int32Array;
  pDay: Int32Array;
  pAmount: Float64Array;
  names: string[];
  /** Name entries in file order: customer, day, row number, name. */
  eCust: Int32Array;
  eDay: Int32Array;
  eRow: Int32Array;
  eName: Int32Array;
}

/**
 * A copy of `s` that holds no other text. V8 keeps a longer substring as a view into the string it
 * was cut from: an order id or name kept from a parsed row would keep that row's whole 4 MB chunk
 * of file text alive (the book kept 240 MB of text at a million rows).
 */
function ownCopy(s: string): string {
  // Slicing a concatenation flattens it into a new string first; the slice is a view into that.
  return (' ' + s).slice(1);
}

/**
 * Each customer's orders in file order with the customer's running state after each (as the pass
 * of {@link OrderBook.customerColumns} sums them), so the base at an as-of date is a binary search
 * per customer instead of a pass over every order. A customer whose orders are not in date order
 * in the file, or who has an order spanning days, is summed order by order as that pass does.
 */
interface Timeline {
  /**
   * The positions of the k-th customer in customer_id order (`#sorted[k]`): `start[k]` …
   * `start[k + 1]`. In that order a base reads the timeline front to back.
   */
  start: Int32Array;
  /** Per position: the order, its day, and after it: sum + compensation, positive orders, the
   * latest positive order's day (`NO_DAY` before the first). */
  order: Int32Array;
  day: Int32Array;
  total: Float64Array;
  positives: Int32Array;
  lastPositive: Int32Array;
  /** Per customer (in customer_id order): 1 when its orders are in date order, each of one day. */
  inOrder: Uint8Array;
}

const NO_DAY = -0x80000000;

/**
 * Each customer's state at one day, in customer_id order: positive orders, first and last positive
 * day, the value (sum of its orders, compensated).
 */
type CustomerState = {
  freq: Int32Array;
  first: Int32Array;
  last: Int32Array;
  value: Float64Array;
};

const newState = (n: number): CustomerState => ({
  freq: new Int32Array(n),
  first: new Int32Array(n),
  last: new Int32Array(n),
  value: new Float64Array(n)
});
/** The state an as-of change makes (a base at another date), lent for one use. */
const STATE = new Scratch(newState);
/** A pass's sums by the book's customer index (`value`: the sums, `err`: their compensation). */
const PASS = new Scratch((n) => ({ ...newState(n), err: new Float64Array(n) }));

/**
 * Books with more orders than this keep no {@link Timeline} (24 bytes an order): an as-of change
 * there passes over the orders (≈ 0.1 s a million) rather than hold another 120 MB at 5M.
 */
const TIMELINE_MAX_ORDERS = 2_000_000;

/**
 * Orders of one transactions table, fed row by row (`add`, any row order) and then frozen
 * (`finish`). An order is a customer's distinct order id; a row without one is an order of its own.
 * Its date is its earliest line's, its amount the sum of its lines (of those on or before the
 * as-of date: an order whose lines span days is kept line-day by line-day). For names it keeps
 * only where a customer's latest name changes along the dates.
 */
export class OrderBook {
  // Customers: interned once; `customerIds[c]` is the text of customer c.
  #customerOf: StringMap | null = new StringMap();
  readonly customerIds: string[] = [];
  #lastCustomer = '';
  #lastCustomerIdx = NONE;

  // Orders (index o): customer, day of the first line seen, sum of the lines on that day.
  #count = 0;
  #cust = new Int32Array(1024);
  #day = new Int32Array(1024);
  #amount = new Float64Array(1024);
  #err: Float64Array | null = new Float64Array(1024);
  /** 1 when some line is on another day (its lines then sit in the pieces too). */
  #multi = new Uint8Array(1024);
  /** 1 when a line is a sale (amount > 0 and no quantity ≤ 0): the import report's order count. */
  #sale: Uint8Array | null = new Uint8Array(1024);
  #sales = 0;
  /**
   * Per order: its id's text, an empty one for an order without id (`#hasId` 0); the first
   * customer's order of an id is found by it. Texts in a pool, not a string per order: half a
   * million kept strings cost more in collections than in lookups.
   */
  #orderOf: FirstOfText | null = new FirstOfText();
  #hasId: Uint8Array | null = new Uint8Array(1024);
  /** Customer + order id → the order, for ids other customers used first (numbers per customer). */
  #sharedOf: Map<string, number> | null = new Map();
  #lastOrder: string | null = null;
  #lastOrderIdx = NONE;

  // Lines on a day other than their order's first-seen day (rare): order, day, amount.
  #pieces = 0;
  #pOrder = new Int32Array(16);
  #pDay = new Int32Array(16);
  #pAmount = new Float64Array(16);

  // Name rows: (customer, day, row number, name), one per customer and day run while importing.
  #nameOf: StringMap | null = new StringMap();
  readonly #names: string[] = [];
  #entries = 0;
  #eCust: Int32Array | null = new Int32Array(1024);
  #eDay: Int32Array | null = new Int32Array(1024);
  #eRow: Int32Array | null = new Int32Array(1024);
  #eName: Int32Array | null = new Int32Array(1024);
  /** Per customer: its latest name entry (for rows of one day in a row). */
  #lastEntry: Int32Array | null = new Int32Array(1024);
  /** Per customer: the name its last row gave (a customer's rows mostly repeat it: no lookup). */
  #lastNameOf: Int32Array | null = new Int32Array(1024);

  #lastDate = '';
  #lastDay = 0;

  // After `finish`.
  #frozen = false;
  /** Customers in SQLite's text order of their ids. */
  #sorted = new Int32Array(0);
  /**
   * Each customer's earliest day (it is in the base from that as-of on) and id, in customer_id
   * order: a base reads them front to back.
   */
  #firstDayByRank = new Int32Array(0);
  #sortedIds: string[] = [];
  /** Per multi-day order: its pieces' range in the pieces arrays, sorted by day. */
  #pieceRange: Map<number, [number, number]> = new Map();
  /** Made by {@link prepareTimeline} (or the first base at an earlier as-of date). */
  #timeline: Timeline | null = null;
  /** Books with more orders keep no timeline (tests pass 0: always the pass over the orders). */
  readonly #timelineMaxOrders: number;
  /** The latest order day. */
  #lastOrderDay = NO_DAY;
  /** Name change points per customer: `#cpStart[c]` … `#cpStart[c + 1]`, by day. */
  #cpStart = new Int32Array(0);
  #cpDay = new Int32Array(0);
  #cpName = new Int32Array(0);

  constructor(options: { timelineMaxOrders?: number; expectedOrders?: number } = {}) {
    this.#timelineMaxOrders = options.timelineMaxOrders ?? TIMELINE_MAX_ORDERS;
    // Room made once: growing by doubling copied every array about twice over.
    if (options.expectedOrders) {
      this.#reserveOrders(options.expectedOrders);
      this.#reserveEntries(options.expectedOrders);
    }
  }

  /** Room for `n` orders (and their ids unless `withIds` is false: orders joined last have none). */
  #reserveOrders(n: number, withIds = true) {
    if (n <= this.#cust.length) return;
    this.#cust = grown(this.#cust, n);
    this.#day = grown(this.#day, n);
    this.#amount = grown(this.#amount, n);
    this.#err = grown(this.#err!, n);
    this.#multi = grown(this.#multi, n);
    this.#sale = grown(this.#sale!, n);
    this.#hasId = grown(this.#hasId!, n);
    if (withIds) this.#orderOf!.reserve(n);
  }

  /** Room for `n` name entries. */
  #reserveEntries(n: number) {
    if (n <= this.#eCust!.length) return;
    this.#eCust = grown(this.#eCust!, n);
    this.#eDay = grown(this.#eDay!, n);
    this.#eRow = grown(this.#eRow!, n);
    this.#eName = grown(this.#eName!, n);
  }

  /** Distinct customers. */
  get customers(): number {
    return this.customerIds.length;
  }

  /** Orders holding a sale line (what the import report counts as orders). */
  get saleOrders(): number {
    return this.#sales;
  }

  /** Whether the {@link Timeline} is made. */
  get hasTimeline(): boolean {
    return this.#timeline !== null;
  }

  /** Orders, positive or not. */
  get orders(): number {
    return this.#count;
  }

  /**
   * One accepted transaction row. `rowNo` orders rows of one day for the name; `sale` marks a line
   * the import report counts (amount > 0 and no quantity ≤ 0).
   */
  add(
    customer: string,
    orderId: string | null,
    date: string,
    amount: number,
    name: string | null,
    rowNo: number,
    sale: boolean
  ) {
    if (this.#frozen) throw new Error('the order book is finished');
    const c = this.#customer(customer);
    let day = this.#lastDay;
    if (date !== this.#lastDate) {
      day = dayOf(date);
      this.#lastDate = date;
      this.#lastDay = day;
    }
    const o = orderId === null ? this.#newOrder(c, day, null) : this.#order(c, orderId, day);
    this.#addLine(o, day, amount);
    if (sale && this.#sale![o] === 0) {
      this.#sale![o] = 1;
      this.#sales++;
    }
    if (name !== null) this.#name(c, day, rowNo, name);
  }

  #customer(id: string): number {
    if (id === this.#lastCustomer && this.#lastCustomerIdx !== NONE) return this.#lastCustomerIdx;
    const h = hashId(id);
    let c = this.#customerOf!.get(id, h);
    if (c === NONE) {
      c = this.customerIds.length;
      const own = ownCopy(id);
      this.customerIds.push(own);
      this.#customerOf!.add(own, h, c);
      this.#lastEntry = grown(this.#lastEntry!, c + 1);
      this.#lastEntry[c] = NONE;
      this.#lastNameOf = grown(this.#lastNameOf!, c + 1);
      this.#lastNameOf[c] = NONE;
    }
    this.#lastCustomer = id;
    this.#lastCustomerIdx = c;
    return c;
  }

  #order(c: number, orderId: string, day: number): number {
    // Lines of one order usually come together: only a new (customer, order) pair looks it up.
    const last = this.#lastOrderIdx;
    if (last !== NONE && this.#cust[last] === c && orderId === this.#lastOrder) return last;
    let o = this.#orderOf!.first(orderId);
    if (o === NONE) o = this.#newOrder(c, day, orderId, true);
    else if (this.#cust[o] !== c) {
      const key = `${c}\u0001${orderId}`;
      o = this.#sharedOf!.get(key) ?? NONE;
      if (o === NONE) {
        o = this.#newOrder(c, day, orderId, false);
        this.#sharedOf!.set(key, o);
      }
    }
    this.#lastOrder = orderId;
    this.#lastOrderIdx = o;
    return o;
  }

  /**
   * A new order of customer `c` first seen on `day`, with its id (null: the row has none);
   * `first`: the first customer's order of that id (found by it from now on).
   */
  #newOrder(c: number, day: number, id: string | null, first = false): number {
    const o = this.#count++;
    if (o === this.#cust.length) this.#reserveOrders(o + 1);
    this.#cust[o] = c;
    this.#day[o] = day;
    this.#orderOf!.add(id ?? '', first);
    this.#hasId![o] = id === null ? 0 : 1;
    return o;
  }

  #piece(o: number, day: number, amount: number) {
    const p = this.#pieces++;
    this.#pOrder = grown(this.#pOrder, p + 1);
    this.#pDay = grown(this.#pDay, p + 1);
    this.#pAmount = grown(this.#pAmount, p + 1);
    this.#pOrder[p] = o;
    this.#pDay[p] = day;
    this.#pAmount[p] = amount;
    this.#multi[o] = 1;
  }

  #name(c: number, day: number, rowNo: number, name: string) {
    let n = this.#lastNameOf![c];
    // A customer's rows mostly repeat its name: compared with it, not looked up.
    if (n === NONE || this.#names[n] !== name) n = this.#internName(name);
    this.#entry(c, day, rowNo, n);
  }

  /** The number of a name text (a new one for a text not seen before). */
  #internName(name: string): number {
    const h = hashId(name);
    let n = this.#nameOf!.get(name, h);
    if (n === NONE) {
      n = this.#names.length;
      const own = ownCopy(name);
      this.#names.push(own);
      this.#nameOf!.add(own, h, n);
    }
    return n;
  }

  /** Customer `c`'s name `n` on `day` (row `rowNo`): one entry per customer and day run. */
  #entry(c: number, day: number, rowNo: number, n: number) {
    this.#lastNameOf![c] = n;
    const e = this.#lastEntry![c];
    if (e !== NONE && this.#eDay![e] === day) {
      // The same customer and day as its latest entry: the later row is the one that counts.
      if (rowNo > this.#eRow![e]) {
        this.#eRow![e] = rowNo;
        this.#eName![e] = n;
      }
      return;
    }
    const i = this.#entries++;
    if (i === this.#eCust!.length) this.#reserveEntries(i + 1);
    this.#eCust![i] = c;
    this.#eDay![i] = day;
    this.#eRow![i] = rowNo;
    this.#eName![i] = n;
    this.#lastEntry![c] = i;
  }

  /** What the book holds before {@link finish}, as plain data a worker can post to another. */
  parts(): OrderBookParts {
    if (this.#frozen) throw new Error('the order book is finished');
    const n = this.#count;
    const p = this.#pieces;
    const e = this.#entries;
    return {
      customerIds: this.customerIds,
      cust: this.#cust.slice(0, n),
      day: this.#day.slice(0, n),
      amount: this.#amount.slice(0, n),
      err: this.#err!.slice(0, n),
      sale: this.#sale!.slice(0, n),
      orderIds: this.#orderOf!.pool.parts(),
      orderHasId: this.#hasId!.slice(0, n),
      pOrder: this.#pOrder.slice(0, p),
      pDay: this.#pDay.slice(0, p),
      pAmount: this.#pAmount.slice(0, p),
      names: this.#names,
      eCust: this.#eCust!.slice(0, e),
      eDay: this.#eDay!.slice(0, e),
      eRow: this.#eRow!.slice(0, e),
      eName: this.#eName!.slice(0, e)
    };
  }

  /**
   * Takes in the book of the rows that follow this book's in the file ({@link parts} of a book
   * built from them, row numbers counted from `rowOffset`), and finishes: the result is the book
   * one pass over all the rows would have made. Its orders are looked up among these, never
   * added to the lookups (nothing can follow).
   */
  finishWith(next: OrderBookParts, rowOffset: number): this {
    if (this.#frozen) throw new Error('the order book is finished');
    this.#reserveOrders(this.#count + next.cust.length, false);
    this.#reserveEntries(this.#entries + next.eCust.length);
    const customer = Int32Array.from(next.customerIds, (id) => this.#customer(id));
    const order = new Int32Array(next.cust.length);
    const nextIds = new TextPool(next.orderIds);
    const orderOf = this.#orderOf!;
    for (let o2 = 0; o2 < next.cust.length; o2++) {
      const c = customer[next.cust[o2]];
      const day = next.day[o2];
      let o = NONE;
      // The next book's ids mostly come after these (ids rise or fall): comparisons say so.
      if (next.orderHasId[o2] === 1 && !orderOf.isBeyond(nextIds, o2)) {
        const id = nextIds.text(o2);
        o = orderOf.first(id);
        if (o !== NONE && this.#cust[o] !== c) o = this.#sharedOf!.get(`${c}\u0001${id}`) ?? NONE;
      }
      // Nothing follows the next book: its orders need no ids here (the pool's texts stay those
      // of this book's orders, numbered as they are).
      if (o === NONE) {
        o = this.#count++;
        this.#cust[o] = c;
        this.#day[o] = day;
      }
      order[o2] = o;
      this.#addLine(o, day, next.amount[o2] + next.err[o2]);
      if (next.sale[o2] === 1 && this.#sale![o] === 0) {
        this.#sale![o] = 1;
        this.#sales++;
      }
    }
    for (let k = 0; k < next.pOrder.length; k++)
      this.#addLine(order[next.pOrder[k]], next.pDay[k], next.pAmount[k]);
    const name = Int32Array.from(next.names, (text) => this.#internName(text));
    // Appended as they are: an entry of the same customer and day as one here is one of two
    // rows of that day, and the names' change points take the later row (`#finishNames`).
    let i = this.#entries;
    for (let e = 0; e < next.eCust.length; e++, i++) {
      this.#eCust![i] = customer[next.eCust[e]];
      this.#eDay![i] = next.eDay[e];
      this.#eRow![i] = next.eRow[e] + rowOffset;
      this.#eName![i] = name[next.eName[e]];
    }
    this.#entries = i;
    return this.finish();
  }

  /** A line of order `o`: summed into its first-seen day, or kept as a piece of another day. */
  #addLine(o: number, day: number, amount: number) {
    if (day === this.#day[o]) addTo(this.#amount, this.#err!, o, amount);
    else this.#piece(o, day, amount);
  }

  /** Freezes the book: drops the lookups, sorts the customers, keeps the name change points. */
  finish(): this {
    if (this.#frozen) return this;
    this.#frozen = true;
    const orders = this.#count;
    const customers = this.customerIds.length;
    this.#customerOf = this.#orderOf = this.#sharedOf = this.#nameOf = null;
    this.#hasId = null;
    this.#sale = null;
    this.#lastOrder = null;

    // Orders: the amount is the compensated sum; multi-day orders date from their earliest line.
    const err = this.#err!;
    this.#err = null;
    for (let o = 0; o < orders; o++) this.#amount[o] += err[o];
    // Views, not copies: copying a million orders into fresh memory took longer than it saves.
    this.#cust = this.#cust.subarray(0, orders);
    this.#day = this.#day.subarray(0, orders);
    this.#amount = this.#amount.subarray(0, orders);
    this.#multi = this.#multi.subarray(0, orders);
    this.#finishPieces();

    const firstDay = new Int32Array(customers).fill(0x7fffffff);
    let lastOrderDay = NO_DAY;
    for (let o = 0; o < orders; o++) {
      const c = this.#cust[o];
      const day = this.#day[o];
      if (day < firstDay[c]) firstDay[c] = day;
      if (day > lastOrderDay) lastOrderDay = day;
    }
    this.#lastOrderDay = lastOrderDay;

    const ids = this.customerIds;
    // Without characters beyond U+D7FF, UTF-16 order is UTF-8 order: the plain comparison is faster.
    const plain = ids.every((id) => !/[\ud800-\uffff]/.test(id));
    const byId = plain
      ? (a: number, b: number) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0)
      : (a: number, b: number) => compareIds(ids[a], ids[b]);
    this.#sorted = Int32Array.from(Array.from({ length: customers }, (_, i) => i).sort(byId));
    this.#firstDayByRank = new Int32Array(customers);
    this.#sortedIds = new Array<string>(customers);
    for (let k = 0; k < customers; k++) {
      this.#firstDayByRank[k] = firstDay[this.#sorted[k]];
      this.#sortedIds[k] = ids[this.#sorted[k]];
    }
    this.#finishNames(customers);
    return this;
  }

  /** Pieces of each multi-day order, its first-seen day's sum among them, sorted by day. */
  #finishPieces() {
    const n = this.#pieces;
    if (n === 0) {
      this.#pOrder = new Int32Array(0);
      this.#pDay = new Int32Array(0);
      this.#pAmount = new Float64Array(0);
      return;
    }
    const idx: number[] = [];
    for (let p = 0; p < n; p++) idx.push(p);
    const multi = [...new Set(Array.from(this.#pOrder.subarray(0, n)))];
    for (let m = 0; m < multi.length; m++) idx.push(n + m);
    const order = (i: number) => (i < n ? this.#pOrder[i] : multi[i - n]);
    const day = (i: number) => (i < n ? this.#pDay[i] : this.#day[multi[i - n]]);
    const amount = (i: number) => (i < n ? this.#pAmount[i] : this.#amount[multi[i - n]]);
    idx.sort((a, b) => order(a) - order(b) || day(a) - day(b) || a - b);
    const pOrder = new Int32Array(idx.length);
    const pDay = new Int32Array(idx.length);
    const pAmount = new Float64Array(idx.length);
    idx.forEach((i, k) => {
      pOrder[k] = order(i);
      pDay[k] = day(i);
      pAmount[k] = amount(i);
    });
    const ranges = new Map<number, [number, number]>();
    for (let k = 0; k < idx.length;) {
      const o = pOrder[k];
      let end = k;
      let sum = 0;
      let e = 0;
      while (end < idx.length && pOrder[end] === o) {
        const s = sum + pAmount[end];
        e +=
          Math.abs(sum) > Math.abs(pAmount[end]) ? sum - s + pAmount[end] : pAmount[end] - s + sum;
        sum = s;
        end++;
      }
      ranges.set(o, [k, end]);
      // The order's own slot: its earliest day and whole amount.
      this.#day[o] = pDay[k];
      this.#amount[o] = sum + e;
      k = end;
    }
    this.#pOrder = pOrder;
    this.#pDay = pDay;
    this.#pAmount = pAmount;
    this.#pieceRange = ranges;
  }

  /** Name change points: per customer and day the latest row's name, kept where it changes. */
  #finishNames(customers: number) {
    const n = this.#entries;
    const eCust = this.#eCust!;
    const eDay = this.#eDay!;
    const eRow = this.#eRow!;
    const eName = this.#eName!;
    this.#eCust = this.#eDay = this.#eRow = this.#eName = this.#lastEntry = this.#lastNameOf = null;
    // Counting sort by customer, then by (day, row) within each customer.
    const start = new Int32Array(customers + 1);
    for (let i = 0; i < n; i++) start[eCust[i] + 1]++;
    for (let c = 0; c < customers; c++) start[c + 1] += start[c];
    const at = start.slice(0, customers);
    const byCust = new Int32Array(n);
    for (let i = 0; i < n; i++) byCust[at[eCust[i]]++] = i;
    const cpStart = new Int32Array(customers + 1);
    const cpDay = new Int32Array(n);
    const cpName = new Int32Array(n);
    let k = 0;
    const list: number[] = [];
    for (let c = 0; c < customers; c++) {
      cpStart[c] = k;
      list.length = 0;
      for (let j = start[c]; j < start[c + 1]; j++) list.push(byCust[j]);
      let sorted = true;
      for (let j = 1; sorted && j < list.length; j++) {
        const p = list[j - 1];
        const i = list[j];
        sorted = eDay[p] < eDay[i] || (eDay[p] === eDay[i] && eRow[p] < eRow[i]);
      }
      if (!sorted) list.sort((a, b) => eDay[a] - eDay[b] || eRow[a] - eRow[b]);
      for (let j = 0; j < list.length; j++) {
        const i = list[j];
        // A later row of the same day supersedes; an unchanged name is no change point.
        if (j + 1 < list.length && eDay[list[j + 1]] === eDay[i]) continue;
        if (k > cpStart[c] && cpName[k - 1] === eName[i]) continue;
        cpDay[k] = eDay[i];
        cpName[k] = eName[i];
        k++;
      }
    }
    cpStart[customers] = k;
    this.#cpStart = cpStart;
    this.#cpDay = cpDay.slice(0, k);
    this.#cpName = cpName.slice(0, k);
  }

  /** The customer's name on the latest row on or before `day` that has one, else null. */
  #nameAt(c: number, day: number): string | null {
    for (let k = this.#cpStart[c + 1] - 1; k >= this.#cpStart[c]; k--) {
      if (this.#cpDay[k] <= day) return this.#names[this.#cpName[k]];
    }
    return null;
  }

  /** Amount of a multi-day order from its lines on or before `day`. */
  #partial(o: number, day: number): number {
    const [from, to] = this.#pieceRange.get(o)!;
    let sum = 0;
    let e = 0;
    for (let k = from; k < to && this.#pDay[k] <= day; k++) {
      const x = this.#pAmount[k];
      const s = sum + x;
      e += Math.abs(sum) > Math.abs(x) ? sum - s + x : x - s + sum;
      sum = s;
    }
    return sum + e;
  }

  /**
   * The customer base at `asOf` (`YYYY-MM-DD`), as `buildCustomerBaseSql` gives it without
   * dimensions: one row per customer with a line on or before `asOf`, ordered by customer_id.
   */
  customerBase(asOf: string): CustomerBase[] {
    return this.customerColumns(asOf).rows();
  }

  /**
   * Makes the {@link Timeline} now (in a quiet moment after an import), unless the book is larger
   * than {@link TIMELINE_MAX_ORDERS}; a base at an earlier as-of date then costs no pass.
   */
  prepareTimeline(): void {
    if (!this.#frozen) this.finish();
    if (this.#timeline || this.#count > this.#timelineMaxOrders) return;
    const customers = this.customerIds.length;
    const n = this.#count;
    // Each order's customer by its place in customer_id order.
    const rank = new Int32Array(customers);
    for (let k = 0; k < customers; k++) rank[this.#sorted[k]] = k;
    const cust = new Int32Array(n);
    for (let o = 0; o < n; o++) cust[o] = rank[this.#cust[o]];
    const start = new Int32Array(customers + 1);
    for (let o = 0; o < n; o++) start[cust[o] + 1]++;
    for (let c = 0; c < customers; c++) start[c + 1] += start[c];
    // Each order to its place, read in file order (a gather by position would miss the cache at
    // every order); `total` holds the amounts until summed.
    const next = start.slice(0, customers);
    const order = new Int32Array(n);
    const day = new Int32Array(n);
    const total = new Float64Array(n);
    const inOrder = new Uint8Array(customers).fill(1);
    const days = this.#day;
    const amounts = this.#amount;
    const multi = this.#multi;
    for (let o = 0; o < n; o++) {
      const c = cust[o];
      const p = next[c]++;
      order[p] = o;
      day[p] = days[o];
      total[p] = amounts[o];
      if (multi[o] === 1) inOrder[c] = 0;
    }
    const positives = new Int32Array(n);
    const lastPositive = new Int32Array(n);
    for (let c = 0; c < customers; c++) {
      // The running state, summed as the pass sums (addTo's step, in file order).
      let sum = 0;
      let err = 0;
      let count = 0;
      let last = NO_DAY;
      for (let p = start[c]; p < start[c + 1]; p++) {
        const d = day[p];
        if (p > start[c] && d < day[p - 1]) inOrder[c] = 0;
        const x = total[p];
        const t = sum + x;
        err += Math.abs(sum) > Math.abs(x) ? sum - t + x : x - t + sum;
        sum = t;
        if (isPositive(x)) {
          count++;
          last = d;
        }
        total[p] = sum + err;
        positives[p] = count;
        lastPositive[p] = last;
      }
    }
    this.#timeline = { start, order, day, total, positives, lastPositive, inOrder };
  }

  /**
   * Each customer's state at day `t` as the pass over every order gives it, in customer_id order
   * (`#sorted`): the sum and its compensation added (`value`), positive orders, first and last
   * positive day. With a timeline (made now for a date before the last order's), a binary search
   * per customer instead of the pass.
   */
  #stateAt(t: number, state: CustomerState): void {
    if (t < this.#lastOrderDay) this.prepareTimeline();
    if (this.#timeline) this.#timelineAt(this.#timeline, t, state);
    else this.#passAt(t, state);
  }

  /** {@link #stateAt} by a pass over every order. */
  #passAt(t: number, state: CustomerState): void {
    PASS.use(this.customerIds.length, (byIndex) => this.#passInto(t, byIndex, state));
  }

  /** {@link #passAt}: the sums by the book's customer index, then in customer_id order. */
  #passInto(t: number, byIndex: CustomerState & { err: Float64Array }, state: CustomerState) {
    const customers = this.customerIds.length;
    const { freq, first, last, value: sum, err } = byIndex;
    freq.fill(0);
    first.fill(0x7fffffff);
    last.fill(NO_DAY);
    sum.fill(0);
    err.fill(0);
    const cust = this.#cust;
    const days = this.#day;
    const amounts = this.#amount;
    const multi = this.#multi;
    for (let o = 0, n = this.#count; o < n; o++) {
      const day = days[o];
      if (day > t) continue;
      const amount = multi[o] === 1 ? this.#partial(o, t) : amounts[o];
      const c = cust[o];
      addTo(sum, err, c, amount);
      if (isPositive(amount)) {
        freq[c]++;
        if (day < first[c]) first[c] = day;
        if (day > last[c]) last[c] = day;
      }
    }
    // In customer_id order.
    for (let k = 0; k < customers; k++) {
      const c = this.#sorted[k];
      state.freq[k] = freq[c];
      state.first[k] = first[c];
      state.last[k] = last[c];
      state.value[k] = sum[c] + err[c];
    }
  }

  /** {@link #stateAt} from the timeline: front to back, a binary search per customer. */
  #timelineAt(tl: Timeline, t: number, state: CustomerState): void {
    const customers = this.customerIds.length;
    const { freq, first, last, value } = state;
    freq.fill(0);
    first.fill(0x7fffffff);
    last.fill(NO_DAY);
    value.fill(0);
    const { start, order, day, total, positives, lastPositive, inOrder } = tl;
    const sum = new Float64Array(1);
    const err = new Float64Array(1);
    for (let k = 0; k < customers; k++) {
      const from = start[k];
      const to = start[k + 1];
      if (inOrder[k] === 0) {
        // Order by order, in file order, as the pass.
        sum[0] = err[0] = 0;
        for (let p = from; p < to; p++) {
          const d = day[p];
          if (d > t) continue;
          const o = order[p];
          const amount = this.#multi[o] === 1 ? this.#partial(o, t) : this.#amount[o];
          addTo(sum, err, 0, amount);
          if (isPositive(amount)) {
            freq[k]++;
            if (d < first[k]) first[k] = d;
            if (d > last[k]) last[k] = d;
          }
        }
        value[k] = sum[0] + err[0];
        continue;
      }
      // The orders on or before t come first: the last of them by binary search.
      let lo = from;
      let hi = to;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (day[mid] <= t) lo = mid + 1;
        else hi = mid;
      }
      if (lo === from) continue;
      const p = lo - 1;
      value[k] = total[p];
      freq[k] = positives[p];
      last[k] = lastPositive[p];
      if (positives[p] > 0) {
        // The first positive order: where the running count first reaches 1.
        let q = from;
        while (positives[q] === 0) q++;
        first[k] = day[q];
      }
    }
  }

  /**
   * {@link customerBase} as columns; its rows (names, dates as text) are made when asked for, from
   * the state at `asOf` made again (it is not kept: an as-of change needs only the columns).
   */
  customerColumns(asOf: string): CustomerBaseColumns {
    if (!this.#frozen) this.finish();
    const t = dayOf(asOf);
    const customers = this.customerIds.length;
    // The customers with a line on or before `asOf`, by customer_id.
    const firstDays = this.#firstDayByRank;
    const sortedIds = this.#sortedIds;
    const columns = STATE.use(customers, (state): Omit<CustomerBaseColumns, 'rows'> => {
      this.#stateAt(t, state);
      const { freq, first, last, value } = state;
      let n = 0;
      let count = 0;
      for (let k = 0; k < customers; k++) {
        if (firstDays[k] > t) continue;
        n++;
        if (freq[k] > 0) count++;
      }
      const { buyers, others } = newBaseColumns(count, n - count);
      let firstDay = Infinity;
      let lastDay = -Infinity;
      for (let k = 0, i = 0, b = 0, o = 0; k < customers; k++) {
        if (firstDays[k] > t) continue;
        if (freq[k] > 0) {
          buyers.at[b] = i++;
          buyers.ids[b] = sortedIds[k];
          buyers.recency[b] = t - last[k];
          buyers.frequency[b] = freq[k];
          buyers.monetary[b++] = roundMoney(value[k]);
          if (first[k] < firstDay) firstDay = first[k];
          if (last[k] > lastDay) lastDay = last[k];
        } else {
          others.at[o] = i++;
          others.monetary[o++] = roundMoney(value[k]);
        }
      }
      return {
        buyers,
        others,
        firstPurchase: firstDay !== Infinity ? isoOf(firstDay) : null,
        lastPurchase: lastDay !== -Infinity ? isoOf(lastDay) : null
      };
    });
    const rows = (): CustomerBase[] => {
      const iso = new Map<number, string>();
      const isoAt = (day: number) => {
        let s = iso.get(day);
        if (s === undefined) iso.set(day, (s = isoOf(day)));
        return s;
      };
      const out: CustomerBase[] = [];
      STATE.use(customers, (state) => {
        this.#stateAt(t, state);
        const { freq, first, last, value } = state;
        for (let k = 0; k < customers; k++) {
          if (firstDays[k] > t) continue;
          const bought = freq[k] > 0;
          out.push({
            customerId: sortedIds[k],
            customerName: this.#nameAt(this.#sorted[k], t),
            firstPurchase: bought ? isoAt(first[k]) : null,
            lastPurchase: bought ? isoAt(last[k]) : null,
            recencyDays: bought ? t - last[k] : null,
            frequency: freq[k],
            monetary: roundMoney(value[k]),
            dims: []
          });
        }
      });
      return out;
    };
    return { ...columns, rows };
  }

  /** Bytes held by the finished book's arrays (the customer and name texts not counted). */
  get arrayBytes(): number {
    const arrays = [
      this.#cust,
      this.#day,
      this.#amount,
      this.#multi,
      this.#pOrder,
      this.#pDay,
      this.#pAmount,
      this.#sorted,
      this.#firstDayByRank,
      this.#cpStart,
      this.#cpDay,
      this.#cpName,
      ...(this.#timeline ? Object.values(this.#timeline) : [])
    ];
    return arrays.reduce((n, a) => n + a.byteLength, 0);
  }
}
