import { describe, expect, it } from 'vitest';
import { indexPoints, pointsInRect } from '../../../src/lib/charts/hit-test';

const pts = [
  { id: 'a', x: 10, y: 10 },
  { id: 'b', x: 50, y: 80 },
  { id: 'c', x: 90, y: 20 },
  { id: 'gone', x: NaN, y: 5 }
];
const px = (d: (typeof pts)[number]) => d.x;
const py = (d: (typeof pts)[number]) => d.y;

describe('indexPoints', () => {
  it('finds the nearest point in both directions within the radius', () => {
    const index = indexPoints(pts, px, py, 'xy', 15);
    expect(index.find(12, 14)).toEqual({ datum: pts[0], index: 0, x: 10, y: 10 });
    expect(index.find(85, 25)?.datum.id).toBe('c');
    expect(index.find(30, 50)).toBeNull();
  });

  it('searches along x only (lines, columns), ignoring y', () => {
    const index = indexPoints(pts, px, py, 'x');
    expect(index.find(45, 0)?.datum.id).toBe('b');
    expect(index.find(200, 0)?.datum.id).toBe('c');
    expect(indexPoints(pts, px, py, 'x', 5).find(30, 0)).toBeNull();
  });

  it('searches along y only', () => {
    expect(indexPoints(pts, px, py, 'y').find(0, 70)?.datum.id).toBe('b');
  });

  it('handles empty data', () => {
    expect(indexPoints([], px, py, 'xy').find(0, 0)).toBeNull();
    expect(indexPoints([], px, py, 'x').find(0, 0)).toBeNull();
  });

  it('finds among 100,000 points', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({
      id: String(i),
      x: i % 1000,
      y: Math.floor(i / 1000)
    }));
    const index = indexPoints(many, px, py, 'xy', 2);
    expect(index.find(500.2, 42.1)?.datum.id).toBe('42500');
  });
});

describe('pointsInRect', () => {
  it('selects the points inside, in any drag direction, edges included', () => {
    const rect = { x0: 95, y0: 0, x1: 10, y1: 25 };
    expect(pointsInRect(pts, px, py, rect).map((d) => d.id)).toEqual(['a', 'c']);
  });

  it('selects by one axis only', () => {
    const rect = { x0: 40, y0: 0, x1: 100, y1: 0 };
    expect(pointsInRect(pts, px, py, rect, 'x').map((d) => d.id)).toEqual(['b', 'c']);
  });
});
