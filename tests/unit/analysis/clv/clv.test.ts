// CLV discounting (DOMAIN §6) against hand-computed sums.
import { describe, expect, it } from 'vitest';
import { clv, WEEKS_PER_MONTH } from '../../../../src/lib/analysis/clv/clv';

describe('clv', () => {
  it('a month is 30 days', () => {
    expect(WEEKS_PER_MONTH * 7).toBeCloseTo(30, 12);
  });

  it('constant increments: geometric sum', () => {
    // E(m) = 0.5·m, spend 20 → 10 per month; d = 1 %, H = 12.
    const expected = Array.from({ length: 12 }, (_, i) => 10 / 1.01 ** (i + 1)).reduce(
      (a, b) => a + b
    );
    const got = clv({ expectedByMonth: (m) => 0.5 * m, spend: 20 });
    expect(got).toBeCloseTo(expected, 10);
    expect(got).toBeCloseTo((10 * (1 - 1.01 ** -12)) / 0.01, 10);
    expect(got).toBeCloseTo(112.5508, 4);
  });

  it('hand sum over three months with uneven increments', () => {
    const E = [0, 1, 1.5, 1.75];
    const got = clv({ expectedByMonth: (m) => E[m], spend: 10, months: 3, monthlyDiscount: 0.1 });
    expect(got).toBeCloseTo(10 / 1.1 + 5 / 1.21 + 2.5 / 1.331, 12);
  });

  it('no discount, zero horizon, and E(0) ≠ 0 uses differences', () => {
    expect(clv({ expectedByMonth: (m) => 2 + m, spend: 3, months: 4, monthlyDiscount: 0 })).toBe(
      12
    );
    expect(clv({ expectedByMonth: (m) => m, spend: 3, months: 0 })).toBe(0);
    expect(() => clv({ expectedByMonth: (m) => m, spend: 3, months: 1.5 })).toThrow();
  });
});
