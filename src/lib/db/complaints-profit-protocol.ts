// The complaints and profit views across the worker boundary (DOMAIN §7b): their keys and results.
import type { ComplaintsResult } from '$lib/analysis/complaints';
import type { CustomerProfit, ProfitGroup } from '$lib/analysis/profit';
import type { RfmKey } from './rfm-protocol';

/** Everything that decides the complaints view. */
export interface ComplaintsArgs {
  /** The RFM analysis of the orders: as-of date, filter, segments and tiers. */
  key: RfmKey;
  /** The complaints dataset (kind `complaints`) joined to the orders by customer id. */
  complaintsId: number;
  /** `complaint_sla_days`: an open complaint older than this at the as-of date is overdue. */
  slaDays: number;
}

export interface ComplaintsSummary extends ComplaintsResult {
  datasetId: number;
  complaintsId: number;
  asOf: string;
  slaDays: number;
  /** Header of the orders' sales-rep dimension a complaint without owner falls back to; null: none. */
  ownerFallback: string | null;
}

/** Everything that decides the profit view. */
export interface ProfitArgs {
  key: RfmKey;
  /** SQL name of the dimension the last table groups by (null: none). */
  dimension: string | null;
}

export interface ProfitSummary {
  datasetId: number;
  asOf: string;
  /** False when the orders carry no profit column: every figure below is empty. */
  hasProfit: boolean;
  customers: number;
  revenue: number;
  profit: number;
  margin: number | null;
  /** Order rows up to the as-of date without a profit value (they add nothing to profit). */
  rowsWithoutProfit: number;
  /** The profit curve for drawing: [customers, cumulative profit], start, peak and end included. */
  curve: [number, number][];
  peak: { customers: number; profit: number };
  /** Customers with profit < 0, largest loss first. */
  losses: CustomerProfit[];
  /** The most profitable customers (up to 20). */
  top: CustomerProfit[];
  bySegment: ProfitGroup[];
  byTier: ProfitGroup[];
  /** By the orders' sales-rep dimension (by each row's own value), when there is one. */
  byOwner: ProfitGroup[] | null;
  ownerHeader: string | null;
  /** By the chosen dimension (by each row's own value). */
  byDimension: ProfitGroup[] | null;
  dimension: string | null;
}
