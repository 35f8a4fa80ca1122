// Two-way tables (issue 11): customers and revenue by any two of dimensions (banded when numeric),
// RFM segment, value tier, value quadrant, 8-class and lifecycle stage. Each customer is counted
// once, in the cell of their DOMAIN §8 dimension values; revenue sums transaction rows by their own
// values when both axes are dimensions of a transactions table, else it is the customers' monetary.
import {
  bandDimension,
  bandOfValue,
  NOT_A_NUMBER,
  profileValues,
  type BandSetting,
  type Banding,
  type NumericProfile
} from './bands';
import { lifecycleStage, LIFECYCLE_STAGES, type LifecycleThresholds } from './lifecycle';
import { OTHERS_ID } from './segments';
import { quoteIdent } from './sql-ident';
import { CLASS8_IDS, QUADRANT_IDS } from './tiers';
import type { ScoredCustomer, SegmentRule } from './types';

/** Per-customer groupings an axis can be. */
export type CategoryAxisKind = 'segment' | 'abc' | 'quadrant' | 'class8' | 'lifecycle';
export const CATEGORY_AXES: readonly CategoryAxisKind[] = [
  'segment',
  'abc',
  'quadrant',
  'class8',
  'lifecycle'
];

/** One side of the table: a dimension (by index, with its bands when numeric) or a grouping. */
export type CrossAxis =
  { kind: 'dim'; index: number; bands: BandSetting } | { kind: CategoryAxisKind };

/** A row or column heading. */
export interface CrossItem {
  key: string;
  /**
   * `value`: a dimension value (`value`, null = no value); `band`: a band (`band`, NOT_A_NUMBER for
   * values that are no number); `category`: a segment/tier/… id (`value`); `other`: the values
   * after the top N together (`count` of them).
   */
  kind: 'value' | 'band' | 'category' | 'other';
  value: string | null;
  band: number | null;
  count: number;
}

export interface CrossCell {
  customers: number;
  revenue: number;
}

export interface Crosstab {
  rows: CrossItem[];
  cols: CrossItem[];
  /** Bands of a banded dimension axis. */
  rowBanding: Banding | null;
  colBanding: Banding | null;
  /** How numeric a dimension axis's values are (bands can be offered when `isNumeric`). */
  rowNumeric: NumericProfile | null;
  colNumeric: NumericProfile | null;
  /** `cells[i][j]`: row i, column j. */
  cells: CrossCell[][];
  rowTotals: CrossCell[];
  colTotals: CrossCell[];
  total: CrossCell;
  /** `rows`: transaction rows summed by their own values; `customers`: customers' monetary. */
  revenueBasis: 'rows' | 'customers';
  /** Distinct headings on each axis before the top N. */
  rowCount: number;
  colCount: number;
}

export interface CrosstabInput {
  customers: readonly ScoredCustomer[];
  rows: CrossAxis;
  cols: CrossAxis;
  /** Headers of the dataset's dimensions, in `dims` order (age bands follow the header). */
  headers: readonly string[];
  rules: readonly SegmentRule[];
  /** How many values of an unordered dimension each axis keeps before "Other values". */
  top: number;
  /** Needed for a lifecycle axis. */
  lifecycle?: { thresholds: LifecycleThresholds; asOf: string };
  /**
   * `[rowValue, colValue, revenue]` of transaction rows grouped by both dimensions' raw values
   * (buildCrossRevenueSql); when given, revenue comes from them instead of monetary.
   */
  revenueRows?: readonly (readonly (string | number | null)[])[] | null;
}

const NONE_KEY = 'v\u0000';
export const OTHER_KEY = 'o\u0000';

interface AxisKeys {
  ofCustomer(c: ScoredCustomer): string;
  ofValue(v: string | null): string;
  /** Every heading in display order (bands, categories); null: ranked by revenue, top N. */
  order: string[] | null;
  item(key: string): CrossItem;
  banding: Banding | null;
  numeric: NumericProfile | null;
}

const item = (key: string, kind: CrossItem['kind'], value: string | null, band: number | null) => ({
  key,
  kind,
  value,
  band,
  count: 1
});

function categoryIds(kind: CategoryAxisKind, rules: readonly SegmentRule[]): readonly string[] {
  switch (kind) {
    case 'segment':
      return [...rules.map((r) => r.id), OTHERS_ID];
    case 'abc':
      return ['A', 'B', 'C'];
    case 'quadrant':
      return QUADRANT_IDS;
    case 'class8':
      return CLASS8_IDS;
    case 'lifecycle':
      return LIFECYCLE_STAGES;
  }
}

function axisKeys(axis: CrossAxis, input: CrosstabInput): AxisKeys {
  if (axis.kind === 'dim') {
    const { index } = axis;
    const values = input.customers.map((c) => c.dims[index] ?? null);
    const numeric = profileValues(values);
    const banding = bandDimension(input.headers[index] ?? '', values, axis.bands, numeric);
    if (banding) {
      const ofValue = (v: string | null) => `b${bandOfValue(banding, v)}`;
      const bandKeys = banding.bands.map((_, i) => `b${i}`);
      const hasNan = values.some((v) => bandOfValue(banding, v) === NOT_A_NUMBER);
      return {
        ofCustomer: (c) => ofValue(c.dims[index] ?? null),
        ofValue,
        order: hasNan ? [...bandKeys, `b${NOT_A_NUMBER}`] : bandKeys,
        item: (key) => item(key, 'band', null, Number(key.slice(1))),
        banding,
        numeric
      };
    }
    const ofValue = (v: string | null) => (v === null ? NONE_KEY : `v${v}`);
    return {
      ofCustomer: (c) => ofValue(c.dims[index] ?? null),
      ofValue,
      order: null,
      item: (key) => item(key, 'value', key === NONE_KEY ? null : key.slice(1), null),
      banding: null,
      numeric
    };
  }
  const { kind } = axis;
  const ofCustomer = (c: ScoredCustomer): string => {
    switch (kind) {
      case 'segment':
        return `c${c.segment}`;
      case 'abc':
        return `c${c.abc}`;
      case 'quadrant':
        return `c${c.quadrant}`;
      case 'class8':
        return `c${c.class8}`;
      case 'lifecycle': {
        const lc = input.lifecycle;
        if (!lc) throw new Error('a lifecycle axis needs thresholds and the as-of date');
        return `c${lifecycleStage(c, lc.thresholds, lc.asOf)}`;
      }
    }
  };
  return {
    ofCustomer,
    ofValue: () => {
      throw new Error(`${kind} is no row-level dimension`);
    },
    order: categoryIds(kind, input.rules).map((id) => `c${id}`),
    item: (key) => item(key, 'category', key.slice(1), null),
    banding: null,
    numeric: null
  };
}

const emptyCell = (): CrossCell => ({ customers: 0, revenue: 0 });
const add = (to: CrossCell, from: CrossCell) => {
  to.customers += from.customers;
  to.revenue += from.revenue;
};

/**
 * Headings of one axis in display order with each key's index: bands in order (all of them, the
 * "not a number" band last when someone is in it), categories in their own order (those with
 * customers or revenue), dimension values by revenue then customers, the first `top` kept and the
 * rest as one "Other values" heading.
 */
function arrange(keys: AxisKeys, totals: Map<string, CrossCell>, top: number) {
  let ordered: string[];
  let rest: string[] = [];
  if (keys.order) {
    ordered = keys.banding ? keys.order : keys.order.filter((k) => totals.has(k));
  } else {
    const ranked = [...totals.entries()]
      .sort(
        ([ka, a], [kb, b]) =>
          b.revenue - a.revenue || b.customers - a.customers || (ka < kb ? -1 : ka > kb ? 1 : 0)
      )
      .map(([k]) => k);
    const n = Math.max(1, Math.floor(top));
    // "Other values" standing for a single value would hide its name for nothing.
    [ordered, rest] = ranked.length > n + 1 ? [ranked.slice(0, n), ranked.slice(n)] : [ranked, []];
  }
  const items = ordered.map((k) => keys.item(k));
  const index = new Map(ordered.map((k, i) => [k, i]));
  if (rest.length) {
    for (const k of rest) index.set(k, items.length);
    items.push({ key: OTHER_KEY, kind: 'other', value: null, band: null, count: rest.length });
  }
  return { items, index, count: ordered.length + rest.length };
}

/** Customers and revenue by two axes, with row, column and grand totals. */
export function buildCrosstab(input: CrosstabInput): Crosstab {
  const r = axisKeys(input.rows, input);
  const c = axisKeys(input.cols, input);
  /** Every (row key, column key) pair met, before the top N. */
  const cells = new Map<string, CrossCell & { rk: string; ck: string }>();
  const cellOf = (rk: string, ck: string) => {
    const key = `${rk}\u0001${ck}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { ...emptyCell(), rk, ck }));
    return cell;
  };
  const byRows = !!input.revenueRows;
  for (const cust of input.customers) {
    const cell = cellOf(r.ofCustomer(cust), c.ofCustomer(cust));
    cell.customers++;
    if (!byRows) cell.revenue += cust.monetary;
  }
  for (const [a, b, revenue] of input.revenueRows ?? []) {
    const text = (v: string | number | null) => (v === null ? null : String(v));
    cellOf(r.ofValue(text(a)), c.ofValue(text(b))).revenue += Number(revenue);
  }
  const rowTotals = new Map<string, CrossCell>();
  const colTotals = new Map<string, CrossCell>();
  for (const cell of cells.values()) {
    const { rk, ck } = cell;
    if (!rowTotals.has(rk)) rowTotals.set(rk, emptyCell());
    if (!colTotals.has(ck)) colTotals.set(ck, emptyCell());
    add(rowTotals.get(rk)!, cell);
    add(colTotals.get(ck)!, cell);
  }
  const rows = arrange(r, rowTotals, input.top);
  const cols = arrange(c, colTotals, input.top);
  const matrix = rows.items.map(() => cols.items.map(emptyCell));
  const rowSums = rows.items.map(emptyCell);
  const colSums = cols.items.map(emptyCell);
  const total = emptyCell();
  for (const cell of cells.values()) {
    const { rk, ck } = cell;
    const i = rows.index.get(rk);
    const j = cols.index.get(ck);
    if (i === undefined || j === undefined) continue;
    add(matrix[i][j], cell);
    add(rowSums[i], cell);
    add(colSums[j], cell);
    add(total, cell);
  }
  return {
    rows: rows.items,
    cols: cols.items,
    rowBanding: r.banding,
    colBanding: c.banding,
    rowNumeric: r.numeric,
    colNumeric: c.numeric,
    cells: matrix,
    rowTotals: rowSums,
    colTotals: colSums,
    total,
    revenueBasis: byRows ? 'rows' : 'customers',
    rowCount: rows.count,
    colCount: cols.count
  };
}

export type CrossMeasure = keyof CrossCell;
/** `none`: the measure itself; else its share of the grand total, of its row, of its column. */
export type ShareBase = 'none' | 'total' | 'row' | 'col';

/**
 * The number a cell shows. `i` is a row index or -1 for the totals row, `j` a column index or -1
 * for the totals column; shares are null when what they divide by is 0.
 */
export function crossValue(
  t: Crosstab,
  i: number,
  j: number,
  measure: CrossMeasure,
  base: ShareBase
): number | null {
  const at = (ii: number, jj: number): number => {
    if (ii < 0 && jj < 0) return t.total[measure];
    if (ii < 0) return t.colTotals[jj][measure];
    if (jj < 0) return t.rowTotals[ii][measure];
    return t.cells[ii][jj][measure];
  };
  const v = at(i, j);
  if (base === 'none') return v;
  const d = base === 'total' ? at(-1, -1) : base === 'row' ? at(i, -1) : at(-1, j);
  return d === 0 ? null : v / d;
}

/**
 * Revenue of transaction rows on or before `asOf` per pair of raw values of two dimensions
 * (DOMAIN §8, each row under its own values): `row_value, col_value, revenue`.
 */
export function buildCrossRevenueSql(table: string, rowDim: string, colDim: string, asOf: string) {
  return {
    sql: `SELECT ${quoteIdent(rowDim)} AS row_value, ${quoteIdent(colDim)} AS col_value, SUM(amount) AS revenue
FROM ${quoteIdent(table)}
WHERE order_date <= ?
GROUP BY 1, 2`,
    params: [asOf] as (string | number | null)[]
  };
}
