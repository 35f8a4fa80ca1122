// A large orders file read in two halves at once must give exactly what one pass gives: the same
// report (counts, first rejected rows, totals, dates), the same rejected rows in the raw sheet, the
// same customer base from the order book and the same table once filled. The cut must fall at a
// record's start no quote can hide.
import { createRequire } from 'node:module';
import initSqlJs, { type Database } from 'sql.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { beginImport } from '../../../src/lib/worker/import';
import { CATALOG_SQL } from '../../../src/lib/worker/schema';
import { OrderBooks } from '../../../src/lib/worker/order-books';
import { CutInQuotes, FIRST_SHARE, findSplit, splitHere } from '../../../src/lib/worker/split-file';
import { Session } from '../../../src/lib/worker/session';
import { inspectFile, type Inspected } from '../../../src/lib/ingest/inspect';
import type { ColumnMapping } from '../../../src/lib/ingest/types';
import type { DatasetInfo } from '../../../src/lib/db/protocol';

vi.mock('sql.js/dist/sql-wasm-browser.wasm?url', () => ({
  default: createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm')
}));
beforeAll(() => vi.stubGlobal('self', { postMessage: () => {} }));
afterAll(() => vi.unstubAllGlobals());

let db: Database;
beforeEach(async () => {
  const SQL = await initSqlJs();
  db = new SQL.Database();
  db.run(CATALOG_SQL);
});

/**
 * An orders file whose halves share customers and order ids: order O7 of C7 has lines on both
 * sides of the middle and on two days; X1 belongs to C1 before the middle and to C2 after it;
 * names change on either side; bad rows and blank lines sit in both halves.
 */
function ordersText(newline = '\n'): string {
  const lines = ['Order ID,Customer ID,Customer Name,Order Date,Sales,Quantity'];
  for (let i = 0; i < 400; i++) {
    const c = `C${i % 13}`;
    const day = `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const name = i < 250 ? `Name ${c}` : `Renamed ${c}`;
    if (i % 50 === 10) lines.push(`B${i},${c},${name},not a date,5,1`);
    else if (i % 50 === 20) lines.push('');
    else if (i % 97 === 3)
      lines.push(`O7,C7,${name},${i < 200 ? '2024-03-03' : '2024-05-05'},${i}.25,1`);
    else if (i === 101) lines.push(`X1,C1,${name},2024-02-02,10,1`);
    else if (i === 300) lines.push(`X1,C2,${name},2024-02-02,11,1`);
    else lines.push(`S${i % 150},${c},${name},${day},${(i * 37.13) % 900},${i % 9 === 0 ? -1 : 2}`);
  }
  return lines.join(newline) + newline;
}

async function inspected(
  text: string
): Promise<{ file: File; x: Inspected; mapping: ColumnMapping }> {
  const file = new File([text], 'orders.csv', { type: 'text/csv' });
  const x = await inspectFile(file);
  return { file, x, mapping: { kind: 'transactions', columns: x.guesses, date1904: false } };
}

/** Imports `file` (cut at `at`, or whole) and returns its catalog entry, raw sheet and book. */
async function load(file: File, x: Inspected, mapping: ColumnMapping, at: number | null) {
  const books = new OrderBooks();
  const { info, fill } = await beginImport(
    db,
    file,
    x,
    mapping,
    { mode: 'add', name: 'orders' },
    () => {},
    () => false,
    null,
    books,
    at === null ? null : splitHere(file, x, mapping, at)
  );
  await fill?.();
  const rejected = db.exec(
    `SELECT row_no, reject_reason, cells FROM "${info.rawTable}" ORDER BY row_no`
  );
  const rows = db.exec(`SELECT * FROM "${info.table}" ORDER BY row_no`);
  const book = books.of(db, info);
  return { info, rejected, rows, base: book.customerBase(info.defaultAsOf!) };
}

const comparable = (d: DatasetInfo) => {
  const { id: _id, table: _t, rawTable: _r, importedAt: _i, report, ...rest } = d;
  const { datasetId: _d, elapsedMs: _e, ...facts } = report;
  return { ...rest, report: facts };
};

describe('findSplit', () => {
  it('cuts after the first newline a little past the middle; small files stay whole', async () => {
    for (const newline of ['\n', '\r\n']) {
      const text = ordersText(newline);
      const { file, x } = await inspected(text);
      expect(await findSplit(file, x)).toBeNull(); // small: read whole
      const at = (await findSplit(file, x, 100))!;
      expect(at).toBeGreaterThanOrEqual(text.length * FIRST_SHARE);
      expect(text.slice(at - newline.length, at)).toBe(newline);
      expect(text.slice(Math.floor(text.length * FIRST_SHARE), at - newline.length)).not.toContain(
        '\n'
      );
    }
  });
});

describe('an orders file read in two halves', () => {
  it('gives the report, rejected rows, customer base and table one pass gives', async () => {
    const text = ordersText('\r\n');
    const { file, x, mapping } = await inspected(text);
    const at = (await findSplit(file, x, 100))!;
    expect(at).not.toBeNull();
    const whole = await load(file, x, mapping, null);
    const halves = await load(file, x, mapping, at);
    expect(whole.info.report.rowsRejected).toBeGreaterThan(4);
    expect(comparable(halves.info)).toEqual(comparable(whole.info));
    expect(halves.rejected).toEqual(whole.rejected);
    expect(halves.rows).toEqual(whole.rows);
    expect(halves.base).toEqual(whole.base);
    // The cut falls where it tests the joining: O7 (C7) and X1 (C1, then C2) on both sides of it,
    // a rejected row and a name change in each half.
    for (const part of [text.slice(0, at), text.slice(at)]) {
      expect(part).toContain('O7,C7');
      expect(part).toContain('not a date');
    }
    expect(text.slice(0, at)).toContain('X1,C1');
    expect(text.slice(at)).toContain('X1,C2');
    expect(text.slice(at)).toContain('Renamed');
  });
  it('joins rows without order ids (each its own order) as one pass does', async () => {
    const text = ordersText()
      .split('\n')
      .map((line) => line.slice(line.indexOf(',') + 1))
      .join('\n');
    const { file, x, mapping } = await inspected(text);
    expect(mapping.columns.some((c) => c.role === 'order_id')).toBe(false);
    const at = (await findSplit(file, x, 100))!;
    const whole = await load(file, x, mapping, null);
    const halves = await load(file, x, mapping, at);
    expect(comparable(halves.info)).toEqual(comparable(whole.info));
    expect(halves.base).toEqual(whole.base);
  });
});

describe('a cut that falls in a quoted field', () => {
  it('is found by the first half, and the session reads the file whole', async () => {
    // Every name is quoted and spans lines: the newline after the middle is inside one.
    const lines = ['Order ID,Customer ID,Customer Name,Order Date,Sales'];
    const long = Array.from({ length: 30 }, (_, k) => `l${k}`).join('\n');
    for (let i = 0, size = 0; size < 4.3 * 2 ** 20; i++) {
      const line = `S${i},C${i % 17},"Name ${i % 17}, ${long}",2024-0${1 + (i % 9)}-1${i % 10},${i % 50}`;
      lines.push(line);
      size += line.length + 1;
    }
    const text = lines.join('\n') + '\n';
    const { file, x, mapping } = await inspected(text);
    const at = (await findSplit(file, x))!;
    expect(text.slice(0, at).split('"').length % 2).toBe(0); // an odd number of quotes before it
    await expect(load(file, x, mapping, at)).rejects.toBeInstanceOf(CutInQuotes);

    const whole = await load(file, x, mapping, null);
    const session = new Session();
    const inspection = await session.inspect(file, {});
    const viaSession = await session.importPending(
      {
        mapping: { kind: inspection.kind, columns: inspection.guesses, date1904: false },
        target: { mode: 'add', name: 'orders' },
        currency: null
      },
      () => {}
    );
    await session.loaded();
    expect(comparable(viaSession)).toEqual(comparable(whole.info));
    expect(whole.info.rows).toBe(lines.length - 1);
    await session.snapshot();
  }, 30_000); // a 4.3 MB file, imported three times

  it('is no cut when the quotes close before it: quoted files are read in halves too', async () => {
    const text = ordersText().replace(/Name (C\d+)/g, '"Name, $1"');
    const { file, x, mapping } = await inspected(text);
    const at = (await findSplit(file, x, 100))!;
    const whole = await load(file, x, mapping, null);
    const halves = await load(file, x, mapping, at);
    expect(comparable(halves.info)).toEqual(comparable(whole.info));
    expect(halves.base).toEqual(whole.base);
    expect(halves.base.find((c) => c.customerId === 'C3')?.customerName).toBe('Name, C3');
  });
});
