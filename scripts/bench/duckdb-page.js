// Runs in the bench's DuckDB-WASM page (a browser module): `duckBench.start(spec)` starts DuckDB
// (the `eh` bundle, served from node_modules); the file handed to the input is registered with the
// browser file reader, loaded with read_csv, aggregated per customer and scored into the grid.
// The outcome (timings, cells, or the error) is written to #result as JSON.
import * as duckdb from '@duckdb/duckdb-wasm';
import { customersSql, factsSql, gridSql, loadSql } from './duckdb-sql.js';

const DIST = new URL('/m/@duckdb/duckdb-wasm/dist/', location.href).href;
const result = /** @type {HTMLElement} */ (document.getElementById('result'));
const input = /** @type {HTMLInputElement} */ (document.getElementById('file'));

/** @type {{ t0: number, spec: import('./duckdb-sql.js').ColumnSpec, db: Promise<duckdb.AsyncDuckDB>, initMs?: number } | null} */
let run = null;

/** @param {string} state @param {object} body */
function report(state, body) {
  result.textContent = JSON.stringify(body);
  result.dataset.state = state;
}

async function init() {
  const t = performance.now();
  const worker = new Worker(`${DIST}duckdb-browser-eh.worker.js`);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(`${DIST}duckdb-eh.wasm`);
  if (run) run.initMs = performance.now() - t;
  return db;
}

/** @param {import('./duckdb-sql.js').ColumnSpec} spec */
function start(spec) {
  run = { t0: performance.now(), spec, db: init() };
  run.db.catch((err) => report('error', { message: `DuckDB init: ${String(err)}` }));
}

async function onFile() {
  const file = input.files?.[0];
  if (!run || !file) return report('error', { message: 'a file came before start()' });
  const { t0, spec } = run;
  try {
    const db = await run.db;
    const tReady = performance.now();
    await db.registerFileHandle(
      'orders.csv',
      file,
      duckdb.DuckDBDataProtocol.BROWSER_FILEREADER,
      true
    );
    const conn = await db.connect();
    const t1 = performance.now();
    await conn.query(loadSql('orders.csv'));
    const t2 = performance.now();
    await conn.query(customersSql(spec));
    const t3 = performance.now();
    const grid = (await conn.query(gridSql())).toArray().map((row) => ({
      r: Number(row.r),
      f: Number(row.f),
      n: Number(row.n)
    }));
    const tEnd = performance.now();
    const facts = (await conn.query(factsSql())).toArray()[0];
    const rows = Number((await conn.query('SELECT COUNT(*) AS n FROM orders')).toArray()[0].n);
    await conn.close();
    report('done', {
      totalMs: tEnd - t0,
      initMs: run.initMs,
      waitedForInitMs: tReady - t0,
      registerMs: t1 - tReady,
      loadMs: t2 - t1,
      aggregateMs: t3 - t2,
      gridMs: tEnd - t3,
      grid,
      rows,
      asOf: String(facts.as_of),
      customers: Number(facts.customers),
      scored: Number(facts.scored)
    });
  } catch (err) {
    report('error', { message: err instanceof Error ? err.message : String(err) });
  }
}

input.addEventListener('change', () => void onFile());
Object.assign(window, { duckBench: { start } });
