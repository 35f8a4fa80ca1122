// The built-in sample: deterministic, the promised size and shape, and realistic where the app looks.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import {
  DATE_FROM,
  DATE_TO,
  SAMPLE_HEADER,
  TARGETS_HEADER,
  createActuals,
  sampleTargets,
  summarizeTargets,
  targetsToCsv,
  teamOfRep,
  formatCsvRow,
  generateSample,
  sampleToCsv,
  summarizeSample,
  writeSampleCsv,
  type SampleRow
} from '../../../scripts/generate-sample.js';
import { inspectFile } from '../../../src/lib/ingest/inspect';
import { detectFileCurrency } from '../../../src/lib/ingest/currency';
import { mappingFromGuesses } from '../../../src/lib/ingest/detect-roles';
import { importFile } from '../../../src/lib/worker/import';
import { CATALOG_SQL } from '../../../src/lib/worker/schema';

const rows = generateSample();
const summary = summarizeSample(rows);

function revenueByCustomer(list: SampleRow[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const r of list) totals.set(r.customerId, (totals.get(r.customerId) ?? 0) + r.amountCents);
  return totals;
}

describe('generateSample', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(sampleToCsv(generateSample())).toBe(sampleToCsv(rows));
    expect(generateSample(7, { rows: 2_000 })).toEqual(generateSample(7, { rows: 2_000 }));
    expect(generateSample(8, { rows: 2_000 })).not.toEqual(generateSample(7, { rows: 2_000 }));
  }, 20_000); // CPU-bound; measured 1.2 s (5.8 s with both cores busy)

  it('has ≈50k orders from ≈3k customers over 2023–2025', () => {
    expect(rows).toHaveLength(50_000);
    expect(summary.orders).toBeGreaterThan(48_000);
    expect(summary.customers).toBe(3_000);
    expect(summary.dateFrom).toBe(DATE_FROM);
    expect(summary.dateTo).toBe(DATE_TO);
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.date))).toBe(true);
    for (const year of ['2023', '2024', '2025']) {
      expect(rows.filter((r) => r.date.startsWith(year)).length).toBeGreaterThan(10_000);
    }
  });

  it('rows come in date order with unique order ids', () => {
    expect(rows.every((r, i) => i === 0 || rows[i - 1].date <= r.date)).toBe(true);
    expect(new Set(rows.map((r) => r.orderId)).size).toBe(rows.length);
  });

  it('concentrates 25–45 % of revenue in the top 10 customers', () => {
    const sorted = [...revenueByCustomer(rows).values()].sort((a, b) => b - a);
    const total = sorted.reduce((a, b) => a + b, 0);
    const top10 = sorted.slice(0, 10).reduce((a, b) => a + b, 0);
    expect(top10 / total).toBeGreaterThan(0.25);
    expect(top10 / total).toBeLessThan(0.45);
    expect(summary.top10Share).toBeCloseTo(top10 / total, 4);
  });

  it('has 2–3 % returns, negative, each after a positive order of the same customer', () => {
    const returns = rows.filter((r) => r.amountCents < 0);
    expect(returns.length / rows.length).toBeGreaterThanOrEqual(0.02);
    expect(returns.length / rows.length).toBeLessThanOrEqual(0.03);
    const byId = new Map(rows.map((r) => [r.orderId, r]));
    for (const ret of returns) {
      expect(ret.quantity).toBeLessThan(0);
      expect(ret.orderId).toMatch(/-R$/);
      const original = byId.get(ret.orderId.slice(0, -2));
      expect(original).toBeDefined();
      expect(original!.customerId).toBe(ret.customerId);
      expect(original!.amountCents).toBeGreaterThanOrEqual(-ret.amountCents);
      expect(original!.date < ret.date).toBe(true);
    }
    expect(rows.every((r) => r.amountCents !== 0 && r.quantity !== 0)).toBe(true);
  }, 10_000); // CPU-bound; measured 0.1 s (0.7 s with both cores busy)

  it('has single-order customers, churners and seasonality', () => {
    const orders = new Map<string, string[]>();
    for (const r of rows.filter((x) => x.amountCents > 0)) {
      orders.set(r.customerId, [...(orders.get(r.customerId) ?? []), r.date]);
    }
    const counts = [...orders.values()].map((d) => d.length);
    const oneTime = counts.filter((n) => n === 1).length;
    expect(oneTime).toBeGreaterThan(30);
    expect(oneTime).toBeLessThan(counts.length * 0.2);
    // Repeat buyers whose last order is more than a year before the end.
    const lapsed = [...orders.values()].filter((d) => d.length >= 3 && d.at(-1)! < '2024-12-31');
    expect(lapsed.length).toBeGreaterThan(100);

    const monthRevenue = (month: string) =>
      rows.filter((r) => r.date.startsWith(month)).reduce((a, r) => a + r.amountCents, 0);
    for (const year of ['2023', '2024', '2025']) {
      expect(monthRevenue(`${year}-12`)).toBeGreaterThan(monthRevenue(`${year}-02`) * 1.5);
    }
  });

  it('keeps ids as zero-padded text and names unique per customer', () => {
    expect(rows.every((r) => /^C\d{6}$/.test(r.customerId))).toBe(true);
    expect(rows.some((r) => r.customerId.startsWith('C000'))).toBe(true);
    const names = new Map<string, string>();
    const conflicts = rows.filter((r) => {
      const known = names.get(r.customerId) ?? r.customerName;
      names.set(r.customerId, r.customerName);
      return known !== r.customerName;
    });
    expect(conflicts).toEqual([]);
    expect(new Set(names.values()).size).toBe(names.size);
    expect([...names.values()].every((n) => /公司$/.test(n))).toBe(true);
  });

  it('has a profit on every row: margins by category, loss-making orders and customers', () => {
    expect(rows.every((r) => Number.isInteger(r.profitCents))).toBe(true);
    const margin = (category: string) => {
      const list = rows.filter((r) => r.category === category && r.amountCents > 0);
      const profit = list.reduce((a, r) => a + r.profitCents, 0);
      return profit / list.reduce((a, r) => a + r.amountCents, 0);
    };
    // Software earns more per yuan than hardware.
    expect(margin('软件服务')).toBeGreaterThan(margin('硬件设备') + 0.15);
    const sold = rows.filter((r) => r.amountCents > 0);
    const losing = sold.filter((r) => r.profitCents < 0).length / sold.length;
    expect(losing).toBeGreaterThan(0.03);
    expect(losing).toBeLessThan(0.2);
    // A return gives back the profit of what comes back, with the opposite sign.
    const ret = rows.find((r) => r.amountCents < 0 && r.profitCents !== 0)!;
    const original = rows.find((r) => r.orderId === ret.orderId.slice(0, -2))!;
    expect(Math.sign(ret.profitCents)).toBe(-Math.sign(original.profitCents));
    // The profit curve (DOMAIN §7b) rises above the total and falls back: loss-making customers.
    const byCustomer = new Map<string, number>();
    for (const r of rows)
      byCustomer.set(r.customerId, (byCustomer.get(r.customerId) ?? 0) + r.profitCents);
    const sorted = [...byCustomer.values()].sort((a, b) => b - a);
    const total = sorted.reduce((a, b) => a + b, 0);
    let cumulative = 0;
    let peak = 0;
    for (const p of sorted) peak = Math.max(peak, (cumulative += p));
    expect(sorted.filter((p) => p < 0).length).toBeGreaterThan(50);
    expect(peak / total).toBeGreaterThan(1.02);
  });

  it('uses the documented dimension values', () => {
    const values = (key: keyof SampleRow) => new Set(rows.map((r) => r[key]));
    expect(values('size')).toEqual(new Set(['大型', '中型', '小型']));
    expect(values('channel')).toEqual(new Set(['直销', '代理商', '电商平台', '电话销售', '展会']));
    expect(values('industry').size).toBeGreaterThanOrEqual(10);
    expect(values('salesRep').size).toBe(25);
    expect(values('province').size).toBeGreaterThan(25);
  });
});

describe('CSV output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sample-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts with a BOM and the Chinese header', () => {
    expect(SAMPLE_HEADER).toEqual([
      '订单号',
      '订单日期',
      '客户编号',
      '客户名称',
      '省份',
      '城市',
      '行业',
      '渠道',
      '销售代表',
      '产品类别',
      '订单金额（元）',
      '数量',
      '客户规模',
      '利润（元）'
    ]);
    const csv = sampleToCsv(rows.slice(0, 3));
    expect(csv.startsWith(`\uFEFF${SAMPLE_HEADER.join(',')}\n`)).toBe(true);
    expect(csv.split('\n')[1]).toMatch(/^SO\d{12},2023-01-0\d,C\d{6},/);
  });

  it('names its currency in the amount header (元), so the app writes ¥ without asking', async () => {
    const file = new File([sampleToCsv(rows.slice(0, 200))], 'orders.csv', { type: 'text/csv' });
    const inspected = await inspectFile(file);
    expect(inspected.guesses.find((g) => g.role === 'amount')?.header).toBe('订单金额（元）');
    expect(inspected.confident).toBe(true);
    expect(detectFileCurrency(inspected.guesses, inspected.sample)).toBe('CNY');
  });

  it('writes amounts with two decimals and quotes fields that need it', () => {
    const row: SampleRow = { ...rows[0], customerName: '甲,乙"丙"', amountCents: -5 };
    expect(formatCsvRow(row)).toContain(',"甲,乙""丙""",');
    expect(formatCsvRow(row)).toContain(',-0.05,');
    expect(formatCsvRow({ ...rows[0], amountCents: 123_400 })).toContain(',1234.00,');
  });

  it('streams the same bytes it builds in memory, with a matching manifest', async () => {
    const out = join(dir, 'orders.csv');
    const manifest = await writeSampleCsv(out, { seed: 3, rows: 5_000, customers: 400 });
    const small = generateSample(3, { rows: 5_000, customers: 400 });
    expect(readFileSync(out, 'utf8')).toBe(sampleToCsv(small));
    expect(manifest).toMatchObject({ ...summarizeSample(small), file: 'orders.csv', rows: 5_000 });
    expect(manifest.customers).toBe(400);
    expect(manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
  }, 10_000); // CPU-bound; measured 0.1 s (1.1 s with both cores busy)
});

describe('the targets sheet', () => {
  const actuals = createActuals();
  for (const r of rows) actuals.add(r);
  const result = actuals.result();
  const targets = sampleTargets(result);
  const summary = summarizeTargets(targets, result);

  it('has every rep per month of 2025 and 4 teams per quarter, deterministically', () => {
    expect(sampleTargets(result)).toEqual(targets);
    // 25 reps × 12 months + 4 teams × 4 quarters.
    expect(summary).toMatchObject({ rows: 316, keys: 29, periods: 16 });
    const teams = new Set(targets.filter((t) => t.parent !== '').map((t) => t.parent));
    expect(teams).toEqual(new Set(['华南团队', '华东团队', '华北团队', '中西部团队']));
    expect(teamOfRep('张伟')).toBe('华南团队');
    expect(teamOfRep('林晓燕')).toBe('中西部团队');
  });

  it('puts some reps above their target for the year and some below', () => {
    expect(summary.above.length).toBeGreaterThanOrEqual(5);
    expect(summary.below.length).toBeGreaterThanOrEqual(5);
    expect(summary.above.length + summary.below.length).toBe(25);
    // A rep's yearly attainment, by hand from the rows: actual revenue / sum of monthly targets.
    const rep = summary.below[0];
    const actual = rows
      .filter((r) => r.salesRep === rep && r.date.startsWith('2025'))
      .reduce((a, r) => a + r.amountCents / 100, 0);
    const target = targets.filter((t) => t.key === rep).reduce((a, t) => a + t.revenueTarget, 0);
    expect(actual / target).toBeLessThan(1);
  });

  it('imports as a targets dataset with nothing rejected, reading every period format it uses', async () => {
    const csv = targetsToCsv(targets);
    expect(csv.startsWith(`\uFEFF${TARGETS_HEADER.join(',')}\n`)).toBe(true);
    for (const text of [
      '2025年3月',
      '2025/4',
      '202505',
      'Jun 2025',
      '2025Q2',
      '2025年第3季度',
      '2025年四季度'
    ])
      expect(csv).toContain(`,${text},`);
    const file = new File([csv], 'targets.csv', { type: 'text/csv' });
    const inspected = await inspectFile(file);
    expect(inspected.kind).toBe('targets');
    expect(inspected.confident).toBe(true);
    const db = new (await initSqlJs()).Database();
    db.run(CATALOG_SQL);
    const mapping = mappingFromGuesses(inspected.targetGuesses, 'targets');
    const d = await importFile(
      db,
      file,
      inspected,
      mapping,
      { mode: 'add', name: 'targets' },
      () => {},
      () => false
    );
    expect(d.report).toMatchObject({ rowsRead: 316, rowsAccepted: 316, rowsRejected: 0 });
    expect(d.report.targets).toMatchObject({ keys: 29, periods: 16, grains: ['month', 'quarter'] });
    // A team's own quarter row, written with thousands separators, reads back as a number.
    const team = targets.find((t) => t.key === '华北团队' && t.period === '2025-Q3')!;
    const stored = db.exec(
      `SELECT revenue_target FROM "${d.table}" WHERE target_key = '华北团队' AND period = '2025-Q3'`
    )[0].values[0][0];
    expect(stored).toBe(team.revenueTarget);
  });
});
