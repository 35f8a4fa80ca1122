// Counts the requests the app made since the page loaded, as the privacy panel shows them (pure).

/** One fetch seen by a performance timeline (the page's, the DB worker's or the service worker's). */
export interface SeenRequest {
  url: string;
  /** Milliseconds since the epoch (timelines of different workers have different origins). */
  startedAt: number;
  /** True when the page's service worker answered it (from the offline copy or by fetching). */
  isHandledByServiceWorker: boolean;
  /** True when the browser's HTTP cache answered it (no bytes transferred, a body received). */
  isFromHttpCache?: boolean;
  source: 'page' | 'db-worker' | 'service-worker';
}

export interface RequestCounts {
  /** Requests that reached the network for the app's own files. */
  ownNetwork: number;
  /** Requests for the app's own files answered inside the browser (offline copy or HTTP cache). */
  ownOfflineCopy: number;
  /** Requests for anything not on the app's own origin (expected: none). */
  other: number;
  /** Requests that reached the network after the app shell had loaded (expected: none). */
  networkAfterShell: number;
  /** The URLs of `other`, to show them. */
  otherUrls: string[];
}

const LOCAL_SCHEMES = /^(blob|data):/;

/**
 * Splits requests into the app's own files vs anything else, and network vs offline copy.
 * A request the service worker handled reached the network only if the service worker fetched
 * it, which shows up as a request of the service worker itself.
 */
export function countRequests(
  requests: readonly SeenRequest[],
  origin: string,
  shellLoadedAt: number
): RequestCounts {
  const counts: RequestCounts = {
    ownNetwork: 0,
    ownOfflineCopy: 0,
    other: 0,
    networkAfterShell: 0,
    otherUrls: []
  };
  for (const r of requests) {
    if (LOCAL_SCHEMES.test(r.url)) continue; // made in memory, never on the network
    if (!isSameOrigin(r.url, origin)) {
      counts.other++;
      counts.otherUrls.push(r.url);
      // The service worker never answers these, so they went to the network (or were blocked).
      if (r.startedAt > shellLoadedAt) counts.networkAfterShell++;
      continue;
    }
    if (r.isHandledByServiceWorker || r.isFromHttpCache) {
      counts.ownOfflineCopy++;
      continue;
    }
    counts.ownNetwork++;
    if (r.startedAt > shellLoadedAt) counts.networkAfterShell++;
  }
  return counts;
}

function isSameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
