// Save/restore measurement (not a test): imports 100k and 1M-row files into the production build in
// headless Chromium and reports the saved database size, export and OPFS write times, and the time a
// reload takes to restore the workspace. Usage: npm run build && node scripts/measure-save.js [--sizes 100000]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.js';
import { startServer } from './serve.js';

const args = process.argv.slice(2);
const sizes = (args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : '100000,1000000')
  .split(',')
  .map(Number);
const dataDir = mkdtempSync(path.join(tmpdir(), 'lens-save-'));
const server = await startServer({ root: 'build', port: 0 });

for (const rows of sizes) {
  const file = path.join(dataDir, `orders-${rows}.csv`);
  execFileSync('node', [
    'scripts/generate-sample.js',
    '--rows',
    String(rows),
    '--customers',
    String(rows / 10),
    '--out',
    file
  ]);
  const profile = mkdtempSync(path.join(tmpdir(), 'lens-save-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_FLAGS,
    headless: true
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.url}?lang=en`);
  await page.waitForSelector('[data-testid="save-status"]:not([data-state="restoring"])');
  await page.locator('input[type=file]').first().setInputFiles(file);
  await page.waitForSelector('[data-testid="mapping-step"]');
  await page.click('[data-testid="confirm-mapping"]');
  await page.waitForSelector('[data-testid="import-report"]', { timeout: 600_000 });
  const status = page.locator('[data-testid="save-status"]');
  await page.waitForSelector('[data-testid="save-status"][data-saves="1"]', { timeout: 600_000 });
  const attr = async (name) => Number(await status.getAttribute(name));
  const saved = {
    bytes: await attr('data-bytes'),
    exportMs: await attr('data-export-ms'),
    writeMs: await attr('data-write-ms')
  };
  const t0 = Date.now();
  await page.reload();
  await page.waitForSelector('[data-testid="import-report"]', { timeout: 600_000 });
  const restoreMs = Date.now() - t0;
  console.log(
    JSON.stringify({ rows, csvBytes: statSync(file).size, ...saved, restoreMs }, null, 0)
  );
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
await server.close();
rmSync(dataDir, { recursive: true, force: true });
