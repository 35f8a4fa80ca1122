// Decimal rounding of binary floats, shared by what people read (format.ts) and what they export.

/** Numbers at or beyond this have no decimals worth rounding (and `toExponential` stays exact). */
const NO_DECIMALS_FROM = 1e15;

/**
 * `value` rounded to `digits` decimals as its decimal digits read, half away from zero (Excel's
 * ROUND): 1.005 → 1.01, −2.5 → −3, 375459273.30000013 → 375459273.3, 1.2e-15 → 0. The value is
 * first cut to 15 significant digits (what a double reliably holds), so float noise such as
 * 0.1 + 0.2 = 0.30000000000000004 never decides a rounding. Never returns −0; non-finite values
 * come back unchanged.
 */
export function roundTo(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.abs(value);
  if (magnitude >= NO_DECIMALS_FROM) return Number(value.toPrecision(15));
  // Shift the decimal point in the text, not by multiplying (1.005 × 100 = 100.49999999999999).
  const [mantissa, exponent] = magnitude.toExponential(14).split('e');
  const shifted = Math.round(Number(`${mantissa}e${Number(exponent) + digits}`));
  // Beyond 1e21 String() writes an exponent; such a value has more digits than a double holds.
  if (shifted >= 1e21) return Number(value.toPrecision(15));
  const rounded = Number(`${shifted}e-${digits}`);
  return rounded === 0 ? 0 : Math.sign(value) * rounded;
}
