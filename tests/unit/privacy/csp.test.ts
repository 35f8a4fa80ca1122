import { describe, expect, it } from 'vitest';
import { isSelfOnly, parseCsp } from '$lib/privacy/csp';

describe('parseCsp', () => {
  it('splits directives and sources, lower-cases names, keeps the first of a repeated directive', () => {
    expect(
      parseCsp(" default-src 'self';  Script-Src 'self' 'sha256-x=' ;; script-src * ;img-src data:")
    ).toEqual([
      { name: 'default-src', sources: ["'self'"] },
      { name: 'script-src', sources: ["'self'", "'sha256-x='"] },
      { name: 'img-src', sources: ['data:'] }
    ]);
  });
  it('reads an empty policy as no directives', () => {
    expect(parseCsp('')).toEqual([]);
    expect(parseCsp(' ; ')).toEqual([]);
  });
});

describe('isSelfOnly', () => {
  it.each([
    [["'self'", "'wasm-unsafe-eval'", "'sha256-abc='"], true],
    [["'none'"], true],
    [["'self'", 'data:', 'blob:'], true],
    [["'self'", 'https://cdn.example.com'], false],
    [['*'], false],
    [['https:'], false]
  ])('%j → %s', (sources, expected) => {
    expect(isSelfOnly(sources)).toBe(expected);
  });
});
