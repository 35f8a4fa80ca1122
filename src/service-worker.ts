// The offline service worker: precaches this build (app, DB worker, sql.js wasm, sample, pages) and
// answers the app's own GETs from that cache; it never fetches or caches anything cross-origin.
/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, prerendered, version } from '$service-worker';
import {
  cacheName,
  isImmutableAsset,
  isOwnRequest,
  navigationKey,
  precacheList,
  referencedFiles,
  staleCaches
} from '$lib/offline/cache-plan';

const sw = self as unknown as ServiceWorkerGlobalScope;
// Precaching alone is ~100 fetches; keep them all for the privacy panel's count.
performance.setResourceTimingBufferSize(10_000);
const CACHE = cacheName(version);
/** Absolute URLs: `build` etc. are paths under the folder the site is served from. */
const PRECACHE = precacheList(build, files, prerendered).map((p) => new URL(p, sw.location.href));
const PRECACHED = new Set(PRECACHE.map((u) => u.href));
/** When this worker finished saving the offline copy (ms since the epoch): part of the shell. */
let installedAt: number | null = null;

sw.addEventListener('install', (event) => {
  // `reload` bypasses the HTTP cache so a new build never precaches an old file.
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(PRECACHE.map((u) => new Request(u, { cache: 'reload' })));
      await cacheWorkerFiles(cache);
      installedAt = performance.timeOrigin + performance.now();
    })()
  );
});

/** Adds what the DB worker loads itself (its chunks and the sql.js wasm), following imports. */
async function cacheWorkerFiles(cache: Cache) {
  const queue = PRECACHE.filter((u) => /\/_app\/immutable\/workers\/[^/]+\.js$/.test(u.pathname));
  const seen = new Set(queue.map((u) => u.href));
  for (let url = queue.shift(); url; url = queue.shift()) {
    const script = await cache.match(url);
    if (!script) continue;
    for (const dep of referencedFiles(await script.text(), url)) {
      if (seen.has(dep.href) || !isImmutableAsset(dep)) continue;
      seen.add(dep.href);
      const response = await fetch(new Request(dep, { cache: 'reload' }));
      // A string in a library that merely looks like a path is not an error (tests prove the
      // engine starts offline).
      if (!response.ok) continue;
      await cache.put(dep, response);
      if (/\.m?js$/.test(dep.pathname)) queue.push(dep);
    }
  }
}

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of staleCaches(await caches.keys(), version)) await caches.delete(name);
      // Control the page of the first visit too, so it works offline without another reload.
      await sw.clients.claim();
    })()
  );
});

sw.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (!isOwnRequest(url, event.request.method, new URL(sw.registration.scope))) return;
  event.respondWith(respond(event.request, url));
});

async function respond(request: Request, url: URL): Promise<Response> {
  const cache = await caches.open(CACHE);
  const key = request.mode === 'navigate' ? navigationKey(url) : request;
  const hit = await cache.match(key, { ignoreSearch: request.mode === 'navigate' });
  if (hit) return hit;
  const response = await fetch(request);
  // A precached or content-hashed file missing from the cache is put back; nothing else is stored.
  const keep = PRECACHED.has(navigationKey(url)) || isImmutableAsset(url);
  if (response.ok && response.type === 'basic' && keep) {
    await cache.put(key, response.clone());
  }
  return response;
}

// The privacy panel asks which build is cached, how much it holds and what was fetched.
sw.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type !== 'lens:cache-info') return;
  const port = event.ports[0];
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const keys = await cache.keys();
      // The service worker's own fetches (precaching, misses) are requests too: report them.
      const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const requests = entries.map((e) => ({
        url: e.name,
        startedAt: performance.timeOrigin + e.startTime,
        isFromHttpCache: e.transferSize === 0 && e.decodedBodySize > 0
      }));
      port?.postMessage({ cache: CACHE, entries: keys.length, requests, installedAt });
    })()
  );
});
