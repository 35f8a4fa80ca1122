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
});
