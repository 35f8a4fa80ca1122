// The rows of a file the mapping step previews: few, and clipped, so they cross to the page cheaply.

/** Data rows the mapping step previews. */
export const PREVIEW_ROWS = 8;
/** Characters kept of a preview cell: a multi-MB cell would otherwise be copied to the page whole. */
export const PREVIEW_CELL_CHARS = 200;

/** The first `maxRows` rows, each cell cut to `maxChars` characters (an ellipsis marks a cut). */
export function clipPreview(
  rows: readonly (readonly string[])[],
  maxRows = PREVIEW_ROWS,
  maxChars = PREVIEW_CELL_CHARS
): string[][] {
  return rows.slice(0, maxRows).map((row) => row.map((cell) => clipText(cell, maxChars)));
}

function clipText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = maxChars - 1;
  // Never split a surrogate pair (an emoji or a rare CJK character) into a lone half.
  if (/[\uD800-\uDBFF]/.test(text[end - 1])) end--;
  return `${text.slice(0, end)}…`;
}
