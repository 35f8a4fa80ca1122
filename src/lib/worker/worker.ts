// The database worker: owns sql.js, runs imports and queries, answers typed requests.
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { inspectFile, IngestError, type Inspected } from '$lib/ingest/inspect';
import { clipPreview } from '$lib/ingest/preview';
import { toCsv } from '$lib/export/csv';
import { lifecycleName } from '$lib/export/customers';
import { lifecycleStage } from '$lib/analysis/lifecycle';
import { CATALOG_SQL } from './schema';
import { dropDataset, readDatasets, RowPager } from './catalog';
import { RfmService } from './rfm-service';
import { ClvService } from './clv-service';
import { churnList, exportChurnList } from './churn-service';
import { MigrationService } from './migration-service';
import { TimeService } from './time-service';
import { createIndexes, fillRawSheet, importFile, ImportCancelled, rejectedRows } from './import';
import { emptyDb, Persistence } from './persistence';
import type {
  Api,
  AppErrorData,
  ChurnKind,
  DatasetInfo,
  Inspection,
  Progress,
  Request,
  Response,
  WorkerRequests
} from '$lib/db/protocol';

let sqlPromise: Promise<SqlJsStatic> | null = null;
/** sql.js loads only the app's own wasm file, nothing else is fetched. */
function loadSql(): Promise<SqlJsStatic> {
  sqlPromise ??= initSqlJs({ locateFile: () => wasmUrl });
  return sqlPromise;
}

let dbPromise: Promise<Database> | null = null;
/** The database (an empty one until a saved workspace is restored into it). */
function openDb(): Promise<Database> {
  dbPromise ??= loadSql().then((SQL) => {
    const db = emptyDb(SQL);
    db.run(CATALOG_SQL);
    return db;
  });
  return dbPromise;
}

let pending: { file: File; inspected: Inspected } | null = null;
/** The import running now, if any: snapshots and saves wait for it (its prepared statements must survive; no export then). */
let importing: Promise<unknown> | null = null;
let cancelled = false;
/** Imports and workspace changes (restore, create, switch, delete, open .sqlite) run one at a time:
 * a workspace change replaces the database, and an import running across it would be lost. */
let exclusiveTail: Promise<unknown> = Promise.resolve();
function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const run = exclusiveTail.then(task);
  exclusiveTail = run.catch(() => {});
  return run;
}
let pager: RowPager | null = null;
let rfm: RfmService | null = null;
let clv: ClvService | null = null;
let migration: MigrationService | null = null;
let time: TimeService | null = null;

/** Forgets every session bound to the database (after it was replaced or reopened by an export). */
function resetSessions() {
  pager = null;
  rfm = null;
  clv = null;
  migration = null;
  time = null;
}

const persistence = new Persistence({
  sql: loadSql,
  db: openDb,
  replaceDb(db) {
    void dbPromise?.then((old) => old !== db && old.close());
    dbPromise = Promise.resolve(db);
    // A file waiting in the mapping step stays valid: it is imported into the open workspace.
    resetSessions();
  },
  async idle() {
    while (importing || rawFill) await (rawFill?.done ?? new Promise((r) => setTimeout(r, 200)));
  },
  // The temp table of the row pager is gone; analyses re-read the (unchanged) tables.
  afterExport: () => pager?.reset(),
  emit: (save) => post({ id: 0, type: 'event', payload: { event: 'save', save } }),
  emitList: (workspaces) =>
    post({ id: 0, type: 'event', payload: { event: 'workspaces', workspaces } }),
  exclusive
});

/** The dataset a request names, or a translated error. */
function datasetOf(db: Database, id: number): DatasetInfo {
  const d = readDatasets(db).find((x) => x.id === id);
  if (!d) throw new IngestError('no_dataset');
  return d;
}

/** The RFM session, checked to belong to `datasetId`. */
async function rfmFor(datasetId: number) {
  const db = await openDb();
  const d = datasetOf(db, datasetId);
  rfm ??= new RfmService(db);
  return { d, rfm };
}

/** The lifetime-value session and the dataset a request names. */
async function clvFor(datasetId: number) {
  const db = await openDb();
  const d = datasetOf(db, datasetId);
  clv ??= new ClvService(db);
  return { db, d, clv };
}

/** A churn list of a dataset, joined with its current RFM analysis. */
async function churnOf(datasetId: number, kind: ChurnKind) {
  const { db, d, clv } = await clvFor(datasetId);
  const current = rfm?.current(d);
  if (!current) throw new IngestError('rfm_not_ready');
  const context = {
    asOf: current.asOf,
    rules: current.settings.rules,
    customers: current.result.scored
  };
  return { list: churnList(db, d, kind, context, clv.fitted(d.id)), rules: context.rules };
}

/** The background job completing the latest import's raw sheet, if one is running. */
let rawFill: { stop: boolean; done: Promise<unknown> } | null = null;

/** After the report: indexes first (queries want them), then the raw sheet, chunk by chunk. */
function startBackgroundWork(db: Database, file: File, inspected: Inspected, info: DatasetInfo) {
  const job = { stop: false, done: Promise.resolve() as Promise<unknown> };
  job.done = new Promise((resolve) => setTimeout(resolve, 0))
    .then(() => createIndexes(db, info))
    .then(() => fillRawSheet(db, file, inspected, info.rawTable, () => job.stop))
    .then((complete) => {
      if (complete) post({ id: 0, type: 'event', payload: { event: 'datasets-changed' } });
    })
    .catch((err) => {
      // A failed copy of the original cells leaves the dataset usable; the catalog says so.
      console.warn('raw sheet incomplete', err);
    })
    .finally(() => {
      if (rawFill === job) rawFill = null;
      persistence.changed();
    });
  rawFill = job;
}

/** Stops the raw-sheet job (imports and deletions must not interleave with its writes). */
async function stopRawFill() {
  if (!rawFill) return;
  rawFill.stop = true;
  await rawFill.done;
  rawFill = null;
}

function post(message: Response) {
  self.postMessage(message);
}

/** Stable short key of a header set, to remember mappings per file layout. */
function headerKey(headers: string[]): string {
  let h = 0x811c9dc5;
  const text = headers.map((x) => x.toLowerCase()).join('\u001f');
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36) + ':' + headers.length;
}

function toInspection(file: File, x: Inspected): Inspection {
  return {
    fileName: file.name,
    fileBytes: file.size,
    format: x.format,
    encoding: x.encoding,
    encodingReason: x.encodingReason,
    delimiter: x.delimiter,
    sheets: x.sheets,
    sheet: x.sheet,
    headerRow: x.headerRow,
    headers: x.headers,
    preview: clipPreview(x.sample),
    sampledRows: x.sample.length,
    guesses: x.guesses,
    kind: x.kind,
    confident: x.confident,
    headerKey: headerKey(x.headers),
    date1904: x.date1904
  };
}

/** Imports the file waiting in the mapping step into the open workspace. */
async function importPending(args: Api['import']['args'], onProgress: (p: Progress) => void) {
  if (!pending) throw new IngestError('no_file');
  const { file, inspected } = pending;
  const db = await openDb();
  await stopRawFill();
  const run = importFile(
    db,
    file,
    inspected,
    args.mapping,
    args.target,
    onProgress,
    () => cancelled
  );
  importing = run;
  const info = await run.finally(() => (importing = null));
  pager?.reset();
  rfm?.reset();
  clv?.reset();
  migration?.reset();
  time?.reset();
  startBackgroundWork(db, file, inspected, info);
  return info;
}

async function handle<K extends keyof Api>(
  req: Extract<Request, { type: K }>,
  onProgress: (p: Progress) => void
): Promise<Api[K]['result']>;
async function handle(req: Request, onProgress: (p: Progress) => void): Promise<unknown> {
  switch (req.type) {
    case 'inspect': {
      const inspected = await inspectFile(req.args.file, req.args.options);
      pending = { file: req.args.file, inspected };
      return toInspection(req.args.file, inspected);
    }
    case 'import':
      // Reset on arrival, so a Cancel pressed while it waits for a workspace change counts.
      cancelled = false;
      return exclusive(() => {
        persistence.assertWritable();
        return importPending(req.args, onProgress);
      });
    case 'cancel':
      cancelled = true;
      return null;
    case 'datasets':
      return readDatasets(await openDb());
    case 'deleteDataset': {
      persistence.assertWritable();
      const db = await openDb();
      await stopRawFill();
      const d = readDatasets(db).find((x) => x.id === req.args.datasetId);
      if (d) dropDataset(db, d);
      persistence.changed();
      pager?.reset();
      rfm?.reset();
      clv?.reset();
      migration?.reset();
      time?.reset();
      return null;
    }
    case 'rows': {
      const db = await openDb();
      const d = readDatasets(db).find((x) => x.id === req.args.datasetId);
      if (!d) throw new IngestError('no_dataset');
      pager ??= new RowPager(db);
      return pager.page(d, req.args, req.args.offset, req.args.limit);
    }
    case 'rejectedCsv': {
      const db = await openDb();
      const d = readDatasets(db).find((x) => x.id === req.args.datasetId);
      if (!d) throw new IngestError('no_dataset');
      const headers = JSON.parse(
        db.exec('SELECT raw_headers_json FROM datasets WHERE id = ?', [d.id])[0]
          .values[0][0] as string
      ) as string[];
      const rows = rejectedRows(db, d.rawTable);
      const csv = toCsv(['row', 'reason', ...headers], rows);
      return new Blob([csv], { type: 'text/csv;charset=utf-8' });
    }
    case 'rfm.summary': {
      const { d, rfm } = await rfmFor(req.args.datasetId);
      return rfm.summary(d, req.args.settings);
    }
    case 'rfm.points':
      return (await rfmFor(req.args.datasetId)).rfm.points();
    case 'rfm.customers': {
      const { filter, sort, offset, limit } = req.args;
      const { d, rfm } = await rfmFor(req.args.datasetId);
      return rfm.customers(d, filter, sort, offset, limit);
    }
    case 'rfm.customer': {
      const { d, rfm } = await rfmFor(req.args.datasetId);
      return rfm.customer(d, req.args.customerId);
    }
    case 'rfm.breakdown': {
      const { d, rfm } = await rfmFor(req.args.datasetId);
      return rfm.breakdown(d, req.args.dimIndex);
    }
    case 'rfm.export': {
      const { d, rfm } = await rfmFor(req.args.datasetId);
      const { filter, sort, format, locale, lifecycle } = req.args;
      const asOf = rfm.current(d)?.asOf ?? '';
      return rfm.exportCustomers(d, filter, sort, format, locale, {
        clv: clv?.exportValues(d.id),
        lifecycle: (c) => lifecycleName(lifecycleStage(c, lifecycle, asOf), locale)
      });
    }
    case 'clv.fit': {
      const { d, clv } = await clvFor(req.args.datasetId);
      return clv.fit(d, req.args, onProgress);
    }
    case 'clv.last':
      return (await clvFor(req.args.datasetId)).clv.summaryOf(req.args.datasetId);
    case 'churn.list':
      return (await churnOf(req.args.datasetId, req.args.kind)).list;
    case 'churn.export': {
      const { list, rules } = await churnOf(req.args.datasetId, req.args.kind);
      return exportChurnList(list, rules, req.args.format, req.args.locale);
    }
    case 'migration.flows':
    case 'migration.customers': {
      const db = await openDb();
      const d = datasetOf(db, req.args.datasetId);
      migration ??= new MigrationService(db);
      const { settings, asOfA, asOfB, grouping } = req.args;
      return req.type === 'migration.flows'
        ? migration.flows(d, settings, asOfA, asOfB, grouping)
        : migration.customers(d, settings, asOfA, asOfB, grouping, req.args.from, req.args.to);
    }
    case 'time.monthly':
    case 'time.lifecycle':
    case 'time.lifecycleCustomers': {
      const { d, rfm } = await rfmFor(req.args.datasetId);
      time ??= new TimeService(await openDb(), rfm);
      return time.handle(d, req);
    }
    case 'snapshot': {
      const db = await openDb();
      // export() closes and reopens the database: no import or raw-sheet copy may hold statements.
      while (importing) await importing.catch(() => {});
      await rawFill?.done;
      pager?.reset();
      return db.export();
    }
    case 'query': {
      const db = await openDb();
      const res = db.exec(req.args.sql, req.args.params ?? []);
      const last = res[res.length - 1];
      return {
        columns: last?.columns ?? [],
        rows: (last?.values ?? []) as (string | number | null)[][]
      };
    }
    case 'network.requests':
      return networkRequests();
    case 'ws.restore':
      return exclusive(() => persistence.restore(req.args.defaultName, req.args.id, req.args));
    case 'ws.take':
      return exclusive(() => persistence.take(req.args.defaultName, req.args.id));
    case 'ws.flush':
      await persistence.flush();
      return null;
    case 'ws.settings':
      await persistence.putSettings(req.args.json);
      return null;
    case 'ws.create':
      return exclusive(async () => {
        await stopRawFill();
        return persistence.create(req.args.name);
      });
    case 'ws.switch':
      return exclusive(() => persistence.switchTo(req.args.id));
    case 'ws.rename':
      return persistence.rename(req.args.id, req.args.name);
    case 'ws.delete':
      return exclusive(() => persistence.remove(req.args.id));
    case 'ws.stop':
      await stopRawFill();
      await persistence.stop();
      return null;
    case 'ws.export':
      return persistence.exportBytes();
    case 'sqlite.inspect':
      return persistence.inspectSqlite(req.args.file);
    case 'sqlite.table':
      return persistence.tableCsv(req.args.table);
    case 'sqlite.open':
      return exclusive(() => persistence.openForeign(req.args.name));
    case 'debug.crash':
      // An uncaught error outside any request: the page sees the worker's error event.
      setTimeout(() => {
        throw new Error('deliberate crash (debug hook)');
      });
      return null;
    case 'debug.hang':
      setTimeout(() => {
        const end = performance.now() + req.args.ms;
        while (performance.now() < end);
      });
      return null;
    case 'debug.oom': {
      // SQLite's own out-of-memory, as a huge import meets it: a 200 MB value under a 64 MB cap.
      const db = await openDb();
      db.exec('PRAGMA hard_heap_limit = 64000000');
      db.exec('SELECT length(randomblob(200000000))');
      return null;
    }
    default: {
      const never: never = req;
      throw new Error(`unknown request ${(never as Request).type}`);
    }
  }
}

/** The worker's resource timeline; loading the engine first makes it part of the app shell. */
async function networkRequests(): Promise<WorkerRequests> {
  await openDb();
  const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  const wasm = entries.find((e) => e.name.endsWith('.wasm'));
  return {
    engineReadyAt: performance.timeOrigin + (wasm?.responseEnd ?? performance.now()),
    requests: entries.map((e) => ({
      url: e.name,
      startedAt: performance.timeOrigin + e.startTime,
      isHandledByServiceWorker: e.workerStart > 0,
      isFromHttpCache: e.transferSize === 0 && e.decodedBodySize > 0
    }))
  };
}

/** Engine and SQLite wordings of a failed allocation (sql.js may be left broken after one). */
function isOutOfMemory(message: string): boolean {
  return /out of memory|allocation failed|Cannot enlarge memory|Aborted\(OOM\)/i.test(message);
}

function toError(err: unknown): AppErrorData {
  if (err instanceof IngestError) return { code: err.code, params: err.params };
  if (err instanceof ImportCancelled) return { code: 'cancelled' };
  if (err instanceof Error && err.name === 'InvalidCutsError') return { code: 'rfm_invalid_cuts' };
  if (err instanceof Error && err.name === 'ClvError') {
    const e = err as Error & { code: string; detail: Record<string, number> };
    return { code: `clv_${e.code}`, params: e.detail };
  }
  const message = err instanceof Error ? err.message : String(err);
  // Before RangeError: a failed allocation ("Array buffer allocation failed") is one too.
  if (isOutOfMemory(message)) return { code: 'out_of_memory' };
  if (err instanceof RangeError) return { code: 'rfm_bad_settings', params: { message } };
  return { code: 'internal', params: { message } };
}

self.onmessage = (event: MessageEvent<Request>) => {
  const req = event.data;
  // Cancel must be answered at once, even while an import is running.
  handle(req, (progress) => post({ id: req.id, type: 'progress', progress })).then(
    (result) => post({ id: req.id, type: 'result', result }),
    (err) => post({ id: req.id, type: 'error', error: toError(err) })
  );
};
