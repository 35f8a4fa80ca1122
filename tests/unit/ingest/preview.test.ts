// The mapping step's preview rows: the first few, with long cells clipped.
import { describe, expect, it } from 'vitest';
import { clipPreview, PREVIEW_CELL_CHARS, PREVIEW_ROWS } from '../../../src/lib/ingest/preview';

describe('clipPreview', () => {
  it('keeps the first rows and every column', () => {
    const rows = Array.from({ length: 20 }, (_, r) =>
      Array.from({ length: 2000 }, (_, c) => `${r}:${c}`)
    );
    const preview = clipPreview(rows);
    expect(preview).toHaveLength(PREVIEW_ROWS);
    expect(preview[7]).toEqual(rows[7]);
  });

  it.each([
    ['short', 'abc', 'abc'],
    ['exactly the limit', 'abcde', 'abcde'],
    ['longer', 'abcdef', 'abcd…'],
    ['CJK', '长'.repeat(10), '长长长长…'],
    ['a surrogate pair at the cut', 'abc😀def', 'abc…'],
    ['a surrogate pair before the cut', 'ab😀cdef', 'ab😀…']
  ])('clips a cell: %s', (_, cell, expected) => {
    expect(clipPreview([[cell]], 1, 5)).toEqual([[expected]]);
  });

  it('bounds a multi-MB cell', () => {
    const [[cell]] = clipPreview([['长'.repeat(2 * 1024 * 1024)]]);
    expect(cell).toHaveLength(PREVIEW_CELL_CHARS);
  });
});
