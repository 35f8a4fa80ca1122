// The report's pure builders: the section choice read back and toggled, the sections the data allow,
// the definitions appendix, the provenance, and the one-file document.
import { describe, expect, it } from 'vitest';
import {
  availableSections,
  parseReportChoice,
  REPORT_SECTIONS,
  sectionsInReport,
  toggleSection
} from '../../../src/lib/report/sections';
import { definitionTerms } from '../../../src/lib/report/definitions';
import { reportDocument, reportFileName } from '../../../src/lib/report/document';
import { buildProvenance } from '../../../src/lib/report/provenance';
import type { DatasetInfo } from '../../../src/lib/db/protocol';
import en from '../../../src/lib/i18n/messages/boss-report.en.json';
import zh from '../../../src/lib/i18n/messages/boss-report.zh-CN.json';

describe('the section choice', () => {
  it('reads back the sections left out, in report order, dropping unknown names', () => {
    expect(parseReportChoice({ omit: ['tiers', 'nonsense', 'kpis', 'tiers'] })).toEqual({
      omit: ['kpis', 'tiers']
    });
  });
  it('falls back to every section for anything else', () => {
    for (const bad of [null, 'x', 3, [], { omit: 'kpis' }, { sections: ['kpis'] }])
      expect(parseReportChoice(bad)).toEqual({ omit: [] });
  });
  it('toggles a section out and back in', () => {
    const out = toggleSection({ omit: ['risks'] }, 'concentration', false);
    expect(out).toEqual({ omit: ['concentration', 'risks'] });
    expect(toggleSection(out, 'risks', true)).toEqual({ omit: ['concentration'] });
  });
  it('offers targets and satisfaction only when their data exist', () => {
    const none = availableSections({ hasTargets: false, hasFeedback: false });
    expect(none).not.toContain('targets');
    expect(none).not.toContain('satisfaction');
    expect(none).toHaveLength(REPORT_SECTIONS.length - 2);
    expect(
      sectionsInReport({ omit: ['segments'] }, { hasTargets: true, hasFeedback: false })
    ).toEqual([
      'provenance',
      'kpis',
      'tiers',
      'concentration',
      'risks',
      'calls',
      'targets',
      'definitions'
    ]);
  });
});

describe('the definitions appendix', () => {
  it('explains each term once, in section order', () => {
    expect(definitionTerms(['risks', 'calls'])).toEqual([
      'spendDrop',
      'probablyLapsed',
      'cannotLose',
      'overdueRhythm',
      'valueAtStake',
      'callList'
    ]);
  });
  it('has a name and a text for every term in both languages', () => {
    for (const term of definitionTerms([...REPORT_SECTIONS])) {
      for (const messages of [en, zh] as Record<string, string>[]) {
        expect(messages[`bossReport.def.${term}`], term).toBeTruthy();
        expect(messages[`bossReport.defText.${term}`], term).toBeTruthy();
      }
    }
  });
});

describe('the report file', () => {
  it('is one document: the style inline, comments and scripts dropped, the title escaped', () => {
    const html = reportDocument({
      markup: '<article><!----><h1>A &amp; B</h1><script>alert(1)</script></article>',
      title: 'Q1 <report>',
      lang: 'zh-CN'
    });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<title>Q1 &lt;report&gt;</title>');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<!--|https?:/);
    expect(html).toContain('<article><h1>A &amp; B</h1></article>');
  });
  it('is named after the title and the as-of date, without characters files refuse', () => {
    expect(reportFileName('客户分析报告', '2026-01-01')).toBe('客户分析报告 2026-01-01.html');
    expect(reportFileName('A/B: report', '2026-01-01')).toBe('A-B- report 2026-01-01.html');
  });
});

describe('the provenance', () => {
  const dataset = (id: number, name: string, kind: DatasetInfo['kind']) =>
    ({
      id,
      name,
      kind,
      report: { rowsAccepted: id * 10, rowsRejected: id },
      dateFrom: '2025-01-01',
      dateTo: '2025-03-31',
      dimensions: [{ name: 'dim_1', header: '区域' }]
    }) as unknown as DatasetInfo;
  it('lists the analysed orders first, then the other files in load order, and the filter', () => {
    const p = buildProvenance(
      [dataset(1, 'targets.csv', 'targets'), dataset(2, 'orders.csv', 'transactions')],
      2,
      '2025-04-01',
      { dims: [{ column: 'dim_1', values: ['华东', '华南'] }], from: null, to: null },
      'zh-CN'
    );
    expect(p.files.map((f) => [f.name, f.rowsKept, f.rowsRejected, f.isAnalysed])).toEqual([
      ['orders.csv', 20, 2, true],
      ['targets.csv', 10, 1, false]
    ]);
    expect(p.asOf).toBe('2025-04-01');
    expect(p.filter).toEqual([['区域', '华东和华南']]);
  });
  it('has no filter lines without a filter', () => {
    const p = buildProvenance([dataset(1, 'o.csv', 'transactions')], 1, '2025-04-01', null, 'en');
    expect(p.filter).toEqual([]);
  });
});
