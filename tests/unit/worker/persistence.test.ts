// The worker's saves on a real sql.js database and an in-memory private file system: a settings
// change writes a small settings file and never copies the database; restore reads the newest
// settings (those inside the database for a workspace saved by an earlier version); a damaged
// settings file falls back; the .sqlite download carries the settings; a full disk keeps the last
// good state; a scheduled database save waits until the page is not waiting for an answer.
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  emptyDb,
  Persistence,
  SETTINGS_SQL,
  type PersistenceHost
} from '../../../src/lib/worker/persistence';
import { WorkspaceStorage } from '../../../src/lib/worker/storage';
import type { SaveEvent } from '../../../src/lib/db/persist-protocol';
import { importCsv } from './import-fixture';
import { MemDir, stubStorage } from './mem-opfs';

const CSV = 'customer_id,order_date,amount\nA,2024-01-02,10\nA,2024-02-03,20\nB,2024-03-04,5\n';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

let dir: MemDir;
beforeEach(() => {
  dir = new MemDir();
  // Without Web Locks and BroadcastChannel: one tab (ownership.ts and locks.ts allow for that).
  stubStorage(dir, { withLocks: false });
  vi.stubGlobal('BroadcastChannel', undefined);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A worker's persistence over one database, with the events it reports and its exports counted. */
function tab(options: { quiet?: () => Promise<void>; hold?: PersistenceHost['hold'] } = {}) {
  let db: Database = emptyDb(SQL);
  const events: SaveEvent[] = [];
  let exports = 0;
  const counted = (d: Database) => {
    const exportDb = d.export.bind(d);
    d.export = () => {
      exports++;
      return exportDb();
    };
    return d;
  };
  const host: PersistenceHost = {
    sql: async () => SQL,
    db: async () => db,
    replaceDb: (next) => void (db = counted(next)),
    idle: async () => {},
    settled: async () => {},
    quiet: options.quiet,
    hold: options.hold,
    emit: (e) => void events.push(e),
    emitList: () => {},
    exclusive: (task) => task()
  };
  const p = new Persistence(host);
  return {
    p,
    events,
    db: () => db,
    exports: () => exports,
    /** An import into the open workspace, as session.ts does it (`isReported`: says it changed). */
    async importData(isReported = true) {
      const imported = (await importCsv(CSV, 'orders')).db;
      imported.run(SETTINGS_SQL);
      db = counted(imported);
      if (isReported) p.changed();
    }
  };
}

/** Opens a workspace, imports (saved with bins 5), then changes the settings alone (bins 4). */
async function importAndChangeSettings(one: ReturnType<typeof tab>) {
  await one.p.restore('Workspace 1');
  await one.importData();
  await one.p.putSettings('{"bins":5}');
  await one.p.flush();
  await one.p.putSettings('{"bins":4}');
  await one.p.flush();
}

describe('Persistence: a reloaded tab and its previous worker', () => {
  beforeEach(() => stubStorage(dir));

  it("waits for its own tab's previous worker to let go; another tab opens it elsewhere", async () => {
    // The first save of a new workspace, still held by the worker when the page reloads.
    const before = tab();
    await before.p.restore('Workspace 1', undefined, { tab: 'T' });
    await before.importData();
    await before.p.flush();
    expect(saved(before.events)).toEqual(['database']);

    // Another tab opens it without waiting: it is owned elsewhere.
    const other = await tab().p.restore('Workspace 1', undefined, { tab: 'U' });
    expect(other.isOpenElsewhere).toBe(true);

    // The same tab reloaded: its new worker waits until the old one is gone, then owns it.
    const after = tab();
    const opening = after.p.restore('Workspace 1', undefined, { tab: 'T' });
    await new Promise((r) => setTimeout(r, 50));
    await before.p.stop(); // the old worker goes away
    const r = await opening;
    expect(r.isOpenElsewhere).toBe(false);
    expect(r.outcome).toBe('restored');
    expect(after.db().exec('SELECT COUNT(*) FROM datasets')[0].values[0][0]).toBe(1);
    await after.p.putSettings('{"bins":2}');
    await after.p.flush();
    expect(saved(after.events)).toEqual(['settings']);
  });
});

const saved = (events: SaveEvent[]) => events.flatMap((e) => (e.state === 'saved' ? [e.kind] : []));
const settingsIn = (db: Database) =>
  db.exec(`SELECT value FROM app_settings WHERE key = 'workspace'`)[0]?.values[0][0] ?? null;
const files = (kind: 'sqlite' | 'settings.json') =>
  dir.names().filter((n) => n.endsWith(`.${kind}`));

describe('Persistence: settings saved on their own', () => {
  it('a settings change writes its own small file, without copying the database', async () => {
    const one = tab();
    await one.p.restore('Workspace 1');
    await one.importData();
    await one.p.putSettings('{"bins":5}');
    await one.p.flush();
    // The first save creates the workspace: the database with the settings of that moment.
    expect(saved(one.events)).toEqual(['database']);
    expect(one.exports()).toBe(1);
    expect(files('sqlite')).toHaveLength(1);
    expect(files('settings.json')).toHaveLength(1);

    await one.p.putSettings('{"bins":4}');
    await one.p.flush();
    await one.p.putSettings('{"bins":4}'); // unchanged: nothing to save
    await one.p.flush();
    expect(saved(one.events)).toEqual(['database', 'settings']);
    expect(one.exports()).toBe(1);
    expect(files('sqlite')).toHaveLength(1);
    expect(files('settings.json')).toHaveLength(2);
    const last = one.events.at(-1) as Extract<SaveEvent, { state: 'saved' }>;
    expect(last).toMatchObject({ kind: 'settings', bytes: 10, exportMs: 0 });

    // A reload: the data of the database save, the settings of the settings save.
    const two = tab();
    const r = await two.p.restore('Workspace 1');
    expect(r.outcome).toBe('restored');
    expect(r.settings).toBe('{"bins":4}');
    expect(two.db().exec('SELECT COUNT(*) FROM datasets')[0].values[0][0]).toBe(1);
  });

  it('saves a settings change after a short wait, on its own', async () => {
    const one = tab();
    await one.p.restore('Workspace 1');
    await one.importData();
    await one.p.putSettings('{"bins":5}');
    await one.p.flush();
    vi.useFakeTimers();
    await one.p.putSettings('{"bins":3}');
    await one.p.putSettings('{"bins":4}');
    expect(saved(one.events)).toEqual(['database']);
    await vi.advanceTimersByTimeAsync(1000);
    // The two changes in a burst make one save.
    expect(saved(one.events)).toEqual(['database', 'settings']);
    expect(one.exports()).toBe(1);
    expect((await (await WorkspaceStorage.open()).list()).length).toBe(1);
  });

  it('restores the settings inside the database of a workspace saved by an earlier version', async () => {
    // An earlier version's save: the database (settings inside), no settings file.
    const old = emptyDb(SQL);
    old.run(`INSERT INTO app_settings (key, value) VALUES ('workspace', '{"bins":3}')`);
    const storage = await WorkspaceStorage.open();
    await storage.create('w', 'Old', 'old-tab');
    await storage.save('w', 'old-tab', old.export());
    const one = tab();
    const r = await one.p.restore('Workspace 2');
    expect(r.outcome).toBe('restored');
    expect(r.settings).toBe('{"bins":3}');
    // From the next change on, they have their own file; the database is not written.
    await one.p.putSettings('{"bins":4}');
    await one.p.flush();
    expect(saved(one.events)).toEqual(['settings']);
    expect(one.exports()).toBe(0);
    expect((await tab().p.restore('x')).settings).toBe('{"bins":4}');
  });

  it('falls back to the settings before when the newest file is damaged, and saves them again', async () => {
    const one = tab();
    await importAndChangeSettings(one);
    const newest = files('settings.json').sort().at(-1)!;
    dir.files.get(newest)!.bytes = new TextEncoder().encode('{"bins"');
    const two = tab();
    const r = await two.p.restore('Workspace 1');
    expect(r.outcome).toBe('restored');
    expect(r.settings).toBe('{"bins":5}');
    await two.p.flush();
    expect(saved(two.events)).toEqual(['settings']);
    expect(two.exports()).toBe(0);
    expect((await tab().p.restore('x')).settings).toBe('{"bins":5}');
  });

  it('the .sqlite download carries the newest settings, and is no save', async () => {
    const one = tab();
    await one.p.restore('Workspace 1');
    await one.importData();
    await one.p.putSettings('{"bins":5}');
    await one.p.flush();
    await one.p.putSettings('{"bins":2}');
    const blob = await one.p.exportBytes();
    const copy = new SQL.Database(new Uint8Array(await blob.arrayBuffer()));
    expect(settingsIn(copy)).toBe('{"bins":2}');
    expect(copy.exec('SELECT COUNT(*) FROM datasets')[0].values[0][0]).toBe(1);
    expect(saved(one.events)).toEqual(['database']);
    expect(files('sqlite')).toHaveLength(1);
  });

  it('opening a downloaded .sqlite brings its settings along', async () => {
    const source = emptyDb(SQL);
    source.run(`INSERT INTO app_settings (key, value) VALUES ('workspace', '{"bins":3}')`);
    const file = new File([source.export() as Uint8Array<ArrayBuffer>], 'shop.sqlite');
    const one = tab();
    await one.p.restore('Workspace 1');
    expect((await one.p.inspectSqlite(file)).isWorkspace).toBe(true);
    const r = await one.p.openForeign('shop');
    expect(r.settings).toBe('{"bins":3}');
    expect(files('settings.json')).toHaveLength(1);
    expect((await tab().p.restore('x')).settings).toBe('{"bins":3}');
  });

  it('deleting the open workspace removes its settings files', async () => {
    const one = tab();
    await importAndChangeSettings(one);
    const { currentId } = await one.p.list();
    await one.p.remove(currentId!);
    expect(dir.names().filter((n) => !n.startsWith('catalog.'))).toEqual([]);
  });

  it('a full disk fails the database save, keeps the last good state; settings still save', async () => {
    const one = tab();
    await one.p.restore('Workspace 1');
    await one.importData();
    await one.p.putSettings('{"bins":5}');
    await one.p.flush();
    const before = dir.names();
    dir.quota = dir.used() + 2000;
    one.db().run(`INSERT INTO app_settings (key, value) VALUES ('filler', ?)`, ['x'.repeat(5000)]);
    one.p.changed();
    await expect(one.p.flush()).rejects.toThrow(/quota/);
    expect(one.events.at(-1)).toMatchObject({ state: 'error' });
    expect(dir.names()).toEqual(before);
    // The settings are small: they are saved on their own (quietly: the database is still due).
    const { currentId } = await one.p.list();
    vi.useFakeTimers();
    await one.p.putSettings('{"bins":4}');
    await vi.advanceTimersByTimeAsync(1000);
    vi.useRealTimers();
    const storage = await WorkspaceStorage.open();
    expect((await storage.readSettings(currentId!)).text).toBe('{"bins":4}');
    expect(saved(one.events)).toEqual(['database']);
    dir.quota = Infinity;
    await one.p.flush();
    expect(saved(one.events)).toEqual(['database', 'database']);
    const two = tab();
    const r = await two.p.restore('Workspace 1');
    expect(r.settings).toBe('{"bins":4}');
    expect(settingsIn(two.db())).toBe('{"bins":4}');
  });
});

describe('Persistence: a failed save is tried again', () => {
  it('after 2 s, then 10 s, without a new change; the page hears "saved" once it works', async () => {
    const one = tab();
    await one.p.restore('Workspace 1');
    await one.importData();
    await one.p.flush();
    dir.quota = dir.used() + 2000;
    one.db().run(`INSERT INTO app_settings (key, value) VALUES ('filler', ?)`, ['x'.repeat(5000)]);
    vi.useFakeTimers();
    one.p.changed();
    await vi.advanceTimersByTimeAsync(800);
    expect(one.events.at(-1)).toMatchObject({ state: 'error' });
    const exports = one.exports();
    // Still full at the first retry (2 s later): another error, and nothing written.
    await vi.advanceTimersByTimeAsync(1_999);
    expect(one.exports()).toBe(exports);
    await vi.advanceTimersByTimeAsync(1);
    expect(one.exports()).toBe(exports + 1);
    expect(one.events.at(-1)).toMatchObject({ state: 'error' });
    // Room again: the second retry waits 10 s and saves.
    dir.quota = Infinity;
    await vi.advanceTimersByTimeAsync(9_999);
    expect(saved(one.events)).toEqual(['database']);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved(one.events)).toEqual(['database', 'database']);
    expect(one.events.at(-1)).toMatchObject({ state: 'saved' });
    // Nothing left to retry.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(one.exports()).toBe(exports + 2);
    vi.useRealTimers();
    const r = await tab().p.restore('Workspace 1');
    expect(r.outcome).toBe('restored');
  });
});

describe('Persistence: saves yield to the page', () => {
  it('a scheduled database save waits until the page is not waiting for an answer', async () => {
    let quiet = () => {};
    const isQuiet = new Promise<void>((resolve) => (quiet = resolve));
    const one = tab({ quiet: () => isQuiet });
    await one.p.restore('Workspace 1');
    await one.importData(false);
    vi.useFakeTimers();
    one.p.changed();
    await vi.advanceTimersByTimeAsync(3000);
    expect(one.events).toEqual([{ state: 'pending' }]);
    expect(one.exports()).toBe(0);
    quiet();
    await vi.advanceTimersByTimeAsync(0);
    expect(saved(one.events)).toEqual(['database']);
  });

  it('once a save starts, new page requests wait until its files are written', async () => {
    const held: string[] = [];
    let isHolding = false;
    const one = tab({
      hold: async (task) => {
        isHolding = true;
        try {
          return await task();
        } finally {
          isHolding = false;
        }
      }
    });
    dir.beforeWrite = async (name) => {
      held.push(`${name.replace(/^.*?\.\d+\./, '')} ${isHolding ? 'held' : 'not held'}`);
    };
    await importAndChangeSettings(one);
    // The database and its settings, then the settings alone, each with its new catalog: all
    // written while requests were held (the first save's workspace record too).
    expect(held.filter((w) => w.startsWith('sqlite'))).toEqual(['sqlite held']);
    expect(held.filter((w) => w.startsWith('settings'))).toEqual([
      'settings.json held',
      'settings.json held'
    ]);
    expect(held.filter((w) => w.startsWith('json')).length).toBeGreaterThanOrEqual(3);
    expect(held.filter((w) => w.endsWith('not held'))).toEqual([]);
    expect(isHolding).toBe(false);
  });

  it('saves anyway when the page never stops asking (4 s at most)', async () => {
    const one = tab({ quiet: () => new Promise(() => {}) });
    await one.p.restore('Workspace 1');
    await one.importData(false);
    vi.useFakeTimers();
    one.p.changed();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(saved(one.events)).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(saved(one.events)).toEqual(['database']);
  });
});
