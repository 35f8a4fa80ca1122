// Churn list helpers: columns per list and sorting with nulls last.
import { describe, expect, it } from 'vitest';
import { churnViewColumns, sortChurnRows } from '../../../src/lib/components/churn/churn-table';
import type { ChurnRow } from '../../../src/lib/db/protocol';

const row = (customerId: string, pAlive: number | null, monetary: number): ChurnRow => ({
  customerId,
  customerName: null,
  segment: null,
  abc: null,
  recencyDays: null,
  frequency: 1,
  monetary,
  pAlive,
  expected90: null,
  clv: null,
  clvAtStake: null,
  recentSpend: null,
  usualSpend: null,
  spendShare: null
});

describe('churn table helpers', () => {
  it('shows spend columns only on the spend-drop list', () => {
    expect(churnViewColumns('spendDrop')).toContain('recentSpend');
    expect(churnViewColumns('atRisk')).not.toContain('recentSpend');
    expect(churnViewColumns('cannotLose')).toContain('clvAtStake');
  });

  it('sorts either way with nulls last and ties by id', () => {
    const rows = [row('c', 0.3, 5), row('a', null, 5), row('b', 0.1, 9), row('d', 0.3, 1)];
    expect(sortChurnRows(rows, 'pAlive', false).map((r) => r.customerId)).toEqual([
      'b',
      'c',
      'd',
      'a'
    ]);
    expect(sortChurnRows(rows, 'pAlive', true).map((r) => r.customerId)).toEqual([
      'c',
      'd',
      'b',
      'a'
    ]);
    expect(sortChurnRows(rows, 'customerId', true).map((r) => r.customerId)).toEqual([
      'd',
      'c',
      'b',
      'a'
    ]);
  });
});
