// Lent typed arrays: the size asked for, the same memory again, fresh arrays for a use inside a use.
import { describe, expect, it } from 'vitest';
import { Scratch } from '../../../src/lib/analysis/scratch';

const pair = () => new Scratch((n) => ({ a: new Float64Array(n), b: new Uint32Array(n) }));

describe('Scratch', () => {
  it('lends arrays of exactly the size asked for, in the same memory from one use to the next', () => {
    const scratch = pair();
    const first = scratch.use(100, (x) => {
      x.a.fill(1.5);
      return x.a.buffer;
    });
    const [size, buffer, left] = scratch.use(40, (x) => [x.a.length, x.a.buffer, x.a[39]] as const);
    expect(size).toBe(40);
    expect(buffer).toBe(first);
    // What the last use left: callers fill what they read.
    expect(left).toBe(1.5);
    expect(scratch.use(0, (x) => x.b.length)).toBe(0);
  });

  it('makes larger arrays when asked for more, and keeps those', () => {
    const scratch = pair();
    const small = scratch.use(10, (x) => x.b.buffer);
    const large = scratch.use(1000, (x) => x.b.buffer);
    expect(large).not.toBe(small);
    expect(scratch.use(500, (x) => x.b.buffer)).toBe(large);
  });

  it('gives a use inside a use fresh arrays, leaving the outer ones as they were', () => {
    const scratch = pair();
    scratch.use(8, (outer) => {
      outer.b.fill(7);
      scratch.use(8, (inner) => {
        expect(inner.b.buffer).not.toBe(outer.b.buffer);
        inner.b.fill(9);
      });
      expect([...outer.b]).toEqual(Array(8).fill(7));
    });
  });

  it('is free again after a use that threw', () => {
    const scratch = pair();
    const kept = scratch.use(5, (x) => x.a.buffer);
    expect(() =>
      scratch.use(5, () => {
        throw new Error('boom');
      })
    ).toThrow('boom');
    expect(scratch.use(5, (x) => x.a.buffer)).toBe(kept);
  });

  it('does not keep arrays above a million elements', () => {
    const scratch = new Scratch((n) => ({ a: new Uint32Array(n) }));
    const n = (1 << 20) + 1;
    const one = scratch.use(n, (x) => x.a.buffer);
    expect(scratch.use(n, (x) => x.a.buffer)).not.toBe(one);
    expect(scratch.use(n, (x) => x.a.length)).toBe(n);
  });
});
