import { describe, expect, it } from 'vitest';
import { passColumns, rowsIn } from '$lib/worker/orders-pass';
import type { ColumnMapping } from '$lib/ingest/types';
import type { Inspected } from '$lib/ingest/inspect';

describe('rowsIn', () => {
  it('estimates rows from the sample rows’ UTF-8 bytes, a tenth more', () => {
    // Each row: 'a' (1 byte) + '宁' (3) + '😀' (4) + two delimiters and a newline = 11 bytes.
    const sample = Array.from({ length: 5 }, () => ['a', '宁', '😀']);
    expect(rowsIn(1100, { sample, format: 'csv' })).toBe(110);
    expect(rowsIn(1100, { sample: [], format: 'csv' })).toBe(0);
  });

  it('takes a spreadsheet’s own count; compressed bytes say nothing', () => {
    const sample = [['a']];
    const table = { rows: [['a'], ['b'], ['c']] } as unknown as NonNullable<Inspected['table']>;
    expect(rowsIn(1100, { sample, format: 'xlsx', table })).toBe(3);
    expect(rowsIn(1100, { sample, format: 'csv.gz' })).toBe(0);
  });
});

describe('passColumns', () => {
  it('reads every mapped column but the dimensions', () => {
    const mapping = {
      kind: 'transactions',
      date1904: false,
      columns: [
        { index: 0, header: 'id', role: 'customer_id' },
        { index: 1, header: 'region', role: 'dimension' },
        { index: 2, header: 'note', role: 'ignore' },
        { index: 3, header: 'date', role: 'date' },
        { index: 4, header: 'profit', role: 'profit' }
      ]
    } as unknown as ColumnMapping;
    expect(passColumns(mapping)).toEqual([0, 3, 4]);
  });
});
