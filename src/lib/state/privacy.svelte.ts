// Live facts for the privacy panel: requests since the page loaded (page, DB worker, service
// worker), what the app keeps in this browser, and the Content-Security-Policy in force.
import type { DbClient } from '$lib/db';
import { getDbClient } from './db-context';
import { countRequests, type RequestCounts, type SeenRequest } from '$lib/privacy/requests';
import { describeStorage, type StoredItem } from '$lib/privacy/storage-keys';
import { parseCsp, type CspDirective } from '$lib/privacy/csp';

/** What the service worker says about the offline copy (see src/service-worker.ts). */
export interface OfflineCopy {
  cache: string;
  entries: number;
  requests: { url: string; startedAt: number; isFromHttpCache: boolean }[];
  /** When the offline copy was saved, if this service worker did it (ms since the epoch). */
  installedAt: number | null;
}

export class PrivacyMonitor {
  counts = $state<RequestCounts | null>(null);
  /** False until the DB worker has answered (its requests and the engine's load time). */
  isEngineCounted = $state(false);
  storage = $state<StoredItem[]>([]);
  databases = $state<string[]>([]);
  opfsEntries = $state<number | null>(null);
  offline = $state<OfflineCopy | null>(null);
  isControlled = $state(false);
  csp = $state<CspDirective[]>([]);
  /** How many `refresh()` calls have finished (the panel shows it; e2e tests wait for the next one). */
  refreshes = $state(0);

  private page: SeenRequest[] = [];
  private worker: SeenRequest[] = [];
  private engineReadyAt = Infinity;

  constructor(private db: DbClient) {}

  /** Starts observing; returns the cleanup. */
  start(): () => void {
    // Entries are kept from the page's start (buffered) so nothing before the panel opened is missed.
    performance.setResourceTimingBufferSize(100_000);
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries() as PerformanceResourceTiming[]) this.page.push(toSeen(e));
      this.recount();
    });
    observer.observe({ type: 'resource', buffered: true });
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceResourceTiming;
    if (nav) this.page.push(toSeen(nav));
    const meta = document.querySelector('meta[http-equiv="content-security-policy" i]');
    this.csp = parseCsp(meta?.getAttribute('content') ?? '');
    void this.refreshWorker();
    return () => observer.disconnect();
  }

  /** Reads the DB worker's and the service worker's requests and the storage, then recounts. */
  async refresh() {
    await Promise.all([this.refreshWorker(), this.refreshOffline(), this.refreshStorage()]);
    this.refreshes++;
  }

  private async refreshWorker() {
    try {
      const r = await this.db.call('network.requests', {});
      this.engineReadyAt = r.engineReadyAt;
      this.worker = r.requests.map((x) => ({ ...x, source: 'db-worker' }));
      this.isEngineCounted = true;
    } catch {
      this.isEngineCounted = false; // the engine stopped; the page's own count still stands
    }
    this.recount();
  }

  private async refreshOffline() {
    const sw = navigator.serviceWorker;
    this.isControlled = !!sw?.controller;
    this.offline = sw?.controller ? await askServiceWorker(sw.controller) : null;
    this.recount();
  }

  private async refreshStorage() {
    // A plain snapshot, read once and not kept reactive.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const stored = new Map<string, string>();
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key !== null) stored.set(key, localStorage.getItem(key) ?? '');
    }
    this.storage = describeStorage(stored);
    try {
      const dbs = await indexedDB.databases();
      this.databases = dbs.map((d) => d.name ?? '').filter(Boolean);
    } catch {
      this.databases = [];
    }
    try {
      const root = await navigator.storage.getDirectory();
      let n = 0;
      for await (const _ of root.keys()) n++;
      this.opfsEntries = n;
    } catch {
      this.opfsEntries = null;
    }
  }

  private recount() {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const loadedAt = performance.timeOrigin + (nav?.loadEventEnd || performance.now());
    // The shell: the page, the database engine and, on a first visit, saving the offline copy.
    const shellLoadedAt = Math.max(loadedAt, this.engineReadyAt, this.offline?.installedAt ?? 0);
    const fromSw: SeenRequest[] = (this.offline?.requests ?? [])
      .filter((r) => r.startedAt >= performance.timeOrigin)
      .map((r) => ({ ...r, isHandledByServiceWorker: false, source: 'service-worker' }));
    this.counts = countRequests(
      [...this.page, ...this.worker, ...fromSw],
      location.origin,
      shellLoadedAt
    );
  }
}

function toSeen(e: PerformanceResourceTiming): SeenRequest {
  return {
    url: e.name,
    startedAt: performance.timeOrigin + e.startTime,
    isHandledByServiceWorker: e.workerStart > 0,
    isFromHttpCache: isFromHttpCache(e),
    source: 'page'
  };
}

/** Own files only: a cross-origin entry reports no sizes unless the server allows it. */
export function isFromHttpCache(e: PerformanceResourceTiming): boolean {
  return e.transferSize === 0 && e.decodedBodySize > 0;
}

function askServiceWorker(sw: ServiceWorker): Promise<OfflineCopy | null> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), 2000);
    channel.port1.onmessage = (e: MessageEvent<OfflineCopy>) => {
      clearTimeout(timer);
      resolve(e.data);
    };
    sw.postMessage({ type: 'lens:cache-info' }, [channel.port2]);
  });
}

/** The privacy panel's monitor (created while the panel initialises). */
export function createPrivacyMonitor(): PrivacyMonitor {
  return new PrivacyMonitor(getDbClient());
}
