// axe-core over each step of the import flow, in both languages: no violations allowed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  confirmAndReadReport,
  launch,
  newWorkspace,
  openApp,
  pickFile,
  type Session
} from './app';

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
      expect(await axeViolations(s.page)).toEqual([]);
      await pickFile(s.page, {
        name: 'orders.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(CSV)
      });
      expect(await axeViolations(s.page)).toEqual([]);
      await confirmAndReadReport(s.page);
      expect(await axeViolations(s.page)).toEqual([]);
    });
  }

  it('is usable from the keyboard: the file picker and the sample button are reachable', async () => {
    // The tests above saved a workspace: once it is back, start an empty one (the start page).
    await openApp(s.page, 'en');
    await newWorkspace(s.page);
    await s.page.waitForSelector('input[type=file]');
    const reached: string[] = [];
    for (let i = 0; i < 12; i++) {
      await s.page.keyboard.press('Tab');
      reached.push(
        await s.page.evaluate(() => document.activeElement?.outerHTML.slice(0, 40) ?? '')
      );
    }
    expect(reached.some((h) => h.startsWith('<input type="file"'))).toBe(true);
    expect(reached.some((h) => h.startsWith('<button'))).toBe(true);
  });
});
