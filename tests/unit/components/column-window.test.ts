// A virtual table's column window: every column of a narrow table, the visible ones of a wide one.
import { describe, expect, it } from 'vitest';
import { MAX_RENDERED_COLUMNS, pickColumnWindow } from '../../../src/lib/components/column-window';

describe('pickColumnWindow', () => {
  it.each([
    // count, scrollLeft, viewWidth, first, end, isWindowed
    [12, 0, 1000, 0, 12, false],
    [MAX_RENDERED_COLUMNS, 5000, 1000, 0, MAX_RENDERED_COLUMNS, false],
    [1001, 0, 1000, 0, 12, true], // 10 columns in view and 2 past the right edge
    [1001, 0, 0, 0, 2, true], // not measured yet: a few columns, then the real window
    [1001, 1050, 1000, 8, 23, true],
    [1001, 99_000, 1000, 988, 1001, true],
    [1001, 500_000, 1000, 1000, 1001, true] // scrolled past the end (the table shrank)
  ])('%i columns at %i px in %i px → [%i, %i)', (count, left, width, first, end, isWindowed) => {
    expect(pickColumnWindow(count, left, width, 100)).toEqual({ first, end, isWindowed });
  });
});
