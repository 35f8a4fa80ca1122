// A targets sheet recognised from Chinese or English headers (DOMAIN §7), and its mapping checked.
import { describe, expect, it } from 'vitest';
import { inspectFile } from '$lib/ingest/inspect';
import { mappingFromGuesses, validateMapping } from '$lib/ingest/detect-roles';

async function inspect(lines: string[]) {
  return inspectFile(new File([lines.join('\n')], 'targets.csv', { type: 'text/csv' }));
}
const rolesOf = (guesses: { header: string; role: string }[]) =>
  Object.fromEntries(guesses.map((g) => [g.header, g.role]));

describe('targets detection', () => {
  it('reads a Chinese sheet as targets: key, parent, period, revenue and new-customer targets', async () => {
    const x = await inspect([
      '销售代表,所属团队,期间,销售目标,新客户目标',
      '张伟,华南团队,2025-01,469000,2',
      '张伟,华南团队,2025年3月,370000,1',
      '华南团队,,2025-Q1,"10,030,000",37'
    ]);
    expect(x.kind).toBe('targets');
    expect(rolesOf(x.targetGuesses)).toEqual({
      销售代表: 'target_key',
      所属团队: 'parent',
      期间: 'period',
      销售目标: 'revenue_target',
      新客户目标: 'new_customer_target'
    });
    expect(x.confident).toBe(true);
  });

  it('reads English headers, team (parent) and market size', async () => {
    const x = await inspect([
      'Sales Rep,Team (parent),Period,Revenue target,New customer target,Market size',
      'Ann,East,2025-01,"1,200.50",3,1000000',
      'Bob,East,Mar 2025,900,2,'
    ]);
    expect(x.kind).toBe('targets');
    expect(rolesOf(x.targetGuesses)).toEqual({
      'Sales Rep': 'target_key',
      'Team (parent)': 'parent',
      Period: 'period',
      'Revenue target': 'revenue_target',
      'New customer target': 'new_customer_target',
      'Market size': 'market_size'
    });
  });

  it.each([
    [
      ['区域', '月份', '目标金额'],
      ['华东', '2025-01', '100']
    ],
    [
      ['团队', '季度', '销售额目标'],
      ['华东', '2025Q1', '100']
    ],
    [
      ['Region', 'Quarter', 'Target'],
      ['East', '2025-Q1', '100']
    ],
    [
      ['Team', 'Year', 'Sales target'],
      ['East', '2025', '100']
    ],
    [
      ['业务员', '年度', '目标销售额'],
      ['王芳', '2025年', '100']
    ]
  ])('recognises %j as key, period and revenue target', async (headers, row) => {
    const x = await inspect([headers.join(','), row.join(','), row.join(',')]);
    expect(x.kind).toBe('targets');
    expect(x.targetGuesses.map((g) => g.role)).toEqual(['target_key', 'period', 'revenue_target']);
  });

  it('finds the period from its values when the header says nothing', async () => {
    const x = await inspect(['Rep,When,Target', 'Ann,2025-01,100', 'Bob,2025-02,200']);
    expect(x.targetGuesses.map((g) => g.role)).toEqual(['target_key', 'period', 'revenue_target']);
    expect(x.kind).toBe('targets');
  });

  it('takes a period column from half its values under a period header, most without one', async () => {
    // Ten rows; `share` of them hold a month, the others a note.
    const sheet = (header: string, share: number) =>
      inspect([
        `Rep,${header},Target`,
        ...Array.from(
          { length: 10 },
          (_, i) => `R${i},${i < share * 10 ? `2025-0${1 + (i % 9)}` : `note ${i}`},${100 + i}`
        )
      ]);
    const roleOf = async (header: string, share: number) =>
      rolesOf((await sheet(header, share)).targetGuesses)[header];
    // Under a period header half suffices, not less.
    expect(await roleOf('Period', 0.5)).toBe('period');
    expect(await roleOf('Period', 0.4)).not.toBe('period');
    // Without one, most (80 %) must be periods.
    expect(await roleOf('When', 0.8)).toBe('period');
    expect(await roleOf('When', 0.7)).not.toBe('period');
  });

  it('keeps an orders file with a month column an orders file', async () => {
    const x = await inspect([
      '订单日期,客户编号,金额,月份,销售目标',
      '2025-01-05,C1,100,2025-01,500',
      '2025-01-06,C2,200,2025-01,500'
    ]);
    expect(x.kind).toBe('transactions');
  });

  it('asks for the key, the period and a target column', () => {
    const columns = [
      { index: 0, header: 'x', role: 'ignore' as const, type: 'text' as const },
      { index: 1, header: 'y', role: 'ignore' as const, type: 'text' as const }
    ];
    const problems = validateMapping({ kind: 'targets', columns });
    expect(problems).toEqual([
      { code: 'missing_role', role: 'target_key' },
      { code: 'missing_role', role: 'period' },
      { code: 'need_target_value' }
    ]);
    const guesses = [
      {
        index: 0,
        header: 'Rep',
        role: 'target_key' as const,
        type: 'text' as const,
        confidence: 'high' as const
      },
      {
        index: 1,
        header: 'Period',
        role: 'period' as const,
        type: 'text' as const,
        confidence: 'high' as const
      },
      {
        index: 2,
        header: 'Target',
        role: 'revenue_target' as const,
        type: 'integer' as const,
        confidence: 'high' as const
      }
    ];
    const mapping = mappingFromGuesses(guesses);
    expect(mapping.kind).toBe('targets');
    expect(validateMapping(mapping)).toEqual([]);
  });
});
