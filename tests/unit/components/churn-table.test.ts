// Churn list helpers: columns per list and sorting with nulls last.
import { describe, expect, it } from 'vitest';
import {
  churnViewColumns,
  sortChurnRows,
  totalAtStake
} from '../../../src/lib/components/churn/churn-table';
import type { ChurnRow } from '../../../src/lib/db/protocol';

const row = (customerId: string, pAlive: number | null, monetary: number): ChurnRow => ({
  customerId,
  customerName: null,
  owner: null,
  region: null,
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

  it('puts name, owner, region and the value at stake first on every list', () => {
    for (const kind of ['atRisk', 'cannotLose', 'oneTime', 'spendDrop'] as const)
      expect(churnViewColumns(kind).slice(0, 5)).toEqual([
        'customerId',
        'customerName',
        'owner',
        'region',
        'clvAtStake'
      ]);
  });

  it('totals the value at stake, rows without one as 0', () => {
    const rows = [row('a', 0.2, 1), row('b', 0.4, 1), row('c', null, 1)];
    rows[0].clvAtStake = 1200.5;
    rows[1].clvAtStake = 300.25;
    expect(totalAtStake(rows)).toBe(1500.75);
    expect(totalAtStake([])).toBe(0);
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
