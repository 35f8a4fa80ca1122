// The targets grid's rules: reading typed cells, moving with the keyboard, what a save sends; and
// the mapping step's kind select values.
import { describe, expect, it } from 'vitest';
import {
  cellKey,
  cellsToSave,
  formatPeriodKey,
  moveInGrid,
  readCell
} from '$lib/components/targets-grid/grid-model';
import { kindFromOption, kindOption } from '$lib/components/mapping-columns';

describe('readCell', () => {
  it.each([
    ['1200', 1200],
    ['1,234.5', 1234.5],
    [' 12,000 ', 12000],
    ['', null],
    ['-', null],
    ['NA', null]
  ])('reads %j as %j, like the import', (text, value) => {
    expect(readCell(text)).toEqual({ ok: true, value });
  });
  it.each(['abc', '12a', '1.2.3'])('marks %j invalid', (text) => {
    expect(readCell(text)).toEqual({ ok: false });
  });
});

describe('moveInGrid', () => {
  const at = { row: 1, col: 1 };
  it('moves with arrows and Enter (down), not past the edges', () => {
    expect(moveInGrid(at, 'ArrowUp', 3, 3)).toEqual({ row: 0, col: 1 });
    expect(moveInGrid(at, 'ArrowDown', 3, 3)).toEqual({ row: 2, col: 1 });
    expect(moveInGrid(at, 'Enter', 3, 3)).toEqual({ row: 2, col: 1 });
    expect(moveInGrid(at, 'ArrowLeft', 3, 3)).toEqual({ row: 1, col: 0 });
    expect(moveInGrid(at, 'ArrowRight', 3, 3)).toEqual({ row: 1, col: 2 });
    expect(moveInGrid({ row: 2, col: 2 }, 'ArrowDown', 3, 3)).toBeNull();
    expect(moveInGrid(at, 'a', 3, 3)).toBeNull();
  });
  it('leaves Left/Right to the text while the caret is inside it', () => {
    const inside = { atStart: false, atEnd: false };
    expect(moveInGrid(at, 'ArrowLeft', 3, 3, inside)).toBeNull();
    expect(moveInGrid(at, 'ArrowRight', 3, 3, inside)).toBeNull();
  });
});

describe('cellsToSave', () => {
  const stored = [
    { key: 'Ann', period: '2025-01', revenueTarget: 100, newCustomerTarget: 2 },
    { key: 'Bob', period: '2025-01', revenueTarget: 50, newCustomerTarget: null }
  ];
  it('takes typed text over stored values and leaves out pairs with no number', () => {
    const drafts = {
      [cellKey('Ann', '2025-02', 'revenueTarget')]: '1,500',
      [cellKey('Bob', '2025-01', 'revenueTarget')]: ''
    };
    expect(cellsToSave(['Ann', 'Bob'], ['2025-01', '2025-02'], stored, drafts)).toEqual([
      { key: 'Ann', period: '2025-01', revenueTarget: 100, newCustomerTarget: 2 },
      { key: 'Ann', period: '2025-02', revenueTarget: 1500, newCustomerTarget: null }
    ]);
  });
  it('saves nothing while a typed cell is not a number', () => {
    const drafts = { [cellKey('Ann', '2025-01', 'newCustomerTarget')]: 'many' };
    expect(cellsToSave(['Ann'], ['2025-01'], stored, drafts)).toBeNull();
  });
});

describe('formatPeriodKey', () => {
  it('writes months, quarters and years in each language', () => {
    expect(formatPeriodKey('zh-CN', '2025-03')).toBe('2025年3月');
    expect(formatPeriodKey('en', '2025-03')).toBe('Mar 2025');
    expect(formatPeriodKey('zh-CN', '2025-Q1')).toBe('2025年第1季度');
    expect(formatPeriodKey('en', '2025-Q1')).toBe('Q1 2025');
    expect(formatPeriodKey('zh-CN', '2025')).toBe('2025年');
    expect(formatPeriodKey('en', '2025')).toBe('2025');
    expect(formatPeriodKey('en', null)).toBe('—');
  });
});

describe('kind select values', () => {
  it('says orders for transactions and round-trips every kind', () => {
    expect(kindOption('transactions')).toBe('orders');
    expect(kindOption('targets')).toBe('targets');
    for (const k of ['transactions', 'customers', 'targets'] as const)
      expect(kindFromOption(kindOption(k))).toBe(k);
    expect(kindFromOption('nonsense')).toBe('transactions');
  });
});
