// The report's data provenance: which files the numbers come from (rows kept and rejected, dates),
// the as-of date and the filter in force — as facts the report writes in the UI language.
import type { DataFilter } from '$lib/analysis/data-filter';
import type { DatasetInfo } from '$lib/db/protocol';
import { filterSheet } from '$lib/export/filter-sheet';

/** One file behind the report. */
export interface ProvenanceFile {
  name: string;
  kind: DatasetInfo['kind'];
  rowsKept: number;
  rowsRejected: number;
  dateFrom: string | null;
  dateTo: string | null;
  /** The orders the analysis is of (the active dataset). */
  isAnalysed: boolean;
}

export interface Provenance {
  files: ProvenanceFile[];
  asOf: string;
  /** The filter's conditions as [what, values kept]; empty when nothing is filtered. */
  filter: [string, string][];
}

/**
 * The provenance of a report on `activeId` at `asOf`: the analysed orders first, then the other
 * files in the order they were loaded; the filter described in `locale` (as exports describe it).
 */
export function buildProvenance(
  datasets: readonly DatasetInfo[],
  activeId: number | null,
  asOf: string,
  filter: DataFilter | null,
  locale: 'en' | 'zh-CN'
): Provenance {
  const active = datasets.find((d) => d.id === activeId) ?? null;
  const files = [...datasets]
    .sort((a, b) => Number(b.id === activeId) - Number(a.id === activeId) || a.id - b.id)
    .map((d) => ({
      name: d.name,
      kind: d.kind,
      rowsKept: d.report.rowsAccepted,
      rowsRejected: d.report.rowsRejected,
      dateFrom: d.dateFrom,
      dateTo: d.dateTo,
      isAnalysed: d.id === activeId
    }));
  const sheet = filterSheet(filter, active?.dimensions ?? [], locale);
  return {
    files,
    asOf,
    filter: (sheet?.rows ?? []).map(([what, values]) => [String(what), String(values)])
  };
}
