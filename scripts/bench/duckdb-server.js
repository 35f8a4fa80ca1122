// The bench's own server for the DuckDB-WASM page: the page and its script from scripts/bench/,
// and DuckDB-WASM with the modules it imports straight from node_modules (nothing is copied into
// the app's build). Loopback only; a few known packages only.
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const MODULES = resolve(HERE, '../../node_modules');
const PAGE_FILES = {
  '/': 'duckdb.html',
  '/duckdb-page.js': 'duckdb-page.js',
  '/duckdb-sql.js': 'duckdb-sql.js'
};
const PACKAGES = ['@duckdb/duckdb-wasm', 'apache-arrow', 'tslib', 'flatbuffers'];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.map': 'application/json'
};

/** @param {string} pathname @returns {string | null} */
function fileFor(pathname) {
  if (pathname in PAGE_FILES) return join(HERE, PAGE_FILES[/** @type {'/'} */ (pathname)]);
  const pkg = PACKAGES.find((p) => pathname.startsWith(`/m/${p}/`));
  if (!pkg) return null;
  const root = realpathSync(join(MODULES, pkg));
  const file = resolve(root, `.${pathname.slice(`/m/${pkg}`.length)}`);
  return file.startsWith(root + sep) ? file : null;
}

/** Starts the server on a free loopback port. */
export async function startDuckdbServer() {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = fileFor(pathname);
    let size = -1;
    try {
      if (file) size = statSync(file).size;
    } catch {
      // not there
    }
    if (!file || size < 0) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not found\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[/** @type {'.js'} */ (extname(file))] ?? 'application/octet-stream',
      'Content-Length': size,
      'Cache-Control': 'no-store'
    });
    createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok(undefined));
        server.closeAllConnections();
      })
  };
}
