// The work behind the report (indexes, the raw sheet of original cells) on real sql.js: imports
// that follow one another, as "Try the sample" does, each leave a complete raw sheet; a dataset
// deleted or replaced before its turn is skipped.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Session } from '../../../src/lib/worker/session';
import { pageRequests } from '../../../src/lib/worker/quiet';
import { AppError } from '../../../src/lib/db/errors';
import type { RfmKey, RfmScoring } from '../../../src/lib/db/protocol';
import { DEFAULT_SEGMENT_RULES } from '../../../src/lib/analysis/segments';
import { RfmService } from '../../../src/lib/worker/rfm-service';

vi.mock('sql.js/dist/sql-wasm-browser.wasm?url', () => ({
  default: createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm')
}));

const events: unknown[] = [];
beforeAll(() => {
  vi.stubGlobal('self', { postMessage: (m: { payload: unknown }) => events.push(m.payload) });
});
afterAll(() => vi.unstubAllGlobals());

/** A small orders file; `tag` keeps each file's ids apart. */
function orders(tag: string, rows: number): File {
  const lines = ['Customer ID,Order ID,Order Date,Amount'];
  for (let i = 0; i < rows; i++)
    lines.push(`${tag}${i % 7},${tag}-o${i},2024-0${1 + (i % 9)}-1${i % 10},${10 + i}`);
  return new File([lines.join('\n')], `${tag}.csv`);
}

async function importInto(
  session: Session,
  file: File,
  mode: 'add' | 'replace' = 'add',
  heatmap: RfmScoring | null = null
) {
  const inspection = await session.inspect(file, {});
  return session.importPending(
    {
      mapping: { kind: inspection.kind, columns: inspection.guesses, date1904: false },
      target: { mode, name: file.name },
      currency: null,
      heatmap
    },
    () => {}
  );
}

/** Each dataset's raw sheet: complete, and how many accepted rows its blocks hold. */
async function rawSheets(session: Session) {
  const db = await session.db();
  return (await session.datasets()).map((d) => {
    const blocks = db.exec(`SELECT raw_blocks FROM datasets WHERE id = ${d.id}`)[0].values[0][0];
    const rows = blocks
      ? Number(db.exec(`SELECT COALESCE(SUM(row_count), 0) FROM "${blocks}"`)[0].values[0][0])
      : 0;
    return { name: d.name, complete: d.rawComplete, rows };
  });
}

describe('background work after imports', () => {
  it('completes the raw sheet of every file imported back to back', async () => {
    const session = new Session();
    // No await between them: each import stops the job the previous one started.
    const files = [orders('a', 40), orders('b', 25), orders('c', 10)];
    for (const f of files) await importInto(session, f);
    await session.snapshot(); // waits for the background work, hurried
    expect(await rawSheets(session)).toEqual([
      { name: 'a.csv', complete: true, rows: 40 },
      { name: 'b.csv', complete: true, rows: 25 },
      { name: 'c.csv', complete: true, rows: 10 }
    ]);
    // The page hears of each completed sheet.
    expect(events.filter((e) => (e as { event: string }).event === 'datasets-changed').length).toBe(
      3
    );
  });

  it('skips a dataset deleted or replaced before its turn', async () => {
    const session = new Session();
    const a = await importInto(session, orders('a', 30));
    await importInto(session, orders('b', 20));
    await session.deleteDataset(a.id);
    // Orders replace orders: b goes, d stays.
    await importInto(session, orders('d', 12), 'replace');
    await session.snapshot();
    expect(await rawSheets(session)).toEqual([{ name: 'd.csv', complete: true, rows: 12 }]);
  });
});

/** The names of the indexes on `table`. */
async function indexesOf(session: Session, table: string): Promise<string[]> {
  return (await session.db())
    .exec(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '${table}'`)
    .flatMap((r) => r.values.map((v) => String(v[0])));
}

describe('indexes after an import', () => {
  it('are made within moments even while the page keeps the worker busy', async () => {
    const session = new Session();
    // A view's request that never ends: no quiet moment comes.
    const answered = pageRequests.begin();
    try {
      const d = await importInto(session, orders('i', 30));
      const indexes = () => indexesOf(session, d.table);
      expect(await indexes()).toEqual([]); // not before the import is answered
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(await indexes()).toEqual([`${d.table}_cust_date`]);
    } finally {
      answered();
      await session.snapshot();
    }
  });

  it('are made before a query that needs them, not before the heatmap', async () => {
    const session = new Session();
    const answered = pageRequests.begin();
    try {
      const d = await importInto(session, orders('q', 30));
      const indexes = async () => (await indexesOf(session, d.table)).length;
      await session.dataset(d.id, null, { isBookOnly: true }); // the heatmap: the order book
      expect(await indexes()).toBe(0);
      await session.dataset(d.id); // any other view's query
      expect(await indexes()).toBe(1);
    } finally {
      answered();
      await session.snapshot();
    }
  });
});

const rfmKey = (datasetId: number, asOf: string): RfmKey => ({
  datasetId,
  asOf,
  scoring: { bins: 5, method: 'ranked' },
  rules: [...DEFAULT_SEGMENT_RULES],
  quadrantSplit: 'median',
  filter: null
});

/** How many rows `table` holds now. */
async function rowCount(session: Session, table: string): Promise<number> {
  return Number((await session.db()).exec(`SELECT COUNT(*) FROM "${table}"`)[0].values[0][0]);
}

describe('an orders table filled after its report', () => {
  it('answers the report first; the book answers at once, SQL once every row is in', async () => {
    const session = new Session();
    const d = await importInto(session, orders('f', 5_000));
    expect(d.rows).toBe(5_000);
    // The report is in, the rows are still coming.
    expect(await rowCount(session, d.table)).toBe(0);
    const book = await session.dataset(d.id, null, { isBookOnly: true });
    expect(book.a.rfm.summary(book.d, rfmKey(d.id, d.defaultAsOf!)).kpis.customers).toBe(7);
    expect(await rowCount(session, d.table)).toBe(0);
    // Any query that reads the table waits for the fill.
    await session.dataset(d.id);
    expect(await rowCount(session, d.table)).toBe(5_000);
    await session.snapshot();
  });

  it('makes the heatmap customer base while the page takes in the report', async () => {
    const session = new Session();
    const made = vi.spyOn(RfmService.prototype, 'customerBase');
    try {
      const d = await importInto(session, orders('p', 3_000));
      await vi.waitFor(() => expect(made).toHaveBeenCalledTimes(1));
      expect(made.mock.calls[0][0].id).toBe(d.id);
      expect(made.mock.calls[0][1]).toBe(d.defaultAsOf);
      // The heatmap's request finds it made: the same rows, not made again.
      const book = await session.dataset(d.id, null, { isBookOnly: true });
      expect(book.a.rfm.customerBase(book.d, d.defaultAsOf!)).toBe(made.mock.results[0].value);
    } finally {
      made.mockRestore();
      await session.snapshot();
    }
  });

  it('given the page\u2019s scoring, scores the new orders before the heatmap asks', async () => {
    const session = new Session();
    const scored = vi.spyOn(
      RfmService.prototype as unknown as { scoredOf: (...args: unknown[]) => unknown },
      'scoredOf'
    );
    try {
      const { scoring, rules, quadrantSplit } = rfmKey(0, '');
      const d = await importInto(session, orders('s', 3_000), 'add', {
        scoring,
        rules,
        quadrantSplit
      });
      await vi.waitFor(() => expect(scored).toHaveBeenCalledTimes(1));
      // The heatmap's request (the same settings) finds the scores made, not made again.
      const book = await session.dataset(d.id, null, { isBookOnly: true });
      const summary = book.a.rfm.summary(book.d, rfmKey(d.id, d.defaultAsOf!));
      expect(scored).toHaveBeenCalledTimes(2);
      expect(scored.mock.results[1].value).toBe(scored.mock.results[0].value);
      expect(summary.kpis.customers).toBe(7);
      // Other settings score anew.
      const four = { ...rfmKey(d.id, d.defaultAsOf!), scoring: { bins: 4, method: 'ranked' } };
      book.a.rfm.summary(book.d, four as RfmKey);
      expect(scored.mock.results[2].value).not.toBe(scored.mock.results[0].value);
    } finally {
      scored.mockRestore();
      await session.snapshot();
    }
  });

  it('fails, keeping nothing, when the file gives other rows the second time', async () => {
    const session = new Session();
    const kept = await importInto(session, orders('k', 10));
    const file = orders('g', 50);
    const other = orders('h', 49);
    const inspection = await session.inspect(file, {});
    let reads = 0;
    // The first read is the report's pass; the second, filling the table, meets another file.
    file.stream = () => (reads++ === 0 ? new Blob([file]) : other).stream();
    const failures: [unknown, string][] = [];
    session.onImportFailed = (err, name) => failures.push([err, name]);
    const d = await session.importPending(
      {
        mapping: { kind: inspection.kind, columns: inspection.guesses, date1904: false },
        target: { mode: 'add', name: file.name },
        currency: null
      },
      () => {}
    );
    expect(d.rows).toBe(50);
    await session.loaded();
    expect(failures.map(([e, name]) => [(e as AppError).code, name])).toEqual([
      ['file_changed', 'g.csv']
    ]);
    expect((await session.datasets()).map((x) => x.id)).toEqual([kept.id]);
    const tables = (await session.db()).exec(
      `SELECT name FROM sqlite_master WHERE name LIKE '%${d.id}%' AND type = 'table'`
    );
    expect(tables).toEqual([]);
    await session.snapshot();
  });
});
