import { describe, expect, it } from 'vitest';
import { countRequests, type SeenRequest } from '$lib/privacy/requests';

const ORIGIN = 'http://127.0.0.1:4173';
const req = (
  url: string,
  startedAt: number,
  isHandledByServiceWorker = false,
  source: SeenRequest['source'] = 'page'
): SeenRequest => ({ url, startedAt, isHandledByServiceWorker, source });

describe('countRequests', () => {
  it('counts the shell over the network and nothing after it', () => {
    const c = countRequests(
      [
        req(`${ORIGIN}/`, 0),
        req(`${ORIGIN}/_app/immutable/entry/start.js`, 5),
        req(`${ORIGIN}/_app/immutable/workers/assets/sql.wasm`, 50, false, 'db-worker'),
        req('blob:http://127.0.0.1:4173/abc', 200),
        req('data:image/png;base64,AA', 300)
      ],
      ORIGIN,
      100
    );
    expect(c).toEqual({
      ownNetwork: 3,
      ownOfflineCopy: 0,
      other: 0,
      networkAfterShell: 0,
      otherUrls: []
    });
  });

  it('separates the offline copy from the network and flags late or foreign requests', () => {
    const c = countRequests(
      [
        req(`${ORIGIN}/`, 0, true),
        req(`${ORIGIN}/_app/immutable/nodes/3.js`, 500, true),
        req(`${ORIGIN}/sample/orders.csv`, 600, false, 'service-worker'),
        req('https://tracker.example/p.gif', 700, true),
        req('http://127.0.0.1:9999/other-port', 10),
        req('not a url', 800),
        { ...req(`${ORIGIN}/_app/immutable/nodes/4.js`, 900), isFromHttpCache: true }
      ],
      ORIGIN,
      100
    );
    expect(c.ownOfflineCopy).toBe(3);
    expect(c.ownNetwork).toBe(1);
    expect(c.other).toBe(3);
    expect(c.otherUrls).toEqual([
      'https://tracker.example/p.gif',
      'http://127.0.0.1:9999/other-port',
      'not a url'
    ]);
    // The late own fetch by the service worker, the tracker and the malformed one.
    expect(c.networkAfterShell).toBe(3);
  });
});
