// Why a lifetime-value fit cannot be made; the page shows `error.clv_<code>`.

export const CLV_ERROR_CODES = ['too_few_repeaters', 'no_customers', 'did_not_converge'] as const;

export type ClvErrorCode = (typeof CLV_ERROR_CODES)[number];

/** A fit that cannot be made, with the numbers that explain why. */
export class ClvError extends Error {
  constructor(
    readonly code: ClvErrorCode,
    readonly detail: Record<string, number> = {}
  ) {
    super(code);
    this.name = 'ClvError';
  }
}
