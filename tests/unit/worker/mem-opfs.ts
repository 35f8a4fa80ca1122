// An in-memory origin-private file system and Web Locks for the workspace storage tests: the calls
// storage.ts makes, with Chromium's behaviour where it matters (an open file cannot be removed or
// opened again; a write past the quota fails).
import { vi } from 'vitest';

/** One file: its bytes, and whether a sync access handle holds it. */
interface MemFile {
  bytes: Uint8Array;
  isOpen: boolean;
}

export const notFound = () => new DOMException('not found', 'NotFoundError');

/** An in-memory OPFS folder with the calls storage.ts makes (like Chromium's, open files stay). */
export class MemDir {
  files = new Map<string, MemFile>();
  /** Awaited before a file is opened for writing: a test holds a save half-way with it. */
  beforeWrite: (name: string) => Promise<void> = async () => {};
  /** Bytes all files may hold together (a full disk); a write past it fails. */
  quota = Infinity;

  async *keys() {
    yield* [...this.files.keys()];
  }

  async getFileHandle(name: string, options: { create?: boolean } = {}) {
    let file = this.files.get(name);
    if (!file) {
      if (!options.create) throw notFound();
      file = { bytes: new Uint8Array(), isOpen: false };
      this.files.set(name, file);
    }
    const f = file;
    return {
      getFile: async () => new Blob([f.bytes as Uint8Array<ArrayBuffer>]),
      createSyncAccessHandle: async () => {
        await this.beforeWrite(name);
        if (f.isOpen) throw new DOMException('open elsewhere', 'NoModificationAllowedError');
        f.isOpen = true;
        return {
          truncate: (size: number) => void (f.bytes = f.bytes.slice(0, size)),
          write: (buffer: Uint8Array, { at }: { at: number }) => {
            // As in Chromium: "The provided ArrayBuffer value must not be resizable".
            if ('resizable' in buffer.buffer && buffer.buffer.resizable)
              throw new TypeError('The provided ArrayBuffer value must not be resizable');
            const others = this.used() - f.bytes.length;
            const size = Math.max(f.bytes.length, at + buffer.length);
            if (others + size > this.quota) {
              // As in Chromium, a write past the origin's quota fails.
              throw new DOMException('quota exceeded', 'QuotaExceededError');
            }
            const next = new Uint8Array(Math.max(f.bytes.length, at + buffer.length));
            next.set(f.bytes);
            next.set(buffer, at);
            f.bytes = next;
            return buffer.length;
          },
          flush: () => {},
          close: () => void (f.isOpen = false)
        };
      }
    };
  }

  async removeEntry(name: string) {
    const file = this.files.get(name);
    if (!file) throw notFound();
    if (file.isOpen) throw new DOMException('open', 'NoModificationAllowedError');
    this.files.delete(name);
  }

  /** Bytes held by all files. */
  used() {
    let total = 0;
    for (const f of this.files.values()) total += f.bytes.length;
    return total;
  }

  names(prefix = '') {
    return [...this.files.keys()].filter((n) => n.startsWith(prefix)).sort();
  }
}

/**
 * Web Locks reduced to what storage.ts and ownership.ts ask: one holder per name at a time, in
 * turn; `ifAvailable` (the task gets null when the name is taken) and a `signal` that gives up
 * the wait.
 */
export function memLocks() {
  const tails = new Map<string, Promise<unknown>>();
  const queued = new Map<string, number>();
  return {
    request(
      name: string,
      options: { ifAvailable?: boolean; signal?: AbortSignal },
      task: (lock: { name: string } | null) => Promise<unknown>
    ) {
      const count = queued.get(name) ?? 0;
      if (options.ifAvailable && count > 0) return Promise.resolve().then(() => task(null));
      queued.set(name, count + 1);
      let isAbandoned = false;
      const run = (tails.get(name) ?? Promise.resolve())
        .then(() => (isAbandoned ? undefined : task({ name })))
        .finally(() => queued.set(name, (queued.get(name) ?? 1) - 1));
      tails.set(
        name,
        run.catch(() => {})
      );
      const signal = options.signal;
      if (!signal) return run;
      const abandoned = new Promise((_, reject) =>
        signal.addEventListener('abort', () => {
          isAbandoned = true;
          reject(new DOMException('gave up', 'AbortError'));
        })
      );
      return Promise.race([run, abandoned]);
    }
  };
}

/** Installs `dir` as the origin-private file system (and locks unless `withLocks` is false). */
export function stubStorage(dir: MemDir, options: { withLocks?: boolean } = {}) {
  const root = {
    getDirectoryHandle: async (name: string, opts: { create?: boolean } = {}) => {
      if (name !== 'customer-lens') throw notFound();
      if (!opts.create && dir.files.size === 0) throw notFound();
      return dir;
    }
  };
  vi.stubGlobal('navigator', {
    storage: { getDirectory: async () => root },
    ...(options.withLocks === false ? {} : { locks: memLocks() })
  });
}
