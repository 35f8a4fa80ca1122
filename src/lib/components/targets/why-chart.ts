// The waterfall of "why the shortfall": last year's revenue, each part of the change, this year's.
import type { ChangePart, WhyResult } from '$lib/analysis/targets';

/** One bar: a total standing on zero, or a step from `from` to `to`. */
export interface WaterfallStep {
  id: 'then' | 'now' | ChangePart;
  from: number;
  to: number;
  kind: 'total' | 'up' | 'down';
  /** The step's own amount (the total, or the part's change). */
  amount: number;
  customers: number | null;
}

/** Parts with customers in them, between last year's and this year's totals. */
export function waterfallSteps(w: WhyResult): WaterfallStep[] {
  const steps: WaterfallStep[] = [
    { id: 'then', from: 0, to: w.then, kind: 'total', amount: w.then, customers: null }
  ];
  let level = w.then;
  for (const p of w.parts) {
    if (p.customers === 0) continue;
    const to = level + p.change;
    steps.push({
      id: p.part,
      from: level,
      to,
      kind: p.change < 0 ? 'down' : 'up',
      amount: p.change,
      customers: p.customers
    });
    level = to;
  }
  steps.push({ id: 'now', from: 0, to: w.now, kind: 'total', amount: w.now, customers: null });
  return steps;
}

/** The segment that changed most (largest absolute change), if any changed. */
export function biggestSegment<S extends { change: number }>(segments: readonly S[]): S | null {
  let best: S | null = null;
  for (const s of segments)
    if (s.change !== 0 && (!best || Math.abs(s.change) > Math.abs(best.change))) best = s;
  return best;
}
