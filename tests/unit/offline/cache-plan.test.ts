import { describe, expect, it } from 'vitest';
import {
  cacheName,
  isImmutableAsset,
  isOwnRequest,
  navigationKey,
  precacheList,
  referencedFiles,
  staleCaches
} from '$lib/offline/cache-plan';

describe('service worker cache plan', () => {
  it('deletes only earlier caches of this app', () => {
    const names = [cacheName('1'), cacheName('2'), 'other-app-v1', 'customer-lens-persist'];
    expect(staleCaches(names, '2')).toEqual([cacheName('1')]);
  });

  it('deduplicates the precache list', () => {
    expect(precacheList(['/a.js', '/b.css'], ['/a.js', '/x/.DS_Store'], ['/'])).toEqual([
      '/a.js',
      '/b.css',
      '/'
    ]);
  });

  it('answers only same-origin GETs inside its folder', () => {
    const scope = new URL('https://example.org/lens/');
    const u = (s: string) => new URL(s);
    expect(isOwnRequest(u('https://example.org/lens/_app/x.js'), 'GET', scope)).toBe(true);
    expect(isOwnRequest(u('https://example.org/lens/'), 'GET', scope)).toBe(true);
    expect(isOwnRequest(u('https://example.org/lens/x'), 'POST', scope)).toBe(false);
    expect(isOwnRequest(u('https://example.org/other/x.js'), 'GET', scope)).toBe(false);
    expect(isOwnRequest(u('https://cdn.example.org/lens/x.js'), 'GET', scope)).toBe(false);
    expect(isOwnRequest(u('http://example.org/lens/x.js'), 'GET', scope)).toBe(false);
  });

  it('keys pages without their query string', () => {
    expect(navigationKey(new URL('http://h:1/sub/overview?lang=en#x'))).toBe(
      'http://h:1/sub/overview'
    );
  });

  it('finds the chunks and the wasm a worker bundle loads, relative to the worker', () => {
    const worker = new URL('http://h/sub/_app/immutable/workers/worker-B3.js');
    const source =
      'u=new URL(`assets/sql-wasm-browser-CX.wasm`,import.meta.url).href;' +
      'await import(`./chunks/Bv.js`);await import("./chunks/Bv.js");' +
      "import{i}from'../worker-B3.js';C=d+`sql-wasm-browser.wasm`;x='a/b.txt';" +
      'y="https://cdn.example.com/lib/x.js"; z=`worker-Q1.js`;' +
      // The reader worker, started from the database worker.
      'w=new Worker(new URL(new URL(`worker-CN.js`,import.meta.url).href,``+import.meta.url))';
    expect(referencedFiles(source, worker).map((u) => u.pathname)).toEqual([
      '/sub/_app/immutable/workers/assets/sql-wasm-browser-CX.wasm',
      '/sub/_app/immutable/workers/chunks/Bv.js',
      '/sub/_app/immutable/worker-B3.js',
      '/sub/_app/immutable/workers/worker-CN.js'
    ]);
  });

  it('recognises content-hashed build files', () => {
    expect(isImmutableAsset(new URL('http://h/s/_app/immutable/x.js'))).toBe(true);
    expect(isImmutableAsset(new URL('http://h/s/sample/orders.csv'))).toBe(false);
  });
});
