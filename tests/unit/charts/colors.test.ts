import { describe, expect, it } from 'vitest';
import {
  categoricalColor,
  contrastRatio,
  contrastText,
  divergingColor,
  EMPTY,
  NEUTRAL,
  OKABE_ITO,
  rampStops,
  relativeLuminance,
  sequentialColor,
  TABLEAU_10
} from '../../../src/lib/charts/colors';

describe('categorical colours', () => {
  it('uses Okabe–Ito for up to 8 categories, in domain order', () => {
    const c = categoricalColor(['a', 'b', 'c']);
    expect(['a', 'b', 'c'].map(c.map)).toEqual(OKABE_ITO.slice(0, 3));
    expect(c.map('unknown')).toBe(NEUTRAL);
  });

  it('switches to Tableau 10 above 8 and repeats only beyond 10', () => {
    const keys = Array.from({ length: 11 }, (_, i) => `k${i}`);
    const c = categoricalColor(keys);
    expect(keys.slice(0, 10).map(c.map)).toEqual([...TABLEAU_10]);
    expect(c.map('k10')).toBe(TABLEAU_10[0]);
  });

  it('pins fixed colours without shifting the others', () => {
    const c = categoricalColor(['x', 'others', 'y'], { fixed: { others: NEUTRAL } });
    expect([c.map('x'), c.map('others'), c.map('y')]).toEqual([
      OKABE_ITO[0],
      NEUTRAL,
      OKABE_ITO[1]
    ]);
  });

  it('has distinct colours in each palette', () => {
    expect(new Set(OKABE_ITO).size).toBe(OKABE_ITO.length);
    expect(new Set(TABLEAU_10).size).toBe(TABLEAU_10.length);
  });
});

describe('ramps', () => {
  it('maps a sequential domain from light to dark, clamped, with a colour for empty', () => {
    const c = sequentialColor([0, 100], 'blues');
    const l = (v: number) => relativeLuminance(c.map(v));
    expect(l(0)).toBeGreaterThan(l(50));
    expect(l(50)).toBeGreaterThan(l(100));
    expect(c.map(-10)).toBe(c.map(0));
    expect(c.map(500)).toBe(c.map(100));
    expect(c.map(null)).toBe(EMPTY);
    expect(c.map(NaN)).toBe(EMPTY);
    // The palest end is skipped so low values stay visible on white.
    expect(contrastRatio(c.map(0), '#ffffff')).toBeGreaterThan(1.05);
  });

  it('survives a flat domain', () => {
    const c = sequentialColor([5, 5], 'ylgnbu');
    expect(c.domain).toEqual([5, 6]);
    expect(c.map(5)).toMatch(/^rgb/);
  });

  it('diverges around the middle value', () => {
    const c = divergingColor([-1, 0, 1], 'rdbu');
    expect(c.map(-1)).not.toBe(c.map(1));
    expect(relativeLuminance(c.map(0))).toBeGreaterThan(0.8);
  });

  it('gives evenly spaced gradient stops', () => {
    const stops = rampStops(sequentialColor([0, 1]), 5);
    expect(stops.map((s) => s.offset)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});

describe('contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777', '#777')).toBe(1);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 9);
  });

  it.each([
    ['#ffffff', '#000000'],
    ['#f7fbff', '#000000'],
    ['#E69F00', '#000000'],
    ['#F0E442', '#000000'],
    ['#08306b', '#ffffff'],
    ['#0072B2', '#ffffff'],
    ['#000000', '#ffffff'],
    ['rgb(33, 113, 181)', '#ffffff']
  ])('labels on %s are %s', (fill, text) => {
    expect(contrastText(fill)).toBe(text);
  });

  it('picks the label colour with at least 4.5:1 across the blues ramp', () => {
    const c = sequentialColor([0, 1], 'blues');
    for (let v = 0; v <= 1; v += 0.05) {
      const fill = c.map(v);
      expect(contrastRatio(fill, contrastText(fill)), fill).toBeGreaterThanOrEqual(4.5);
    }
  });
});
