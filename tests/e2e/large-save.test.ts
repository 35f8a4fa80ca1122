// A workspace past 64 MB: its database file grows in place in a resizable buffer and a save writes
// the file itself in pieces (scripts/sqljs-patches.js, db-bytes.ts, storage.ts). The saved file
// is that large, and a reload restores every figure of the import.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSampleCsv } from '../../scripts/generate-sample.js';
import type { SampleManifest } from '../../scripts/generate-sample.js';
import {
  confirmAndReadReport,
  launch,
  openApp,
  openView,
  pickFile,
  readReport,
  saves,
  waitSaved,
  type Session
} from './app';

/** Sizes of the open workspace's newest saved database and of every .sqlite file, in bytes. */
function savedSizes(s: Session) {
  return s.page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle('customer-lens');
    const sizes: Record<string, number> = {};
    for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) {
      if (name.endsWith('.sqlite'))
        sizes[name] = (await (await dir.getFileHandle(name)).getFile()).size;
    }
    return sizes;
  });
}

describe('a workspace larger than 64 MB', () => {
  let s: Session;
  let dir: string;
  let file: string;
  let sample: SampleManifest;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'large-save-'));
    file = path.join(dir, 'orders-400k.csv');
    sample = await writeSampleCsv(file, { rows: 400_000, customers: 40_000 });
    s = await launch();
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is saved whole and restored after a reload', async () => {
    const { page } = s;
    await openApp(page, 'en');
    await page.waitForSelector('[data-testid="restoring"]', { state: 'detached' });
    const before = await saves(page);
    await pickFile(page, file);
    const report = await confirmAndReadReport(page, 120_000);
    expect([report.rowsAccepted, report.customers]).toEqual([sample.rows, sample.customers]);
    expect(report.totalAmount).toBeCloseTo(sample.totalAmount, 2);
    // The save after the raw sheet (the original cells) is complete: nothing left to save.
    await waitSaved(page, before, 120_000);
    await waitSaved(page, -1, 180_000);
    const sizes = Object.values(await savedSizes(s));
    expect(Math.max(...sizes)).toBeGreaterThan(64 * 2 ** 20);

    await page.reload();
    await page.waitForSelector('[data-testid="restoring"]', { state: 'detached', timeout: 60_000 });
    expect(await page.locator('[data-testid="workspace-notice"]').count()).toBe(0);
    await openView(page, 'data');
    expect(await readReport(page, 60_000)).toEqual(report);
  });
});
