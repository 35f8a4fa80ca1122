// The settings saved with a workspace: what they hold, how they are written and read back safely.
import {
  DEFAULT_LIFECYCLE_THRESHOLDS,
  invalidThresholds,
  migrateRuleNames,
  validateRules
} from '$lib/analysis';
import type { LifecycleThresholds } from '$lib/analysis';
import type { RfmSettings } from '$lib/db/protocol';
import { isIsoDay } from '$lib/analysis/dates';
import type { DataFilter } from '$lib/analysis/data-filter';
import { parseSnapshot, type VisitSnapshot } from '$lib/analysis/overview/snapshot';
import { parseReportChoice, type ReportChoice } from '$lib/report/sections';
import { parseHandled, type HandledMarks } from '$lib/analysis/rules/handled';
import { parsePlaybooks, type Playbooks } from '$lib/analysis/rules/playbooks';

/** Everything the user chose in a workspace besides its data. */
export interface SavedSettings {
  rfm: RfmSettings;
  clv: { months: number; discountPct: number };
  lifecycle: LifecycleThresholds;
  activeId: number | null;
  /** The one filter (absent in workspaces saved before it existed: nothing filtered). */
  filter?: DataFilter;
  /** The complaints view's SLA (absent in workspaces saved before it existed: the default). */
  complaints?: { slaDays: number };
  /** The report's section choice (absent: every section in). */
  report?: ReportChoice;
  /** The Overview's lists as the last visit left them (absent: nothing to compare with yet). */
  snapshot?: VisitSnapshot;
  /** The call list's recommended actions over the defaults (absent: the defaults). */
  playbooks?: Playbooks;
  /** The call list's handled marks (absent: none). */
  handled?: HandledMarks;
}

/** The first 16 bytes of every SQLite 3 database file. */
const SQLITE_MAGIC = 'SQLite format 3\0';

/** True when `head` (a file's first bytes) starts like an SQLite 3 database. */
export function isSqliteHeader(head: Uint8Array): boolean {
  if (head.length < SQLITE_MAGIC.length) return false;
  for (let i = 0; i < SQLITE_MAGIC.length; i++) {
    if (head[i] !== SQLITE_MAGIC.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Reads saved settings JSON over `fallback`: unknown or invalid parts (e.g. from a file edited
 * elsewhere) keep the fallback's value instead of breaking the analysis.
 */
export function parseSavedSettings(json: string | null, fallback: SavedSettings): SavedSettings {
  let raw: Partial<SavedSettings>;
  try {
    raw = JSON.parse(json ?? 'null') ?? {};
    if (typeof raw !== 'object' || Array.isArray(raw)) return fallback;
  } catch {
    return fallback;
  }
  const out = structuredClone(fallback);
  const rfm = raw.rfm;
  if (rfm && typeof rfm === 'object') {
    const bins = rfm.scoring?.bins;
    const methods: unknown[] = ['ranked', 'ntile', 'custom'];
    if (Number.isInteger(bins) && bins >= 2 && bins <= 10 && methods.includes(rfm.scoring?.method))
      out.rfm.scoring = rfm.scoring;
    if (Array.isArray(rfm.rules)) {
      const problems = validateRules(rfm.rules, out.rfm.scoring.bins);
      if (!problems.some((p) => p.severity === 'error'))
        out.rfm.rules = migrateRuleNames(rfm.rules);
    }
    if (rfm.asOf === null || /^\d{4}-\d{2}-\d{2}$/.test(String(rfm.asOf))) {
      out.rfm.asOf = rfm.asOf;
      if (typeof rfm.asOfFor === 'string') out.rfm.asOfFor = rfm.asOfFor;
      else delete out.rfm.asOfFor;
    }
    if (rfm.quadrantSplit === 'median' || rfm.quadrantSplit === 'mean')
      out.rfm.quadrantSplit = rfm.quadrantSplit;
    if (rfm.monetaryBasis === 'revenue' || rfm.monetaryBasis === 'profit')
      out.rfm.monetaryBasis = rfm.monetaryBasis;
  }
  const clv = raw.clv;
  if (clv && Number.isInteger(clv.months) && clv.months > 0) out.clv.months = clv.months;
  if (clv && Number.isFinite(clv.discountPct) && clv.discountPct >= 0)
    out.clv.discountPct = clv.discountPct;
  if (raw.lifecycle && typeof raw.lifecycle === 'object') {
    const t = { ...DEFAULT_LIFECYCLE_THRESHOLDS, ...raw.lifecycle };
    if (invalidThresholds(t).length === 0) out.lifecycle = t;
  }
  if (raw.activeId === null || Number.isInteger(raw.activeId)) out.activeId = raw.activeId ?? null;
  const sla = raw.complaints?.slaDays;
  if (Number.isInteger(sla) && sla! >= 0 && sla! <= 3650) out.complaints = { slaDays: sla! };
  if (raw.report !== undefined) out.report = parseReportChoice(raw.report);
  const snapshot = parseSnapshot(raw.snapshot);
  if (snapshot) out.snapshot = snapshot;
  const filter = parseFilter(raw.filter);
  if (filter) out.filter = filter;
  if (raw.playbooks !== undefined) out.playbooks = parsePlaybooks(raw.playbooks);
  if (raw.handled !== undefined) out.handled = parseHandled(raw.handled);
  return out;
}

/** A saved filter when every part is well formed, else null (the fallback's stays). */
function parseFilter(raw: unknown): DataFilter | null {
  if (!raw || typeof raw !== 'object') return null;
  const f = raw as Partial<DataFilter>;
  const day = (v: unknown) =>
    v === null || v === undefined || (typeof v === 'string' && isIsoDay(v));
  if (!Array.isArray(f.dims) || !day(f.from) || !day(f.to)) return null;
  const dims = f.dims.filter(
    (d): d is DataFilter['dims'][number] =>
      !!d &&
      typeof d.column === 'string' &&
      Array.isArray(d.values) &&
      d.values.every((v: unknown) => v === null || typeof v === 'string')
  );
  return { dims, from: f.from ?? null, to: f.to ?? null };
}
