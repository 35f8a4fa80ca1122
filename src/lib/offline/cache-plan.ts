// What the service worker keeps for offline use and which requests it may answer (pure, no DOM).

/** Every cache this app creates starts with this; anything else in CacheStorage is not ours. */
export const CACHE_PREFIX = 'customer-lens-offline-';

/** The cache for one build: a new deployment gets a new cache, the old one is deleted on activate. */
export function cacheName(version: string): string {
  return CACHE_PREFIX + version;
}

/** Caches of earlier builds of this app (never another app's caches on the same origin). */
export function staleCaches(names: readonly string[], version: string): string[] {
  const current = cacheName(version);
  return names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== current);
}

/**
 * The files to precache, deduplicated: Vite's output (incl. the DB worker chunk and the sql.js
 * wasm), the static files (incl. the built-in sample) and the prerendered pages.
 */
export function precacheList(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].filter((p) => !p.endsWith('/.DS_Store'));
}

/**
 * Whether the service worker answers a request: only the app's own GETs inside its folder.
 * Cross-origin requests are left alone (never fetched or cached by it; the CSP blocks them anyway).
 */
export function isOwnRequest(url: URL, method: string, scope: URL): boolean {
  return (
    method === 'GET' &&
    url.origin === scope.origin &&
    url.pathname.startsWith(scope.pathname) &&
    (url.protocol === 'http:' || url.protocol === 'https:')
  );
}

/**
 * The cache key of a page navigation: prerendered pages are stored without their query string
 * (`?lang=en`, `?sample=1` select behaviour in the browser, not a different file).
 */
export function navigationKey(url: URL): string {
  return url.origin + url.pathname;
}

/**
 * Files a worker script loads by relative URL (`import('./chunks/x.js')`,
 * `new URL('assets/sql-wasm-x.wasm', import.meta.url)`, a helper worker's `new URL('worker-x.js',
 * import.meta.url)`). SvelteKit's precache list comes from the
 * page's build manifest, which does not include what the DB worker's own bundle loads; without
 * these the database engine would not start offline.
 */
export function referencedFiles(source: string, scriptUrl: URL): URL[] {
  const found = new Map<string, URL>();
  // A relative path in quotes or backticks, ending in .js/.mjs/.wasm, that starts with ./ or ../
  // or has a folder (a bare file name is too often just a string in a library).
  const pattern =
    /[`'"]((?:\.\.?\/)+[\w.-]+(?:\/[\w.-]+)*\.(?:m?js|wasm)|(?:[\w-]+\/)+[\w.-]+\.(?:m?js|wasm))[`'"]/g;
  for (const m of source.matchAll(pattern)) {
    const url = new URL(m[1], scriptUrl);
    if (url.origin === scriptUrl.origin) found.set(url.href, url);
  }
  // A bare file name is a file when it is resolved against the script: a worker started from a
  // worker (`new Worker(new URL(\`worker-x.js\`, import.meta.url))`).
  for (const m of source.matchAll(
    /new URL\(\s*[`'"]([\w.-]+\.(?:m?js|wasm))[`'"]\s*,\s*import\.meta\.url/g
  )) {
    const url = new URL(m[1], scriptUrl);
    found.set(url.href, url);
  }
  return [...found.values()];
}

/** Whether a path is one of the build's content-hashed files, which never change under one name. */
export function isImmutableAsset(url: URL): boolean {
  return url.pathname.includes('/_app/immutable/');
}
