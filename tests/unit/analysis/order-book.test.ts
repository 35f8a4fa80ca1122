// The order book's customer base, by hand from DOMAIN §3: orders by id (a row without one is its own
// order), dated by their earliest line, positive by the rounded order amount; lines after the as-of
// date left out before grouping; the name of the latest row (date, then row number) that has one.
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { OrderBook, dayOf, isoOf, roundMoney } from '../../../src/lib/analysis/order-book';
import { compareIds } from '../../../src/lib/analysis/rfm';

type Line = [customer: string, order: string | null, date: string, amount: number, name?: string];
type BookOptions = ConstructorParameters<typeof OrderBook>[0];

/** A book of `lines`, fed in the given order as rows 2, 3, … (row 1 is the header). */
function bookOf(lines: Line[], options: BookOptions = {}): OrderBook {
  const book = new OrderBook(options);
  lines.forEach(([c, o, date, amount, name], i) =>
    book.add(c, o, date, amount, name ?? null, i + 2, amount > 0)
  );
  return book;
}

const LINES: Line[] = [
  // a: order o1 = 100 − 30 = 70 (its lines apart, a return line inside); o2 only a return.
  ['a', 'o1', '2024-01-05', 100, 'Alpha'],
  ['b', null, '2024-02-20', 5],
  ['a', 'o2', '2024-02-01', -20],
  ['b', null, '2024-02-20', 5],
  ['a', 'o1', '2024-01-05', -30],
  // c: order x has lines on 01-10 and 02-10; order z's later-dated line comes first.
  ['c', 'x', '2024-01-10', 40],
  ['c', 'z', '2024-02-10', 5],
  ['c', 'x', '2024-02-10', 60],
  ['c', 'z', '2024-01-20', 5],
  // d: only after the as-of date; e: one line before, one after.
  ['d', 'd1', '2024-03-05', 100],
  ['e', 'e1', '2024-02-01', 10],
  ['e', 'e2', '2024-03-10', 20],
  // f: names by date then row; a null name is skipped; a row dated earlier comes last.
  ['f', 'f1', '2024-01-01', 1, 'F Old'],
  ['f', 'f2', '2024-02-01', 1, 'F One'],
  ['f', 'f2', '2024-02-01', 1, 'F Two'],
  ['f', 'f3', '2024-02-15', 1],
  ['f', 'f4', '2024-01-20', 1, 'F Mid'],
  // g: only a return; h: the same order id as a's, another customer's order.
  ['g', 'g1', '2024-01-02', -15],
  ['h', 'o1', '2024-02-25', 7, 'Hotel'],
  // i: an order netting to float noise (0.1 + 0.2 − 0.3) is no purchase; y: +10 then −10 a month on.
  ['i', 'n', '2024-01-10', 0.1],
  ['i', 'n', '2024-01-10', 0.2],
  ['i', 'n', '2024-01-10', -0.3],
  ['i', 'y', '2024-01-15', 10],
  ['i', 'y', '2024-02-15', -10]
];

// A base before the last order's date reads each customer's timeline (a binary search); without
// one, or at the last date, it passes over every order. Both must give these numbers.
describe.each<[string, BookOptions]>([
  ['with a timeline', {}],
  ['passing over every order', { timelineMaxOrders: 0 }]
])('OrderBook.customerBase, %s', (_, options) => {
  const base = (asOf: string) =>
    new Map(
      bookOf(LINES, options)
        .customerBase(asOf)
        .map((c) => [c.customerId, c])
    );

  it('at 2024-03-01: orders, returns, multi-day orders and later lines', () => {
    const b = base('2024-03-01');
    expect([...b.keys()]).toEqual(['a', 'b', 'c', 'e', 'f', 'g', 'h', 'i']);
    // Jan 5 → Mar 1 2024 (a leap year): 26 + 29 + 1 = 56 days.
    expect(b.get('a')).toEqual({
      customerId: 'a',
      customerName: 'Alpha',
      firstPurchase: '2024-01-05',
      lastPurchase: '2024-01-05',
      recencyDays: 56,
      frequency: 1,
      monetary: 50,
      dims: []
    });
    // Two rows without an order id: two orders.
    expect(b.get('b')).toMatchObject({
      customerName: null,
      firstPurchase: '2024-02-20',
      lastPurchase: '2024-02-20',
      recencyDays: 10,
      frequency: 2,
      monetary: 10
    });
    // x = 100 dated 01-10 (its earliest line); z = 10 dated 01-20.
    expect(b.get('c')).toMatchObject({
      firstPurchase: '2024-01-10',
      lastPurchase: '2024-01-20',
      recencyDays: 41,
      frequency: 2,
      monetary: 110
    });
    expect(b.get('e')).toMatchObject({ lastPurchase: '2024-02-01', frequency: 1, monetary: 10 });
    expect(b.get('f')).toMatchObject({ customerName: 'F Two', frequency: 4, monetary: 5 });
    expect(b.get('g')).toEqual({
      customerId: 'g',
      customerName: null,
      firstPurchase: null,
      lastPurchase: null,
      recencyDays: null,
      frequency: 0,
      monetary: -15,
      dims: []
    });
    expect(b.get('h')).toMatchObject({ recencyDays: 5, frequency: 1, monetary: 7 });
    // n rounds to 0 and y nets to 0: no purchase; monetary 0.
    expect(b.get('i')).toMatchObject({ frequency: 0, monetary: 0, lastPurchase: null });
  });

  it('at 2024-01-31: lines after it are left out before orders are formed', () => {
    const b = base('2024-01-31');
    expect([...b.keys()]).toEqual(['a', 'c', 'f', 'g', 'i']);
    // o2 (02-01) is out; o1 keeps both its lines.
    expect(b.get('a')).toMatchObject({ recencyDays: 26, frequency: 1, monetary: 70 });
    // x = 40 (its 02-10 line is later), z = 5 (only its 01-20 line).
    expect(b.get('c')).toMatchObject({
      firstPurchase: '2024-01-10',
      lastPurchase: '2024-01-20',
      frequency: 2,
      monetary: 45
    });
    // F Mid (01-20) is the latest named row by date, although it came last.
    expect(b.get('f')).toMatchObject({ customerName: 'F Mid', frequency: 2, monetary: 2 });
    // y is +10 until its return on 02-15.
    expect(b.get('i')).toMatchObject({
      firstPurchase: '2024-01-15',
      lastPurchase: '2024-01-15',
      recencyDays: 16,
      frequency: 1,
      monetary: 10
    });
  });

  it('names: the latest named row on or before the date, ties by row number', () => {
    expect(base('2024-01-15').get('f')?.customerName).toBe('F Old');
    expect(base('2024-02-01').get('f')?.customerName).toBe('F Two');
    expect(base('2024-02-20').get('f')?.customerName).toBe('F Two');
    const book = bookOf(
      [
        ['k', null, '2024-01-01', 1, 'K1'],
        ['k', null, '2024-01-03', 1, 'K3'],
        ['k', null, '2024-01-02', 1, 'K1'],
        ['k', null, '2024-01-03', 1, 'K3b']
      ],
      options
    );
    expect(book.customerBase('2024-01-02')[0].customerName).toBe('K1');
    expect(book.customerBase('2024-01-04')[0].customerName).toBe('K3b');
  });

  it('order ids numbered per customer: the same id is another order of each customer', () => {
    const lines: Line[] = [];
    for (const c of ['p', 'q', 'r'])
      lines.push([c, '1', '2024-01-01', 10], [c, '2', '2024-01-02', 5]);
    // A later line of p's order 1 and of r's order 2, after the others.
    lines.push(['p', '1', '2024-01-01', -4], ['r', '2', '2024-01-03', 1]);
    const book = bookOf(lines, options);
    expect(book.orders).toBe(6);
    const b = book.customerBase('2024-01-10');
    expect(b.map((c) => [c.customerId, c.frequency, c.monetary, c.lastPurchase])).toEqual([
      ['p', 2, 11, '2024-01-02'],
      ['q', 2, 15, '2024-01-02'],
      ['r', 2, 16, '2024-01-02']
    ]);
  });

  it('as columns: the same customers and values, the earliest and latest positive order', () => {
    const book = bookOf(LINES, options);
    for (const [asOf, first, last] of [
      // f1 (01-01) is the first positive order; h's o1 (02-25) the last by 03-01.
      ['2024-03-01', '2024-01-01', '2024-02-25'],
      // By 01-31: c's z and f's f4 (both 01-20) are the last.
      ['2024-01-31', '2024-01-01', '2024-01-20'],
      // Nobody has a line yet.
      ['2023-12-31', null, null]
    ] as const) {
      const columns = book.customerColumns(asOf);
      const rows = book.customerBase(asOf);
      // Buyers: a positive order (frequency > 0); the others are the "no purchases".
      const places = (bought: boolean) =>
        rows.flatMap((c, i) => (c.frequency > 0 === bought ? [i] : []));
      const { buyers, others } = columns;
      expect([...buyers.at]).toEqual(places(true));
      expect([...others.at]).toEqual(places(false));
      const buyerRows = places(true).map((i) => rows[i]);
      expect(buyers.ids).toEqual(buyerRows.map((c) => c.customerId));
      expect([...buyers.recency]).toEqual(buyerRows.map((c) => c.recencyDays));
      expect([...buyers.frequency]).toEqual(buyerRows.map((c) => c.frequency));
      expect([...buyers.monetary]).toEqual(buyerRows.map((c) => c.monetary));
      expect([...others.monetary]).toEqual(places(false).map((i) => rows[i].monetary));
      expect([columns.firstPurchase, columns.lastPurchase]).toEqual([first, last]);
      expect(columns.rows()).toEqual(rows);
    }
  });

  it('makes a base\u2019s rows for its own date, after bases at other dates and of other books', () => {
    const book = bookOf(LINES, options);
    const dates = ['2024-03-01', '2024-01-31', '2024-02-20'];
    const rightAway = dates.map((asOf) => book.customerBase(asOf));
    const columns = dates.map((asOf) => book.customerColumns(asOf));
    // Another book's base in between: the state the rows are made from is lent to every book.
    bookOf(LINES.slice(0, 9), options).customerColumns('2024-02-10');
    // The rows made last date first (each after the others' bases).
    const late = [2, 1, 0].map((i) => columns[i].rows());
    expect(late).toEqual([rightAway[2], rightAway[1], rightAway[0]]);
    // By 03-01 f's latest name is F Two (02-01, the later row); by 01-31, F Mid (01-20).
    expect(rightAway.map((b) => b.find((c) => c.customerId === 'f')?.customerName)).toEqual([
      'F Two',
      'F Mid',
      'F Two'
    ]);
  });

  it('counts customers and the orders holding a sale line', () => {
    const book = bookOf(LINES, options);
    expect(book.customers).toBe(9);
    // a:o1, b:2, c:x,z, d, e:2, f:4, h, i:n,y = 15 (o2 and g1 hold no sale line).
    expect(book.saleOrders).toBe(15);
    expect(book.orders).toBe(17);
  });

  it('orders customers as SQLite orders text (by UTF-8 bytes)', async () => {
    const ids = ['b', '𝔸', 'a', '9', '！', 'B', 'é', '10'];
    const book = bookOf(
      ids.map((id): Line => [id, null, '2024-01-01', 1]),
      options
    );
    const expected = ['10', '9', 'B', 'a', 'b', 'é', '！', '𝔸'];
    expect(book.customerBase('2024-01-02').map((c) => c.customerId)).toEqual(expected);
    const db = new (await initSqlJs()).Database();
    db.run('CREATE TABLE t (id TEXT)');
    for (const id of ids) db.run('INSERT INTO t VALUES (?)', [id]);
    expect(db.exec('SELECT id FROM t ORDER BY id')[0].values.map(([v]) => v)).toEqual(expected);
    expect(compareIds('！', '𝔸')).toBeLessThan(0);
    db.close();
  });
});

describe('the timeline against the pass over every order', () => {
  it('gives the same base at every date, files in date order or not, to the last bit', () => {
    let seed = 11;
    const rand = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    const day = (k: number) => isoOf(dayOf('2024-01-01') + k);
    for (const sorted of [true, false]) {
      const lines: Line[] = [];
      for (let i = 0; i < 4000; i++) {
        const c = `c${Math.floor(rand() * 300)}`;
        const order = rand() < 0.1 ? null : `o${Math.floor(rand() * 1500)}`;
        // Cents and thousandths, some returns, some lines exactly cancelling.
        const amount = Math.round((rand() - 0.15) * 1e5) / (rand() < 0.5 ? 100 : 1000);
        lines.push([c, order, day(Math.floor(rand() * 120)), amount, rand() < 0.3 ? c : undefined]);
      }
      // A file in date order: some orders still span days (a later line of an earlier order).
      if (sorted) lines.sort((a, b) => (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
      const withTimeline = bookOf(lines);
      const passing = bookOf(lines, { timelineMaxOrders: 0 });
      for (let k = -1; k <= 121; k += 7) {
        const asOf = day(k);
        const a = withTimeline.customerColumns(asOf);
        const b = passing.customerColumns(asOf);
        expect(a.buyers.ids).toEqual(b.buyers.ids);
        expect([...a.buyers.at]).toEqual([...b.buyers.at]);
        expect([...a.others.at]).toEqual([...b.others.at]);
        expect([...a.buyers.recency]).toEqual([...b.buyers.recency]);
        expect([...a.buyers.frequency]).toEqual([...b.buyers.frequency]);
        for (const part of ['buyers', 'others'] as const)
          expect(
            a[part].monetary.every((m, i) => Object.is(m, b[part].monetary[i])),
            `${asOf} ${part}`
          ).toBe(true);
        expect([a.firstPurchase, a.lastPurchase]).toEqual([b.firstPurchase, b.lastPurchase]);
        expect(a.rows()).toEqual(b.rows());
      }
      // The timeline was made at the first earlier date and serves the last date too.
      expect(withTimeline.arrayBytes).toBeGreaterThan(
        passing.arrayBytes + 20 * withTimeline.orders
      );
    }
  });
});

describe('order book helpers', () => {
  it('day numbers', () => {
    expect(dayOf('1970-01-01')).toBe(0);
    expect(dayOf('2024-03-01') - dayOf('2024-01-05')).toBe(56);
    expect(dayOf('2000-03-01') - dayOf('2000-02-28')).toBe(2);
    expect(dayOf('1900-03-01') - dayOf('1900-02-28')).toBe(1);
    expect(isoOf(dayOf('1969-12-31'))).toBe('1969-12-31');
    expect(isoOf(dayOf('2025-12-31'))).toBe('2025-12-31');
    expect(() => dayOf('2024-1-5')).toThrow();
  });

  it('rounds money as SQLite ROUND(x, 6) does', async () => {
    const db = new (await initSqlJs()).Database();
    const values = [
      0.1 + 0.2,
      0.1 + 0.2 - 0.3,
      5e-7,
      -5e-7,
      1.0000005,
      2.0000015,
      1234.5678905,
      -1234.5678905,
      1e-9,
      -1e-9,
      123456789.1234565,
      19306896229.98,
      4503599627370497
    ];
    for (const x of values) {
      const [[sqlite]] = db.exec('SELECT ROUND(?, 6)', [x])[0].values;
      expect(Object.is(roundMoney(x), sqlite), `${x}: ${roundMoney(x)} vs ${sqlite}`).toBe(true);
    }
    db.close();
  });
});

describe('roundMoney against toFixed', () => {
  it('agrees on random money, sums and near-ties', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) * 2 - 1;
    const wrong: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const scale = 10 ** Math.floor(Math.abs(rand()) * 12);
      const cents = Math.round(rand() * scale * 100) / 100;
      const tie = Math.round(rand() * scale * 1e6) / 1e6 + 5e-7;
      for (const x of [cents, cents * 1.1 + 0.07, tie, rand() * 1e-6, rand() * scale]) {
        if (!Object.is(roundMoney(x), Number(x.toFixed(6)))) wrong.push(x);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('a book joined with the book of the rows that follow', () => {
  // Order numbers rising, with a return below them; SO5's lines on both sides of a cut; SO3 also
  // q's order (another customer's of that id); a row without an id; a later line of p's SO1 on
  // another day; names changing on either side, and on one day across a cut (the later row's).
  const lines: Line[] = [
    ['p', 'SO1', '2024-01-01', 10, 'P'],
    ['q', 'SO2', '2024-01-02', 20],
    ['p', 'SO3', '2024-01-03', 30],
    ['q', 'SO2-R', '2024-01-04', -5],
    ['r', 'SO4', '2024-01-05', 7, 'R'],
    ['p', 'SO5', '2024-01-06', 11, 'P1'],
    ['p', 'SO5', '2024-01-06', 4, 'P2'],
    ['q', 'SO6', '2024-01-07', 3, 'Q'],
    ['q', 'SO3', '2024-01-08', 9],
    ['r', null, '2024-01-09', 1, 'R2'],
    ['p', 'SO1', '2024-01-10', 2],
    ['s', 'SO7', '2024-01-11', 6, 'S']
  ];

  it.each([
    ['ids rising', lines],
    ['ids falling (newest first)', [...lines].reverse()]
  ])('is the book of all the rows, wherever the cut falls: %s', (_, rows) => {
    const whole = bookOf(rows);
    const dates = ['2024-01-01', '2024-01-05', '2024-01-08', '2024-01-10', '2024-01-31'];
    for (let cut = 1; cut < rows.length; cut++) {
      const joined = bookOf(rows.slice(0, cut)).finishWith(bookOf(rows.slice(cut)).parts(), cut);
      expect([joined.orders, joined.saleOrders, joined.customers], `cut ${cut}`).toEqual([
        whole.orders,
        whole.saleOrders,
        whole.customers
      ]);
      for (const asOf of dates)
        expect(joined.customerBase(asOf), `cut ${cut} at ${asOf}`).toEqual(
          whole.customerBase(asOf)
        );
    }
    // p: SO1 (12 by 01-10), SO3, SO5 (15); q: SO2, SO2-R, SO6, SO3 (its own); r: SO4, a row.
    const forward = rows[0] === lines[0];
    expect(whole.orders).toBe(10);
    expect(
      whole
        .customerBase('2024-01-31')
        .map((c) => [c.customerId, c.frequency, c.monetary, c.customerName])
    ).toEqual([
      ['p', 3, 57, forward ? 'P2' : 'P1'],
      ['q', 3, 27, 'Q'],
      ['r', 2, 8, 'R2'],
      ['s', 1, 6, 'S']
    ]);
    // p's latest named rows, on 01-06, say P1 then P2: the later row's name stands.
    const p = whole.customerBase('2024-01-06').find((c) => c.customerId === 'p');
    expect(p?.customerName).toBe(forward ? 'P2' : 'P1');
  });
});
