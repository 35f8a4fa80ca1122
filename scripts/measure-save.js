// Save/restore measurement (not a test): imports generated 100k and 1M-row files into the production
// build in headless Chromium and reports the saved database size, the database save's export and
// OPFS write times and the memory rise of Chromium's process tree while it runs, then what a
// settings change costs the worker (its save's export + write time), and the time a reload takes
// to restore the workspace.
// Usage: npm run build && node scripts/measure-save.js [--sizes 100000] [--runs 3] [--root build]
//        [--file orders.csv] (a file of your own instead of a generated one; one size)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.js';
import { startServer } from './serve.js';

const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sizes = arg('--sizes', '100000,1000000').split(',').map(Number);
const runs = Number(arg('--runs', '1'));
const root = arg('--root', 'build');
const ownFile = arg('--file', null);
const dataDir = mkdtempSync(path.join(tmpdir(), 'lens-save-'));
const server = await startServer({ root, port: 0 });

/** Resident memory (bytes) of every process in the tree under `rootPid`. */
function treeRss(rootPid) {
  const children = new Map();
  const rss = new Map();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      rss.set(Number(pid), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(pid));
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop();
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** The browser's pid: the parent of its renderer processes is the process playwright started. */
function browserPid(profile) {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes(profile) && !cmd.includes('--type=')) return Number(pid);
    } catch {
      // gone
    }
  }
  throw new Error('browser process not found');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const MB = 1024 * 1024;

async function once(rows, file) {
  const profile = mkdtempSync(path.join(tmpdir(), 'lens-save-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_FLAGS,
    headless: true
  });
  const pid = browserPid(profile);
  // Memory sampled every 50 ms, with the save status the page shows at that moment.
  const samples = [];
  let state = '';
  const timer = setInterval(() => samples.push({ state, rss: treeRss(pid) }), 50);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.exposeFunction('lensSaveState', (s) => (state = s));
  await page.goto(`${server.url}?lang=en`);
  await page.waitForSelector('[data-testid="save-status"]:not([data-state="restoring"])');
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="save-status"]');
    const report = () =>
      window.lensSaveState(`${el.getAttribute('data-state')}:${el.getAttribute('data-saves')}`);
    new MutationObserver(report).observe(el, { attributes: true });
    report();
  });
  await page.locator('input[type=file]').first().setInputFiles(file);
  await page.waitForSelector('[data-testid="mapping-step"]');
  await page.click('[data-testid="confirm-mapping"]');
  const status = page.locator('[data-testid="save-status"]');
  await page.waitForFunction(
    () => {
      const el = document.querySelector('[data-testid="save-status"]');
      return (
        Number(el?.getAttribute('data-saves')) >= 1 && el?.getAttribute('data-state') === 'saved'
      );
    },
    null,
    { timeout: 600_000 }
  );
  const attr = async (name) => Number(await status.getAttribute(name));
  const saved = {
    bytes: await attr('data-bytes'),
    exportMs: await attr('data-export-ms'),
    writeMs: await attr('data-write-ms')
  };
  // The memory rise of the database save: peak while it says "saving" over the sample before.
  const first = samples.findIndex((s) => s.state === 'saving:0');
  const during = samples.filter((s) => s.state === 'saving:0').map((s) => s.rss);
  const before = first > 0 ? samples[first - 1].rss : NaN;
  const saveRiseMb = during.length ? (Math.max(...during) - before) / MB : NaN;
  const savePeakMb = during.length ? Math.max(...during) / MB : NaN;

  // A settings change (RFM bins): what its save costs the worker.
  await page.click('[data-testid="nav-rfm"]');
  await page.waitForSelector('[data-testid="rfm-status"]', { timeout: 600_000 });
  const n = await attr('data-saves');
  const t0 = Date.now();
  await page.selectOption('[data-testid="rfm-bins"]', '4');
  await page.waitForFunction(
    (n) => {
      const el = document.querySelector('[data-testid="save-status"]');
      return (
        Number(el?.getAttribute('data-saves')) > n && el?.getAttribute('data-state') === 'saved'
      );
    },
    n,
    { timeout: 600_000 }
  );
  const settingsSavedAfterMs = Date.now() - t0;
  const settings = {
    exportMs: await attr('data-export-ms'),
    writeMs: await attr('data-write-ms'),
    // The settings save's own figures where the page shows them (after this change).
    lastKind: await status.getAttribute('data-last-kind'),
    lastMs: await attr('data-last-ms')
  };

  const t1 = Date.now();
  await page.reload();
  await page.waitForSelector('[data-testid="rfm-status"]', { timeout: 600_000 });
  const restoreMs = Date.now() - t1;
  const bins = await page.inputValue('[data-testid="rfm-bins"]');
  clearInterval(timer);
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  return {
    rows,
    csvBytes: statSync(file).size,
    ...saved,
    saveRiseMb: Math.round(saveRiseMb),
    savePeakMb: Math.round(savePeakMb),
    settings,
    settingsSavedAfterMs,
    restoreMs,
    binsAfterReload: bins
  };
}

for (const rows of sizes) {
  let file = ownFile;
  if (!file) {
    file = path.join(dataDir, `orders-${rows}.csv`);
    execFileSync('node', [
      'scripts/generate-sample.js',
      '--rows',
      String(rows),
      '--customers',
      String(rows / 10),
      '--out',
      file
    ]);
  }
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = await once(rows, file);
    console.log(JSON.stringify(r));
    results.push(r);
  }
  if (runs > 1) {
    const pick = (f) => median(results.map(f));
    console.log(
      JSON.stringify({
        rows,
        median: {
          exportMs: pick((r) => r.exportMs),
          writeMs: pick((r) => r.writeMs),
          saveRiseMb: pick((r) => r.saveRiseMb),
          savePeakMb: pick((r) => r.savePeakMb),
          settingsExportMs: pick((r) => r.settings.exportMs),
          settingsWriteMs: pick((r) => r.settings.writeMs),
          settingsLastMs: pick((r) => r.settings.lastMs),
          settingsSavedAfterMs: pick((r) => r.settingsSavedAfterMs),
          restoreMs: pick((r) => r.restoreMs)
        }
      })
    );
  }
}
await server.close();
rmSync(dataDir, { recursive: true, force: true });
