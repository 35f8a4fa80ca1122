// The rows the Satisfaction view's tables take, and the words its cells share.
import type { TableCell } from '$lib/charts';

/** One table row: a stable key, its cells (the first is the row header) and its attributes. */
export interface Row {
  key: string;
  cells: readonly TableCell[];
  attrs?: Record<string, string | number | undefined>;
}

/** The `data-key` of the overall row and of the group without a value (test hooks). */
export const ALL_KEY = '__all__';
export const NONE_KEY = '__none__';
