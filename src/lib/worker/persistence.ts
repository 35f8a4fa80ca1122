// The worker's side of "the workspace survives": which workspace is open, its settings row,
// debounced atomic saves, restore with fallback to the previous generation, and .sqlite files.
import type { Database, SqlJsStatic } from 'sql.js';
import { AppError } from '$lib/db/errors';
import { quoteIdent } from '$lib/analysis/sql-ident';
import { ensureCatalog } from './schema';
import { WorkspaceStorage, type WorkspaceEntry } from './storage';
import type { RestoreResult, SaveEvent, SqliteInspection } from '$lib/db/persist-protocol';

/** Settings live in the database itself, so a downloaded .sqlite carries them. */
export const SETTINGS_SQL = `CREATE TABLE IF NOT EXISTS app_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`;

/** Quiet time after a change before saving (imports, deletions and typing come in bursts). */
const SAVE_DELAY_MS = 800;

/** What the worker lends the persistence layer. */
export interface PersistenceHost {
  sql: () => Promise<SqlJsStatic>;
  db: () => Promise<Database>;
  /** Installs another database (restored, opened from a file or empty). */
  replaceDb: (db: Database) => void;
  /** Resolves when no import or background fill is writing (an export closes the database). */
  idle: () => Promise<void>;
  /** Called after every export: sql.js closes and reopens the database, temp tables are gone. */
  afterExport: () => void;
  emit: (e: SaveEvent) => void;
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
    const check = db.exec('PRAGMA quick_check')[0]?.values[0]?.[0];
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
    db.exec('SELECT id, columns_json, report_json FROM datasets LIMIT 1');
    ensureCatalog(db);
    db.run(SETTINGS_SQL);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function tablesOf(db: Database): SqliteInspection['tables'] {
  const names = (db.exec(
    `SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name`
  )[0]?.values ?? []) as [string][];
  return names.map(([name]) => {
    const cols = (db.exec(`SELECT name FROM pragma_table_info(?)`, [name])[0]?.values ?? []) as [
      string
    ][];
    const rows = db.exec(`SELECT COUNT(*) FROM ${quoteIdent(name)}`)[0]?.values[0]?.[0];
    return { name, rows: Number(rows ?? 0), columns: cols.map((c) => c[0]) };
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
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> | null = null;
  /** A .sqlite file the user opened, waiting for "open as workspace" or "import a table". */
  private foreign: { db: Database; fileName: string } | null = null;

  constructor(private host: PersistenceHost) {}

  /** Set before the page wipes storage: nothing may be written after that. */
  private stopped = false;

  private async store(): Promise<WorkspaceStorage> {
    if (this.stopped) throw new Error('storage stopped');
    this.storage ??= await WorkspaceStorage.open();
    return this.storage;
  }

  /** Opens the last workspace (or `id`); a damaged save falls back to the previous generation. */
  async restore(defaultName: string, id?: string): Promise<RestoreResult> {
    this.defaultName = defaultName;
    const SQL = await this.host.sql();
    let storage: WorkspaceStorage;
    try {
      if (!this.storage && !(await WorkspaceStorage.exists())) {
        // Nothing saved yet: open empty and create storage only on the first save.
        this.current = null;
        this.host.replaceDb(emptyDb(SQL));
        return { workspaces: [], currentId: null, settings: null, outcome: 'empty' };
      }
      storage = await this.store();
    } catch (err) {
      // Private windows or disabled storage: the app works, nothing is kept.
      console.warn('workspace storage unavailable', err);
      this.host.replaceDb(emptyDb(SQL));
      return { workspaces: [], currentId: null, settings: null, outcome: 'unavailable' };
    }
    const targetId = id ?? (await storage.currentId());
    const list = await storage.list();
    const entry = list.find((w) => w.id === targetId) ?? null;
    let outcome: RestoreResult['outcome'] = 'empty';
    let db: Database | null = null;
    if (entry) {
      outcome = 'restored';
      const gens = await storage.generations(entry.id);
      for (const [i, g] of gens.entries()) {
        try {
          db = openChecked(SQL, await g.read());
          if (i > 0) outcome = 'fell-back';
          break;
        } catch (err) {
          console.warn(`saved generation ${g.gen} unreadable`, err);
        }
      }
      if (!db && gens.length) outcome = 'lost';
      this.current = { id: entry.id, name: entry.name };
      await storage.setCurrent(entry.id);
    } else {
      this.current = null;
    }
    this.host.replaceDb(db ?? emptyDb(SQL));
    this.dirty = outcome === 'fell-back';
    if (this.dirty) this.schedule();
    return {
      workspaces: await storage.list(),
      currentId: this.current?.id ?? null,
      settings: await this.readSettings(),
      outcome
    };
  }

  /** Stores the page's settings JSON in the database; a change schedules a save. */
  async putSettings(json: string) {
    const db = await this.host.db();
    const old = db.exec(`SELECT value FROM app_settings WHERE key = 'workspace'`)[0]
      ?.values[0]?.[0];
    if (old === json) return;
    db.run(`INSERT OR REPLACE INTO app_settings (key, value) VALUES ('workspace', ?)`, [json]);
    // Settings alone do not create a saved workspace: visiting the page must store nothing.
    const hasData = db.exec('SELECT 1 FROM datasets LIMIT 1').length > 0;
    if (this.current || hasData) this.changed();
  }

  private async readSettings(): Promise<string | null> {
    const db = await this.host.db();
    const v = db.exec(`SELECT value FROM app_settings WHERE key = 'workspace'`)[0]?.values[0]?.[0];
    return typeof v === 'string' ? v : null;
  }

  /** The data changed (import finished, dataset deleted, settings): save after a quiet moment. */
  changed() {
    if (this.stopped) return;
    this.dirty = true;
    this.schedule();
  }

  private schedule() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush().catch(() => {});
    }, SAVE_DELAY_MS);
  }

  /** Saves now if anything changed since the last save. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.saving) await this.saving;
    if (!this.dirty) return;
    this.saving = this.save().finally(() => (this.saving = null));
    await this.saving;
  }

  private async save() {
    let storage: WorkspaceStorage;
    try {
      storage = await this.store();
    } catch {
      this.dirty = false;
      this.host.emit({ state: 'unavailable' });
      return;
    }
    await this.host.idle();
    this.host.emit({ state: 'saving' });
    try {
      if (!this.current) {
        const id = crypto.randomUUID();
        await storage.create(id, this.defaultName);
        await storage.setCurrent(id);
        this.current = { id, name: this.defaultName };
      }
      const db = await this.host.db();
      this.dirty = false;
      const started = performance.now();
      let bytes: Uint8Array | null = db.export();
      this.host.afterExport();
      const exportMs = performance.now() - started;
      const size = bytes.length;
      const { writeMs } = await storage.save(this.current.id, this.current.name, bytes);
      bytes = null; // the only extra copy; let it go before anything else runs
      this.host.emit({
        state: 'saved',
        bytes: size,
        exportMs: Math.round(exportMs),
        writeMs: Math.round(writeMs),
        workspaces: await storage.list(),
        currentId: this.current.id
      });
    } catch (err) {
      this.dirty = true;
      const message = err instanceof Error ? err.message : String(err);
      this.host.emit({ state: 'error', message });
      throw err;
    }
  }

  async list(): Promise<{ workspaces: WorkspaceEntry[]; currentId: string | null }> {
    try {
      return { workspaces: await (await this.store()).list(), currentId: this.current?.id ?? null };
    } catch {
      return { workspaces: [], currentId: null };
    }
  }

  /** Saves the open workspace, then starts an empty one named `name`. */
  async create(name: string): Promise<RestoreResult> {
    await this.flush();
    const storage = await this.store();
    const id = crypto.randomUUID();
    await storage.create(id, name);
    await storage.setCurrent(id);
    this.current = { id, name };
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
    return this.list();
  }

  /** Deletes a workspace; deleting the open one leaves an empty, unsaved workspace open. */
  async remove(id: string): Promise<RestoreResult> {
    const storage = await this.store();
    if (this.current?.id === id) {
      if (this.timer) clearTimeout(this.timer);
      while (this.saving) await this.saving;
      this.dirty = false;
      this.current = null;
      this.host.replaceDb(emptyDb(await this.host.sql()));
    }
    await storage.remove(id);
    return { ...(await this.list()), settings: null, outcome: 'empty' };
  }

  /** The open workspace as .sqlite bytes (a standard SQLite 3 file). */
  async exportBytes(): Promise<Blob> {
    await this.host.idle();
    const db = await this.host.db();
    const bytes = db.export();
    this.host.afterExport();
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
    await storage.create(id, name);
    await storage.setCurrent(id);
    this.current = { id, name };
    this.host.replaceDb(db);
    this.changed();
    await this.flush();
    return { ...(await this.list()), settings: await this.readSettings(), outcome: 'restored' };
  }

  /** Waits for a save in flight, then closes the catalog so the page can delete everything. */
  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.dirty = false;
    while (this.saving) await this.saving.catch(() => {});
    this.storage?.close();
    this.storage = null;
  }
}
