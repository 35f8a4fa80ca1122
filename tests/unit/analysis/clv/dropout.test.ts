// "No dropout detected" (DOMAIN §6): a/(a+b) below 0.5 % or b at its bound.
import { describe, expect, it } from 'vitest';
import { B_BOUND, isNoDropout } from '../../../../src/lib/analysis/clv/dropout';

describe('isNoDropout', () => {
  it.each([
    // CDNOW's published fit: 25 % chance of dropping out after a purchase.
    [{ a: 0.793, b: 2.426 }, false],
    // Online Retail with the default calibration end: a/(a+b) ≈ 0.05 %.
    [{ a: 0.003443, b: 6.749 }, true],
    // Just either side of 0.5 %.
    [{ a: 0.0051, b: 0.9949 }, false],
    [{ a: 0.0049, b: 0.9951 }, true],
    // b ran to its bound, whatever a is.
    [{ a: 500, b: B_BOUND }, true],
    [{ a: 500, b: Infinity }, true],
    [{ a: 500, b: B_BOUND / 2 }, false]
  ])('%o → %s', (params, expected) => {
    expect(isNoDropout(params)).toBe(expected);
  });
});
