// Saved workspaces in this browser, all in the origin-private file system (OPFS): database bytes as
// numbered files, and a small numbered catalog (which workspaces, which file is current). A save
// writes the new database file completely, then a new catalog file; the highest catalog that reads
// back whole wins, so a crash mid-save leaves the last good state (and the one before is kept).

import type { WorkspaceEntry } from '$lib/db/persist-protocol';

export type { WorkspaceEntry };

interface WorkspaceRecord extends WorkspaceEntry {
  /** Generation of the current file, and of the one before (kept until the next save completes). */
  gen: number;
  prevGen: number | null;
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

function fileName(id: string, gen: number) {
  return `${id}.${gen}.sqlite`;
}

/** Writes a whole file through a sync access handle and flushes it to disk. */
async function writeFile(dir: FileSystemDirectoryHandle, name: string, bytes: Uint8Array) {
  const handle = (await dir.getFileHandle(name, { create: true })) as WorkerFileHandle;
  const access = await handle.createSyncAccessHandle();
  try {
    access.truncate(0);
    let at = 0;
    while (at < bytes.length) at += access.write(bytes.subarray(at), { at });
    access.flush();
  } finally {
    access.close();
  }
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

/** The workspace catalog and its files; every method may throw when storage is unavailable. */
export class WorkspaceStorage {
  private constructor(
    private dir: FileSystemDirectoryHandle,
    private catalog: Catalog,
    private seq: number
  ) {}

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
    const dir = await root.getDirectoryHandle(DIR, { create: true });
    const seqs = (await namesIn(dir))
      .map((n) => CATALOG.exec(n)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => b - a);
    for (const seq of seqs) {
      try {
        const file = await (await dir.getFileHandle(`catalog.${seq}.json`)).getFile();
        const catalog: unknown = JSON.parse(await file.text());
        if (isCatalog(catalog)) return new WorkspaceStorage(dir, catalog, seq);
      } catch {
        // A catalog cut short by a crash: the one before is still whole.
      }
    }
    return new WorkspaceStorage(dir, { current: null, workspaces: [] }, 0);
  }

  close() {}

  /** Writes the next catalog; once it is whole, older ones (but the previous) are removed. */
  private async commit(next: Catalog) {
    const seq = this.seq + 1;
    await writeFile(
      this.dir,
      `catalog.${seq}.json`,
      new TextEncoder().encode(JSON.stringify(next))
    );
    this.catalog = next;
    this.seq = seq;
    for (const name of await namesIn(this.dir)) {
      const m = CATALOG.exec(name);
      if (m && Number(m[1]) < seq - 1) await this.dir.removeEntry(name);
    }
  }

  async list(): Promise<WorkspaceEntry[]> {
    return this.catalog.workspaces
      .map(({ id, name, updatedAt, bytes }) => ({ id, name, updatedAt, bytes }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  async currentId(): Promise<string | null> {
    return this.catalog.current;
  }

  async setCurrent(id: string | null) {
    if (this.catalog.current !== id) await this.commit({ ...this.catalog, current: id });
  }

  private record(id: string): WorkspaceRecord | null {
    return this.catalog.workspaces.find((w) => w.id === id) ?? null;
  }

  /** Registers a workspace that has no saved file yet. */
  async create(id: string, name: string) {
    const rec: WorkspaceRecord = {
      id,
      name,
      updatedAt: new Date().toISOString(),
      bytes: 0,
      gen: 0,
      prevGen: null
    };
    await this.commit({ ...this.catalog, workspaces: [...this.catalog.workspaces, rec] });
  }

  async rename(id: string, name: string) {
    const workspaces = this.catalog.workspaces.map((w) => (w.id === id ? { ...w, name } : w));
    await this.commit({ ...this.catalog, workspaces });
  }

  /**
   * Writes `bytes` as the workspace's next generation: the new file is written and flushed
   * first; only then does a new catalog make it current (the previous file is kept).
   */
  async save(id: string, name: string, bytes: Uint8Array): Promise<{ writeMs: number }> {
    const started = performance.now();
    const rec = this.record(id);
    const gen = (rec?.gen ?? 0) + 1;
    await writeFile(this.dir, fileName(id, gen), bytes);
    const next: WorkspaceRecord = {
      id,
      name: rec?.name ?? name,
      updatedAt: new Date().toISOString(),
      bytes: bytes.length,
      gen,
      prevGen: rec && rec.gen > 0 ? rec.gen : null
    };
    const others = this.catalog.workspaces.filter((w) => w.id !== id);
    await this.commit({ ...this.catalog, workspaces: [...others, next] });
    await this.removeFiles(id, new Set([next.gen, next.prevGen ?? -1]));
    return { writeMs: performance.now() - started };
  }

  /** The saved generations of a workspace, newest first, as lazily read byte arrays. */
  async generations(id: string): Promise<{ gen: number; read: () => Promise<Uint8Array> }[]> {
    const rec = this.record(id);
    if (!rec) return [];
    return [rec.gen, rec.prevGen]
      .filter((g): g is number => g !== null && g > 0)
      .map((gen) => ({
        gen,
        read: async () => {
          const handle = await this.dir.getFileHandle(fileName(id, gen));
          return new Uint8Array(await (await handle.getFile()).arrayBuffer());
        }
      }));
  }

  async remove(id: string) {
    await this.commit({
      current: this.catalog.current === id ? null : this.catalog.current,
      workspaces: this.catalog.workspaces.filter((w) => w.id !== id)
    });
    await this.removeFiles(id, new Set());
  }

  /** Deletes the workspace's files except the generations in `keep` (also half-written ones). */
  private async removeFiles(id: string, keep: Set<number>) {
    for (const name of await namesIn(this.dir)) {
      const m = /^(.+)\.(\d+)\.sqlite$/.exec(name);
      if (m && m[1] === id && !keep.has(Number(m[2]))) await this.dir.removeEntry(name);
    }
  }
}
