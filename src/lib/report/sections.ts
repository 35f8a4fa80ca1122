// The report's sections (in the order they print) and the user's choice of which go in (SavedSettings
// field `report`): stored as the sections left out, so a section added later is in by default.

/** Every section the report can hold, in order. */
export const REPORT_SECTIONS = [
  'provenance',
  'kpis',
  'segments',
  'tiers',
  'concentration',
  'risks',
  'calls',
  'targets',
  'satisfaction',
  'definitions'
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** The user's choice: the sections left out of the report. */
export interface ReportChoice {
  omit: ReportSection[];
}

export function defaultReportChoice(): ReportChoice {
  return { omit: [] };
}

const isSection = (v: unknown): v is ReportSection =>
  typeof v === 'string' && (REPORT_SECTIONS as readonly string[]).includes(v);

/**
 * A saved choice read back: unknown section names are dropped (a section since removed), anything
 * that is not `{ omit: string[] }` gives the default (every section in).
 */
export function parseReportChoice(raw: unknown): ReportChoice {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return defaultReportChoice();
  const omit = (raw as { omit?: unknown }).omit;
  if (!Array.isArray(omit)) return defaultReportChoice();
  return { omit: REPORT_SECTIONS.filter((s) => omit.some((o) => o === s && isSection(o))) };
}

/** The choice with `section` put in or left out. */
export function toggleSection(
  choice: ReportChoice,
  section: ReportSection,
  isIn: boolean
): ReportChoice {
  const omit = new Set(choice.omit);
  if (isIn) omit.delete(section);
  else omit.add(section);
  return { omit: REPORT_SECTIONS.filter((s) => omit.has(s)) };
}

/** What the workspace holds that some sections need. */
export interface ReportData {
  hasTargets: boolean;
  hasFeedback: boolean;
}

/** The sections the data allows (targets and satisfaction only when their data exist). */
export function availableSections(data: ReportData): ReportSection[] {
  return REPORT_SECTIONS.filter(
    (s) => (s !== 'targets' || data.hasTargets) && (s !== 'satisfaction' || data.hasFeedback)
  );
}

/** The sections the report holds: those available and not left out, in order. */
export function sectionsInReport(choice: ReportChoice, data: ReportData): ReportSection[] {
  return availableSections(data).filter((s) => !choice.omit.includes(s));
}
