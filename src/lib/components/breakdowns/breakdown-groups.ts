// Breakdown rows for charts (pure): the top values by revenue, the rest summed as "Other values".
import type { BreakdownRow } from '$lib/analysis/breakdown';

/** How many values the charts show before grouping the rest. */
export const TOP_VALUES = 12;

/** Chart keys that cannot clash with real values (those never hold control characters). */
export const NO_VALUE_KEY = '\u0000none';
export const OTHER_KEY = '\u0000other';

/** A bar of the charts: one value, or the sum of the values after the top ones. */
export interface ValueGroup extends BreakdownRow {
  /** Unique band-axis key. */
  key: string;
  /** True for the "Other values" group. */
  isOther: boolean;
  /** How many values the group stands for (1 unless `isOther`). */
  valueCount: number;
}

/** The band-axis key of a value (or, for banded rows, of a band). */
export function valueKey(value: string | null, band: number | null = null): string {
  if (band !== null) return `\u0000band${band}`;
  return value === null ? NO_VALUE_KEY : value;
}

/**
 * The first `top` rows (the worker sorts them by revenue, descending) and, when there are more, one
 * "Other values" group summing the rest; its AOV is recomputed from its members' orders.
 */
export function groupTopValues(rows: readonly BreakdownRow[], top = TOP_VALUES): ValueGroup[] {
  const head: ValueGroup[] = rows
    .slice(0, top)
    .map((r) => ({ ...r, key: valueKey(r.value, r.band), isOther: false, valueCount: 1 }));
  const rest = rows.slice(top);
  if (!rest.length) return head;
  const other: ValueGroup = {
    value: null,
    band: null,
    key: OTHER_KEY,
    isOther: true,
    valueCount: rest.length,
    customers: 0,
    customerShare: 0,
    revenue: 0,
    revenueShare: 0,
    orders: 0,
    aov: null,
    segments: {}
  };
  let spent = 0;
  for (const r of rest) {
    other.customers += r.customers;
    other.customerShare += r.customerShare;
    other.revenue += r.revenue;
    other.revenueShare += r.revenueShare;
    other.orders += r.orders;
    spent += (r.aov ?? 0) * r.orders;
    for (const [id, n] of Object.entries(r.segments))
      other.segments[id] = (other.segments[id] ?? 0) + n;
  }
  other.aov = other.orders ? spent / other.orders : null;
  return [...head, other];
}
