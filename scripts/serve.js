// Zero-dependency static server for the production build (build/), with the app's security headers.
// `node scripts/serve.js [--port N] [--root dir] [--verbose]`; also imported by e2e tests and the bench.
import { createReadStream, realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HOST = '127.0.0.1';
const DEFAULT_PORT = 4173;
const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * svelte.config.js's CSP without the per-build script hashes (the built page carries those in its
 * own <meta> tag). As a header it also governs the Web Worker script, which a <meta> CSP does not.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "manifest-src 'self'",
  "frame-ancestors 'none'"
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer'
};

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pdf': 'application/pdf'
};

/** @param {string} filePath */
function contentType(filePath) {
  return (
    MIME_TYPES[/** @type {keyof typeof MIME_TYPES} */ (extname(filePath).toLowerCase())] ??
    'application/octet-stream'
  );
}

/** @param {string} path */
async function statOrNull(path) {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

/**
 * Maps a URL path to a file under root: `/` and directories → index.html, `/x` → x or x.html
 * (SvelteKit's prerendered pages). Returns a redirect for a directory requested without its slash.
 * @param {string} root absolute, real path
 * @param {string} pathname decoded URL path
 * @returns {Promise<{ file: string, size: number, mtimeMs: number } | { redirect: string } | null>}
 */
async function resolveFile(root, pathname) {
  const target = resolve(root, `.${pathname}`);
  if (target !== root && !target.startsWith(root + sep)) return null;
  const candidates = [target];
  const info = await statOrNull(target);
  if (info?.isDirectory()) {
    if (!pathname.endsWith('/')) return { redirect: `${pathname}/` };
    candidates[0] = join(target, 'index.html');
  } else if (!info) {
    candidates.push(`${target}.html`);
  }
  for (const candidate of candidates) {
    const s = candidate === target ? info : await statOrNull(candidate);
    if (!s?.isFile()) continue;
    // A symlink must not lead out of root.
    const real = realpathSync(candidate);
    if (real !== root && !real.startsWith(root + sep)) return null;
    return { file: real, size: s.size, mtimeMs: s.mtimeMs };
  }
  return null;
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} text
 * @param {Record<string, string>} [headers]
 */
function sendText(res, status, text, headers = {}) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

/**
 * @param {string} root
 * @param {boolean} verbose
 * @returns {import('node:http').RequestListener}
 */
function createHandler(root, verbose) {
  return async (req, res) => {
    const started = performance.now();
    if (verbose) {
      res.on('finish', () => {
        const ms = (performance.now() - started).toFixed(1);
        console.log(`${req.method} ${req.url} ${res.statusCode} ${ms} ms`);
      });
    }
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendText(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
        return;
      }
      const url = new URL(req.url ?? '/', `http://${HOST}`);
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        sendText(res, 400, 'Bad request\n');
        return;
      }
      if (pathname.includes('\0') || pathname.includes('\\')) {
        sendText(res, 400, 'Bad request\n');
        return;
      }
      const found = await resolveFile(root, pathname);
      if (!found) {
        sendText(res, 404, 'Not found\n');
        return;
      }
      if ('redirect' in found) {
        res.writeHead(301, { ...SECURITY_HEADERS, Location: `${found.redirect}${url.search}` });
        res.end();
        return;
      }
      const etag = `W/"${found.size.toString(16)}-${Math.floor(found.mtimeMs).toString(16)}"`;
      const immutable = pathname.startsWith('/_app/immutable/');
      const headers = {
        ...SECURITY_HEADERS,
        'Content-Type': contentType(found.file),
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        ETag: etag
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      res.writeHead(200, { ...headers, 'Content-Length': found.size });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      const stream = createReadStream(found.file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch (err) {
      if (verbose) console.error(err);
      if (!res.headersSent) sendText(res, 500, 'Internal server error\n');
      else res.destroy();
    }
  };
}

/**
 * Serves `root` (default: the project's build/) on 127.0.0.1.
 * @param {{ root?: string, port?: number, verbose?: boolean }} [options] port 0 picks a free one
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startServer(options = {}) {
  const root = realpathSync(resolve(options.root ?? join(PROJECT_ROOT, 'build')));
  const server = createServer(createHandler(root, options.verbose ?? false));
  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, HOST, () => {
      server.off('error', reject);
      resolveListen(undefined);
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${HOST}:${port}/`,
    port,
    close: () =>
      new Promise((resolveClose, reject) => {
        server.close((err) => (err ? reject(err) : resolveClose()));
        server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
      })
  };
}

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {{ port?: number, root?: string, verbose: boolean }} */
  const args = { verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--port') args.port = Number(value());
    else if (flag === '--root') args.root = value();
    else if (flag === '--verbose') args.verbose = true;
    else if (flag === '--no-open')
      continue; // never opens a browser anyway; kept for habit
    else
      throw new Error(
        `unknown option ${arg}\nusage: node scripts/serve.js [--port N] [--root dir] [--verbose]`
      );
  }
  if (args.port === undefined && process.env.PORT) args.port = Number(process.env.PORT);
  if (
    args.port !== undefined &&
    !(Number.isInteger(args.port) && args.port >= 0 && args.port < 65536)
  ) {
    throw new Error(`invalid port: ${args.port}`);
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const root = resolve(args.root ?? join(PROJECT_ROOT, 'build'));
  if (!(await statOrNull(join(root, 'index.html')))?.isFile()) {
    throw new Error(`${root}/index.html not found — run \`npm run build\` first`);
  }
  const server = await startServer({ root, port: args.port, verbose: args.verbose });
  console.log(`Customer Lens is running at ${server.url}?sample=1`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1)
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const isMain =
  process.argv[1] && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url;
if (isMain) {
  main().catch((err) => {
    const message = err instanceof Error ? err.message : String(err);
    const inUse = /** @type {NodeJS.ErrnoException} */ (err).code === 'EADDRINUSE';
    console.error(inUse ? `port in use — try --port 0 or another port (${message})` : message);
    process.exit(1);
  });
}
