// axe-core over each step of the import flow, in both languages: no violations allowed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmAndReadReport, launch, openApp, pickFile, type Session } from './app';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8'
);

interface Violation {
  id: string;
  impact: string;
  nodes: { target: string[] }[];
}

/** Runs axe in the page (evaluated over DevTools, so the page's CSP does not apply to it). */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const found = (await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: unknown[] }> } }
    ).axe;
    return (await axe.run(document)).violations;
  })) as Violation[];
  return found.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
  );
}

const CSV =
  '客户编号,订单日期,订单金额,省份\nC1,2024-01-05,100,北京\nC2,2024-02-05,200,上海\n,2024-02-06,1,上海\n';

describe('accessibility', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => s?.close());

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`start page, mapping step, report and data view are axe-clean (${lang})`, async () => {
      await openApp(s.page, lang);
      expect(await violations(s.page)).toEqual([]);
      await pickFile(s.page, {
        name: 'orders.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(CSV)
      });
      expect(await violations(s.page)).toEqual([]);
      await confirmAndReadReport(s.page);
      expect(await violations(s.page)).toEqual([]);
    });
  }

  it('is usable from the keyboard: the file picker and the sample button are reachable', async () => {
    await openApp(s.page, 'en');
    const reached: string[] = [];
    for (let i = 0; i < 6; i++) {
      await s.page.keyboard.press('Tab');
      reached.push(
        await s.page.evaluate(() => document.activeElement?.outerHTML.slice(0, 40) ?? '')
      );
    }
    expect(reached.some((h) => h.startsWith('<input type="file"'))).toBe(true);
    expect(reached.some((h) => h.startsWith('<button'))).toBe(true);
  });
});
