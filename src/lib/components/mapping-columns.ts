// Which columns the mapping step renders: all of a narrow file; of a wide one, the mapped columns
// and the first ones matching the user's search, so the page stays light and every column reachable.
import { DATASET_KINDS, SINGLE_ROLES, type DatasetKind, type Role } from '$lib/ingest/types';

/**
 * The value the kind select gives a dataset kind (`orders` for the internal `transactions`; the
 * others by their name), in the order the select lists them. A new kind only needs DATASET_KINDS.
 */
export function kindOption(kind: DatasetKind): string {
  return kind === 'transactions' ? 'orders' : kind;
}

/** The dataset kind a value of the kind select stands for (orders when unknown). */
export function kindFromOption(value: string): DatasetKind {
  return DATASET_KINDS.find((k) => kindOption(k) === value) ?? 'transactions';
}

/**
 * Columns rendered at most (besides the mapped ones): each is a header cell with its selects and a
 * preview column, and 2000 of them took seconds of main-thread work to build and lay out.
 */
export const MAX_SHOWN_COLUMNS = 50;

/** What the mapping step shows of a file's columns. */
export interface ShownColumns<C> {
  /** The columns to render, in file order. */
  columns: C[];
  /** Columns whose header matches the search (every column when it is blank). */
  matching: number;
}

/** True when the header contains the search text, ignoring case and surrounding spaces. */
export function matchesColumn(header: string, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  return q === '' || header.toLocaleLowerCase().includes(q);
}

/**
 * The first `limit` columns matching `query`, in file order. Without a search, columns mapped to a
 * single role (customer id, date, amount, …) are shown wherever they are, so the user sees what
 * will be imported; a search shows only its matches.
 */
export function pickShownColumns<C extends { header: string; role: Role }>(
  all: readonly C[],
  query: string,
  limit = MAX_SHOWN_COLUMNS
): ShownColumns<C> {
  const isSearching = query.trim() !== '';
  const columns: C[] = [];
  let matching = 0;
  for (const c of all) {
    if (matchesColumn(c.header, query) && ++matching <= limit) columns.push(c);
    else if (!isSearching && SINGLE_ROLES.includes(c.role)) columns.push(c);
  }
  return { columns, matching };
}
