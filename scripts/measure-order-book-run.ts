// The body of scripts/measure-order-book.js (loaded through Vite so `$lib` and TypeScript resolve).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import initSqlJs, { type Database } from 'sql.js';
import { inspectFile, type Inspected } from '$lib/ingest/inspect';
import { createIndexes, importFile } from '$lib/worker/import';
import { CATALOG_SQL } from '$lib/worker/schema';
import { loadCustomerBase } from '$lib/worker/rfm-service';
import { OrderBooks, readOrderBook } from '$lib/worker/order-books';
import { OrderBook } from '$lib/analysis/order-book';
import { forEachRow } from '$lib/worker/sql-run';
import type { DatasetInfo } from '$lib/db/protocol';

type Importer = typeof importFile;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(0)} ms (runs ${xs.map((x) => x.toFixed(0)).join(', ')})`;

/** Wall and CPU (user + system) milliseconds of `fn`. */
async function timed<T>(
  fn: () => T | Promise<T>
): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, wall, cpu: (c.user + c.system) / 1000 };
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

function daysBefore(iso: string, days: number): string {
  return new Date(Date.parse(iso) - days * 86_400_000).toISOString().slice(0, 10);
}

async function importWith(
  importer: Importer,
  file: File,
  inspected: Inspected,
  books: OrderBooks | null
) {
  const db: Database = new (await initSqlJs()).Database();
  db.run(CATALOG_SQL);
  const mapping = { kind: inspected.kind, columns: inspected.guesses, date1904: false };
  const run = await timed(() =>
    importer(
      db,
      file,
      inspected,
      mapping,
      { mode: 'add', name: 'ob' },
      () => {},
      () => false,
      null,
      books as never
    )
  );
  return { db, d: run.value as DatasetInfo, wall: run.wall, cpu: run.cpu };
}

export async function measure(o: { file: string; repeat: number; sql: boolean; before: boolean }) {
  const file = new File([readFileSync(o.file)], path.basename(o.file));
  const inspected = await inspectFile(file);
  const importers: [string, Importer][] = [['after', importFile]];
  if (o.before) {
    const old = (await import('$lib/worker/import-before')) as { importFile: Importer };
    importers.unshift(['before', old.importFile]);
  }
  const runs = new Map(
    importers.map(([name]) => [name, { wall: [] as number[], cpu: [] as number[] }])
  );
  let kept: { db: Database; d: DatasetInfo; books: OrderBooks } | null = null;
  // Interleaved: before, after, before, after … so the machine's load falls on both alike.
  for (let i = 0; i < o.repeat; i++) {
    for (const [name, importer] of importers) {
      // The last run's database goes before the next import (its book is small beside it).
      kept?.db.close();
      gc();
      const books = new OrderBooks();
      const r = await importWith(importer, file, inspected, books);
      runs.get(name)!.wall.push(r.wall);
      runs.get(name)!.cpu.push(r.cpu);
      console.log(
        `import ${name} run ${i + 1}: wall ${r.wall.toFixed(0)} ms, cpu ${r.cpu.toFixed(0)} ms`
      );
      kept = { db: r.db, d: r.d, books };
    }
  }
  for (const [name, r] of runs)
    console.log(`import ${name}: wall ${fmt(r.wall)}; cpu ${fmt(r.cpu)}`);
  const { db, d, books } = kept!;
  console.log(`report: ${d.report.customers} customers, ${d.report.orders} orders`);
  const asOf = d.defaultAsOf as string;
  const earlier = daysBefore(asOf, 90);
  console.log(`as-of ${asOf}, earlier ${earlier}`);

  // The import's book: its first base also finishes it (sorts customers, name change points).
  const first = await timed(() => books.of(db, d).customerBase(asOf));
  console.log(
    `book base at ${asOf} (first, finishing the book): ${first.value.length} customers, wall ${first.wall.toFixed(0)} ms, cpu ${first.cpu.toFixed(0)} ms`
  );
  for (const at of [asOf, earlier]) {
    const xs: number[] = [];
    const cpu: number[] = [];
    let n = 0;
    for (let i = 0; i < Math.max(7, o.repeat); i++) {
      const r = await timed(() => books.of(db, d).customerBase(at));
      xs.push(r.wall);
      cpu.push(r.cpu);
      n = r.value.length;
    }
    console.log(`book base at ${at}: ${n} customers, wall ${fmt(xs)}; cpu ${fmt(cpu)}`);
  }

  // A book read back from the table (restored workspace, filtered copy), and its memory.
  const h0 = heapMb();
  const a0 = process.memoryUsage().arrayBuffers / 2 ** 20;
  const read = await timed(() => readOrderBook(db, d.table, d.hasOrderId));
  console.log(`book read from the table: cpu ${read.cpu.toFixed(0)} ms`);
  const h1 = heapMb();
  const a1 = process.memoryUsage().arrayBuffers / 2 ** 20;
  console.log(
    `book read from the table: ${read.wall.toFixed(0)} ms; its typed arrays ${(read.value.arrayBytes / 2 ** 20).toFixed(1)} MB; ` +
      `heap +${(h1 - h0).toFixed(1)} MB, array buffers +${(a1 - a0).toFixed(1)} MB (${read.value.orders} orders, ${read.value.customers} customers)`
  );

  statistics(db, d, Math.max(5, o.repeat));

  const t = await timed(() => createIndexes(db, d));
  console.log(`indexes: ${t.wall.toFixed(0)} ms`);
  if (o.sql) {
    for (const at of [asOf, earlier]) {
      const xs: number[] = [];
      const cpu: number[] = [];
      let n = 0;
      for (let i = 0; i < o.repeat; i++) {
        const r = await timed(() => loadCustomerBase(db, d, at));
        xs.push(r.wall);
        cpu.push(r.cpu);
        n = r.value.length;
      }
      console.log(`SQL base at ${at}: ${n} customers, wall ${fmt(xs)}; cpu ${fmt(cpu)}`);
    }
  }
}

/**
 * The import's per-row statistics alone, on the table's rows held in memory: the earlier Sets of
 * customers and `customer\u0001order` keys against feeding the order book.
 */
function statistics(db: Database, d: DatasetInfo, repeat: number) {
  const cust: string[] = [];
  const order: (string | null)[] = [];
  const date: string[] = [];
  const amount: number[] = [];
  const name: (string | null)[] = [];
  const qty: (number | null)[] = [];
  const q = {
    sql: `SELECT customer_id, order_id, order_date, amount, customer_name, quantity FROM "${d.table}" ORDER BY row_no`,
    params: []
  };
  forEachRow(db, q, (r) => {
    cust.push(String(r[0]));
    order.push(r[1] === null ? null : String(r[1]));
    date.push(String(r[2]));
    amount.push(Number(r[3]));
    name.push(r[4] === null ? null : String(r[4]));
    qty.push(r[5] === null ? null : Number(r[5]));
  });
  const n = cust.length;
  const sets = () => {
    const customers = new Set<string>();
    const orders = new Set<string>();
    let orderCount = 0;
    let lastCustomer = '';
    let lastOrder = '';
    for (let i = 0; i < n; i++) {
      const customer = cust[i];
      customers.add(customer);
      const a = amount[i];
      const qn = qty[i];
      if (a < 0 || (qn !== null && qn <= 0)) continue;
      if (a > 0) {
        const o = order[i];
        if (o === null) orderCount++;
        else if (customer !== lastCustomer || o !== lastOrder) {
          orders.add(`${customer}\u0001${o}`);
          lastCustomer = customer;
          lastOrder = o;
        }
      }
    }
    return orders.size + orderCount + customers.size;
  };
  const book = () => {
    const b = new OrderBook();
    for (let i = 0; i < n; i++) {
      const a = amount[i];
      const qn = qty[i];
      const isReturn = a < 0 || (qn !== null && qn <= 0);
      b.add(cust[i], order[i], date[i], a, name[i], i + 2, !isReturn && a > 0);
    }
    return b.saleOrders + b.customers;
  };
  const runs = { sets: [] as number[], book: [] as number[] };
  for (let i = 0; i < repeat; i++) {
    for (const [k, fn] of [
      ['sets', sets],
      ['book', book]
    ] as const) {
      gc();
      const c0 = process.cpuUsage();
      fn();
      const c = process.cpuUsage(c0);
      runs[k].push((c.user + c.system) / 1000);
    }
  }
  console.log(`per-row statistics, earlier Sets: cpu ${fmt(runs.sets)}`);
  console.log(`per-row statistics, order book: cpu ${fmt(runs.book)}`);
}
