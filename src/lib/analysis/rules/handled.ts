// The "handled" mark of a call-list row (saved with the workspace): the reason codes the row had
// when it was marked. A row stays handled while every reason it has now was there then; a new
// reason brings it back unmarked.
import { isReasonCode, REASON_CODES, type ReasonCode } from './reasons';

/** Customer id → the reason codes at the time the row was marked. */
export type HandledMarks = Record<string, ReasonCode[]>;

/** True when the row was marked and no reason has appeared since. */
export function isHandled(
  marks: HandledMarks,
  customerId: string,
  codes: readonly ReasonCode[]
): boolean {
  const marked = Object.hasOwn(marks, customerId) ? marks[customerId] : undefined;
  return !!marked && codes.every((c) => marked.includes(c));
}

/** The marks with `customerId` marked (its codes now) or unmarked. */
export function setHandled(
  marks: HandledMarks,
  customerId: string,
  codes: readonly ReasonCode[],
  handled: boolean
): HandledMarks {
  const out = { ...marks };
  if (handled) out[customerId] = REASON_CODES.filter((c) => codes.includes(c));
  else delete out[customerId];
  return out;
}

/** Saved marks read back: anything malformed is dropped (bad or old JSON: no marks). */
export function parseHandled(raw: unknown): HandledMarks {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: HandledMarks = {};
  for (const [id, codes] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(codes)) continue;
    const kept = codes.filter(isReasonCode);
    if (kept.length > 0) out[id] = REASON_CODES.filter((c) => kept.includes(c));
  }
  return out;
}
