// Reading a targets sheet for a period: own rows, finer periods summed only when all are there,
// parents, the periods covered and the default period.
import { describe, expect, it } from 'vitest';
import { TargetSheet, defaultPeriod, finerPeriods } from '../../../../src/lib/analysis/targets';
import { P, row } from './rows';

describe('TargetSheet.resolve', () => {
  const sheet = new TargetSheet([
    row('A', '2025-01', 100),
    row('A', '2025-02', 200),
    row('A', '2025-03', 300),
    row('A', '2025-04', 10),
    row('B', '2025-Q1', 1000),
    row('B', '2025-01', 1),
    row('C', '2025-01', 5),
    row('C', '2025-03', 7),
    row('D', '2025-Q1', 50),
    row('D', '2025-Q2', 60),
    row('D', '2025-07', 1),
    row('D', '2025-08', 2),
    row('D', '2025-09', 3),
    row('D', '2025-Q4', 80)
  ]);

  it('uses the own row of the period', () => {
    expect(sheet.resolve('A', 'revenueTarget', P('2025-02'))).toEqual({
      value: 200,
      source: 'row'
    });
  });

  it('sums the months of a quarter when all three are given', () => {
    // 100 + 200 + 300 = 600.
    expect(sheet.resolve('A', 'revenueTarget', P('2025-Q1'))).toEqual({
      value: 600,
      source: 'finer'
    });
    // Q2 has April only: missing, not 10.
    expect(sheet.resolve('A', 'revenueTarget', P('2025-Q2'))).toBeNull();
    // February is absent: missing, not 5 + 7.
    expect(sheet.resolve('C', 'revenueTarget', P('2025-Q1'))).toBeNull();
  });

  it('prefers the own quarterly row over its months', () => {
    expect(sheet.resolve('B', 'revenueTarget', P('2025-Q1'))).toEqual({
      value: 1000,
      source: 'row'
    });
  });

  it('builds a year from quarters, each from its own row or its months', () => {
    // 50 + 60 + (1 + 2 + 3) + 80 = 196.
    expect(sheet.resolve('D', 'revenueTarget', P('2025'))).toEqual({ value: 196, source: 'finer' });
  });

  it('does not split a coarser target into months', () => {
    expect(sheet.resolve('B', 'revenueTarget', P('2025-02'))).toBeNull();
  });

  it('lists the periods of a grain the sheet covers and opens on the latest begun', () => {
    expect(sheet.periods('quarter').map((p) => p.key)).toEqual([
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
      '2025-Q4'
    ]);
    expect(defaultPeriod(sheet.periods('month'), '2025-03-11')?.key).toBe('2025-03');
    // As of 2025-03-01 March has not begun (no data of it yet): February.
    expect(defaultPeriod(sheet.periods('month'), '2025-03-01')?.key).toBe('2025-02');
    expect(defaultPeriod(sheet.periods('month'), '2024-06-01')?.key).toBe('2025-01');
  });

  it('knows the finer periods', () => {
    expect(finerPeriods(P('2025-Q2')).map((p) => p.key)).toEqual(['2025-04', '2025-05', '2025-06']);
    expect(finerPeriods(P('2025')).map((p) => p.key)).toEqual([
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
      '2025-Q4'
    ]);
    expect(finerPeriods(P('2025-05'))).toEqual([]);
  });
});

describe('TargetSheet.parents', () => {
  it('takes the parent of the rows in the period, else the latest', () => {
    const sheet = new TargetSheet([
      row('A', '2025-01', 1, 'T1'),
      row('A', '2025-02', 1, 'T2'),
      row('B', '2024-12', 1, 'T1'),
      row('T1', '2025-01', 10)
    ]);
    // A moved from T1 to T2 in February.
    expect(sheet.parents(P('2025-01'))).toEqual(
      new Map([
        ['A', 'T1'],
        ['B', 'T1']
      ])
    );
    expect(sheet.parents(P('2025-02'))).toEqual(
      new Map([
        ['A', 'T2'],
        ['B', 'T1']
      ])
    );
  });
});
