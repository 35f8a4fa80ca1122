// The mapping step's column window: a narrow file whole, a wide one capped, mapped columns kept, search.
import { describe, expect, it } from 'vitest';
import {
  MAX_SHOWN_COLUMNS,
  matchesColumn,
  pickShownColumns
} from '../../../src/lib/components/mapping-columns';
import type { Role } from '../../../src/lib/ingest/types';

/** A file of `n` columns `Attr 1`…, with roles set at some positions (0-based). */
function wide(n: number, roles: Record<number, Role> = {}) {
  return Array.from({ length: n }, (_, i) => ({
    index: i,
    header: `Attr ${i + 1}`,
    role: roles[i] ?? ('dimension' as Role)
  }));
}
const indexes = (shown: { columns: { index: number }[] }) => shown.columns.map((c) => c.index);

describe('pickShownColumns', () => {
  it('shows every column of a narrow file', () => {
    const all = wide(12, { 0: 'customer_id', 5: 'date' });
    expect(pickShownColumns(all, '')).toEqual({ columns: all, matching: 12 });
  });

  it('caps a wide file at the first columns', () => {
    const shown = pickShownColumns(wide(2000), '');
    expect(indexes(shown)).toEqual([...Array(MAX_SHOWN_COLUMNS).keys()]);
    expect(shown.matching).toBe(2000);
  });

  it('keeps columns mapped to a single role in view, in file order, but not dimensions or ignored ones', () => {
    const all = wide(2000, { 3: 'customer_id', 1200: 'amount', 1999: 'date', 900: 'ignore' });
    expect(indexes(pickShownColumns(all, '', 5))).toEqual([0, 1, 2, 3, 4, 1200, 1999]);
  });

  it('shows only the first matches of a search, mapped or not', () => {
    const all = wide(2000, { 0: 'customer_id' });
    expect(indexes(pickShownColumns(all, 'attr 150'))).toEqual([149, ...range(1499, 1509)]);
    expect(pickShownColumns(all, 'attr 150').matching).toBe(11);
    const many = pickShownColumns(all, ' ATTR ', 10);
    expect(indexes(many)).toEqual(range(0, 10));
    expect(many.matching).toBe(2000);
    expect(pickShownColumns(all, 'nothing like it')).toEqual({ columns: [], matching: 0 });
  });
});

describe('matchesColumn', () => {
  it.each([
    ['Customer ID', '', true],
    ['Customer ID', '  ', true],
    ['Customer ID', 'tomer i', true],
    ['Customer ID', ' CUSTOMER ', true],
    ['订单金额', '金额', true],
    ['订单金额', '日期', false]
  ])('%s ∋ %j: %s', (header, query, expected) => {
    expect(matchesColumn(header, query)).toBe(expected);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
