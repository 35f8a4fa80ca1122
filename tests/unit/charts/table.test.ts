import { describe, expect, it } from 'vitest';
import { cellText, cellValue, tableToCsv } from '../../../src/lib/charts/table';

describe('chart tables', () => {
  it('shows formatted text and exports raw values', () => {
    const cell = { text: '1,234.50', value: 1234.5 };
    expect([cellText(cell), cellValue(cell)]).toEqual(['1,234.50', 1234.5]);
    expect([cellText('M0'), cellValue('M0')]).toEqual(['M0', 'M0']);
  });

  it('writes CSV with a BOM, raw numbers and formula-safe text', () => {
    const csv = tableToCsv(
      [{ label: '群组' }, { label: 'Retention', numeric: true }],
      [
        ['2024-01', { text: '39.4%', value: 0.394 }],
        ['=cmd', { text: '—', value: null }]
      ]
    );
    expect(csv).toBe("\uFEFF群组,Retention\r\n2024-01,0.394\r\n'=cmd,\r\n");
  });

  it('rounds each column by its kind: money 2, rates 4, expected 3, int whole', () => {
    const csv = tableToCsv(
      [
        { label: 'Month' },
        { label: 'Revenue', kind: 'money' },
        { label: 'Retention', kind: 'rate' },
        { label: 'Expected', kind: 'expected' },
        { label: 'Customers', kind: 'int' },
        { label: 'Other' }
      ],
      [
        [
          '2024-01',
          { text: '£375,459,273', value: 375459273.30000013 },
          { text: '0.0%', value: 1.2e-15 },
          { text: '0.3', value: 0.1 + 0.2 },
          { text: '3', value: 3.0000000001 },
          { text: '0.3', value: 0.1 + 0.2 }
        ],
        ['2024-02', { text: '-', value: -0.000001 }, { text: '—', value: Number.NaN }, '', '', '']
      ]
    );
    expect(csv.split('\r\n').slice(1, 3)).toEqual([
      '2024-01,375459273.3,0,0.3,3,0.3',
      '2024-02,0,,,,'
    ]);
  });
});
