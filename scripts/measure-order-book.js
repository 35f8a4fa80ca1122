// Order-book measurement (not a test): imports a generated orders file through the app's importer in
// Node and times the import, the customer base by SQL and by the order book, at the default as-of and
// after an as-of change, and the book's memory. Usage:
//   node scripts/generate-sample.js --rows 1000000 --customers 100000 --out /tmp/ob.csv
//   node --expose-gc scripts/measure-order-book.js /tmp/ob.csv [--repeat 3] [--sql] [--before]
// `--sql` also times the SQL base (seconds per run at 1M rows); `--before` interleaves imports with
// a copy of the earlier importer at src/lib/worker/import-before.ts (`git show <commit>:src/lib/worker/import.ts`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const server = await createServer({
  root,
  configFile: false,
  logLevel: 'error',
  resolve: { alias: { $lib: path.join(root, 'src/lib') } },
  server: { middlewareMode: true, hmr: false, ws: false },
  appType: 'custom',
  optimizeDeps: { noDiscovery: true, include: [] }
});
try {
  const { measure } = await server.ssrLoadModule('/scripts/measure-order-book-run.ts');
  const args = process.argv.slice(2);
  const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  await measure({
    file: args.find((a) => !a.startsWith('--') && a !== opt('--repeat', '')) ?? '/tmp/ob.csv',
    repeat: Number(opt('--repeat', '3')),
    sql: args.includes('--sql'),
    // `--before`: also imports with src/lib/worker/import-before.ts (a copy of the earlier importer).
    before: args.includes('--before')
  });
} finally {
  await server.close();
}
