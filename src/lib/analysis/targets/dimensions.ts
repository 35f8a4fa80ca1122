// Which dimension of the orders the targets' keys are values of (rep, team, region …): each
// dimension ranked by how many target keys appear among its values.

/** A dimension of the orders and how many target keys (and team keys) it carries. */
export interface DimensionMatch {
  /** SQL name of the column. */
  name: string;
  header: string;
  /** Distinct target keys among its values. */
  matches: number;
  /** Distinct team keys (keys named as a parent) among its values. */
  teamMatches: number;
}

/** Most matched first; ties keep the table's column order. */
export function rankDimensions(dims: readonly DimensionMatch[]): DimensionMatch[] {
  return dims
    .map((d, i) => ({ d, i }))
    .sort((a, b) => b.d.matches - a.d.matches || a.i - b.i)
    .map(({ d }) => d);
}

/**
 * The orders' own team column, if any: the dimension (other than the chosen one) carrying the
 * most team keys, at least one.
 */
export function teamDimension(dims: readonly DimensionMatch[], chosen: string): string | null {
  let best: DimensionMatch | null = null;
  for (const d of dims)
    if (d.name !== chosen && d.teamMatches > 0 && (!best || d.teamMatches > best.teamMatches))
      best = d;
  return best?.name ?? null;
}
