// The offline service worker is registered here rather than by SvelteKit's inline script, so that
// the page load right after "forget everything" can skip it: that load must leave no byte behind,
// and a registered worker would precache the whole app again at once.
import { dev } from '$app/environment';
import { base } from '$app/paths';

/** How long the page has had nothing to do (no file being read or imported) before it stores its offline copy. */
export const OFFLINE_COPY_IDLE_MS = 2_000;

/** The query flag the page reloads with after everything stored was wiped. */
export const FORGOTTEN_FLAG = 'forgotten';

/** True when this page load follows "forget everything". */
export function isForgottenLoad(): boolean {
  return new URL(location.href).searchParams.has(FORGOTTEN_FLAG);
}

/** The address to reload after wiping: this page, in the same language, flagged as forgotten. */
export function forgottenUrl(): string {
  const here = new URL(location.href);
  const url = new URL(here.pathname, here);
  const lang = here.searchParams.get('lang');
  if (lang) url.searchParams.set('lang', lang);
  url.searchParams.set(FORGOTTEN_FLAG, '1');
  return url.href;
}

/** Registers the service worker once the page has loaded (as SvelteKit's own script would). */
export function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  const register = () =>
    navigator.serviceWorker
      .register(`${base}/service-worker.js`, dev ? { type: 'module' } : undefined)
      .catch(() => {
        // No offline copy this visit (private mode, storage off); the app itself still works.
      });
  if (document.readyState === 'complete') void register();
  else addEventListener('load', () => void register(), { once: true });
}

/** Unregisters every service worker of this origin, so nothing re-fills the offline cache. */
export async function unregisterServiceWorkers() {
  if (!('serviceWorker' in navigator)) return;
  for (const registration of await navigator.serviceWorker.getRegistrations())
    await registration.unregister();
}
