// Whether a fitted BG/NBD model sees customers drop out at all (DOMAIN §6 "No dropout detected").
import type { BgnbdParams } from './bgnbd';

/** Below this mean chance of dropping out after a purchase, a/(a+b), the model sees no dropout. */
export const NO_DROPOUT_SHARE = 0.005;

/**
 * The bound b "runs to". The app's fit is unbounded (Nelder–Mead on log-parameters), so this is
 * where we call it run away: BTYD's `max.param.value` (10,000), the usual box for these fits.
 */
export const B_BOUND = 10_000;

/**
 * True when the fitted model sees almost nobody leaving in the calibration period — the mean
 * dropout chance a/(a+b) is below 0.5 % or b ran to its bound — so P(alive) ≈ 1 for everyone and
 * says nothing about who has left.
 */
export function isNoDropout(params: Pick<BgnbdParams, 'a' | 'b'>): boolean {
  const { a, b } = params;
  if (!(b < B_BOUND)) return true;
  return a / (a + b) < NO_DROPOUT_SHARE;
}
