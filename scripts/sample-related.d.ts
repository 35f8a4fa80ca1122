// Types for scripts/sample-related.js (imported by unit tests).
import type { SampleRow } from './generate-sample.js';

/** What the related files are drawn from: one customer of the orders. */
export interface RelatedCustomer {
  id: string;
  name: string;
  industry: string;
  province: string;
  size: string;
  /** The rep on the customer's latest order (the master's owner). */
  rep: string;
  /** Days (since 1970-01-01, UTC) of the positive orders. */
  days: number[];
}

/** A row of customers.csv; `isProspect` rows never bought. */
export interface MasterRow {
  id: string;
  name: string;
  owner: string;
  industry: string;
  province: string;
  size: string;
  /** YYYY-MM-DD */
  created: string;
  status: string;
  /** YYYY-MM-DD or '' */
  birthday: string;
  creditLimit: number | '';
  contact: string;
  phone: string;
  isProspect: boolean;
}

/** A row of feedback.csv. */
export interface FeedbackRow {
  customerId: string;
  date: string;
  csat: number;
  nps: number;
  comment: string;
}

/** A row of complaints.csv; `resolved` is '' while open. */
export interface ComplaintRow {
  customerId: string;
  opened: string;
  type: string;
  status: string;
  resolved: string;
  handler: string;
  content: string;
}

interface FileManifest {
  file: string;
  columns: string[];
  rows: number;
  bytes: number;
  sha256: string;
}

export interface RelatedManifest {
  customers: FileManifest;
  feedback: FileManifest;
  complaints: FileManifest;
  prospects: number;
  openComplaints: number;
}

export const SAMPLE_AS_OF: string;
export const MASTER_HEADER: readonly string[];
export const FEEDBACK_HEADER: readonly string[];
export const COMPLAINTS_HEADER: readonly string[];
export const PROSPECTS: number;

export function createRelatedCollector(): {
  add(row: SampleRow): void;
  result(): RelatedCustomer[];
};
export function sampleRelated(
  customers: readonly RelatedCustomer[],
  seed: number
): { master: MasterRow[]; feedback: FeedbackRow[]; complaints: ComplaintRow[] };
export function masterToCsv(rows: readonly MasterRow[]): string;
export function feedbackToCsv(rows: readonly FeedbackRow[]): string;
export function complaintsToCsv(rows: readonly ComplaintRow[]): string;
export function writeRelatedFiles(
  dir: string,
  customers: readonly RelatedCustomer[],
  seed: number
): RelatedManifest;
