// The relationship across the worker boundary (DOMAIN §7b): customer classes and conversion with
// the customer master, and one customer's whole profile (master, scores, orders, surveys,
// complaints, receivables, profit) in one request.
import type { LifecycleStage, LifecycleThresholds, SegmentMatch } from '$lib/analysis';
import type { DataFilter } from '$lib/analysis/data-filter';
import type {
  ClassCounts,
  ClassGroup,
  ClassGrouping,
  ConversionRow,
  CustomerClass
} from '$lib/analysis/relationship';
import type { ComplaintState } from '$lib/analysis/profile';
import type { ClvKey } from './clv-protocol';
import type { CustomerDetail, RfmKey } from './rfm-protocol';

/** Everything that decides the classes and the conversion. */
export interface RelationshipArgs {
  /** The orders dataset. */
  ordersId: number;
  /** The customer master (the workspace's latest customers dataset), or null. */
  masterId: number | null;
  /** `YYYY-MM-DD`, resolved: the RFM analysis's as-of date. */
  asOf: string;
  /** The app's filter on the orders, or null. */
  filter: DataFilter | null;
  /** The lifecycle's `new_days` (DOMAIN §5, §7b). */
  newDays: number;
  grouping: ClassGrouping;
}

export interface RelationshipSummary {
  ordersId: number;
  masterId: number | null;
  asOf: string;
  counts: ClassCounts;
  groups: ClassGroup[];
  /** The attributes the counts can group by (headers: master's first, then the orders'). */
  attributes: string[];
  conversion: ConversionRow[];
  /** Distinct customers in the master. */
  masterCustomers: number;
  /** Customers with purchases absent from the master (counted as new or existing). */
  notInMaster: number;
  /** The master has a created-date column with values. */
  hasCreated: boolean;
  elapsedMs: number;
}

/** Which customers a list shows: a class, a group of the grouping, or both. */
export interface RelationshipListArgs extends RelationshipArgs {
  cls: CustomerClass | null;
  /** One group's customers (`value` null: those without one), or all. */
  group: { value: string | null } | null;
}

export interface RelationshipRow {
  customerId: string;
  name: string | null;
  cls: CustomerClass;
  owner: string | null;
  firstPurchase: string | null;
  createdDate: string | null;
  isInMaster: boolean;
}

export interface RelationshipPage {
  total: number;
  offset: number;
  rows: RelationshipRow[];
}

/** The related datasets a profile reads (each the workspace's latest of its kind), or null. */
export interface RelatedIds {
  masterId: number | null;
  feedbackId: number | null;
  complaintsId: number | null;
  receivablesId: number | null;
}

/** One customer's profile: the RFM analysis's key, the related files, the settings in force. */
export interface ProfileArgs {
  key: RfmKey;
  customerId: string;
  related: RelatedIds;
  lifecycle: LifecycleThresholds;
  /** The fitted model whose P(alive) and CLV the profile shows, if any. */
  model: ClvKey | null;
  /** Days after which an open complaint is overdue (DOMAIN §7b default 7). */
  complaintSlaDays: number;
  /** Header of the orders dimension the product mix is by (null: the category-like one, if any). */
  mixHeader: string | null;
}

/** A master attribute as the profile lists it. */
export interface ProfileAttribute {
  /** A fixed column's role (`owner`, `created_date` …) or `dimension`. */
  role: string;
  header: string;
  value: string | number | null;
  type: 'text' | 'number' | 'date';
}

export interface ProfileSurvey {
  date: string | null;
  csat: number | null;
  nps: number | null;
  comment: string | null;
  /** A survey file's response, or an order's own satisfaction/NPS column. */
  source: 'feedback' | 'orders';
}

export interface ProfileComplaint {
  opened: string;
  type: string | null;
  status: ComplaintState;
  /** The file's own status text, if any. */
  statusText: string | null;
  resolved: string | null;
  /** Days to resolve (resolved) or days open so far (open, overdue). */
  days: number;
  comment: string | null;
}

export interface ProfileReceivable {
  invoiceNo: string | null;
  dueDate: string;
  amount: number;
  outstanding: number;
  /** as-of − due date when outstanding > 0 and past due; else 0. */
  daysPastDue: number;
}

export interface CustomerProfile extends CustomerDetail {
  customerId: string;
  /** The customer's master row, or null (not in the master, or no master). */
  attributes: ProfileAttribute[] | null;
  name: string | null;
  owner: string | null;
  cls: CustomerClass;
  stage: LifecycleStage | null;
  clv: { pAlive: number; expected90: number; clv12: number } | null;
  /** Net spend per calendar month (`YYYY-MM`) from the first to the as-of month. */
  monthly: { month: string; amount: number }[];
  /** Revenue by the mix dimension's value (the customer's own rows), or null without one. */
  mix: { header: string; rows: { value: string | null; amount: number; share: number }[] } | null;
  /** The mix dimensions the user can choose from (the orders' dimension headers). */
  mixChoices: string[];
  surveys: ProfileSurvey[];
  complaints: ProfileComplaint[] | null;
  receivables: ProfileReceivable[] | null;
  /** Profit and margin (profit / revenue) over the customer's rows; null without profit. */
  profit: { profit: number; revenue: number; margin: number | null } | null;
  match: SegmentMatch | null;
}
