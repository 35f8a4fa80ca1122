// The Satisfaction view across the worker boundary (DOMAIN §7, §7b): CSAT and NPS by group and over
// time, against behaviour, the two lists, and the survey comments with their frequent words.
import type { LifecycleThresholds } from '$lib/analysis';
import type { SatisfactionResult, WordCount } from '$lib/analysis/satisfaction';
import type { RfmKey } from './rfm-protocol';

/** Everything that decides the view's figures. */
export interface SatisfactionArgs {
  /** The orders' RFM analysis (dataset, as-of, scoring, rules, the app filter). */
  key: RfmKey;
  /** The survey responses dataset (kind feedback), or null (then only the orders' own columns). */
  feedbackId: number | null;
  /** The customer master, for each customer's owner, or null. */
  customersId: number | null;
  /** The lifecycle thresholds in force (stage groups; lapsed = recency_days > lapseDays). */
  lifecycle: LifecycleThresholds;
  /** `segment`, `abc_tier`, `lifecycle`, `owner` or a dimension header (the survey's or the orders'). */
  groupBy: string;
  grain: 'month' | 'quarter';
}

/** A grouping the table offers: a fixed one or a dimension by its header. */
export interface SatisfactionGroupChoice {
  value: string;
  kind: 'segment' | 'abc_tier' | 'lifecycle' | 'owner' | 'dimension';
}

export interface SatisfactionSummary extends SatisfactionResult {
  datasetId: number;
  asOf: string;
  groupBy: string;
  grain: 'month' | 'quarter';
  /** The groupings offered (owner only when the master or a sales-rep dimension gives one). */
  choices: SatisfactionGroupChoice[];
  /** Where the responses came from. */
  sources: { feedback: boolean; orders: boolean };
  /** Where owners came from: the master, an orders dimension (its header), or nowhere. */
  ownerSource: { kind: 'master' } | { kind: 'dimension'; header: string } | null;
  /** The words in the most comments (matched customers' comments). */
  words: WordCount[];
  lapseDays: number;
}

/** One survey comment. */
export interface SatisfactionComment {
  customerId: string;
  customerName: string | null;
  date: string;
  csat: number | null;
  nps: number | null;
  comment: string;
}

/** A page of comments matching a search or containing a word. */
export interface SatisfactionCommentsArgs extends Omit<SatisfactionArgs, 'groupBy' | 'grain'> {
  /** Text the comment contains (case-insensitive); '' for any. */
  search: string;
  /** A frequent word the comment contains (as `commentWords` splits it), or null. */
  word: string | null;
  offset: number;
  limit: number;
}

export interface SatisfactionCommentsPage {
  /** What the page answers (the search text and word asked for). */
  search: string;
  word: string | null;
  total: number;
  offset: number;
  /** Newest first. */
  rows: SatisfactionComment[];
}
