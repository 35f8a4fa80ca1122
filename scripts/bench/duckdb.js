// One run of DuckDB-WASM in the bench: a new page of the shared Chromium on the bench's own
// DuckDB page, from page ready to the R × F grid (start + load + per-customer aggregate + grid).
import { step } from './util.js';

/**
 * @param {import('playwright-core').BrowserContext} context
 * @param {{ url: string, file: string, spec: import('./duckdb-sql.js').ColumnSpec,
 *   timeoutMs: number, label: string, sampler: () => import('./memory.js').Sampler }} opts
 */
export async function runDuckdb(context, opts) {
  const page = await context.newPage();
  let crashed = false;
  page.on('crash', () => (crashed = true));
  page.setDefaultTimeout(opts.timeoutMs);
  const s = (name, fn) => step(`${opts.label}: ${name}`, fn, opts.timeoutMs, () => crashed);
  try {
    const sampler = opts.sampler();
    await s('page ready', async () => {
      await page.goto(opts.url, { waitUntil: 'load' });
      await page.waitForSelector('#file', { state: 'attached' });
    });
    const t0 = performance.now();
    await page.evaluate(
      (spec) =>
        /** @type {{ duckBench: { start: (s: unknown) => void } }} */ (
          /** @type {unknown} */ (window)
        ).duckBench.start(spec),
      opts.spec
    );
    await page.locator('#file').setInputFiles(opts.file);
    await s('grid computed', () => page.waitForSelector('#result:not([data-state="idle"])'));
    const totalS = +((performance.now() - t0) / 1000).toFixed(2);
    const peak = sampler.stop();
    const state = await page.getAttribute('#result', 'data-state');
    const body = JSON.parse(String(await page.textContent('#result')));
    if (state !== 'done') throw new Error(`${opts.label}: DuckDB failed: ${body.message}`);
    return { totalS, cpuS: sampler.cpu(), ...body, peak };
  } finally {
    await page.close().catch(() => {});
  }
}
