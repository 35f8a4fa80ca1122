// Which columns a very wide virtual table renders: the ones in view and a few either side.

/** Tables with more columns than this render only those in view, each at a fixed width. */
export const MAX_RENDERED_COLUMNS = 50;
/** Width of a column in a windowed table. */
export const WINDOWED_COLUMN_PX = 160;
/** Columns rendered past each edge of the view, so a short scroll shows no gap. */
const OVERSCAN_COLUMNS = 2;

/** Columns `[first, end)` are rendered; `isWindowed` is false when every column is. */
export interface ColumnWindow {
  first: number;
  end: number;
  isWindowed: boolean;
}

/** The columns of a `count`-column table to render when scrolled `scrollLeftPx` in a view `viewWidthPx` wide. */
export function pickColumnWindow(
  count: number,
  scrollLeftPx: number,
  viewWidthPx: number,
  columnPx = WINDOWED_COLUMN_PX
): ColumnWindow {
  if (count <= MAX_RENDERED_COLUMNS) return { first: 0, end: count, isWindowed: false };
  const first = Math.min(
    Math.max(0, Math.floor(scrollLeftPx / columnPx) - OVERSCAN_COLUMNS),
    Math.max(0, count - 1)
  );
  const end = Math.min(
    count,
    Math.ceil((scrollLeftPx + viewWidthPx) / columnPx) + OVERSCAN_COLUMNS
  );
  return { first, end: Math.max(first + 1, end), isWindowed: true };
}
