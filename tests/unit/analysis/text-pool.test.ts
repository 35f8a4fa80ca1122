// The order book's id pool: texts kept as code units read back and compared as the strings
// they were; the first number of a text found whether it came in the rising run or below it, and
// the same answers as a Map of strings on ids that mostly rise.
import { describe, expect, it } from 'vitest';
import { FirstOfText, TextPool } from '../../../src/lib/analysis/text-pool';

describe('TextPool', () => {
  const texts = ['SO-1', '', '客户甲', '𝔸b', 'x'.repeat(10_000), 'SO-10', 'SO-1'];

  it('gives each text back, equal and compared as its string', () => {
    const pool = new TextPool();
    texts.forEach((t, i) => expect(pool.push(t)).toBe(i));
    expect(pool.size).toBe(texts.length);
    texts.forEach((t, i) => {
      expect(pool.text(i)).toBe(t);
      for (const other of texts) {
        expect(pool.equals(i, other)).toBe(t === other);
        expect(Math.sign(pool.compare(i, other))).toBe(t < other ? -1 : t > other ? 1 : 0);
      }
    });
  });

  it('compares with another pool, and travels as its two arrays', () => {
    const pool = new TextPool();
    for (const t of texts) pool.push(t);
    const copy = new TextPool(pool.parts());
    expect(copy.size).toBe(texts.length);
    texts.forEach((t, i) => {
      expect(copy.text(i)).toBe(t);
      texts.forEach((u, j) =>
        expect(Math.sign(pool.compareWith(i, copy, j))).toBe(t < u ? -1 : t > u ? 1 : 0)
      );
    });
    copy.push('more');
    expect(copy.text(texts.length)).toBe('more');
  });
});

describe('FirstOfText', () => {
  it('finds texts of the run, below it and at its top; unindexed ones are not found', () => {
    const ids = new FirstOfText();
    for (const t of ['A1', 'A3', 'A5']) ids.add(t, true);
    ids.add('A2', true); // below the run
    ids.add('A4', false); // kept, not indexed (another customer's order of that id)
    expect(['A1', 'A2', 'A3', 'A4', 'A5', 'A0', 'A6'].map((t) => ids.first(t))).toEqual([
      0, 3, 1, -1, 2, -1, -1
    ]);
    const other = new TextPool();
    for (const t of ['A5', 'A6', 'A50']) other.push(t);
    expect([0, 1, 2].map((j) => ids.isBeyond(other, j))).toEqual([false, true, true]);
    expect(new FirstOfText().first('A1')).toBe(-1);
    expect(new FirstOfText().isBeyond(other, 0)).toBe(true);
  });

  it.each([
    ['rise', 1],
    ['fall (an export newest first)', -1]
  ])('answers as a Map of strings on ids that mostly %s, with returns and repeats', (_, step) => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const ids = new FirstOfText();
    const map = new Map<string, number>();
    const number = (n: number) => `SO${String(n).padStart(6, '0')}`;
    const start = 500_000;
    let next = start;
    /** An order number given before. */
    const earlier = () => number(start + step * Math.floor(random() * Math.abs(next - start)));
    for (let i = 0; i < 20_000; i++) {
      const r = random();
      // A new order number, a return of an earlier one, an earlier id again or a stray text.
      const id =
        r < 0.8 || next === start
          ? number((next += step))
          : r < 0.9
            ? `${earlier()}-R`
            : r < 0.97
              ? earlier()
              : `Z${Math.floor(random() * 50)}`;
      const found = ids.first(id);
      expect(found, id).toBe(map.get(id) ?? -1);
      if (found === -1) map.set(id, ids.add(id, true));
      else ids.add(id, false);
    }
    expect(ids.pool.size).toBe(20_000);
    // Texts of another pool: beyond every id only past either end (stray texts included).
    const other = new TextPool();
    for (const t of ['ZZ', 'SA', number(start + step), number(start + 5 * step)]) other.push(t);
    expect([0, 1, 2, 3].map((j) => ids.isBeyond(other, j))).toEqual([true, true, false, false]);
  });
});
