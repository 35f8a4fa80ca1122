// The report's definitions appendix: which terms it explains, for the sections it holds. The words
// themselves are messages (`bossReport.def.<term>` / `bossReport.defText.<term>`), in both languages.
import type { ReportSection } from './sections';

/** Terms explained, per section, in the order the appendix lists them. */
const TERMS: Record<ReportSection, readonly string[]> = {
  provenance: ['asOf', 'filter'],
  kpis: ['window', 'revenue', 'orders', 'active', 'newCustomers', 'repeatRate', 'change'],
  segments: ['rfm', 'segment', 'class8'],
  tiers: ['abc', 'quadrant'],
  concentration: ['topShare', 'gini'],
  risks: ['spendDrop', 'probablyLapsed', 'cannotLose', 'overdueRhythm', 'valueAtStake'],
  calls: ['callList', 'valueAtStake'],
  targets: ['attainment', 'runRate'],
  satisfaction: ['csat', 'nps'],
  definitions: []
};

/** The terms the appendix explains for `sections`: each once, in section order. */
export function definitionTerms(sections: readonly ReportSection[]): string[] {
  const out: string[] = [];
  for (const s of sections) for (const term of TERMS[s]) if (!out.includes(term)) out.push(term);
  return out;
}
