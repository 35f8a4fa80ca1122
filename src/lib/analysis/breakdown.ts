// Breakdowns by one dimension (DOMAIN §8): customers by their own dimension value, revenue by each
// transaction row's value, and segment × value counts.
import { quoteIdent } from './sql-ident';
import { bandOfValue, NOT_A_NUMBER, type Banding, type NumericProfile } from './bands';
import { OTHERS_ID } from './segments';
import type { ScoredCustomer, SegmentRule } from './types';

/** One value of a dimension. */
export interface BreakdownRow {
  /** The dimension value; null for "no value" (and for bands). */
  value: string | null;
  /** With bands: the band's index (NOT_A_NUMBER for values that are no number); else null. */
  band: number | null;
  /** Scored customers whose (most frequent) value this is. */
  customers: number;
  customerShare: number;
  /** Revenue of the transactions carrying this value (customer tables: of these customers). */
  revenue: number;
  revenueShare: number;
  /** Orders and monetary of these customers, for their average order value. */
  orders: number;
  aov: number | null;
  /** Customers of this value per segment id. */
  segments: Record<string, number>;
}

export interface Breakdown {
  dimIndex: number;
  /** Segment ids in rule order, then `others`. */
  segmentIds: string[];
  rows: BreakdownRow[];
  /** The bands the rows are, when the dimension is numeric and banded. */
  banding: Banding | null;
  /** How numeric the dimension's values are (offers bands when `isNumeric`). */
  numeric: NumericProfile | null;
}

/**
 * Revenue per value of `dimension` over transactions on or before `asOf`, row by row (DOMAIN §8):
 * `value, revenue`.
 */
export function buildDimensionRevenueSql(table: string, dimension: string, asOf: string) {
  const dim = quoteIdent(dimension);
  return {
    sql: `SELECT ${dim} AS value, SUM(amount) AS revenue
FROM ${quoteIdent(table)}
WHERE order_date <= ?
GROUP BY ${dim}`,
    params: [asOf] as (string | number | null)[]
  };
}

/**
 * Joins the customers' side and the rows' revenue into one table, by revenue descending; with
 * `banding`, one row per band in band order (every band, the "not a number" band last when used),
 * a customer under the band of their value and each transaction row under its own value's band.
 */
export function mergeBreakdown(
  scored: readonly ScoredCustomer[],
  dimIndex: number,
  rules: readonly SegmentRule[],
  revenueRows: (string | number | null)[][] | null,
  banding: Banding | null = null,
  numeric: NumericProfile | null = null
): Breakdown {
  const segmentIds = [...rules.map((r) => r.id), OTHERS_ID];
  const byValue = new Map<string | number | null, BreakdownRow & { monetary: number }>();
  /** The row of a value (no bands) or of a band (`band` set; `value` is then null). */
  const group = (value: string | null, band: number | null) => {
    const key = band ?? value;
    let r = byValue.get(key);
    if (!r) {
      r = {
        value,
        band,
        customers: 0,
        customerShare: 0,
        revenue: 0,
        revenueShare: 0,
        orders: 0,
        aov: null,
        monetary: 0,
        segments: Object.fromEntries(segmentIds.map((id) => [id, 0]))
      };
      byValue.set(key, r);
    }
    return r;
  };
  const row = (raw: string | null) =>
    banding ? group(null, bandOfValue(banding, raw)) : group(raw, null);
  // Every band shows, empty ones too (a band is a choice of the user's, not a value of the data).
  banding?.bands.forEach((_, i) => group(null, i));
  for (const c of scored) {
    const r = row(c.dims[dimIndex] ?? null);
    r.customers++;
    r.orders += c.frequency;
    r.monetary += c.monetary;
    r.segments[c.segment] = (r.segments[c.segment] ?? 0) + 1;
  }
  if (revenueRows) {
    for (const [value, revenue] of revenueRows) {
      row(value === null ? null : String(value)).revenue += Number(revenue);
    }
  } else {
    for (const r of byValue.values()) r.revenue = r.monetary;
  }
  const rows = [...byValue.values()];
  const totalRevenue = rows.reduce((s, r) => s + r.revenue, 0);
  for (const r of rows) {
    r.customerShare = scored.length ? r.customers / scored.length : 0;
    r.revenueShare = totalRevenue ? r.revenue / totalRevenue : 0;
    r.aov = r.orders ? r.monetary / r.orders : null;
  }
  const bandOrder = (b: number | null) => (b === NOT_A_NUMBER ? Infinity : (b ?? 0));
  rows.sort((a, b) =>
    banding
      ? bandOrder(a.band) - bandOrder(b.band)
      : b.revenue - a.revenue || b.customers - a.customers
  );
  return {
    dimIndex,
    segmentIds,
    banding,
    numeric,
    rows: rows.map(({ monetary: _monetary, ...r }) => r)
  };
}
