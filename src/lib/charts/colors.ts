// Colour for charts: colour-blind-safe categorical palettes, sequential/diverging ramps, text contrast.
import { rgb } from 'd3-color';
import { scaleDiverging, scaleSequential } from 'd3-scale';
import {
  interpolateBlues,
  interpolateGreens,
  interpolateOranges,
  interpolatePuOr,
  interpolatePurples,
  interpolateRdBu,
  interpolateYlGnBu
} from 'd3-scale-chromatic';

/**
 * Okabe & Ito's palette for colour-vision deficiency, reordered so the first colours contrast best
 * on white (yellow, the weakest, comes last but one).
 */
export const OKABE_ITO = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#F0E442',
  '#000000'
] as const;

/** Tableau 10 (2016), for 9–10 categories. */
export const TABLEAU_10 = [
  '#4E79A7',
  '#F28E2B',
  '#E15759',
  '#76B7B2',
  '#59A14F',
  '#EDC948',
  '#B07AA1',
  '#FF9DA7',
  '#9C755F',
  '#BAB0AC'
] as const;

/** For "others", "unknown" and anything deliberately quiet. */
export const NEUTRAL = '#9AA3AE';
/** Cells without a value. */
export const EMPTY = '#EEF0F3';

/** Sequential ramps (light → dark) and diverging ramps (low ↔ high). */
const RAMPS = {
  blues: interpolateBlues,
  ylgnbu: interpolateYlGnBu,
  greens: interpolateGreens,
  oranges: interpolateOranges,
  purples: interpolatePurples,
  rdbu: interpolateRdBu,
  puor: interpolatePuOr
} as const;
export type RampName = keyof typeof RAMPS;

/** Colours for named categories (segments, tiers, classes). */
export interface CategoricalColor {
  readonly kind: 'categorical';
  readonly domain: readonly string[];
  map(key: string): string;
}

/** Colours for numbers along a ramp. */
export interface ContinuousColor {
  readonly kind: 'sequential' | 'diverging';
  /** [min, max] or, diverging, [min, mid, max]. */
  readonly domain: readonly number[];
  /** Colour for null/NaN. */
  readonly empty: string;
  /** The ramp itself, t in 0…1 (for legends). */
  interpolate(t: number): string;
  map(value: number | null | undefined): string;
}

export type ColorScale = CategoricalColor | ContinuousColor;

/**
 * Categorical colours: Okabe–Ito up to 8 categories, Tableau 10 up to 10, then repeating (group the
 * tail into "others" before that). `fixed` pins colours for some keys, e.g. `{ others: NEUTRAL }`.
 */
export function categoricalColor(
  domain: readonly string[],
  options: { palette?: readonly string[]; fixed?: Record<string, string> } = {}
): CategoricalColor {
  const fixed = options.fixed ?? {};
  const free = domain.filter((k) => !(k in fixed));
  const palette = options.palette ?? (free.length <= OKABE_ITO.length ? OKABE_ITO : TABLEAU_10);
  const colors = new Map<string, string>(Object.entries(fixed));
  free.forEach((k, i) => colors.set(k, palette[i % palette.length]));
  return { kind: 'categorical', domain, map: (key) => colors.get(key) ?? NEUTRAL };
}

/**
 * A sequential ramp over [min, max]. The palest 8% of the ramp is skipped so the lowest values stay
 * visible against a white page.
 */
export function sequentialColor(
  domain: readonly [number, number],
  ramp: RampName = 'blues',
  options: { floor?: number } = {}
): ContinuousColor {
  const floor = options.floor ?? 0.08;
  const base = RAMPS[ramp];
  const interpolate = (t: number) => base(floor + (1 - floor) * Math.min(1, Math.max(0, t)));
  const [lo, hi] = domain[0] === domain[1] ? [domain[0], domain[0] + 1] : domain;
  const s = scaleSequential(interpolate).domain([lo, hi]).clamp(true);
  return {
    kind: 'sequential',
    domain: [lo, hi],
    empty: EMPTY,
    interpolate,
    map: (v) => (v == null || Number.isNaN(v) ? EMPTY : s(v))
  };
}

/** A diverging ramp over [min, mid, max] (e.g. change around 0). */
export function divergingColor(
  domain: readonly [number, number, number],
  ramp: 'rdbu' | 'puor' = 'puor'
): ContinuousColor {
  const interpolate = RAMPS[ramp];
  const s = scaleDiverging(interpolate)
    .domain([...domain])
    .clamp(true);
  return {
    kind: 'diverging',
    domain,
    empty: EMPTY,
    interpolate,
    map: (v) => (v == null || Number.isNaN(v) ? EMPTY : s(v))
  };
}

/** Evenly spaced gradient stops of a ramp, for an SVG `<linearGradient>`. */
export function rampStops(color: ContinuousColor, count = 11): { offset: number; color: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const t = i / (count - 1);
    return { offset: t, color: color.interpolate(t) };
  });
}

/** WCAG relative luminance of a CSS colour (0 black … 1 white). */
export function relativeLuminance(color: string): number {
  const c = rgb(color);
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/** WCAG contrast ratio between two colours (1 … 21). */
export function contrastRatio(a: string, b: string): number {
  const [l1, l2] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

/** Black or white, whichever reads better on `fill` (labels in heatmap cells and bars). */
export function contrastText(fill: string): '#000000' | '#ffffff' {
  return contrastRatio(fill, '#000000') >= contrastRatio(fill, '#ffffff') ? '#000000' : '#ffffff';
}
