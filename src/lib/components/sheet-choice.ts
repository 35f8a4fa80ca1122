// What the mapping step says about the sheet it opened: how each other sheet compares with it.
import type { SheetChoice } from '$lib/ingest/pick-sheet';
import type { Role } from '$lib/ingest/types';

/** Other sheets named at most; the rest are counted. */
export const MAX_OTHER_SHEETS = 4;

/** One other sheet: it has all required columns too, some of them (`roles`), or none. */
export interface OtherSheet {
  name: string;
  has: 'all' | 'some' | 'none';
  roles: Role[];
}

/** The other sheets to name (workbook order) and how many more there are. */
export function describeOtherSheets(
  choice: SheetChoice,
  max = MAX_OTHER_SHEETS
): { others: OtherSheet[]; more: number } {
  const others = choice.others.slice(0, max).map((o): OtherSheet => ({
    name: o.name,
    has: o.found.length === 0 ? 'none' : o.missing === 0 ? 'all' : 'some',
    roles: o.found
  }));
  return { others, more: Math.max(0, choice.others.length - max) };
}
