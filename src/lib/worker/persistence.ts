// The worker's side of "the workspace survives": which workspace is open, its settings, debounced
// atomic saves (the settings on their own, the database when its data changed, in a quiet moment),
// restore with fallback to the previous generation, .sqlite files, and what a tab may do with a
// workspace another tab owns (ownership.ts): look, not write.
import type { Database, SqlJsStatic } from 'sql.js';
import { AppError } from '$lib/db/errors';
import { quoteIdent } from '$lib/analysis/sql-ident';
import { ensureCatalog } from './schema';
import { selectRows, selectValue, sql } from './sql-run';
import { NotOwnerError, WorkspaceStorage, type WorkspaceEntry } from './storage';
import { Ownership } from './ownership';
import { withLock } from './locks';
import { databaseBytes, DatabaseBusyError } from './db-bytes';
import {
  STORAGE_LOCK,
  type ElsewhereReason,
  type RestoreResult,
  type SaveEvent,
  type SqliteInspection
} from '$lib/db/persist-protocol';

/**
 * Settings are also written into the database right before it is saved or downloaded, so a
 * .sqlite file carries them (and workspaces saved before settings had files of their own keep
 * theirs there).
 */
export const SETTINGS_SQL = `CREATE TABLE IF NOT EXISTS app_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`;

/** Quiet time after a change of the data before saving (imports and deletions come in bursts). */
const SAVE_DELAY_MS = 800;
/** Quiet time after a settings change before saving them (the page waits a moment too). */
const SETTINGS_DELAY_MS = 300;
/**
 * The longest a database save waits for the page to stop asking; then it saves anyway (a reload
 * can't wait for a save: the worker goes with the page, so unsaved data must not wait long).
 */
const QUIET_MAX_MS = 4_000;
/**
 * Waits before saving again after a failed save, one after another (the disk may have room again,
 * a browser hiccup may have passed); the last one repeats. A change of the data saves sooner.
 */
const RETRY_MS = [2_000, 10_000, 30_000, 60_000];
/** How long a reloaded tab waits for its previous worker to let go of the workspace's lock. */
const LOCK_WAIT_MS = 10_000;

/** What the worker lends the persistence layer. */
export interface PersistenceHost {
  sql: () => Promise<SqlJsStatic>;
  db: () => Promise<Database>;
  /** Installs another database (restored, opened from a file or empty). */
  replaceDb: (db: Database) => void;
  /** Resolves when no import is writing (an export needs no transaction open across awaits). */
  idle: () => Promise<void>;
  /** Resolves once no import runs and the work behind it (raw sheet, indexes) is complete. */
  settled: () => Promise<void>;
  /**
   * Resolves once the page has been waiting on no answer for a short while. A database save holds
   * the worker for seconds on a large workspace, so a scheduled one starts only then (explicit
   * flushes do not wait). Without it, a save starts after its delay.
   */
  quiet?: (maxMs: number) => Promise<void>;
  /**
   * Runs a save's writing while the page's new requests wait (its few turns of the event loop
   * must not each wait behind a request that holds the thread for seconds). Without it, plainly.
   */
  hold?: <T>(task: () => Promise<T>) => Promise<T>;
  emit: (e: SaveEvent) => void;
  /** Reports the list of workspaces after another tab changed it. */
  emitList: (workspaces: WorkspaceEntry[]) => void;
  /** Runs `task` after the import or workspace change in progress (one at a time). */
  exclusive: <T>(task: () => Promise<T>) => Promise<T>;
}

/** A fresh, empty workspace database. */
export function emptyDb(SQL: SqlJsStatic): Database {
  const db = new SQL.Database();
  ensureCatalog(db);
  db.run(SETTINGS_SQL);
  return db;
}

/** Opens and checks saved bytes; throws on a corrupt or truncated file. */
function openChecked(SQL: SqlJsStatic, bytes: Uint8Array): Database {
  const db = new SQL.Database(bytes);
  try {
    const check = selectValue(db, sql('PRAGMA quick_check'));
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
    selectRows(db, sql('SELECT id, columns_json, report_json FROM datasets LIMIT 1'));
    ensureCatalog(db);
    db.run(SETTINGS_SQL);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The settings stored inside a database (a workspace saved by an earlier version, a .sqlite file). */
function settingsInDb(db: Database): string | null {
  const v = selectValue(db, sql(`SELECT value FROM app_settings WHERE key = 'workspace'`));
  return typeof v === 'string' ? v : null;
}

function writeSettingsInto(db: Database, json: string) {
  db.run(`INSERT OR REPLACE INTO app_settings (key, value) VALUES ('workspace', ?)`, [json]);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function tablesOf(db: Database): SqliteInspection['tables'] {
  const names = selectRows(
    db,
    sql(
      `SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name`
    )
  ).map(([name]) => String(name));
  return names.map((name) => {
    const cols = selectRows(db, sql(`SELECT name FROM pragma_table_info(?)`, name));
    const rows = selectValue(db, sql(`SELECT COUNT(*) FROM ${quoteIdent(name)}`));
    return { name, rows: Number(rows ?? 0), columns: cols.map((c) => String(c[0])) };
  });
}

/** RFC 4180 text of one cell; values are kept verbatim so the import step parses them itself. */
function csvText(v: unknown): string {
  if (v === null || v === undefined) return '';
  const text = v instanceof Uint8Array ? '' : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export class Persistence {
  private storage: WorkspaceStorage | null = null;
  private current: { id: string; name: string } | null = null;
  private defaultName = 'Workspace';
  /** The database changed since its last save. */
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The open workspace's settings JSON (as the page last sent it, or as restored). */
  private settings: string | null = null;
  /** The settings changed since their last save. */
  private isSettingsDirty = false;
  private settingsTimer: ReturnType<typeof setTimeout> | null = null;
  /** The save running now (settings or database; one at a time). */
  private saving: Promise<void> | null = null;
  /** Failed saves since the last one that succeeded (how long the next retry waits). */
  private failures = 0;
  /** A .sqlite file the user opened, waiting for "open as workspace" or "import a table". */
  private foreign: { db: Database; fileName: string } | null = null;
  /** Which tab owns which workspace (Web Locks, BroadcastChannel, catalog token). */
  private ownership: Ownership;
  /** Why this tab does not save the open workspace (another tab owns it); null while it does. */
  private elsewhere: ElsewhereReason | null = null;
  /** Another tab asked for the workspace: its last save is running, no change may start. */
  private isReleasing = false;

  constructor(private host: PersistenceHost) {
    this.ownership = new Ownership({
      onReleaseRequest: (id, answer) => void this.letGo(id, answer),
      onLockLost: (id) => {
        if (this.current?.id === id && !this.elsewhere) this.lose('taken');
      },
      onCatalogChanged: () => void this.relist(),
      onForget: () => void this.forgotten()
    });
  }

  /** Set before the page wipes storage: nothing may be written after that. */
  private stopped = false;

  private async store(): Promise<WorkspaceStorage> {
    // Everything was deleted (here or in another tab): nothing may come back.
    if (this.stopped) throw new AppError('workspace_gone');
    this.storage ??= await WorkspaceStorage.open();
    return this.storage;
  }

  /**
   * Opens the last workspace (or `id`, if it still exists); a damaged save falls back to the
   * previous generation. A workspace another tab owns opens as its latest save, without saving
   * (`isOpenElsewhere`). `tab` names the page's tab: a workspace a worker of this same tab owns
   * (a reload, a restarted worker; also a save that was still being written when the page went)
   * is waited for, as that worker may hold its lock for a moment longer.
   */
  async restore(
    defaultName: string,
    id?: string,
    options: { tab?: string } = {}
  ): Promise<RestoreResult> {
    this.defaultName = defaultName;
    if (options.tab) this.ownership.joinTab(options.tab);
    const SQL = await this.host.sql();
    this.isReleasing = false;
    let storage: WorkspaceStorage;
    try {
      if (!this.storage && !(await WorkspaceStorage.exists())) {
        // Nothing saved yet: open empty and create storage only on the first save.
        this.open(null);
        this.host.replaceDb(emptyDb(SQL));
        return { workspaces: [], currentId: null, settings: null, outcome: 'empty' };
      }
      storage = await this.store();
    } catch (err) {
      // Private windows or disabled storage: the app works, nothing is kept.
      console.warn('workspace storage unavailable', err);
      this.open(null);
      this.host.replaceDb(emptyDb(SQL));
      return { workspaces: [], currentId: null, settings: null, outcome: 'unavailable' };
    }
    const state = await storage.state();
    const targetId = state.workspaces.some((w) => w.id === id) ? id : state.current;
    let entry = state.workspaces.find((w) => w.id === targetId) ?? null;
    let isOwner = false;
    if (entry) {
      const tab = options.tab;
      const isOurs = tab !== undefined && Ownership.isOfTab(state.owners.get(entry.id), tab);
      const waitMs = isOurs ? LOCK_WAIT_MS : 0;
      if (await this.ownership.acquire(entry.id, waitMs)) {
        // Claimed before reading: a late save of the previous owner is refused from here on.
        isOwner = await storage.claim(entry.id, this.ownership.token);
        if (!isOwner) entry = null; // deleted meanwhile
      }
    }
    let outcome: RestoreResult['outcome'] = 'empty';
    let db: Database | null = null;
    let settings: { text: string | null; index: number } = { text: null, index: -1 };
    if (entry) {
      const saved = await storage.readSaved(entry.id, (bytes) => openChecked(SQL, bytes));
      db = saved.value;
      if (db) outcome = saved.index > 0 ? 'fell-back' : 'restored';
      else if (saved.tried) outcome = 'lost';
      // The newest settings are in their own file (a damaged one: the one before it).
      if (db) settings = await storage.readSettings(entry.id);
    }
    this.open(entry, isOwner ? null : 'opened');
    this.host.replaceDb(db ?? emptyDb(SQL));
    // Saved by an earlier version (or no settings file reads back): the ones inside the database.
    this.settings = settings.text ?? (db ? settingsInDb(db) : null);
    this.dirty = outcome === 'fell-back' && isOwner;
    // Saved again, so the damaged file is no longer the newest.
    this.isSettingsDirty = settings.index > 0 && isOwner;
    if (this.dirty) this.schedule();
    else if (this.isSettingsDirty) this.scheduleSettings();
    return {
      workspaces: await storage.list(),
      currentId: this.current?.id ?? null,
      settings: this.settings,
      outcome,
      isOpenElsewhere: this.elsewhere !== null
    };
  }

  /** Makes `entry` the open workspace (null: a new, unsaved one); lets go of any other. */
  private open(
    entry: { id: string; name: string } | null,
    elsewhere: ElsewhereReason | null = null
  ) {
    this.cancelTimers();
    this.current = entry ? { id: entry.id, name: entry.name } : null;
    this.settings = null;
    this.isSettingsDirty = false;
    this.elsewhere = entry ? elsewhere : null;
    this.isReleasing = false;
    if (!entry || elsewhere) this.ownership.release();
  }

  /** Another tab wants the open workspace: answer, save what is pending, let go. */
  private async letGo(id: string, answer: () => void) {
    if (this.current?.id !== id || this.elsewhere) return;
    answer();
    this.isReleasing = true;
    // After the import or workspace change in progress: it is saved, the next one is refused.
    await this.host.exclusive(async () => {
      if (this.current?.id !== id || this.elsewhere) return;
      try {
        await this.flush();
      } catch {
        // Reported as a failed save; the other tab opens the previous one.
      }
      this.lose('taken');
    });
  }

  private cancelTimers() {
    if (this.timer) clearTimeout(this.timer);
    if (this.settingsTimer) clearTimeout(this.settingsTimer);
    this.timer = null;
    this.settingsTimer = null;
  }

  /** This tab no longer writes the open workspace; says so. */
  private lose(reason: ElsewhereReason) {
    this.cancelTimers();
    this.dirty = false;
    this.isSettingsDirty = false;
    this.elsewhere = reason;
    this.isReleasing = false;
    this.ownership.release();
    this.host.emit({ state: 'elsewhere', reason });
  }

  /** Another tab is deleting everything: stop, and let its deletion go first. */
  private async forgotten() {
    this.stopped = true;
    this.cancelTimers();
    this.dirty = false;
    this.isSettingsDirty = false;
    while (this.saving) await this.saving.catch(() => {});
    this.storage = null;
    this.lose('forgotten');
  }

  /** The list changed in another tab: show it here too. */
  private async relist() {
    try {
      if (this.stopped || (!this.storage && !(await WorkspaceStorage.exists()))) return;
      this.host.emitList(await (await this.store()).list());
    } catch {
      // Storage went away: the next action says so.
    }
  }

  /** Throws the translated refusal when the open workspace belongs to another tab. */
  assertWritable() {
    if (this.elsewhere === 'gone' || this.elsewhere === 'forgotten')
      throw new AppError('workspace_gone');
    if (this.elsewhere || this.isReleasing) throw new AppError('workspace_elsewhere');
  }

  /** Asks the tab that owns `id` to save and let go, then opens its latest save here. */
  async take(defaultName: string, id: string): Promise<RestoreResult> {
    await this.store();
    await this.ownership.take(id);
    return this.restore(defaultName, id);
  }

  /**
   * Keeps the page's settings JSON; a change saves them on their own after a moment (the
   * database is not written: on a large workspace that takes seconds).
   */
  async putSettings(json: string) {
    if (json === this.settings) return;
    this.settings = json;
    // A workspace of another tab: settings may change on this page, they are not saved.
    if (this.stopped || this.elsewhere) return;
    this.isSettingsDirty = true;
    if (this.current) return this.scheduleSettings();
    // Settings alone do not create a saved workspace: visiting the page must store nothing. With
    // data, the database's first save creates the workspace, its settings with it.
    const db = await this.host.db();
    if (selectValue(db, sql('SELECT 1 FROM datasets LIMIT 1')) !== null) this.changed();
  }

  /** The data changed (import finished, dataset deleted, targets): save after a quiet moment. */
  changed() {
    if (this.stopped || this.elsewhere) return;
    // The page says so ("changes not saved yet") until the save that takes them in is done.
    if (!this.dirty) this.host.emit({ state: 'pending' });
    this.dirty = true;
    this.schedule();
  }

  private schedule(delay = SAVE_DELAY_MS) {
    if (this.timer) clearTimeout(this.timer);
    // The latest start counts from the change: a timer that fires late (behind a long request
    // of the page) does not wait for quiet all over again.
    const latest = performance.now() + delay + QUIET_MAX_MS;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.saveWhenQuiet(latest);
    }, delay);
  }

  private scheduleSettings(delay = SETTINGS_DELAY_MS) {
    if (this.settingsTimer) clearTimeout(this.settingsTimer);
    this.settingsTimer = setTimeout(() => {
      this.settingsTimer = null;
      void this.flushSettings().catch(() => {});
    }, delay);
  }

  /** A scheduled database save: waits until the page is not waiting for an answer, or `latest`. */
  private async saveWhenQuiet(latest: number) {
    // The host ends its wait at `latest` in the first turn between the page's requests; the
    // timer is the bound without one.
    const maxMs = latest - performance.now();
    if (this.host.quiet && maxMs > 0) await Promise.race([this.host.quiet(maxMs), sleep(maxMs)]);
    // Saves whatever changed meanwhile too (waiting for a later change's delay again could put
    // the save off for as long as the page keeps sending changes).
    await this.flush().catch(() => {});
  }

  /** Saves now whatever changed since the last save (database and settings). */
  async flush(): Promise<void> {
    this.cancelTimers();
    while (this.saving) await this.saving;
    let task: Promise<void>;
    if (this.dirty) task = this.save();
    else if (this.isSettingsDirty && this.current) task = this.saveSettings();
    else return;
    this.saving = task.finally(() => (this.saving = null));
    await this.saving;
  }

  /** Saves the settings now if they changed (the database only when it is due anyway). */
  private async flushSettings(): Promise<void> {
    while (this.saving) await this.saving.catch(() => {});
    if (!this.isSettingsDirty || !this.current) return;
    this.saving = this.saveSettings().finally(() => (this.saving = null));
    await this.saving;
  }

  /** The storage to save into; null (and said so) when there is none or this tab may not save. */
  private async storageForSave(): Promise<WorkspaceStorage | null> {
    let storage: WorkspaceStorage;
    try {
      storage = await this.store();
    } catch {
      this.dirty = false;
      this.isSettingsDirty = false;
      this.host.emit({ state: 'unavailable' });
      return null;
    }
    if (this.elsewhere) {
      this.dirty = false;
      this.isSettingsDirty = false;
      return null;
    }
    return storage;
  }

  /**
   * A failed save: lost ownership, or an error the page shows. The change stays to save, and is
   * tried again after a while (sooner if the data changes again).
   */
  private failed(err: unknown) {
    if (err instanceof NotOwnerError) return this.lose(err.reason);
    const message = err instanceof Error ? err.message : String(err);
    this.host.emit({ state: 'error', message });
    this.retryLater();
    throw err;
  }

  private retryLater() {
    if (this.stopped || this.elsewhere) return;
    const delay = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)];
    this.failures++;
    if (this.dirty) this.schedule(delay);
    else if (this.isSettingsDirty) this.scheduleSettings(delay);
  }

  /**
   * A save from its first step with the page's new requests held back (its few turns of the
   * event loop are not each put off behind a view's long request), after any running import
   * (which may take a minute: the page is not held meanwhile).
   */
  private async held(save: () => Promise<void>): Promise<void> {
    await this.host.idle();
    return this.host.hold ? this.host.hold(save) : save();
  }

  private saveSettings() {
    return this.held(() => this.saveSettingsNow());
  }

  private async saveSettingsNow() {
    const storage = await this.storageForSave();
    if (!storage) return;
    // After a running import: the database save that follows it says "saved" once, with these
    // settings (an earlier "saved" would be a promise not yet kept).
    await this.host.idle();
    const current = this.current;
    const text = this.settings;
    if (!this.isSettingsDirty || !current || text === null || this.elsewhere) return;
    // While the database waits for its save, that save reports for both.
    if (!this.dirty) this.host.emit({ state: 'saving' });
    this.isSettingsDirty = false;
    try {
      const { writeMs, workspaces } = await withLock(STORAGE_LOCK, 'shared', () =>
        storage.saveSettings(current.id, this.ownership.token, text)
      );
      this.failures = 0;
      if (!this.dirty)
        this.host.emit({
          state: 'saved',
          kind: 'settings',
          bytes: text.length,
          exportMs: 0,
          writeMs: Math.round(writeMs),
          workspaces,
          currentId: current.id
        });
      this.ownership.announceCatalog();
    } catch (err) {
      if (!(err instanceof NotOwnerError)) this.isSettingsDirty = true;
      this.failed(err);
    }
  }

  private save() {
    return this.held(() => this.saveDatabaseNow());
  }

  private async saveDatabaseNow() {
    const storage = await this.storageForSave();
    if (!storage) return;
    await this.host.idle();
    this.host.emit({ state: 'saving' });
    try {
      // Shared with other tabs' saves; "forget everything" waits for it, and it for the deletion.
      const measured = await withLock(STORAGE_LOCK, 'shared', () => this.write(storage));
      this.failures = 0;
      this.host.emit({ state: 'saved', kind: 'database', ...measured });
      // Changed again while it was written: saved as it was, not as it is.
      if (this.dirty) this.host.emit({ state: 'pending' });
      this.ownership.announceCatalog();
    } catch (err) {
      if (!(err instanceof NotOwnerError)) this.dirty = true;
      // A transaction was open when the save's file was ready (the page's requests are held
      // meanwhile: not expected): the save is tried again shortly, not shown as a failure.
      if (err instanceof DatabaseBusyError) return this.schedule();
      this.failed(err);
    }
  }

  /** Writes the database as the open workspace's next save. */
  private async write(storage: WorkspaceStorage) {
    await this.host.idle();
    if (!this.current) {
      const id = crypto.randomUUID();
      await this.ownership.acquire(id);
      const name = await storage.create(id, this.defaultName, this.ownership.token, {
        isUnique: true
      });
      this.current = { id, name };
    }
    const db = await this.host.db();
    // Again right before the export: an import (the sample's files come one after another) may
    // have begun while the workspace was being created, and export() fails inside its transaction.
    await this.host.idle();
    this.dirty = false;
    // The settings go into the database too (a .sqlite copy carries them) and, when they changed,
    // into their own file with this save.
    const settings = this.isSettingsDirty ? this.settings : null;
    this.isSettingsDirty = false;
    if (this.settings !== null) writeSettingsInto(db, this.settings);
    // The file's own bytes, taken once the save's file is open and written before anything else
    // runs (no copy of the database: `db-bytes.ts`).
    let exportMs = 0;
    const bytes = () => {
      const started = performance.now();
      const view = databaseBytes(db);
      exportMs = performance.now() - started;
      return view;
    };
    let written: { writeMs: number; bytes: number; workspaces: WorkspaceEntry[] };
    try {
      written = await storage.save(this.current.id, this.ownership.token, bytes, settings);
    } catch (err) {
      if (settings !== null && !(err instanceof NotOwnerError)) this.isSettingsDirty = true;
      throw err;
    }
    const { writeMs, workspaces } = written;
    return {
      bytes: written.bytes,
      exportMs: Math.round(exportMs),
      writeMs: Math.round(writeMs),
      workspaces,
      currentId: this.current.id
    };
  }

  async list(): Promise<{ workspaces: WorkspaceEntry[]; currentId: string | null }> {
    try {
      return { workspaces: await (await this.store()).list(), currentId: this.current?.id ?? null };
    } catch {
      return { workspaces: [], currentId: null };
    }
  }

  /** Saves the open workspace, then starts an empty one named `name` (made unique). */
  async create(name: string): Promise<RestoreResult> {
    await this.flush();
    const storage = await this.store();
    const id = crypto.randomUUID();
    await this.ownership.acquire(id);
    const unique = await storage.create(id, name, this.ownership.token, { isUnique: true });
    this.open({ id, name: unique });
    this.host.replaceDb(emptyDb(await this.host.sql()));
    this.changed();
    await this.flush();
    return { ...(await this.list()), settings: null, outcome: 'empty' };
  }

  async switchTo(id: string): Promise<RestoreResult> {
    await this.flush();
    return this.restore(this.defaultName, id);
  }

  async rename(id: string, name: string) {
    await (await this.store()).rename(id, name);
    if (this.current?.id === id) this.current.name = name;
    this.ownership.announceCatalog();
    return this.list();
  }

  /**
   * Deletes a workspace; deleting the open one leaves an empty, unsaved workspace open. One that
   * another tab has open is refused (that tab would save it again).
   */
  async remove(id: string): Promise<RestoreResult> {
    const storage = await this.store();
    const isDone = await this.ownership.whileHolding(id, async () => {
      if (this.current?.id === id) {
        this.cancelTimers();
        while (this.saving) await this.saving;
        this.dirty = false;
        this.isSettingsDirty = false;
        this.host.replaceDb(emptyDb(await this.host.sql()));
      }
      await storage.remove(id);
      return true;
    });
    if (!isDone) throw new AppError('workspace_elsewhere');
    if (this.current?.id === id) this.open(null);
    this.ownership.announceCatalog();
    return { ...(await this.list()), settings: null, outcome: 'empty' };
  }

  /** The open workspace as .sqlite bytes (a standard SQLite 3 file). */
  async exportBytes(): Promise<Blob> {
    // A copy to keep: with every original cell, so it waits for the raw sheet.
    await this.host.settled();
    const db = await this.host.db();
    // The settings go with the file (not a change of the workspace: nothing to save).
    if (this.settings !== null) writeSettingsInto(db, this.settings);
    const bytes = db.export();
    return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.sqlite3' });
  }

  /** Reads a .sqlite/.db file: is it a Customer Lens workspace, and which tables it has. */
  async inspectSqlite(file: File): Promise<SqliteInspection> {
    const SQL = await this.host.sql();
    this.foreign?.db.close();
    this.foreign = null;
    let db: Database;
    try {
      db = new SQL.Database(new Uint8Array(await file.arrayBuffer()));
      db.exec('PRAGMA schema_version');
    } catch {
      throw new AppError('sqlite_unreadable');
    }
    const tables = tablesOf(db);
    const names = new Set(tables.map((t) => t.name));
    this.foreign = { db, fileName: file.name };
    return {
      fileName: file.name,
      isWorkspace: names.has('datasets') && names.has('app_settings'),
      tables: tables.filter((t) => t.name !== 'app_settings')
    };
  }

  /** One table of the opened .sqlite file as CSV text, for the normal mapping step. */
  tableCsv(table: string): Blob {
    const db = this.foreign?.db;
    if (!db) throw new AppError('no_file');
    const stmt = db.prepare(`SELECT * FROM ${quoteIdent(table)}`);
    const parts: string[] = [stmt.getColumnNames().map(csvText).join(',') + '\r\n'];
    while (stmt.step()) parts.push(stmt.get().map(csvText).join(',') + '\r\n');
    stmt.free();
    return new Blob(parts, { type: 'text/csv;charset=utf-8' });
  }

  /** Opens the .sqlite file as a new workspace named `name` and saves it at once. */
  async openForeign(name: string): Promise<RestoreResult> {
    const foreign = this.foreign;
    if (!foreign) throw new AppError('no_file');
    await this.flush();
    const bytes = foreign.db.export();
    foreign.db.close();
    this.foreign = null;
    const db = openChecked(await this.host.sql(), bytes);
    const storage = await this.store();
    const id = crypto.randomUUID();
    await this.ownership.acquire(id);
    await storage.create(id, name, this.ownership.token);
    this.open({ id, name });
    this.host.replaceDb(db);
    this.settings = settingsInDb(db);
    this.isSettingsDirty = this.settings !== null;
    this.changed();
    await this.flush();
    return { ...(await this.list()), settings: this.settings, outcome: 'restored' };
  }

  /**
   * Waits for a save in flight, tells the other tabs to stop saving, lets go of the workspace and
   * closes the catalog so the page can delete everything.
   */
  async stop() {
    this.stopped = true;
    this.cancelTimers();
    this.dirty = false;
    this.isSettingsDirty = false;
    while (this.saving) await this.saving.catch(() => {});
    this.ownership.announceForget();
    this.ownership.release();
    this.storage?.close();
    this.storage = null;
  }
}
