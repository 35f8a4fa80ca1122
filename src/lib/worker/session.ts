// What the database worker holds: the sql.js database, the file waiting in the mapping step, the
// import running now and its background work, the saved workspace, and one cache per analysis.
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { inspectFile, type Inspected } from '$lib/ingest/inspect';
import { clipPreview } from '$lib/ingest/preview';
import { detectFileCurrency, type Currency } from '$lib/ingest/currency';
import { toCsv } from '$lib/export/csv';
import { AppError } from '$lib/db/errors';
import type {
  DatasetInfo,
  ImportProgress,
  InspectOptions,
  Inspection,
  Api,
  RfmScoring,
  WorkerEvent
} from '$lib/db/protocol';
import { datasetById, dropDataset, readDatasets, RowPager, setDatasetCurrency } from './catalog';
import { REHEARSALS, RfmService } from './rfm-service';
import { ClvService } from './clv-service';
import { MigrationService } from './migration-service';
import { TimeService } from './time-service';
import { ScorecardService } from './scorecard-service';
import { OverviewService } from './overview-service';
import { SatisfactionService } from './satisfaction-service';
import { DecayService } from './decay-service';
import { TrendsService } from './trends-service';
import { TargetsService } from './targets-service';
import { RelationshipService } from './relationship-service';
import { ComplaintsService } from './complaints-service';
import { ProfitService } from './profit-service';
import { CallsService } from './calls-service';
import { RisksService } from './risks-service';
import { beginImport, createIndexes, fillRawSheet, rejectedRows } from './import';
import { OrderBooks } from './order-books';
import {
  CutInQuotes,
  findSplit,
  isSplittable,
  splitByWorker,
  splitHere,
  warmHelper
} from './split-file';
import { saveTargets } from './targets-store';
import { emptyDb, Persistence } from './persistence';
import { pageRequests } from './quiet';
import { selectValue, sql } from './sql-run';
import { postEvent } from './serve';
import {
  createFilterTableSql,
  filterDateColumn,
  filterTableName,
  isFilterActive,
  type DataFilter
} from '$lib/analysis/data-filter';
import { quoteIdent } from '$lib/analysis/sql-ident';

/** How long no awaited request must have run before background work takes the worker. */
const QUIET_MS = 400;

/** How long the page must have waited on no answer before a database save starts. */
const SAVE_QUIET_MS = 1000;
/** The longest the index build after an import waits for a quiet moment. */
const INDEX_WAIT_MS = 1500;

/** Work done behind the report; `hurry` when a request waits for it, `stop` to end it early. */
interface BackgroundJob {
  stop: boolean;
  hurry: boolean;
  done: Promise<unknown>;
}

/** Filtered copies kept at once (a filter, and the filter bar's choices under the others). */
const FILTERED_COPIES = 4;

/** The analyses' caches over one database; dropped whole when the data or the database changes. */
class Analyses {
  readonly rfm: RfmService;
  readonly clv: ClvService;
  readonly migration: MigrationService;
  readonly time: TimeService;
  readonly scorecard: ScorecardService;
  readonly overview: OverviewService;
  readonly satisfaction: SatisfactionService;
  readonly decay: DecayService;
  readonly trends: TrendsService;
  readonly pager: RowPager;
  readonly targets: TargetsService;
  readonly relationship: RelationshipService;
  readonly complaints: ComplaintsService;
  readonly profit: ProfitService;
  readonly calls: CallsService;
  readonly risks: RisksService;

  constructor(db: Database, books: OrderBooks) {
    this.rfm = new RfmService(db, books);
    this.clv = new ClvService(db);
    this.migration = new MigrationService(db, books);
    this.time = new TimeService(db, this.rfm);
    this.scorecard = new ScorecardService(db, this.rfm);
    this.overview = new OverviewService(db);
    this.satisfaction = new SatisfactionService(db, this.rfm);
    this.decay = new DecayService(db);
    this.trends = new TrendsService(db);
    this.pager = new RowPager(db);
    this.targets = new TargetsService(db, this.rfm);
    this.relationship = new RelationshipService(db);
    this.complaints = new ComplaintsService(db, this.rfm);
    this.profit = new ProfitService(db, this.rfm);
    this.calls = new CallsService(db, this.rfm);
    this.risks = new RisksService(db, this.rfm);
  }
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
    targetGuesses: x.targetGuesses,
    relatedGuesses: x.relatedGuesses,
    kind: x.kind,
    confident: x.confident,
    headerKey: headerKey(x.headers),
    date1904: x.date1904,
    sheetChoice: x.sheetChoice,
    currency: detectFileCurrency(x.guesses, x.sample)
  };
}

export class Session {
  #sql: Promise<SqlJsStatic> | null = null;
  #db: Promise<Database> | null = null;
  #analyses: { db: Database; caches: Analyses } | null = null;
  /** Each transactions table's order book; it outlives the caches (they go with every import). */
  #books = new OrderBooks();
  /** The file in the mapping step; it survives workspace changes (it is imported into the open one). */
  #pending: { file: File; inspected: Inspected } | null = null;
  /** The import running now: snapshots and saves wait for it (its statements must survive). */
  #importing: Promise<unknown> | null = null;
  #cancelled = false;
  /** The background job working through `#backgroundPending` (indexes, raw sheets), if one runs. */
  #background: BackgroundJob | null = null;
  /** Imports and workspace changes run one at a time: a workspace change replaces the database. */
  #exclusiveTail: Promise<unknown> = Promise.resolve();

  readonly persistence = new Persistence({
    sql: () => this.sql(),
    db: () => this.db(),
    replaceDb: (db) => {
      // The background work of the database going away ends (before its close: it checks first).
      if (this.#background) this.#background.stop = true;
      this.#backgroundPending = [];
      void this.#db?.then((old) => old !== db && old.close());
      this.#db = Promise.resolve(db);
      this.#analyses = null;
      // A restored database is checked for its indexes before its first query (an empty one
      // needs none: its imports make them).
      this.#indexed = readDatasets(db).length === 0 ? db : null;
    },
    idle: async () => {
      // Not the background work: its writes are short transactions, and a save must not wait for
      // a raw sheet that takes a minute at 5M rows (it saves again when that is complete). A save
      // holding the page's requests lets them go meanwhile (the sample's next file, a fill).
      if (!this.#importing) return;
      await pageRequests.unheld(async () => {
        while (this.#importing) await this.#importing.catch(() => {});
      });
    },
    settled: () => this.#settled(),
    quiet: (maxMs) => pageRequests.whenQuiet(SAVE_QUIET_MS, undefined, maxMs),
    hold: (task) => pageRequests.holding(task),
    emit: (save) => postEvent<WorkerEvent>({ event: 'save', save }),
    emitList: (workspaces) => postEvent<WorkerEvent>({ event: 'workspaces', workspaces }),
    exclusive: (task) => this.exclusive(task)
  });

  /** sql.js loads only the app's own wasm file; nothing else is fetched. */
  sql(): Promise<SqlJsStatic> {
    this.#sql ??= initSqlJs({ locateFile: () => wasmUrl });
    return this.#sql;
  }

  /** The database (an empty one until a saved workspace is restored into it). */
  db(): Promise<Database> {
    this.#db ??= this.sql().then((SQL) => (this.#indexed = emptyDb(SQL)));
    return this.#db;
  }

  /** The database whose datasets were checked for their indexes (see {@link analyses}). */
  #indexed: Database | null = null;

  /** The analyses' caches of the open database. */
  async analyses(): Promise<Analyses> {
    const db = await this.db();
    if (this.#indexed !== db) {
      // A database saved before its indexes were made (a tab closed right after an import) gets
      // them before its first query; on every other one this finds them there.
      for (const d of readDatasets(db)) createIndexes(db, d);
      this.#indexed = db;
    }
    if (this.#analyses?.db !== db) this.#analyses = { db, caches: new Analyses(db, this.#books) };
    return this.#analyses.caches;
  }

  /**
   * The dataset a request names, and the caches to answer it with. With an active `filter`, `d.table`
   * is a temporary table of the rows that pass it (made again when a save's export dropped it or
   * it was let go), so every query reads the filtered rows unchanged; caches key on `d.table`.
   */
  async dataset(
    id: number,
    filter: DataFilter | null = null,
    options: { isBookOnly?: boolean } = {}
  ): Promise<{ d: DatasetInfo; a: Analyses; db: Database }> {
    const db = await this.db();
    // SQL reads a table only once it is filled; the order book answers before.
    if (!options.isBookOnly || isFilterActive(filter)) await this.loaded();
    const d = datasetById(db, id);
    const a = await this.analyses();
    // A query may need the indexes the background job has not made yet (a lookup per customer
    // scans every order without them): made now. Only what the order book answers alone (the
    // heatmap after an import) goes without.
    if (!options.isBookOnly) this.#indexNow(db);
    if (!isFilterActive(filter)) return { d, a, db };
    for (const dim of filter.dims) {
      if (!d.dimensions.some((x) => x.name === dim.column))
        throw new AppError('filter_unknown_column', { column: dim.column, dataset: d.name });
    }
    const name = filterTableName(d.table, filter, d.importedAt);
    for (const statement of createFilterTableSql(
      d.table,
      filter,
      filterDateColumn(d),
      name,
      d.kind
    ))
      db.run(statement);
    this.#keepFiltered(db, name);
    return { d: { ...d, table: name }, a, db };
  }

  /** Makes the indexes of the imported datasets that have none yet. */
  #indexNow(db: Database) {
    for (const item of this.#backgroundPending) {
      if (item.isIndexed) continue;
      createIndexes(db, item.info);
      item.isIndexed = true;
    }
  }

  /** The filtered copies of the open database, most recently used last. */
  #filtered: { db: Database; names: string[] } | null = null;

  /** Marks `name` used; the least recently used copies beyond the few kept are let go. */
  #keepFiltered(db: Database, name: string) {
    if (this.#filtered?.db !== db) this.#filtered = { db, names: [] };
    const names = this.#filtered.names.filter((n) => n !== name);
    names.push(name);
    while (names.length > FILTERED_COPIES) {
      db.run(`DROP TABLE IF EXISTS temp.${quoteIdent(names.shift()!)}`);
    }
    this.#filtered.names = names;
  }

  async datasets(): Promise<DatasetInfo[]> {
    return readDatasets(await this.db());
  }

  /** Runs `task` after every earlier import or workspace change has finished. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#exclusiveTail.then(task);
    this.#exclusiveTail = run.catch(() => {});
    return run;
  }

  async inspect(file: File, options: InspectOptions): Promise<Inspection> {
    const inspected = await inspectFile(file, options);
    this.#pending = { file, inspected };
    // Its helper starts while the user looks at the mapping, off the import's critical path.
    if (inspected.kind === 'transactions' && isSplittable(file, inspected)) warmHelper();
    return toInspection(file, inspected);
  }

  /**
   * Imports the file waiting in the mapping step into the open workspace. The answer (the report)
   * comes after the first pass; an orders table is filled after it (see `beginImport`), and
   * everything but what the order book answers waits for that (`#loaded`). Saves, snapshots,
   * other imports and workspace changes wait for the whole import.
   */
  importPending(args: Api['import']['args'], onProgress: (p: ImportProgress) => void) {
    // Reset on arrival, so a Cancel pressed while the import waits for a workspace change counts.
    this.#cancelled = false;
    return new Promise<DatasetInfo>((answer, refuse) => {
      void this.exclusive(async () => {
        this.persistence.assertWritable();
        if (!this.#pending) throw new AppError('no_file');
        const { file, inspected } = this.#pending;
        const db = await this.db();
        await this.stopBackgroundWork();
        const run = (async () => {
          try {
            await this.#importInto(db, file, inspected, args, onProgress, answer);
            // Saved soon, without waiting for the raw sheet (it is saved again once complete).
            this.persistence.changed();
          } finally {
            // The earlier files' sheets too, also after a cancelled or failed import (a workspace
            // change empties the queue: what is in it belongs to the open database); begun while
            // the import still counts as running, so whoever waits for both sees one or the other.
            this.#resumeBackgroundWork();
          }
        })();
        this.#importing = run;
        await run.finally(() => (this.#importing = null));
      }).catch(refuse);
    });
  }

  /**
   * Makes the customer base the heatmap asks for next (the dataset's default as-of date, from the
   * order book) while the page takes in the report, instead of after it asks: ≈ 0.15 s at 100k
   * customers, off the time to the first heatmap; and, given the page's scoring, the scores (as
   * much again). Another date or a filter makes its own base; other settings their own scores.
   */
  async #prepareHeatmap(info: DatasetInfo, scoring: RfmScoring | null) {
    if (info.kind !== 'transactions' || info.defaultAsOf === null) return;
    try {
      const { rfm } = await this.analyses();
      // Scores on profit read the table, which is not filled yet.
      if (scoring && scoring.monetaryBasis !== 'profit')
        rfm.prepareScores(info, {
          ...scoring,
          datasetId: info.id,
          asOf: info.defaultAsOf,
          filter: null
        });
      else rfm.customerBase(info, info.defaultAsOf);
    } catch (err) {
      // The request that wants it makes it again and says what went wrong.
      console.warn('customer base not prepared', err);
    }
  }

  /** Told when an import failed after its report was answered (its table could not be filled). */
  onImportFailed: (err: unknown, fileName: string) => void = () => {};

  /** The fill of an orders table still running after its report, if one is. */
  #filling: Promise<unknown> | null = null;

  /** Resolves once no imported table is still being filled (its rows are all there or gone). */
  async loaded(): Promise<void> {
    while (this.#filling) await this.#filling.catch(() => {});
  }

  /** Both passes of an import; `answer` gets the report as soon as the first is done. */
  async #importInto(
    db: Database,
    file: File,
    inspected: Inspected,
    args: Api['import']['args'],
    onProgress: (p: ImportProgress) => void,
    answer: (info: DatasetInfo) => void
  ): Promise<DatasetInfo> {
    // A large orders file: its second half is read by a helper on the other core meanwhile.
    const at = args.mapping.kind === 'transactions' ? await findSplit(file, inspected) : null;
    const begin = (cut: number | null) =>
      beginImport(
        db,
        file,
        inspected,
        args.mapping,
        args.target,
        onProgress,
        () => this.#cancelled,
        args.currency,
        this.#books,
        cut === null
          ? null
          : (typeof Worker === 'function' ? splitByWorker : splitHere)(
              file,
              inspected,
              args.mapping,
              cut
            )
      );
    const { info, fill } = await begin(at).catch((err: unknown) => {
      // The cut fell in a quoted field: read whole.
      if (err instanceof CutInQuotes) return begin(null);
      throw err;
    });
    this.#analyses = null;
    answer(info);
    // Its indexes and raw sheet are queued before a query waiting for the table goes on (that
    // query makes the indexes it needs if the background job has not yet).
    const filled = () => this.#backgroundPending.push({ file, inspected, info });
    if (!fill) {
      filled();
      return info;
    }
    // First the heatmap's customer base; the fill counts from now (a query waits for both).
    const filling = this.#prepareHeatmap(info, args.heatmap ?? null).then(fill);
    this.#filling = filling;
    try {
      await filling;
      filled();
    } catch (err) {
      // The report was answered: the page hears of the failure, and of the dataset leaving.
      this.#analyses = null;
      this.onImportFailed(err, info.fileName);
      postEvent<WorkerEvent>({ event: 'datasets-changed' });
      throw err;
    } finally {
      this.#filling = null;
    }
    return info;
  }

  cancelImport() {
    this.#cancelled = true;
  }

  async deleteDataset(id: number) {
    this.persistence.assertWritable();
    const db = await this.db();
    await this.loaded();
    await this.stopBackgroundWork();
    const d = readDatasets(db).find((x) => x.id === id);
    if (d) dropDataset(db, d);
    if (d) this.#books.drop(d.table);
    this.#analyses = null;
    this.#resumeBackgroundWork();
    this.persistence.changed();
  }

  /** Writes a dataset's money in `currency` from now on; the workspace is saved with it. */
  setCurrency(id: number, currency: Currency | null): Promise<DatasetInfo[]> {
    // After a running import: its transaction spans awaits, and a rollback would undo this too.
    return this.exclusive(async () => {
      const db = await this.db();
      setDatasetCurrency(db, id, currency);
      this.persistence.changed();
      return readDatasets(db);
    });
  }

  /** Writes the targets grid into the workspace (after any running import); it is saved with it. */
  saveTargets(args: Api['targets.save']['args']): Promise<DatasetInfo[]> {
    return this.exclusive(async () => {
      this.persistence.assertWritable();
      const db = await this.db();
      saveTargets(db, args);
      this.persistence.changed();
      return readDatasets(db);
    });
  }

  /** A dataset's rejected rows as CSV: row number, reason and the original cells. */
  async rejectedCsv(id: number): Promise<Blob> {
    const db = await this.db();
    const d = datasetById(db, id);
    const headers = JSON.parse(
      String(selectValue(db, sql('SELECT raw_headers_json FROM datasets WHERE id = ?', d.id)))
    ) as string[];
    const csv = toCsv(['row', 'reason', ...headers], rejectedRows(db, d.rawTable));
    return new Blob([csv], { type: 'text/csv;charset=utf-8' });
  }

  /** A copy of the whole database file, once no import or raw-sheet copy holds statements. */
  async snapshot(): Promise<Uint8Array> {
    const db = await this.db();
    await this.#settled();
    this.#analyses?.caches.pager.reset();
    return db.export();
  }

  /** Resolves once no import runs and the background work is done (hurried: it is waited for). */
  async #settled() {
    while (this.#importing || this.#background) {
      while (this.#importing) await this.#importing.catch(() => {});
      const job = this.#background;
      if (!job) continue;
      job.hurry = true;
      await job.done;
    }
  }

  /**
   * Stops the background job (imports and deletions must not interleave with its writes); the
   * datasets it had not finished stay pending and {@link #resumeBackgroundWork} takes them up again.
   */
  async stopBackgroundWork() {
    if (!this.#background) return;
    this.#background.stop = true;
    await this.#background.done;
    this.#background = null;
  }

  /** Imported datasets whose indexes and raw sheet are still to be made, oldest first. */
  #backgroundPending: {
    file: File;
    inspected: Inspected;
    info: DatasetInfo;
    isIndexed?: boolean;
  }[] = [];

  /**
   * After the report, in quiet moments (what the page waits for goes first): each pending dataset's
   * indexes, then its raw sheet, chunk by chunk. A dataset leaves the queue when its sheet is
   * complete, when the copy failed, or when it is gone (deleted, replaced, another workspace); a
   * stopped job leaves the rest queued (an import that follows must not cost the earlier files
   * their sheets).
   */
  #resumeBackgroundWork() {
    if (this.#background || this.#backgroundPending.length === 0) return;
    const job: BackgroundJob = { stop: false, hurry: false, done: Promise.resolve() };
    const run = async () => {
      // The request that resumed it (an import) is answered first; that answer starts the quiet
      // time, and the page's views ask for what they draw right after it.
      await new Promise((resolve) => setTimeout(resolve, 0));
      while (!job.stop) {
        const db = await this.db();
        const present = readDatasets(db);
        this.#backgroundPending = this.#backgroundPending.filter((p) =>
          present.some((d) => d.rawTable === p.info.rawTable && d.importedAt === p.info.importedAt)
        );
        const item = this.#backgroundPending[0];
        const wanted = () => job.stop || job.hurry;
        if (!item) {
          // Last, the customers' timelines: an as-of change then reads no order twice.
          await pageRequests.whenQuiet(QUIET_MS, wanted);
          if (job.stop) return;
          this.#books.prepareTimelines();
          // And the first as-of change runs warm code (in a quiet moment of its own).
          for (let round = 1; round <= REHEARSALS; round++) {
            await pageRequests.whenQuiet(QUIET_MS, wanted);
            if (job.stop) return;
            (await this.analyses()).rfm.rehearseAsOfChange(round);
          }
          return;
        }
        try {
          // The views' queries need the indexes (a lookup per customer scans every order without
          // them): made after what the page asked for first, not only in a quiet moment (a busy
          // Overview leaves none for a minute).
          if (!item.isIndexed) {
            await pageRequests.whenQuiet(QUIET_MS, wanted, INDEX_WAIT_MS);
            if (job.stop) return;
            this.#indexNow(db);
          }
          await pageRequests.whenQuiet(QUIET_MS, wanted);
          if (job.stop) return;
          const complete = await fillRawSheet(
            db,
            item.file,
            item.inspected,
            item.info.rawTable,
            () => job.stop,
            () => pageRequests.whenQuiet(QUIET_MS, wanted)
          );
          if (!complete) return;
          postEvent<WorkerEvent>({ event: 'datasets-changed' });
        } catch (err) {
          // A failed copy of the original cells leaves the dataset usable; the catalog says so.
          console.warn('raw sheet incomplete', err);
        }
        this.#backgroundPending = this.#backgroundPending.filter((p) => p !== item);
        this.persistence.changed();
      }
    };
    job.done = run()
      .catch((err) => console.warn('background work stopped', err))
      .finally(() => {
        if (this.#background === job) this.#background = null;
      });
    this.#background = job;
  }
}
