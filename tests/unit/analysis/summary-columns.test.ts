// The summary is made from the scoring's columns; every group and cell must be what grouping the
// scored customers themselves gives (DOMAIN §3–4: a customer counts once in its segment, class,
// quadrant, tier and R × F cell, with its monetary as revenue).
import { describe, expect, it } from 'vitest';
import {
  CLASS8_IDS,
  DEFAULT_SEGMENT_RULES,
  OTHERS_ID,
  QUADRANT_IDS,
  scoreCustomers,
  summarize,
  type ScoredCustomer
} from '$lib/analysis';
import { spreadBase } from './spread-base-fixture';

/** 300 customers with spread-out values; every eleventh has no purchase. */
const base = spreadBase({
  customers: 300,
  noPurchaseEvery: 11,
  recencyDays: 500,
  frequencies: 12,
  monetaryTenths: 9000,
  noPurchaseMonetary: -5
});

/** Count, revenue and averages of the customers in one group, summed in input order. */
function totals(group: ScoredCustomer[]) {
  const sum = (f: (c: ScoredCustomer) => number) => group.reduce((s, c) => s + f(c), 0);
  const n = group.length;
  return {
    customers: n,
    revenue: sum((c) => c.monetary),
    avgRecency: n ? sum((c) => c.recencyDays ?? 0) / n : null,
    avgFrequency: n ? sum((c) => c.frequency) / n : null,
    avgMonetary: n ? sum((c) => c.monetary) / n : null
  };
}

describe('summary from the scoring columns', () => {
  for (const bins of [3, 5]) {
    it(`groups every scored customer once (${bins} bins)`, () => {
      const rules = [...DEFAULT_SEGMENT_RULES];
      const result = scoreCustomers(base, { bins, method: 'ranked' }, rules, {
        quadrantSplit: 'median'
      });
      const summary = summarize(result, bins);
      const scored = result.scored;
      const groups = <K extends keyof ScoredCustomer>(key: K, ids: readonly string[]) =>
        ids.map((id) => ({ id, ...totals(scored.filter((c) => c[key] === id)) }));
      const pick = (rows: { id: string; customers: number; revenue: number }[]) =>
        rows.map(({ id, customers, revenue }) => ({ id, customers, revenue }));
      expect(
        summary.segments.map(({ id, customers, revenue }) => ({ id, customers, revenue }))
      ).toEqual(pick(groups('segment', [...rules.map((r) => r.id), OTHERS_ID])));
      expect(summary.class8.map((g) => [g.id, g.customers, g.avgMonetary])).toEqual(
        groups('class8', CLASS8_IDS).map((g) => [g.id, g.customers, g.avgMonetary])
      );
      expect(summary.quadrants.map((g) => [g.id, g.customers, g.avgFrequency])).toEqual(
        groups('quadrant', QUADRANT_IDS).map((g) => [g.id, g.customers, g.avgFrequency])
      );
      expect(summary.abc.map((g) => [g.id, g.customers, g.revenue])).toEqual(
        groups('abc', ['A', 'B', 'C']).map((g) => [g.id, g.customers, g.revenue])
      );
      expect(summary.heatmap).toHaveLength(bins * bins);
      for (const cell of summary.heatmap) {
        const inCell = scored.filter((c) => c.rScore === cell.r && c.fScore === cell.f);
        const t = totals(inCell);
        expect([cell.count, cell.revenue, cell.avgRecency]).toEqual([
          t.customers,
          t.revenue,
          t.avgRecency
        ]);
        // The segment most of the cell's customers are in; a tie goes to the id first in order.
        const counts = new Map<string, number>();
        for (const c of inCell) counts.set(c.segment, (counts.get(c.segment) ?? 0) + 1);
        const top = Math.max(0, ...counts.values());
        const main =
          [...counts]
            .filter(([, n]) => n === top)
            .map(([id]) => id)
            .sort()[0] ?? null;
        expect(cell.segment).toBe(main);
        expect(cell.segmentShare).toBe(main === null ? null : top / inCell.length);
      }
      expect(summary.kpis.scored + summary.kpis.noPurchase).toBe(300);
    });
  }
});
