// A recording HTTP proxy: Chromium sends every request through it (workers included), it logs
// each one and forwards only requests for the app's own origin; anything else is refused.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  at: number;
}

export async function startRecordingProxy(appHost: string) {
  const log: Recorded[] = [];
  const server = http.createServer((req, res) => {
    // Control endpoint for tests, addressed directly (not through the proxy).
    if (req.url?.startsWith('/__log')) {
      if (req.method === 'DELETE') log.length = 0;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(log));
      return;
    }
    const target = new URL(req.url ?? '/');
    log.push({ method: req.method ?? 'GET', url: target.href, at: Date.now() });
    if (target.host !== appHost) {
      res.statusCode = 403;
      res.end('blocked by test proxy');
      return;
    }
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: req.method,
        headers: req.headers
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      }
    );
    upstream.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(upstream);
  });
  // HTTPS attempts arrive as CONNECT: record and refuse.
  server.on('connect', (req, socket) => {
    log.push({ method: 'CONNECT', url: req.url ?? '', at: Date.now() });
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    logUrl: `http://127.0.0.1:${port}/__log`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}
