// Numbers as dimensions (issue 11): which text dimensions hold numbers, and the bands they are shown
// in — quantile bands (about equal numbers of customers, edges rounded to two significant digits),
// typed edges, or the age preset. A band holds its lower edge and not its upper edge: [lo, hi).

/** A dimension is numeric when at least this share of its non-empty values are numbers … */
export const NUMERIC_SHARE = 0.95;
/** … and they take at least this many different values (a 0/1 flag is no scale to band). */
export const MIN_DISTINCT_NUMBERS = 3;
export const MIN_QUANTILE_BANDS = 3;
export const MAX_QUANTILE_BANDS = 10;
export const DEFAULT_QUANTILE_BANDS = 5;
/** The age preset: <18, 18–24, 25–34, 35–44, 45–54, 55–64, 65+. */
export const AGE_EDGES: readonly number[] = [18, 25, 35, 45, 55, 65];
/** Band index of values that are no number (or no value at all). */
export const NOT_A_NUMBER = -1;

/** How a numeric dimension is shown. `auto`: DOMAIN-free default chosen from header and values. */
export type BandSetting =
  | { mode: 'auto' }
  | { mode: 'off' }
  | { mode: 'quantile'; count: number }
  | { mode: 'age' }
  | { mode: 'edges'; edges: number[] };

/** What a dimension's values look like, as numbers. */
export interface NumericProfile {
  /** Non-empty values that are numbers, and those that are not. */
  numbers: number;
  others: number;
  /** Different numbers among them. */
  distinct: number;
  /** True when every number is whole. */
  isInteger: boolean;
  min: number | null;
  max: number | null;
  isNumeric: boolean;
}

/** One band: `lo ≤ x < hi`; a null `lo` is "below hi", a null `hi` is "lo and above". */
export interface Band {
  lo: number | null;
  hi: number | null;
}

/** Bands in force for one dimension. */
export interface Banding {
  /** The setting they came from (`auto` resolved). */
  setting: Exclude<BandSetting, { mode: 'auto' } | { mode: 'off' }>;
  /** Ascending, distinct; n edges make n + 1 bands. */
  edges: number[];
  bands: Band[];
  /** Labels write whole numbers (`18–24`) when the values and edges are all whole. */
  isInteger: boolean;
  profile: NumericProfile;
}

const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/**
 * A dimension value as a number: trimmed, an optional sign, digits with an optional decimal point
 * and exponent, or digits grouped by thousands with commas (`1,200`); null for anything else
 * (units such as `35岁`, ranges such as `10-50`, empty text).
 */
export function parseDimNumber(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const s = value.trim();
  if (PLAIN.test(s)) return Number(s);
  if (GROUPED.test(s)) return Number(s.replace(/,/g, ''));
  return null;
}

/** Profiles values (empty ones are skipped): numeric when ≥ 95 % are numbers, ≥ 3 distinct. */
export function profileValues(values: Iterable<string | null>): NumericProfile {
  let numbers = 0;
  let others = 0;
  let isInteger = true;
  let min: number | null = null;
  let max: number | null = null;
  const seen = new Set<number>();
  for (const v of values) {
    if (v === null || v.trim() === '') continue;
    const x = parseDimNumber(v);
    if (x === null) {
      others++;
      continue;
    }
    numbers++;
    if (seen.size <= MIN_DISTINCT_NUMBERS) seen.add(x);
    if (!Number.isInteger(x)) isInteger = false;
    if (min === null || x < min) min = x;
    if (max === null || x > max) max = x;
  }
  const total = numbers + others;
  return {
    numbers,
    others,
    distinct: seen.size,
    isInteger,
    min,
    max,
    isNumeric: total > 0 && numbers / total >= NUMERIC_SHARE && seen.size >= MIN_DISTINCT_NUMBERS
  };
}

/** A header naming an age (年龄, 客户年龄, Age, age_years) — not "Stage" or "Percentage". */
export function isAgeHeader(header: string): boolean {
  return /年龄|岁数/.test(header) || /(^|[^a-z])ages?([^a-z]|$)/i.test(header);
}

/** A header naming a code (postal code, 邮编, 编号, ID): numbers that are no quantity. */
export function isCodeHeader(header: string): boolean {
  return (
    /邮编|邮政|编号|编码|代码|号码|电话|手机|年份/.test(header) ||
    /(^|[^a-z])(id|code|zip|postal|postcode|phone|tel|year)([^a-z]|$)/i.test(header)
  );
}

/** `x` rounded to two significant digits (34 → 34, 4,730 → 4,700, 0.347 → 0.35). */
export function roundNice(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const step = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 1);
  // Dividing by 1/step for small steps keeps 0.35 from becoming 0.35000000000000003.
  return step >= 1 ? Math.round(x / step) * step : Math.round(x * (1 / step)) / (1 / step);
}

/**
 * Edges of `count` quantile bands over `values` (one per customer). With the values sorted
 * ascending (N of them), the first customer of band k (k = 1 … count−1, 0-based position
 * ceil(k·N/count)) gives edge k; edges are rounded to two significant digits, and those that
 * coincide or fall outside (min, max] are dropped — tied or lumpy data get fewer bands.
 */
export function quantileEdges(values: readonly number[], count: number): number[] {
  const n = Math.min(MAX_QUANTILE_BANDS, Math.max(MIN_QUANTILE_BANDS, Math.round(count)));
  const sorted = [...values].sort((a, b) => a - b);
  const N = sorted.length;
  if (N === 0) return [];
  const edges = new Set<number>();
  for (let k = 1; k < n; k++) {
    const e = roundNice(sorted[Math.min(N - 1, Math.ceil((k * N) / n))]);
    if (e > sorted[0] && e <= sorted[N - 1]) edges.add(e);
  }
  return [...edges].sort((a, b) => a - b);
}

/** The bands `edges` make: `<e0`, `[e0, e1)`, …, `e_last+`. */
export function bandsFromEdges(edges: readonly number[]): Band[] {
  if (edges.length === 0) return [{ lo: null, hi: null }];
  return [
    { lo: null, hi: edges[0] },
    ...edges.slice(1).map((hi, i) => ({ lo: edges[i], hi })),
    { lo: edges[edges.length - 1], hi: null }
  ];
}

/** Index of the band holding `x`: how many edges are ≤ x (binary search). */
export function bandIndexOf(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The band of a raw dimension value, or NOT_A_NUMBER. */
export function bandOfValue(banding: Pick<Banding, 'edges'>, value: string | null): number {
  const x = parseDimNumber(value);
  return x === null ? NOT_A_NUMBER : bandIndexOf(banding.edges, x);
}

/** Typed edges (`18, 25, 35`; separators: spaces, commas, 、 ; ；), ascending and distinct. */
export function parseEdges(
  text: string
): { edges: number[] } | { error: 'empty' } | { error: 'not_a_number'; token: string } {
  const tokens = text.split(/[\s,，、;；]+/).filter((s) => s !== '');
  if (tokens.length === 0) return { error: 'empty' };
  const edges: number[] = [];
  for (const token of tokens) {
    const x = parseDimNumber(token);
    if (x === null) return { error: 'not_a_number', token };
    edges.push(x);
  }
  return { edges: [...new Set(edges)].sort((a, b) => a - b) };
}

/** `auto`: off for codes and non-numeric values, the age preset for ages, else 5 quantile bands. */
export function resolveBandSetting(
  setting: BandSetting,
  header: string,
  profile: NumericProfile
): Banding['setting'] | null {
  if (setting.mode === 'off' || !profile.isNumeric) return null;
  if (setting.mode !== 'auto') return setting;
  if (isAgeHeader(header)) return { mode: 'age' };
  if (isCodeHeader(header)) return null;
  return { mode: 'quantile', count: DEFAULT_QUANTILE_BANDS };
}

/**
 * The bands of one dimension, from its customers' values (each customer's DOMAIN §8 value, so
 * quantile bands hold about equal numbers of customers); null when the dimension is not numeric
 * or the setting resolves to no bands.
 */
export function bandDimension(
  header: string,
  customerValues: readonly (string | null)[],
  setting: BandSetting,
  profile: NumericProfile = profileValues(customerValues)
): Banding | null {
  const resolved = resolveBandSetting(setting, header, profile);
  if (!resolved) return null;
  let edges: number[];
  if (resolved.mode === 'age') edges = [...AGE_EDGES];
  else if (resolved.mode === 'edges') edges = [...new Set(resolved.edges)].sort((a, b) => a - b);
  else {
    const numbers: number[] = [];
    for (const v of customerValues) {
      const x = parseDimNumber(v);
      if (x !== null) numbers.push(x);
    }
    edges = quantileEdges(numbers, resolved.count);
  }
  return {
    setting: resolved,
    edges,
    bands: bandsFromEdges(edges),
    isInteger: profile.isInteger && edges.every(Number.isInteger),
    profile
  };
}

/**
 * A band's label, numbers written by `format`: `<18`, `18–24` (whole numbers: the upper edge
 * less one), `18–<25` (decimals: up to but not including 25), `65+`; a band with no edges is `all`.
 */
export function bandLabel(band: Band, isInteger: boolean, format: (x: number) => string): string {
  const { lo, hi } = band;
  if (lo === null && hi === null) return '*';
  if (lo === null) return `<${format(hi!)}`;
  if (hi === null) return `${format(lo)}+`;
  if (isInteger) return hi - 1 === lo ? format(lo) : `${format(lo)}–${format(hi - 1)}`;
  return `${format(lo)}–<${format(hi)}`;
}
