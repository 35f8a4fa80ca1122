// The shared catalog of saved workspaces, driven by two "tabs" (two WorkspaceStorage objects) on
// one in-memory origin-private file system: nothing is lost between them, and a tab that lost a
// workspace can never land a save over the new owner's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotOwnerError, uniqueName, WorkspaceStorage } from '../../../src/lib/worker/storage';

/** One file: its bytes, and whether a sync access handle holds it. */
interface MemFile {
  bytes: Uint8Array;
  isOpen: boolean;
}

const notFound = () => new DOMException('not found', 'NotFoundError');

/** An in-memory OPFS folder with the calls storage.ts makes (like Chromium's, open files stay). */
class MemDir {
  files = new Map<string, MemFile>();
  /** Awaited before a file is opened for writing: a test holds a save half-way with it. */
  beforeWrite: (name: string) => Promise<void> = async () => {};

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

  names(prefix = '') {
    return [...this.files.keys()].filter((n) => n.startsWith(prefix)).sort();
  }
}

/** Web Locks reduced to what storage.ts asks: one holder per name at a time, in turn. */
function memLocks() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request(name: string, _options: unknown, task: () => Promise<unknown>) {
      const run = (tails.get(name) ?? Promise.resolve()).then(task);
      tails.set(
        name,
        run.catch(() => {})
      );
      return run;
    }
  };
}

const bytes = (text: string) => new TextEncoder().encode(text);
const textOf = (b: Uint8Array) => new TextDecoder().decode(b);

let dir: MemDir;
beforeEach(() => {
  dir = new MemDir();
  const root = {
    getDirectoryHandle: async (name: string, options: { create?: boolean } = {}) => {
      if (name !== 'customer-lens') throw notFound();
      if (!options.create && dir.files.size === 0) throw notFound();
      return dir;
    }
  };
  vi.stubGlobal('navigator', {
    storage: { getDirectory: async () => root },
    locks: memLocks()
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** The save `tab` reads back for workspace `id`, as text. */
async function savedText(tab: WorkspaceStorage, id: string) {
  return (await tab.readSaved(id, (b) => textOf(b))).value;
}

describe('WorkspaceStorage shared by two tabs', () => {
  it('keeps the workspaces both tabs create at the same moment, with distinct names', async () => {
    const [one, two] = await Promise.all([WorkspaceStorage.open(), WorkspaceStorage.open()]);
    const names = await Promise.all([
      one.create('a', 'Workspace 1', 'tab-1', { isUnique: true }),
      two.create('b', 'Workspace 1', 'tab-2', { isUnique: true })
    ]);
    expect(names.sort()).toEqual(['Workspace 1', 'Workspace 2']);
    await Promise.all([one.save('a', 'tab-1', bytes('A1')), two.save('b', 'tab-2', bytes('B1'))]);
    for (const tab of [one, two]) {
      expect((await tab.list()).map((w) => w.id)).toEqual(
        names[0] === 'Workspace 1' ? ['a', 'b'] : ['b', 'a']
      );
    }
    expect(await savedText(two, 'a')).toBe('A1');
    expect(await savedText(one, 'b')).toBe('B1');
  });

  it('re-reads the catalog before each change: a rename and the other tab’s saves survive', async () => {
    const one = await WorkspaceStorage.open();
    const two = await WorkspaceStorage.open();
    await one.create('a', 'Alpha', 'tab-1');
    await one.save('a', 'tab-1', bytes('A1'));
    await two.create('b', 'Beta', 'tab-2');
    await two.rename('a', 'Alpha 客户');
    await two.save('b', 'tab-2', bytes('B1'));
    const { workspaces } = await one.save('a', 'tab-1', bytes('A2'));
    expect(workspaces.map((w) => [w.id, w.name, w.bytes])).toEqual([
      ['a', 'Alpha 客户', 2],
      ['b', 'Beta', 2]
    ]);
    expect(await savedText(two, 'a')).toBe('A2');
    expect(await savedText(two, 'b')).toBe('B1');
    // Two generations per workspace and the last two catalogs, nothing else.
    expect(dir.names('a.')).toEqual(['a.1.sqlite', 'a.2.sqlite']);
    expect(dir.names('catalog.')).toHaveLength(2);
  });

  it('refuses the save of a tab that lost the workspace, and keeps nothing it wrote', async () => {
    const one = await WorkspaceStorage.open();
    const two = await WorkspaceStorage.open();
    await one.create('a', 'Alpha', 'tab-1');
    await one.save('a', 'tab-1', bytes('A1'));
    expect(await two.claim('a', 'tab-2')).toBe(true);
    const refused = await one.save('a', 'tab-1', bytes('late')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(NotOwnerError);
    expect((refused as NotOwnerError).reason).toBe('taken');
    expect(await savedText(two, 'a')).toBe('A1');
    await two.save('a', 'tab-2', bytes('B'));
    expect(await savedText(one, 'a')).toBe('B');
    expect(dir.names('a.')).toEqual(['a.1.sqlite', 'a.3.sqlite']);
  });

  it('a save already writing when another tab takes over never replaces that tab’s file', async () => {
    const one = await WorkspaceStorage.open();
    const two = await WorkspaceStorage.open();
    await one.create('a', 'Alpha', 'tab-1');
    await one.save('a', 'tab-1', bytes('A1'));
    // Tab 1's next save stops just before writing its file (a frozen or busy tab)...
    let resume = () => {};
    const held = new Promise<void>((r) => (resume = r));
    dir.beforeWrite = async (name) => {
      if (name === 'a.2.sqlite') await held;
    };
    const late = one.save('a', 'tab-1', bytes('stale')).catch((e: unknown) => e);
    // ...tab 2 takes the workspace over and saves; then tab 1 wakes up and writes.
    await two.claim('a', 'tab-2');
    await two.save('a', 'tab-2', bytes('fresh'));
    resume();
    expect(await late).toBeInstanceOf(NotOwnerError);
    expect(await savedText(one, 'a')).toBe('fresh');
    expect(await savedText(two, 'a')).toBe('fresh');
    expect(dir.names('a.')).toEqual(['a.1.sqlite', 'a.3.sqlite']);
  });

  it('tells a tab whose workspace was deleted elsewhere that it is gone', async () => {
    const one = await WorkspaceStorage.open();
    const two = await WorkspaceStorage.open();
    await one.create('a', 'Alpha', 'tab-1');
    await one.save('a', 'tab-1', bytes('A1'));
    await two.remove('a');
    const refused = await one.save('a', 'tab-1', bytes('A2')).catch((e: unknown) => e);
    expect((refused as NotOwnerError).reason).toBe('gone');
    expect(dir.names('a.')).toEqual([]);
    expect(await one.claim('a', 'tab-1')).toBe(false);
  });

  it('skips a catalog cut short by a crash, and never writes over its number', async () => {
    const one = await WorkspaceStorage.open();
    await one.create('a', 'Alpha', 'tab-1');
    await one.save('a', 'tab-1', bytes('A1'));
    const top = Math.max(...dir.names('catalog.').map((n) => Number(n.split('.')[1])));
    dir.files.set(`catalog.${top + 1}.json`, { bytes: bytes('{"current":'), isOpen: false });
    expect((await one.list()).map((w) => w.name)).toEqual(['Alpha']);
    await one.rename('a', 'Alpha 2');
    expect(dir.names('catalog.')).toContain(`catalog.${top + 2}.json`);
    expect((await (await WorkspaceStorage.open()).list()).map((w) => w.name)).toEqual(['Alpha 2']);
  });
});

describe('uniqueName', () => {
  it.each([
    ['Workspace 1', [], 'Workspace 1'],
    ['Workspace 1', ['Workspace 1'], 'Workspace 2'],
    ['Workspace 1', ['Workspace 1', 'Workspace 2', 'Workspace 4'], 'Workspace 3'],
    ['工作区 1', ['工作区 1'], '工作区 2'],
    ['Alpha', ['Alpha'], 'Alpha 2'],
    ['Alpha', ['Alpha', 'Alpha 2'], 'Alpha 3']
  ])('%s among %j → %s', (name, taken, expected) => {
    expect(uniqueName(name, taken)).toBe(expected);
  });
});
