// Keyboard moves over the RFM heatmap and the cohort matrix (the cells' roving tab stop).
import { describe, expect, it } from 'vitest';
import { heatMove } from '$lib/components/heatmap/heatmap';
import { cohortMove } from '$lib/components/time/cohort-grid';

describe('heatMove', () => {
  it('moves R up and F right, Home/End along the row, and ignores other keys', () => {
    const c = { r: 3, f: 2 };
    expect(heatMove(c, 'ArrowUp', 5)).toBe('4|2');
    expect(heatMove(c, 'ArrowDown', 5)).toBe('2|2');
    expect(heatMove(c, 'ArrowLeft', 5)).toBe('3|1');
    expect(heatMove(c, 'ArrowRight', 5)).toBe('3|3');
    expect(heatMove(c, 'Home', 5)).toBe('3|1');
    expect(heatMove(c, 'End', 5)).toBe('3|5');
    expect(heatMove(c, 'Enter', 5)).toBeNull();
  });
  it('names cells off the grid, which the buttons then ignore', () => {
    expect(heatMove({ r: 5, f: 5 }, 'ArrowUp', 5)).toBe('6|5');
  });
});

describe('cohortMove', () => {
  // Two cohorts: the older has months 0–2, the newer months 0–1.
  const cells = [
    { row: 0, k: 0 },
    { row: 0, k: 1 },
    { row: 0, k: 2 },
    { row: 1, k: 0 },
    { row: 1, k: 1 }
  ];
  it('moves between cohorts and months; End goes to the last month of that cohort', () => {
    expect(cohortMove({ row: 0, k: 1 }, 'ArrowDown', cells)).toBe('1|1');
    expect(cohortMove({ row: 1, k: 1 }, 'ArrowUp', cells)).toBe('0|1');
    expect(cohortMove({ row: 0, k: 1 }, 'ArrowRight', cells)).toBe('0|2');
    expect(cohortMove({ row: 0, k: 1 }, 'ArrowLeft', cells)).toBe('0|0');
    expect(cohortMove({ row: 0, k: 0 }, 'End', cells)).toBe('0|2');
    expect(cohortMove({ row: 1, k: 0 }, 'End', cells)).toBe('1|1');
    expect(cohortMove({ row: 1, k: 1 }, 'Home', cells)).toBe('1|0');
    expect(cohortMove({ row: 1, k: 1 }, 'a', cells)).toBeNull();
  });
});
