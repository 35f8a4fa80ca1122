// The shared catalog of saved workspaces, driven by two "tabs" (two WorkspaceStorage objects) on
// one in-memory origin-private file system: nothing is lost between them, and a tab that lost a
// workspace can never land a save over the new owner's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FILE_STEP_MS,
  NotOwnerError,
  StorageStalledError,
  uniqueName,
  WorkspaceStorage
} from '../../../src/lib/worker/storage';
import { MemDir, stubStorage } from './mem-opfs';

const bytes = (text: string) => new TextEncoder().encode(text);
const textOf = (b: Uint8Array) => new TextDecoder().decode(b);

let dir: MemDir;
beforeEach(() => {
  dir = new MemDir();
  stubStorage(dir);
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

  it('writes bytes given once the file is open, a resizable buffer in copied pieces', async () => {
    const tab = await WorkspaceStorage.open();
    await tab.create('a', 'Alpha', 'tab-1');
    // As a large database file is held (scripts/sqljs-patches.js): the mock refuses it whole.
    const size = 40 * 2 ** 20 + 123;
    const buffer = new ArrayBuffer(size, { maxByteLength: 2 * size });
    const live = new Uint8Array(buffer);
    for (let i = 0; i < size; i += 4096) live[i] = (i / 4096) % 251;
    let taken = 0;
    const saved = await tab.save('a', 'tab-1', () => {
      taken++;
      return new Uint8Array(buffer, 0, size);
    });
    expect([taken, saved.bytes, saved.workspaces[0].bytes]).toEqual([1, size, size]);
    const back = (await tab.readSaved('a', (b) => b)).value!;
    expect(back.length).toBe(size);
    expect(back.every((v, i) => v === live[i])).toBe(true);
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

/** The settings `tab` reads back for workspace `id`, and whether it fell back. */
const settingsOf = (tab: WorkspaceStorage, id: string) => tab.readSettings(id);

describe('WorkspaceStorage: settings saved on their own', () => {
  it('writes a settings file per change, never the database; the newest two are kept', async () => {
    const tab = await WorkspaceStorage.open();
    await tab.create('a', 'Alpha', 'tab-1');
    // The first database save carries the settings of that moment (one generation, two files).
    await tab.save('a', 'tab-1', bytes('DB1'), '{"bins":5}');
    expect(dir.names('a.')).toEqual(['a.1.settings.json', 'a.1.sqlite']);
    await tab.saveSettings('a', 'tab-1', '{"bins":4}');
    await tab.saveSettings('a', 'tab-1', '{"bins":3}');
    // The database file is the one written first; the settings' last two generations remain.
    expect(dir.names('a.')).toEqual(['a.1.sqlite', 'a.2.settings.json', 'a.3.settings.json']);
    expect(textOf(dir.files.get('a.1.sqlite')!.bytes)).toBe('DB1');
    expect(await settingsOf(tab, 'a')).toEqual({ text: '{"bins":3}', index: 0 });
    // A database save without changed settings keeps the settings files as they are.
    await tab.save('a', 'tab-1', bytes('DB2'));
    expect(dir.names('a.')).toEqual([
      'a.1.sqlite',
      'a.2.settings.json',
      'a.3.settings.json',
      'a.4.sqlite'
    ]);
    expect(await savedText(tab, 'a')).toBe('DB2');
    expect((await tab.list())[0].bytes).toBe(3);
    // Another tab reads the same.
    expect(await settingsOf(await WorkspaceStorage.open(), 'a')).toEqual({
      text: '{"bins":3}',
      index: 0
    });
  });

  it('has no settings for a workspace saved before settings had files of their own', async () => {
    const tab = await WorkspaceStorage.open();
    await tab.create('a', 'Alpha', 'tab-1');
    await tab.save('a', 'tab-1', bytes('DB1'));
    expect(await settingsOf(tab, 'a')).toEqual({ text: null, index: -1 });
  });

  it('falls back to the settings before when the newest were cut short', async () => {
    const tab = await WorkspaceStorage.open();
    await tab.create('a', 'Alpha', 'tab-1');
    await tab.save('a', 'tab-1', bytes('DB1'), '{"bins":5}');
    await tab.saveSettings('a', 'tab-1', '{"bins":4}');
    dir.files.get('a.2.settings.json')!.bytes = bytes('{"bi');
    expect(await settingsOf(tab, 'a')).toEqual({ text: '{"bins":5}', index: 1 });
  });

  it('refuses the settings of a tab that lost the workspace; a late one never replaces the new owner’s', async () => {
    const one = await WorkspaceStorage.open();
    const two = await WorkspaceStorage.open();
    await one.create('a', 'Alpha', 'tab-1');
    await one.save('a', 'tab-1', bytes('A1'), '{"v":1}');
    // Tab 1's settings save stops just before writing its file...
    let resume = () => {};
    const held = new Promise<void>((r) => (resume = r));
    dir.beforeWrite = async (name) => {
      if (name === 'a.2.settings.json') await held;
    };
    const late = one.saveSettings('a', 'tab-1', '{"v":"stale"}').catch((e: unknown) => e);
    // ...tab 2 takes over and saves its settings; then tab 1 writes.
    await two.claim('a', 'tab-2');
    await two.saveSettings('a', 'tab-2', '{"v":2}');
    resume();
    expect(await late).toBeInstanceOf(NotOwnerError);
    expect(await settingsOf(one, 'a')).toEqual({ text: '{"v":2}', index: 0 });
    expect(dir.names('a.')).toEqual(['a.1.settings.json', 'a.1.sqlite', 'a.3.settings.json']);
    const refused = await one.saveSettings('a', 'tab-1', '{"v":"x"}').catch((e: unknown) => e);
    expect((refused as NotOwnerError).reason).toBe('taken');
    expect(dir.names('a.')).toHaveLength(3);
  });

  it('a full disk fails the save and leaves the last good state (and no half-written file)', async () => {
    const tab = await WorkspaceStorage.open();
    await tab.create('a', 'Alpha', 'tab-1');
    await tab.save('a', 'tab-1', bytes('DB-one'), '{"v":1}');
    const before = dir.names();
    // Room for a catalog and a settings file, not for the database.
    dir.quota = dir.used() + 600;
    const failed = await tab.save('a', 'tab-1', bytes('x'.repeat(1000))).catch((e: unknown) => e);
    expect((failed as DOMException).name).toBe('QuotaExceededError');
    expect(dir.names()).toEqual(before);
    expect(await savedText(tab, 'a')).toBe('DB-one');
    // A small settings save still fits; then, with room again, the database is saved.
    await tab.saveSettings('a', 'tab-1', '{"v":2}');
    dir.quota = Infinity;
    await tab.save('a', 'tab-1', bytes('DB-two'));
    expect(await savedText(tab, 'a')).toBe('DB-two');
    expect(await settingsOf(tab, 'a')).toEqual({ text: '{"v":2}', index: 0 });
  });

  it('a file system that never answers fails the save after a bound; the next save lands', async () => {
    const tab = await WorkspaceStorage.open();
    await tab.create('a', 'Alpha', 'tab-1');
    await tab.save('a', 'tab-1', bytes('DB-one'));
    const before = dir.names();
    // Opening the next database file for writing hangs until `answer` is called.
    let answer = () => {};
    dir.beforeWrite = (name) =>
      name.endsWith('.sqlite') ? new Promise<void>((r) => (answer = r)) : Promise.resolve();
    vi.useFakeTimers();
    try {
      const saving = tab.save('a', 'tab-1', bytes('DB-two')).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(FILE_STEP_MS - 1);
      let settled = false;
      void saving.then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(0);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const failed = await saving;
      expect(failed).toBeInstanceOf(StorageStalledError);
      expect(String((failed as Error).message)).toContain('.sqlite');
    } finally {
      vi.useRealTimers();
    }
    expect(await savedText(tab, 'a')).toBe('DB-one');
    // The file system answers late: the handle it opens is closed, not left holding the file.
    dir.beforeWrite = async () => {};
    answer();
    await new Promise((r) => setTimeout(r, 0));
    expect([...dir.files.values()].every((f) => !f.isOpen)).toBe(true);
    // The next save goes under the next number and tidies the one given up.
    await tab.save('a', 'tab-1', bytes('DB-three'));
    expect(await savedText(tab, 'a')).toBe('DB-three');
    expect(dir.names().filter((n) => n.endsWith('.sqlite'))).toEqual(
      [...before.filter((n) => n.endsWith('.sqlite')), 'a.3.sqlite'].sort()
    );
  });

  it('deleting a workspace removes its settings files too', async () => {
    const tab = await WorkspaceStorage.open();
    await tab.create('a', 'Alpha', 'tab-1');
    await tab.create('b', 'Beta', 'tab-1');
    await tab.save('a', 'tab-1', bytes('A1'), '{"v":1}');
    await tab.saveSettings('a', 'tab-1', '{"v":2}');
    await tab.save('b', 'tab-1', bytes('B1'), '{"v":1}');
    await tab.remove('a');
    expect(dir.names('a.')).toEqual([]);
    expect(dir.names('b.')).toEqual(['b.1.settings.json', 'b.1.sqlite']);
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
