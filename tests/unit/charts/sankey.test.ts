// Two-column Sankey layout: proportional nodes, one scale, centred columns, uncrossed bands.
import { describe, expect, it } from 'vitest';
import { bandPath, dodgeLabels, layoutSankey } from '../../../src/lib/charts/sankey';

const box = (n: { id: string; y0: number; y1: number }) => [n.id, n.y0, n.y1];
const band = (l: {
  source: string;
  target: string;
  sy0: number;
  sy1: number;
  ty0: number;
  ty1: number;
}) => [`${l.source}>${l.target}`, l.sy0, l.sy1, l.ty0, l.ty1];

describe('layoutSankey', () => {
  // Left a 30, b 10; right x 20, y 20; height 100, padding 10 → scale (100 − 10) / 40 = 2.25.
  const layout = layoutSankey(
    [
      { id: 'a', value: 30 },
      { id: 'b', value: 10 }
    ],
    [
      { id: 'x', value: 20 },
      { id: 'y', value: 20 }
    ],
    [
      { source: 'b', target: 'y', value: 5 },
      { source: 'a', target: 'y', value: 15 },
      { source: 'b', target: 'x', value: 5 },
      { source: 'a', target: 'x', value: 15 }
    ],
    { width: 200, height: 100, nodeWidth: 10, nodePadding: 10 }
  );

  it('makes node heights proportional to the values, one scale for both columns', () => {
    expect(layout.scale).toBe(2.25);
    expect(layout.left.map(box)).toEqual([
      ['a', 0, 67.5],
      ['b', 77.5, 100]
    ]);
    expect(layout.right.map(box)).toEqual([
      ['x', 0, 45],
      ['y', 55, 100]
    ]);
    expect([layout.left[0].x0, layout.left[0].x1, layout.right[0].x0, layout.right[0].x1]).toEqual([
      0, 10, 190, 200
    ]);
  });

  it('stacks links by the order of the other end, whatever order they came in', () => {
    expect(layout.links.map(band)).toEqual([
      ['b>y', 88.75, 100, 88.75, 100],
      ['a>y', 33.75, 67.5, 55, 88.75],
      ['b>x', 77.5, 88.75, 33.75, 45],
      ['a>x', 0, 33.75, 0, 33.75]
    ]);
    expect(layout.links[3].path).toBe(
      'M10,0C100,0 100,0 190,0L190,33.75C100,33.75 100,33.75 10,33.75Z'
    );
  });

  it('centres the shorter column and drops empty nodes and links', () => {
    // Left 10 in one node: 100 / 10 = 10 px; right x 5, y 5, z 0: (100 − 10) / 10 = 9 px wins.
    const l = layoutSankey(
      [{ id: 'a', value: 10 }],
      [
        { id: 'x', value: 5 },
        { id: 'z', value: 0 },
        { id: 'y', value: 5 }
      ],
      [
        { source: 'a', target: 'x', value: 5 },
        { source: 'a', target: 'z', value: 0 },
        { source: 'a', target: 'y', value: 5 }
      ],
      { width: 100, height: 100, nodeWidth: 10, nodePadding: 10 }
    );
    expect(l.scale).toBe(9);
    expect(l.left.map(box)).toEqual([['a', 5, 95]]);
    expect(l.right.map(box)).toEqual([
      ['x', 0, 45],
      ['y', 55, 100]
    ]);
    expect(l.links.map(band)).toEqual([
      ['a>x', 5, 50, 0, 45],
      ['a>y', 50, 95, 55, 100]
    ]);
  });

  it('never crosses two links that share a node (random flows)', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const ids = ['p', 'q', 'r', 's', 't'];
    const links = ids.flatMap((s) =>
      ids.map((t) => ({ source: s, target: t, value: Math.floor(rand() * 20) }))
    );
    const sum = (pick: (l: (typeof links)[number]) => string, id: string) =>
      links.filter((l) => pick(l) === id).reduce((a, l) => a + l.value, 0);
    const l = layoutSankey(
      ids.map((id) => ({ id, value: sum((x) => x.source, id) })),
      ids.map((id) => ({ id, value: sum((x) => x.target, id) })),
      [...links].reverse(),
      { width: 300, height: 400 }
    );
    for (const a of l.links) {
      for (const b of l.links) {
        if (a === b) continue;
        if (a.source === b.source)
          expect(Math.sign(a.sy0 - b.sy0)).toBe(Math.sign(a.ty0 - b.ty0 || a.sy0 - b.sy0));
        if (a.target === b.target) expect(Math.sign(a.ty0 - b.ty0)).toBe(Math.sign(a.sy0 - b.sy0));
      }
    }
    // Bands fill each node exactly.
    for (const n of l.left) {
      const out = l.links.filter((x) => x.source === n.id);
      expect(out.reduce((a, x) => a + x.sy1 - x.sy0, 0)).toBeCloseTo(n.y1 - n.y0, 9);
    }
  });

  it('handles no data', () => {
    expect(layoutSankey([], [], [], { width: 10, height: 10 })).toEqual({
      left: [],
      right: [],
      links: [],
      scale: 0
    });
  });
});

describe('bandPath', () => {
  it('draws two curves that bend halfway', () => {
    expect(
      bandPath(0, 10, { source: 'a', target: 'b', value: 1, sy0: 1, sy1: 2, ty0: 3, ty1: 4 })
    ).toBe('M0,1C5,1 5,3 10,3L10,4C5,4 5,2 0,2Z');
  });
});

describe('dodgeLabels', () => {
  it.each([
    { ys: [0, 2, 50], gap: 10, want: [0, 10, 50] },
    { ys: [95, 98], gap: 10, want: [90, 100] },
    { ys: [20, 40, 60], gap: 10, want: [20, 40, 60] },
    { ys: [50, 50, 50], gap: 12, want: [50, 62, 74] }
  ])('spreads $ys by $gap within 0–100', ({ ys, gap, want }) => {
    expect(dodgeLabels(ys, gap, 0, 100)).toEqual(want);
  });
});
