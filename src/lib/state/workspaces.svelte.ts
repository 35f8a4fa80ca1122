// Saved workspaces on the page side: restore on load, named workspaces, save status, settings
// sync, .sqlite files, "forget everything", recovery after the worker crashed, and a workspace
// another tab owns (shown read-only until "Use it here").
import { stateContext } from './context';
import { toErrorData } from '$lib/db';
import { STORAGE_LOCK } from '$lib/db/persist-protocol';
import { forgottenUrl, unregisterServiceWorkers } from '$lib/offline/register';
import type {
  AppErrorData,
  DbClient,
  RestoreResult,
  RfmSettings,
  ElsewhereReason,
  SaveEvent,
  SqliteInspection,
  WorkspaceEntry
} from '$lib/db';
import { defaultSettings, type RfmState } from './rfm.svelte';
import type { ClvState } from './clv.svelte';
import type { Datasets } from './datasets.svelte';
import type { ImportFlow } from './import-flow.svelte';
import type { TimeState } from './time.svelte';
import type { FilterState } from './filter.svelte';
import type { DataFilter } from '$lib/analysis/data-filter';
import { isSqliteHeader, parseSavedSettings, type SavedSettings } from './saved-settings';
import type { ComplaintsState } from './complaints.svelte';
import type { OverviewState } from './overview.svelte';
import type { CallsState } from './calls.svelte';
import { DEFAULT_SLA_DAYS } from '$lib/analysis/complaints';

/** What the header shows about saving. */
export type SaveStatus =
  | 'restoring'
  | 'idle'
  /** Changed since the last save; the save is on its way. */
  | 'pending'
  | 'saving'
  | 'saved'
  | 'error'
  | 'unavailable'
  /** Another tab owns the open workspace: nothing here is saved. */
  | 'elsewhere';

/** A button a notice offers. */
export type NoticeAction = 'take' | 'new' | 'reload';

/** A message about the workspace (restore fallback, crash, storage), keyed under `workspace.`. */
export interface WorkspaceNotice {
  code: string;
  params?: Record<string, string | number>;
  tone: 'info' | 'bad';
  /** Buttons; a notice with buttons describes a state and stays until the state changes. */
  actions?: NoticeAction[];
}

/** The notice of each reason a tab does not save its workspace. */
const ELSEWHERE_NOTICES: Record<ElsewhereReason, WorkspaceNotice> = {
  opened: { code: 'openElsewhere', tone: 'info', actions: ['take', 'new'] },
  taken: { code: 'takenElsewhere', tone: 'bad', actions: ['take', 'new'] },
  gone: { code: 'goneElsewhere', tone: 'bad', actions: ['new'] },
  forgotten: { code: 'forgottenElsewhere', tone: 'bad', actions: ['reload'] }
};

/** sessionStorage (this tab only, survives a reload): the workspace this tab has open. */
const TAB_KEY = 'customer-lens.tab-open';
/** sessionStorage: this tab's name, so its next worker knows what its previous one owned. */
const TAB_NAME_KEY = 'customer-lens.tab';
/**
 * sessionStorage: the settings this tab had when it was unloaded (a reload), with the workspace
 * and the time. The worker goes with the page, so their save may not have finished; the next load
 * of this tab takes them over the saved ones.
 */
const UNLOADED_KEY = 'customer-lens.unloaded-settings';
/** Older than this, settings kept at an unload are not taken (a reload takes seconds). */
const UNLOADED_MAX_AGE_MS = 60_000;

export class Workspaces {
  list = $state<WorkspaceEntry[]>([]);
  currentId = $state<string | null>(null);
  status = $state<SaveStatus>('restoring');
  /** The last database save (size and times for the status's detail). */
  lastSave = $state.raw<Extract<SaveEvent, { state: 'saved' }> | null>(null);
  /** What the last save wrote and how long it took the worker (a settings save is tiny). */
  lastWrite = $state.raw<{ kind: 'database' | 'settings'; ms: number } | null>(null);
  /** Completed saves since the page loaded. */
  saves = $state(0);
  notice = $state<WorkspaceNotice | null>(null);
  /** A .sqlite file waiting for the user's choice. */
  sqlite = $state.raw<SqliteInspection | null>(null);
  /** Settings are synced to the worker only once the workspace is restored. */
  isReady = $state(false);
  /** Another tab owns the open workspace: this tab shows it and saves nothing. */
  isOpenElsewhere = $state(false);
  /** While another tab owns the open workspace: the notice saying so (back when others go). */
  private elsewhereNotice: WorkspaceNotice | null = null;
  private hasSavedWhileOpening = false;

  current = $derived(this.list.find((w) => w.id === this.currentId) ?? null);

  constructor(
    private db: DbClient,
    private datasets: Datasets,
    private flow: ImportFlow,
    private settings: {
      rfm: RfmState;
      clv: ClvState;
      time: TimeState;
      filter: FilterState;
      complaints: ComplaintsState;
      overview: OverviewState;
      calls: CallsState;
    },
    private defaultName: (n: number) => string
  ) {
    db.onEvent((e) => {
      if (e.event === 'workspaces') this.list = e.workspaces;
      else if (e.event === 'save') this.onSave(e.save);
    });
    db.onCrash((error) => void this.recover(error));
    flow.claimFiles((file) => this.openSqlite(file));
  }

  /** The settings to save with the workspace, as JSON (read inside an effect to track them). */
  settingsJson(): string {
    const { rfm, clv, time, filter, complaints, overview, calls } = this.settings;
    const settings: SavedSettings = {
      rfm: $state.snapshot(rfm.settings) as RfmSettings,
      clv: { months: clv.settings.months, discountPct: clv.settings.discountPct },
      lifecycle: $state.snapshot(time.thresholds),
      activeId: this.datasets.activeId,
      filter: $state.snapshot(filter.filter) as DataFilter,
      complaints: { slaDays: complaints.slaDays },
      report: $state.snapshot(overview.report),
      snapshot: overview.snapshotToSave(),
      playbooks: $state.snapshot(calls.playbooks),
      handled: $state.snapshot(calls.handled)
    };
    return JSON.stringify(settings);
  }

  /** Sends changed settings to the worker, which saves them with the workspace. */
  async syncSettings(json: string) {
    if (!this.isReady) return;
    try {
      await this.db.call('ws.settings', { json });
    } catch {
      // A crash is handled by recover(); the next change sends the settings again.
    }
  }

  /** Settles once the workspace opened on page load is shown (the sample link waits for it). */
  loaded: Promise<void> = Promise.resolve();

  /** On page load: reopens the workspace this tab had open (a reload), else the last one. */
  start() {
    this.loaded = this.restore(recallTab(), { isPageLoad: true });
  }

  /**
   * Opens the last workspace (or `id`), then shows its data and settings. The worker knows a
   * workspace this tab's previous worker owned (reload, restarted worker) by the tab's name, and
   * waits for that worker to let go of it.
   */
  restore(id?: string, options: { isPageLoad?: boolean } = {}): Promise<void> {
    const opening = this.#restore(id, options.isPageLoad ?? false);
    this.flow.holdUntilOpened(opening);
    return opening;
  }

  async #restore(id: string | undefined, isPageLoad: boolean) {
    this.isReady = false;
    this.status = 'restoring';
    try {
      const name = this.nextName();
      const tab = tabName();
      const r = await this.db.call('ws.restore', { defaultName: name, id, tab });
      // Settings changed just before this tab was reloaded whose save did not finish: they are
      // the newest. Only for the workspace this tab goes on owning, restored as saved (after a
      // fallback to an earlier save they may name data that save does not have).
      const unloaded = isPageLoad ? takeUnloadedSettings(r.currentId) : null;
      const isTaken = unloaded !== null && r.outcome === 'restored' && !r.isOpenElsewhere;
      await this.apply(isTaken ? { ...r, settings: unloaded } : r);
    } catch (err) {
      this.status = 'error';
      this.notice = { code: 'restoreFailed', params: { message: messageOf(err) }, tone: 'bad' };
      this.isReady = true;
    }
  }

  private async apply(r: RestoreResult) {
    this.list = r.workspaces;
    if (r.outcome === 'fell-back') this.notice = { code: 'fellBack', tone: 'bad' };
    else if (r.outcome === 'lost') this.notice = { code: 'lost', tone: 'bad' };
    else if (r.outcome === 'unavailable') this.notice = { code: 'unavailable', tone: 'info' };
    this.elsewhereNotice = r.isOpenElsewhere ? ELSEWHERE_NOTICES.opened : null;
    this.isOpenElsewhere = this.elsewhereNotice !== null;
    if (this.elsewhereNotice) this.notice = this.elsewhereNotice;
    else if (this.notice?.actions || this.notice?.code === 'takingOver') this.notice = null;
    rememberTab(r.currentId);
    const { rfm, clv, time, filter, complaints, overview, calls } = this.settings;
    const fallback: SavedSettings = {
      rfm: r.settings === null ? ($state.snapshot(rfm.settings) as RfmSettings) : defaultSettings(),
      clv: { months: clv.settings.months, discountPct: clv.settings.discountPct },
      lifecycle: $state.snapshot(time.thresholds),
      activeId: null
    };
    const s = parseSavedSettings(r.settings, fallback);
    await this.datasets.refresh();
    rfm.settings = s.rfm;
    clv.settings.months = s.clv.months;
    clv.settings.discountPct = s.clv.discountPct;
    // A new workspace keeps the thresholds in force (and writes nothing before the user acts).
    if (r.settings !== null) time.setThresholds(s.lifecycle);
    if (r.settings !== null) complaints.slaDays = s.complaints?.slaDays ?? DEFAULT_SLA_DAYS;
    overview.restore({ snapshot: s.snapshot, report: s.report });
    // Each workspace has its own playbooks and handled marks; a new one starts with the defaults.
    calls.playbooks = s.playbooks ?? {};
    calls.handled = s.handled ?? {};
    // Each workspace has its own filter; a new one starts unfiltered.
    filter.restore(s.filter ?? { dims: [], from: null, to: null });
    this.datasets.restoreActive(s.activeId);
    rfm.adoptAsOf(this.datasets.active);
    // A file the user picked while the page was restoring keeps its mapping step.
    this.flow.settle();
    // Named and marked done only now, with its data on the page.
    this.currentId = r.currentId;
    // A save reported while the workspace opened (e.g. a fallback re-saved) shows as saved.
    if (r.outcome === 'unavailable') this.status = 'unavailable';
    else if (this.isOpenElsewhere) this.status = 'elsewhere';
    else if (this.status === 'restoring')
      this.status = this.hasSavedWhileOpening ? 'saved' : 'idle';
    this.hasSavedWhileOpening = false;
    this.isReady = true;
  }

  private onSave(e: SaveEvent) {
    // While a workspace opens, its result names the workspace and sets the status (a save of
    // the new one reported first must not show it before its data).
    const isOpening = this.status === 'restoring';
    if (e.state === 'saved') {
      if (e.kind === 'database') this.lastSave = e;
      this.lastWrite = { kind: e.kind, ms: e.exportMs + e.writeMs };
      this.saves++;
      this.list = e.workspaces;
      // A retry went through: the failure it reported is over.
      if (this.notice?.code === 'saveFailed') this.notice = null;
      if (isOpening) this.hasSavedWhileOpening = true;
      else {
        this.currentId = e.currentId;
        rememberTab(e.currentId);
      }
    } else if ((e.state === 'saving' || e.state === 'pending') && isOpening) {
      return;
    } else if (e.state === 'error') {
      this.notice = { code: 'saveFailed', params: { message: e.message }, tone: 'bad' };
    } else if (e.state === 'elsewhere') {
      this.elsewhereNotice = ELSEWHERE_NOTICES[e.reason];
      this.isOpenElsewhere = true;
      this.notice = this.elsewhereNotice;
    }
    if (!isOpening || e.state !== 'saved') this.status = e.state;
  }

  /** Closes a message; the one saying that another tab owns the workspace stays while it does. */
  dismissNotice() {
    this.notice = this.elsewhereNotice;
  }

  /**
   * "Use it here": the tab that owns the open workspace saves it and lets go, then its latest
   * save opens here and this tab saves again. Settings changed here meanwhile are replaced.
   */
  takeOver() {
    const id = this.currentId;
    if (!id) return Promise.resolve();
    this.notice = { code: 'takingOver', tone: 'info' };
    return this.run(() => this.db.call('ws.take', { defaultName: this.nextName(), id }));
  }

  /**
   * Saves pending changes at once when the page is hidden or closed, instead of after the quiet
   * time (a reload right after a change would otherwise come back without it). Returns the
   * clean-up for an effect.
   */
  flushWhenHidden(): () => void {
    const flush = () => {
      // Settings still waiting for their debounce go first (the worker answers in order).
      if (this.isReady) void this.syncSettings(this.settingsJson());
      void this.db.call('ws.flush', {}).catch(() => {});
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    const onPageHide = (event: PageTransitionEvent) => {
      flush();
      // Unloaded (not kept for going back): the worker may go before the save is written.
      if (!event.persisted && this.isReady && this.currentId && !this.isOpenElsewhere)
        keepUnloadedSettings(this.currentId, this.settingsJson());
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('beforeunload', flush);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('beforeunload', flush);
    };
  }

  private nextName(): string {
    const names = this.list.map((w) => w.name);
    let n = this.list.length + 1;
    while (names.includes(this.defaultName(n))) n++;
    return this.defaultName(n);
  }

  private run(task: () => Promise<RestoreResult>): Promise<void> {
    const opening = this.#run(task);
    this.flow.holdUntilOpened(opening);
    return opening;
  }

  async #run(task: () => Promise<RestoreResult>) {
    const before = this.status;
    this.isReady = false;
    this.status = 'restoring';
    try {
      await this.apply(await task());
    } catch (err) {
      const { code } = toErrorData(err);
      if (code === 'workspace_elsewhere') {
        // Refused because another tab has it open: nothing changed here.
        this.notice = { code: 'deleteElsewhere', tone: 'bad' };
        this.status = before;
      } else if (code === 'workspace_gone') {
        // Everything was deleted in another tab: the notice in place says so and what to do.
        this.status = before;
      } else {
        this.notice = { code: 'actionFailed', params: { message: messageOf(err) }, tone: 'bad' };
        this.status = 'error';
      }
      this.isReady = true;
    }
  }

  create(name?: string) {
    return this.run(() => this.db.call('ws.create', { name: name?.trim() || this.nextName() }));
  }

  switchTo(id: string) {
    if (id === this.currentId) return Promise.resolve();
    return this.run(() => this.db.call('ws.switch', { id }));
  }

  async rename(id: string, name: string) {
    const clean = name.trim();
    if (!clean) return;
    const r = await this.db.call('ws.rename', { id, name: clean });
    this.list = r.workspaces;
  }

  remove(id: string) {
    return this.run(() => this.db.call('ws.delete', { id }));
  }

  /** The open workspace as a .sqlite file. */
  async download(): Promise<{ blob: Blob; fileName: string }> {
    // A setting changed a moment ago is still waiting for its debounce: it belongs in the file.
    await this.syncSettings(this.settingsJson());
    const blob = await this.db.call('ws.export', {});
    const base = (this.current?.name ?? 'workspace').replace(/[\\/:*?"<>|]+/g, '_');
    return { blob, fileName: `${base}.sqlite` };
  }

  /** A dropped or picked SQLite file opens the choice instead of the mapping step. */
  private async openSqlite(file: File): Promise<boolean> {
    const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
    if (!isSqliteHeader(head)) return false;
    this.sqlite = await this.db.call('sqlite.inspect', { file });
    return true;
  }

  /** Opens the pending .sqlite file as a new workspace. */
  openSqliteAsWorkspace() {
    const file = this.sqlite;
    if (!file) return;
    this.sqlite = null;
    const name = file.fileName.replace(/\.(sqlite3?|db)$/i, '') || this.nextName();
    return this.run(() => this.db.call('sqlite.open', { name }));
  }

  /** Imports one table of the pending .sqlite file through the normal mapping step. */
  async importSqliteTable(table: string) {
    const file = this.sqlite;
    if (!file) return;
    this.sqlite = null;
    try {
      const blob = await this.db.call('sqlite.table', { table });
      await this.flow.openFile(
        new File([blob], `${file.fileName} · ${table}.csv`, { type: 'text/csv' })
      );
    } catch (err) {
      this.flow.showError(err, file.fileName);
    }
  }

  /** Wipes everything this app stored in the browser, then starts over. */
  async forgetEverything() {
    try {
      await this.db.call('ws.stop', {});
    } catch {
      // A dead worker saves nothing either.
    }
    this.db.terminate();
    // Other tabs' saves in progress finish first; they stop saving once told (ws.stop told them).
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    if (locks) await locks.request(STORAGE_LOCK, () => wipeOrigin());
    else await wipeOrigin();
    location.replace(forgottenUrl());
  }

  /** The worker died: say so, start a new one and reopen the last saved state. */
  private async recover(error: AppErrorData) {
    this.notice = {
      code: error.code === 'out_of_memory' ? 'recoveredOom' : 'recovered',
      params: { message: String(error.params?.message ?? '') },
      tone: 'bad'
    };
    this.db.restart();
    this.flow.abandon();
    await this.restore(this.currentId ?? undefined);
  }
}

/** Remembers, for this tab only, which workspace it has open. */
function rememberTab(id: string | null) {
  try {
    if (id) sessionStorage.setItem(TAB_KEY, id);
    else sessionStorage.removeItem(TAB_KEY);
  } catch {
    // Storage disabled: a reload opens the last workspace instead.
  }
}

function recallTab(): string | undefined {
  try {
    return sessionStorage.getItem(TAB_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function keepUnloadedSettings(id: string, json: string) {
  try {
    sessionStorage.setItem(UNLOADED_KEY, JSON.stringify({ id, json, at: Date.now() }));
  } catch {
    // Storage disabled or full: the save the page asked for may still finish.
  }
}

/** The settings kept at this tab's last unload for workspace `id`, once (then forgotten). */
function takeUnloadedSettings(id: string | null): string | null {
  try {
    const text = sessionStorage.getItem(UNLOADED_KEY);
    sessionStorage.removeItem(UNLOADED_KEY);
    if (!text || !id) return null;
    const kept = JSON.parse(text) as { id: string; json: string; at: number };
    const isRecent = Date.now() - kept.at < UNLOADED_MAX_AGE_MS;
    return kept.id === id && isRecent && typeof kept.json === 'string' ? kept.json : null;
  } catch {
    return null;
  }
}

/** This tab's name (kept across reloads); without sessionStorage, one per page load. */
function tabName(): string {
  try {
    let name = sessionStorage.getItem(TAB_NAME_KEY);
    if (!name) sessionStorage.setItem(TAB_NAME_KEY, (name = crypto.randomUUID()));
    return name;
  } catch {
    return crypto.randomUUID();
  }
}

function messageOf(err: unknown): string {
  const data = toErrorData(err);
  return String(data.params?.message ?? data.code);
}

/** Deletes IndexedDB databases, OPFS entries, Web Storage and Cache Storage of this origin. */
export async function wipeOrigin() {
  // First, so no service worker fills its cache again while the rest is deleted.
  await unregisterServiceWorkers();
  const dbs = (await indexedDB.databases?.()) ?? [{ name: 'customer-lens' }];
  await Promise.all(
    dbs.map(
      (d) =>
        new Promise<void>((resolve) => {
          if (!d.name) return resolve();
          const req = indexedDB.deleteDatabase(d.name);
          // Blocked means a connection is still closing: wait for it (bounded), then go on.
          const timer = setTimeout(resolve, 5000);
          req.onsuccess = req.onerror = () => {
            clearTimeout(timer);
            resolve();
          };
        })
    )
  );
  try {
    const root = await navigator.storage.getDirectory();
    const names: string[] = [];
    for await (const name of root.keys()) names.push(name);
    for (const name of names) await root.removeEntry(name, { recursive: true });
  } catch {
    // No OPFS in this browser: nothing was stored there.
  }
  try {
    localStorage.clear();
    sessionStorage.clear();
  } catch {
    // Storage disabled: nothing was stored.
  }
  if ('caches' in self) {
    // Emptied first: a deleted cache still referenced (by the stopping service worker) keeps
    // its bytes on disk until that reference goes, its entries do not.
    for (const key of await caches.keys()) {
      const cache = await caches.open(key);
      for (const request of await cache.keys()) await cache.delete(request);
      await caches.delete(key);
    }
  }
}

export const [getWorkspaces, setWorkspaces] = stateContext<Workspaces>('workspaces');
