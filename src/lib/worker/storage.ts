// Saved workspaces in this browser, all in the origin-private file system (OPFS): database bytes and
// the page's settings as numbered files, and a small numbered catalog (which workspaces, which files
// are current, which tab owns each). Several tabs share these files, so every catalog change is a
// read-modify-write under one Web Lock, re-reading the newest catalog from disk: no tab writes back
// a stale list (a lost rename, a lost workspace). A save writes the new file completely, then a new
// catalog file; the highest catalog that reads back whole wins, so a crash mid-save leaves the last
// good state (and the one before is kept). Settings are saved on their own, so a settings change
// does not rewrite the database.

import { CATALOG_LOCK, type WorkspaceEntry } from '$lib/db/persist-protocol';
import { withLock } from './locks';

export type { WorkspaceEntry };

interface WorkspaceRecord extends WorkspaceEntry {
  /** Generation of the current file, and of the one before (kept until the next save completes). */
  gen: number;
  prevGen: number | null;
  /**
   * Generation of the current settings file and of the one before; absent for a workspace saved
   * before settings had files of their own (its settings are inside its database). Settings and
   * database files share one sequence of generation numbers.
   */
  settingsGen?: number | null;
  prevSettingsGen?: number | null;
  /** The highest generation handed out for writing (a save in flight, or one that never landed). */
  reserved?: number;
  /**
   * Token of the worker that owns the workspace (fencing): a save commits only while its token is
   * still here, so a tab that lost the workspace (taken over, stolen from a frozen tab) cannot
   * write over the new owner's saves even if it learns of the loss late.
   */
  owner?: string | null;
}

/** The worker-only OPFS handle (not in the DOM typings this project compiles with). */
interface SyncAccessHandle {
  truncate(size: number): void;
  write(buffer: Uint8Array, options: { at: number }): number;
  flush(): void;
  close(): void;
}
type WorkerFileHandle = FileSystemFileHandle & {
  createSyncAccessHandle(): Promise<SyncAccessHandle>;
};

const DIR = 'customer-lens';
const CATALOG = /^catalog\.(\d+)\.json$/;

interface Catalog {
  current: string | null;
  workspaces: WorkspaceRecord[];
}

/** Why this worker may not write a workspace any more. */
export class NotOwnerError extends Error {
  constructor(
    /** `taken`: another tab owns it now; `gone`: it was deleted (or everything was forgotten). */
    readonly reason: 'taken' | 'gone'
  ) {
    super(`workspace ${reason}`);
    this.name = 'NotOwnerError';
  }
}

function fileName(id: string, gen: number) {
  return `${id}.${gen}.sqlite`;
}

function settingsFileName(id: string, gen: number) {
  return `${id}.${gen}.settings.json`;
}

/** A workspace's database or settings file: its workspace and generation. */
const WORKSPACE_FILE = /^(.+)\.(\d+)\.(sqlite|settings\.json)$/;

/** The file names a workspace record names (current and previous, database and settings). */
function filesOf(rec: WorkspaceRecord): Set<string> {
  const names = new Set<string>();
  for (const gen of [rec.gen, rec.prevGen]) if (gen) names.add(fileName(rec.id, gen));
  for (const gen of [rec.settingsGen, rec.prevSettingsGen])
    if (gen) names.add(settingsFileName(rec.id, gen));
  return names;
}

/**
 * How long opening a file for writing may take before the save gives up; it is tried again later,
 * under the next file name. A save must not wait on the file system without end: it holds the
 * page's requests and every later save while it writes (CI saw such saves never finish).
 */
export const FILE_STEP_MS = 15_000;

/** A file-system step that did not finish within {@link FILE_STEP_MS}. */
export class StorageStalledError extends Error {
  constructor(step: string) {
    super(`the browser's file storage did not answer (${step})`);
    this.name = 'StorageStalledError';
  }
}

/** `step`, or a {@link StorageStalledError} after FILE_STEP_MS; a late value goes to `onLate`. */
async function bounded<T>(step: Promise<T>, what: string, onLate: (value: T) => void = () => {}) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageStalledError(what)), FILE_STEP_MS);
  });
  try {
    return await Promise.race([step, stalled]);
  } catch (err) {
    if (err instanceof StorageStalledError) void step.then(onLate, () => {});
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** The size of the copied pieces a view of a resizable buffer is written in. */
const WRITE_PIECE = 16 * 2 ** 20;

/**
 * Writes a whole file through a sync access handle and flushes it to disk; returns its length.
 * `source` may be a function giving the bytes once the file is open: they are written before
 * anything else runs (a view of the live database, see `db-bytes.ts`). A write that fails (the
 * disk is full) removes what it wrote: nothing names that file, and its space is needed.
 */
async function writeFile(
  dir: FileSystemDirectoryHandle,
  name: string,
  source: Uint8Array | (() => Uint8Array)
): Promise<number> {
  const handle = (await bounded(
    dir.getFileHandle(name, { create: true }),
    `opening ${name}`
  )) as WorkerFileHandle;
  // Opened after the save gave up: closed at once (an open file can be neither opened again nor
  // removed; the next catalog change removes it).
  const access = await bounded(handle.createSyncAccessHandle(), `locking ${name}`, (late) =>
    late.close()
  );
  let bytes: Uint8Array;
  try {
    bytes = typeof source === 'function' ? source() : source;
    access.truncate(0);
    let at = 0;
    // Web APIs refuse views of a resizable buffer (a large database file grows in one, see
    // scripts/sqljs-patches.js): such bytes go through one reused piece of plain memory.
    const isResizable = 'resizable' in bytes.buffer && bytes.buffer.resizable;
    const piece = isResizable ? new Uint8Array(Math.min(WRITE_PIECE, bytes.length)) : null;
    while (at < bytes.length) {
      let out = bytes.subarray(at);
      if (piece) {
        out = piece.subarray(0, Math.min(piece.length, out.length));
        out.set(bytes.subarray(at, at + out.length));
      }
      const written = access.write(out, { at });
      // No progress would loop for ever with the worker's thread held.
      if (written <= 0) throw new StorageStalledError(`writing ${name}`);
      at += written;
    }
    access.flush();
  } catch (err) {
    access.close();
    await removeQuietly(dir, name);
    throw err;
  }
  access.close();
  return bytes.length;
}

async function namesIn(dir: FileSystemDirectoryHandle): Promise<string[]> {
  const names: string[] = [];
  for await (const name of dir.keys()) names.push(name);
  return names;
}

function isCatalog(x: unknown): x is Catalog {
  const c = x as Catalog;
  return (
    typeof c === 'object' &&
    c !== null &&
    (c.current === null || typeof c.current === 'string') &&
    Array.isArray(c.workspaces) &&
    c.workspaces.every((w) => typeof w.id === 'string' && Number.isInteger(w.gen))
  );
}

/**
 * `name`, or — when another workspace has it already — the same name with its trailing number
 * raised ("Workspace 1" → "Workspace 2") or " 2" added: two tabs that both start unsaved name their
 * first workspace alike.
 */
export function uniqueName(name: string, taken: readonly string[]): string {
  if (!taken.includes(name)) return name;
  const m = /^(.*?)(\d+)$/.exec(name);
  const [base, start] = m ? [m[1], Number(m[2]) + 1] : [`${name} `, 2];
  let n = start;
  while (taken.includes(`${base}${n}`)) n++;
  return `${base}${n}`;
}

/** The workspace catalog and its files; every method may throw when storage is unavailable. */
export class WorkspaceStorage {
  /**
   * The highest generation number taken, per workspace this worker claimed or created: only the
   * owner writes a workspace's files, so its next save needs no read before writing its file.
   */
  private lastGen = new Map<string, number>();

  private constructor(private dir: FileSystemDirectoryHandle) {}

  /** True when something was saved before (reading must not create the folder). */
  static async exists(): Promise<boolean> {
    const root = await navigator.storage.getDirectory();
    try {
      await root.getDirectoryHandle(DIR);
      return true;
    } catch {
      return false;
    }
  }

  static async open(): Promise<WorkspaceStorage> {
    const root = await navigator.storage.getDirectory();
    return new WorkspaceStorage(await root.getDirectoryHandle(DIR, { create: true }));
  }

  close() {}

  /** The newest catalog that reads back whole, the highest catalog number, the file names. */
  private async read(): Promise<{ catalog: Catalog; top: number; names: string[] }> {
    let names: string[];
    try {
      names = await namesIn(this.dir);
    } catch {
      // The folder was deleted ("forget everything" in another tab): nothing is saved.
      return { catalog: { current: null, workspaces: [] }, top: -1, names: [] };
    }
    const seqs = names
      .map((n) => CATALOG.exec(n)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => b - a);
    for (const seq of seqs) {
      try {
        const file = await (await this.dir.getFileHandle(`catalog.${seq}.json`)).getFile();
        const catalog: unknown = JSON.parse(await file.text());
        if (isCatalog(catalog)) return { catalog, top: seqs[0], names };
      } catch {
        // A catalog cut short by a crash: the one before is still whole.
      }
    }
    return { catalog: { current: null, workspaces: [] }, top: seqs[0] ?? 0, names };
  }

  /** Reads the catalog under the shared lock (no tab is half-way through changing it). */
  private snapshot(): Promise<Catalog> {
    return withLock(CATALOG_LOCK, 'shared', async () => (await this.read()).catalog);
  }

  /**
   * Changes the catalog: under the exclusive lock, re-reads the newest one, applies `change` and
   * writes the result as the next catalog (unless `change` returns null). Once it is whole, older
   * catalogs (but the previous) are removed; `after` runs still under the lock (file clean-up,
   * given the names that were in the folder).
   */
  private update<T>(
    change: (c: Catalog) => { next: Catalog | null; value: T },
    after?: (names: string[]) => Promise<void>
  ): Promise<T> {
    return withLock(CATALOG_LOCK, 'exclusive', async () => {
      const { catalog, top, names } = await this.read();
      if (top < 0) throw new NotOwnerError('gone');
      const { next, value } = change(structuredClone(catalog));
      if (!next) return value;
      const seq = top + 1;
      const text = new TextEncoder().encode(JSON.stringify(next));
      await writeFile(this.dir, `catalog.${seq}.json`, text);
      // The change is made; tidying up after it may fail without undoing it.
      for (const name of names) {
        const m = CATALOG.exec(name);
        if (m && Number(m[1]) < seq - 1) await removeQuietly(this.dir, name);
      }
      await after?.(names).catch((err) => console.warn('clean-up after a catalog change', err));
      return value;
    });
  }

  async list(): Promise<WorkspaceEntry[]> {
    return entriesOf(await this.snapshot());
  }

  /** The workspaces, the one opened last (by any tab) and each one's owner (a worker's token). */
  async state(): Promise<{
    workspaces: WorkspaceEntry[];
    current: string | null;
    owners: Map<string, string | null>;
  }> {
    const c = await this.snapshot();
    const owners = new Map(c.workspaces.map((w) => [w.id, w.owner ?? null]));
    return { workspaces: entriesOf(c), current: c.current, owners };
  }

  /**
   * Makes `owner` the owner of workspace `id` and the one a new tab opens; false when it no
   * longer exists. The caller holds the workspace's lock, and reads the save only after this:
   * from here on a late save of the previous owner is refused. That save may still be writing
   * the next generation's file (it checked before this claim): the new owner skips that number.
   */
  claim(id: string, owner: string): Promise<boolean> {
    return this.update((c) => {
      const rec = c.workspaces.find((w) => w.id === id);
      if (!rec) return { next: null, value: false };
      if (rec.owner !== owner) rec.reserved = highestGen(rec) + 1;
      rec.owner = owner;
      this.lastGen.set(id, highestGen(rec));
      return { next: { ...c, current: id }, value: true };
    });
  }

  /** Registers a workspace that has no saved file yet, owned by `owner`; returns its final name. */
  create(id: string, name: string, owner: string, options: { isUnique?: boolean } = {}) {
    return this.update((c) => {
      const finalName = options.isUnique
        ? uniqueName(
            name,
            c.workspaces.map((w) => w.name)
          )
        : name;
      const rec: WorkspaceRecord = {
        id,
        name: finalName,
        updatedAt: new Date().toISOString(),
        bytes: 0,
        gen: 0,
        prevGen: null,
        owner
      };
      this.lastGen.set(id, 0);
      return { next: { current: id, workspaces: [...c.workspaces, rec] }, value: finalName };
    });
  }

  rename(id: string, name: string): Promise<void> {
    return this.update((c) => {
      const rec = c.workspaces.find((w) => w.id === id);
      if (!rec || rec.name === name) return { next: null, value: undefined };
      rec.name = name;
      return { next: c, value: undefined };
    });
  }

  /** The next generation number for a file of `id` (only its owner writes them). */
  private async nextGen(id: string, owner: string): Promise<number> {
    let last = this.lastGen.get(id);
    if (last === undefined) last = highestGen(ownedRecord(await this.snapshot(), id, owner));
    // Only the owner writes this workspace's files, and claim() skipped a late writer's number;
    // whether this worker still owns it is checked when the save is committed.
    this.lastGen.set(id, last + 1);
    return last + 1;
  }

  /**
   * Writes `bytes` (or what the function gives once the file is open; see `writeFile`) and
   * `settings`, when given, as the workspace's next generation, only while `owner` owns it (else
   * throws NotOwnerError, and nothing it wrote stays). The new files are written and flushed
   * before a new catalog makes them current (the previous ones are kept); the commit checks the
   * owner again, so a tab that lost the workspace meanwhile never lands a save. Returns the list as
   * committed, and the database file's length.
   */
  async save(
    id: string,
    owner: string,
    bytes: Uint8Array | (() => Uint8Array),
    settings: string | null = null
  ): Promise<{ writeMs: number; bytes: number; workspaces: WorkspaceEntry[] }> {
    const started = performance.now();
    const gen = await this.nextGen(id, owner);
    const written = [fileName(id, gen)];
    if (settings !== null) written.push(settingsFileName(id, gen));
    let length = 0;
    const workspaces = await this.commit(
      id,
      owner,
      written,
      async () => {
        length = await writeFile(this.dir, fileName(id, gen), bytes);
        if (settings !== null)
          await writeFile(this.dir, settingsFileName(id, gen), new TextEncoder().encode(settings));
      },
      (rec) => {
        rec.prevGen = rec.gen > 0 ? rec.gen : null;
        rec.gen = gen;
        rec.bytes = length;
        if (settings !== null) moveSettings(rec, gen);
      }
    );
    return { writeMs: performance.now() - started, bytes: length, workspaces };
  }

  /**
   * Writes the page's settings of `id` as its next settings file, with the discipline of save():
   * only while `owner` owns it; the previous settings file is kept.
   */
  async saveSettings(
    id: string,
    owner: string,
    settings: string
  ): Promise<{ writeMs: number; workspaces: WorkspaceEntry[] }> {
    const started = performance.now();
    const gen = await this.nextGen(id, owner);
    const name = settingsFileName(id, gen);
    const workspaces = await this.commit(
      id,
      owner,
      [name],
      async () => {
        await writeFile(this.dir, name, new TextEncoder().encode(settings));
      },
      (rec) => moveSettings(rec, gen)
    );
    return { writeMs: performance.now() - started, workspaces };
  }

  /**
   * Runs `write` (the new files, `written`), then commits `change` to the owned record in a new
   * catalog and removes the workspace's files no record names any more. When anything fails, the
   * files this save wrote are removed: no catalog names them.
   */
  private async commit(
    id: string,
    owner: string,
    written: string[],
    write: () => Promise<void>,
    change: (rec: WorkspaceRecord) => void
  ): Promise<WorkspaceEntry[]> {
    let keep = new Set<string>(written);
    let workspaces: WorkspaceEntry[] = [];
    try {
      await write();
      await this.update(
        (c) => {
          const rec = ownedRecord(c, id, owner);
          change(rec);
          rec.updatedAt = new Date().toISOString();
          keep = filesOf(rec);
          workspaces = entriesOf(c);
          return { next: c, value: undefined };
        },
        (names) => this.removeFiles(id, keep, names)
      );
    } catch (err) {
      // Refused: the next attempt reads the catalog first (and is refused before it writes).
      if (err instanceof NotOwnerError) this.lastGen.delete(id);
      await withLock(CATALOG_LOCK, 'exclusive', async () => {
        for (const name of written) await removeQuietly(this.dir, name);
      });
      throw err;
    }
    return workspaces;
  }

  /**
   * Opens the newest readable save of `id` with `open` (newest first, then the one before),
   * under the shared lock, so no save in another tab removes a file while it is read.
   */
  readSaved<T>(
    id: string,
    open: (bytes: Uint8Array, gen: number) => T
  ): Promise<{ value: T | null; tried: number; index: number }> {
    return withLock(CATALOG_LOCK, 'shared', async () => {
      const { catalog } = await this.read();
      const rec = catalog.workspaces.find((w) => w.id === id);
      const gens = [rec?.gen ?? 0, rec?.prevGen ?? 0].filter((g) => g > 0);
      for (const [index, gen] of gens.entries()) {
        try {
          const handle = await this.dir.getFileHandle(fileName(id, gen));
          const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
          return { value: open(bytes, gen), tried: gens.length, index };
        } catch (err) {
          console.warn(`saved generation ${gen} unreadable`, err);
        }
      }
      return { value: null, tried: gens.length, index: -1 };
    });
  }

  /**
   * The newest readable settings of `id` (then the one before): null when it has no settings file
   * (saved before settings had files of their own) or none reads back whole. `index` 1: the
   * newest was damaged.
   */
  readSettings(id: string): Promise<{ text: string | null; index: number }> {
    return withLock(CATALOG_LOCK, 'shared', async () => {
      const { catalog } = await this.read();
      const rec = catalog.workspaces.find((w) => w.id === id);
      const gens = [rec?.settingsGen ?? 0, rec?.prevSettingsGen ?? 0].filter((g) => g > 0);
      for (const [index, gen] of gens.entries()) {
        try {
          const handle = await this.dir.getFileHandle(settingsFileName(id, gen));
          const text = await (await handle.getFile()).text();
          JSON.parse(text);
          return { text, index };
        } catch (err) {
          console.warn(`saved settings ${gen} unreadable`, err);
        }
      }
      return { text: null, index: -1 };
    });
  }

  async remove(id: string) {
    await this.update(
      (c) => ({
        next: {
          current: c.current === id ? null : c.current,
          workspaces: c.workspaces.filter((w) => w.id !== id)
        },
        value: undefined
      }),
      (names) => this.removeFiles(id, new Set(), names)
    );
  }

  /** Deletes the workspace's files (database and settings) but those in `keep` (also half-written ones). */
  private async removeFiles(id: string, keep: Set<string>, names: string[]) {
    for (const name of names) {
      const m = WORKSPACE_FILE.exec(name);
      if (m && m[1] === id && !keep.has(name)) await removeQuietly(this.dir, name);
    }
  }
}

/** Removes a file; one still open elsewhere (a late save of a previous owner) stays for later. */
async function removeQuietly(dir: FileSystemDirectoryHandle, name: string) {
  try {
    await dir.removeEntry(name);
  } catch (err) {
    if (!(err instanceof DOMException && err.name === 'NotFoundError'))
      console.warn(`could not remove ${name}`, err);
  }
}

function entriesOf(c: Catalog): WorkspaceEntry[] {
  return c.workspaces
    .map(({ id, name, updatedAt, bytes }) => ({ id, name, updatedAt, bytes }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** The highest generation a record knows of (its files' and one reserved by a claim). */
function highestGen(rec: WorkspaceRecord): number {
  return Math.max(rec.gen, rec.settingsGen ?? 0, rec.reserved ?? 0);
}

/** Makes settings file `gen` the record's current one, keeping the one before. */
function moveSettings(rec: WorkspaceRecord, gen: number) {
  rec.prevSettingsGen = rec.settingsGen ?? null;
  rec.settingsGen = gen;
}

/** The record of `id` if `owner` still owns it; NotOwnerError otherwise. */
function ownedRecord(c: Catalog, id: string, owner: string): WorkspaceRecord {
  const rec = c.workspaces.find((w) => w.id === id);
  if (!rec) throw new NotOwnerError('gone');
  if (rec.owner !== owner) throw new NotOwnerError('taken');
  return rec;
}
