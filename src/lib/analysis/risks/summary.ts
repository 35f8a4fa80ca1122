// The risk summary (issue 13): per kind of warning the customers it names, their count and value at
// stake (DOMAIN §7c), and the total over distinct customers (a customer in two lists counts once).

/** The kinds of warning, in the order the Risks view lists them. */
export const RISK_KINDS = [
  'overdue_rhythm',
  'receivables',
  'unusual_orders',
  'high_returns',
  'spend_drop',
  'probably_lapsed',
  'cannot_lose'
] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

export interface RiskKindSummary {
  kind: RiskKind;
  /** False when the data for it is missing (no receivables file, no fitted model). */
  available: boolean;
  /** Distinct customers the kind names. */
  count: number;
  /** Their value at stake, summed. */
  valueAtStake: number;
}

export interface RiskSummary {
  kinds: RiskKindSummary[];
  total: { count: number; valueAtStake: number };
}

/**
 * Counts and value at stake per kind from each kind's customer ids (null: not available); a
 * customer missing from `stake` has 0 at stake.
 */
export function summarizeRisks(
  lists: Record<RiskKind, readonly string[] | null>,
  stake: ReadonlyMap<string, number>
): RiskSummary {
  const all = new Set<string>();
  const valueOf = (ids: Iterable<string>) => {
    let s = 0;
    for (const id of ids) s += stake.get(id) ?? 0;
    return Math.round(s * 100) / 100;
  };
  const kinds = RISK_KINDS.map((kind): RiskKindSummary => {
    const ids = lists[kind];
    if (!ids) return { kind, available: false, count: 0, valueAtStake: 0 };
    const distinct = new Set(ids);
    for (const id of distinct) all.add(id);
    return { kind, available: true, count: distinct.size, valueAtStake: valueOf(distinct) };
  });
  return { kinds, total: { count: all.size, valueAtStake: valueOf(all) } };
}
