// This week's call list across the worker boundary (DOMAIN §7c): the key that decides it, the view
// of it a page asks for (filters, top N) and its exports.
import type { AbcTier, LifecycleThresholds } from '$lib/analysis';
import type { CallRow } from '$lib/analysis/rules/call-list';
import type { HandledMarks } from '$lib/analysis/rules/handled';
import type { Playbooks } from '$lib/analysis/rules/playbooks';
import type { ReasonCode } from '$lib/analysis/rules/reasons';
import type { StakeSource } from '$lib/analysis/rules/value-at-stake';
import type { ClvKey } from './clv-protocol';
import type { RelatedIds } from './relation-protocol';
import type { RfmKey } from './rfm-protocol';

export type { CallRow, ReasonCode, StakeSource };

/** Everything that decides the call list. */
export interface CallsKey {
  /** The RFM analysis (dataset, as-of date, app filter, scoring) the rows are of. */
  rfm: RfmKey;
  /** The fitted CLV model (probably lapsed, value at stake), or null: revenue is at stake. */
  model: ClvKey | null;
  /** The related files the reasons read (each the workspace's latest of its kind). */
  related: RelatedIds;
  lifecycle: LifecycleThresholds;
  /** DOMAIN §7b `complaint_sla_days`. */
  slaDays: number;
  /** DOMAIN §7c `rhythm_factor` and `second_order_days`. */
  rhythmFactor: number;
  secondOrderDays: number;
}

/** Which rows of the list a page shows. */
export interface CallsView {
  /** One owner's rows (`value` null: rows without an owner), or every owner's. */
  owner: { value: string | null } | null;
  reason: ReasonCode | null;
  tier: AbcTier | null;
}

export interface CallsListArgs extends CallsKey {
  view: CallsView;
  /** At most this many rows (the top of the list, e.g. on the Overview); null: all. */
  limit: number | null;
}

/** Count and value at stake of a set of rows. */
export interface CallsTotal {
  count: number;
  valueAtStake: number;
}

export interface CallsList {
  datasetId: number;
  asOf: string;
  stakeSource: StakeSource;
  /** The rows of the view, highest value at stake first (at most `limit`). */
  rows: CallRow[];
  /** The view's rows before the limit. */
  total: CallsTotal;
  /** The whole list (no view, no limit). */
  all: CallsTotal;
  /** Per reason over the whole list (reasons with no row absent). */
  byReason: Partial<Record<ReasonCode, CallsTotal>>;
  /** Owners of the whole list with their counts, most rows first (null: no owner). */
  owners: { owner: string | null; count: number }[];
  /** Reasons that cannot apply for lack of data (no model, no file), in code order. */
  unavailable: ReasonCode[];
  /** The master's contact column headers (each row's `contacts`, in order). */
  contactHeaders: string[];
  elapsedMs: number;
}

export interface CallsExportArgs extends CallsKey {
  view: CallsView;
  format: 'csv' | 'xlsx';
  /** One workbook with a sheet per owner (XLSX only). */
  perOwner: boolean;
  locale: 'en' | 'zh-CN';
  playbooks: Playbooks;
  handled: HandledMarks;
}
