// The scored-customer export (DOMAIN §9): its exact header and its rows, for CSV and XLSX alike.

import type { Class8, ScoredCustomer, ValueQuadrant } from '$lib/analysis/types';
import type { LifecycleStage } from '$lib/analysis/lifecycle';
import exportEn from '$lib/i18n/messages/export.en.json';
import exportZh from '$lib/i18n/messages/export.zh-CN.json';
import { exportNumber, type ExportCell, type NumberKind } from './csv';

/** The UI languages the export writes names in. */
export type ExportLocale = 'en' | 'zh-CN';

/** The fixed columns of the customer export, in order (DOMAIN §9). */
export const CUSTOMER_EXPORT_HEADER = [
  'customer_id',
  'customer_name',
  'recency_days',
  'frequency',
  'monetary',
  'r_score',
  'f_score',
  'm_score',
  'rfm_code',
  'segment',
  'class8',
  'value_quadrant',
  'abc_tier',
  'lifecycle_stage',
  'first_purchase',
  'last_purchase'
] as const;

/** The columns added after the fixed ones when the CLV model has run (DOMAIN §9). */
export const CLV_EXPORT_HEADER = ['p_alive', 'expected_purchases_90d', 'clv_12m'] as const;

type ExportColumnName =
  (typeof CUSTOMER_EXPORT_HEADER)[number] | (typeof CLV_EXPORT_HEADER)[number];

/** How each number column is rounded (DOMAIN §9); the other columns are text. */
export const CUSTOMER_EXPORT_KINDS: Partial<Record<ExportColumnName, NumberKind>> = {
  recency_days: 'int',
  frequency: 'int',
  monetary: 'money',
  r_score: 'int',
  f_score: 'int',
  m_score: 'int',
  p_alive: 'prob',
  expected_purchases_90d: 'expected',
  clv_12m: 'money'
};

/** One customer's CLV model outputs (DOMAIN §6). */
export interface CustomerClv {
  /** P(alive) now, 0–1. */
  pAlive: number;
  /** Expected purchases in the next 90 days. */
  expected90: number;
  /** CLV over the next 12 months, discounted. */
  clv12: number;
}

/** What the customer export needs besides the customers themselves. */
export interface CustomerExportOptions {
  /** UI language: class-8 and value-quadrant names are written in it. */
  locale: ExportLocale;
  /** Display name of a segment id (`champions`, `others`, `custom-1`…) in the UI language. */
  segmentName: (id: string) => string;
  /** Header names of the customer's dimension columns, in `ScoredCustomer.dims` order. */
  dimensionHeaders: string[];
  /** Lifecycle stage name in the UI language; the column stays empty without it. */
  lifecycle?: (customer: ScoredCustomer) => string | null;
  /** CLV outputs by customer id; the three CLV columns are written only when this is given. */
  clv?: Map<string, CustomerClv>;
  /**
   * What m_score and abc_tier were scored on; 'profit' adds a last column `m_score_basis`
   * holding `profit` (monetary stays revenue), so a file always says which.
   */
  monetaryBasis?: 'revenue' | 'profit';
}

/** The column added last when M and the tiers were scored on profit. */
export const BASIS_EXPORT_COLUMN = 'm_score_basis';

type ExportKey = keyof typeof exportEn;

// Typed as the English file's keys, so a key missing from the Chinese file fails to compile.
const NAMES: Record<ExportLocale, Record<ExportKey, string>> = { en: exportEn, 'zh-CN': exportZh };

/** Name of an 8-class RFM class (DOMAIN §3) in a language, e.g. `重要价值客户`. */
export function class8Name(value: Class8, locale: ExportLocale): string {
  return NAMES[locale][`class8.${value}`];
}

/** Name of a lifecycle stage (DOMAIN §5) in a language, e.g. `忠诚客户`. */
export function lifecycleName(stage: LifecycleStage, locale: ExportLocale): string {
  return NAMES[locale][`lifecycle.${stage}`];
}

/** Name of a value quadrant (DOMAIN §4) in a language, e.g. `VIP` / `VIP客户`. */
export function quadrantName(value: ValueQuadrant, locale: ExportLocale): string {
  return NAMES[locale][`quadrant.${value}`];
}

/** The full export header: fixed columns, then CLV columns when given, then dimension columns. */
export function customerExportHeader(
  opts: Pick<CustomerExportOptions, 'dimensionHeaders' | 'clv' | 'monetaryBasis'>
): string[] {
  return [
    ...CUSTOMER_EXPORT_HEADER,
    ...(opts.clv ? CLV_EXPORT_HEADER : []),
    ...opts.dimensionHeaders,
    ...(opts.monetaryBasis === 'profit' ? [BASIS_EXPORT_COLUMN] : [])
  ];
}

/**
 * One row per customer, matching `customerExportHeader(opts)`. Names are in `opts.locale`, ABC
 * tiers are `A`/`B`/`C`, numbers are numbers rounded by {@link CUSTOMER_EXPORT_KINDS} and dates
 * are `YYYY-MM-DD` text. Pass the rows with
 * that header to `toCsv` or `toXlsx`, which apply the formula-injection defence to text cells.
 */
export function customerExportRows(
  customers: ScoredCustomer[],
  opts: CustomerExportOptions
): ExportCell[][] {
  const { locale, segmentName, dimensionHeaders, lifecycle, clv } = opts;
  const k = CUSTOMER_EXPORT_KINDS;
  return customers.map((c) => {
    const row: ExportCell[] = [
      c.customerId,
      c.customerName,
      num(c.recencyDays, k.recency_days),
      num(c.frequency, k.frequency),
      num(c.monetary, k.monetary),
      num(c.rScore, k.r_score),
      num(c.fScore, k.f_score),
      num(c.mScore, k.m_score),
      c.rfmCode,
      segmentName(c.segment),
      class8Name(c.class8, locale),
      quadrantName(c.quadrant, locale),
      c.abc,
      lifecycle?.(c) ?? null,
      isoDay(c.firstPurchase),
      isoDay(c.lastPurchase)
    ];
    if (clv) {
      const v = clv.get(c.customerId);
      row.push(
        num(v?.pAlive, k.p_alive),
        num(v?.expected90, k.expected_purchases_90d),
        num(v?.clv12, k.clv_12m)
      );
    }
    for (let i = 0; i < dimensionHeaders.length; i++) row.push(c.dims[i] ?? null);
    if (opts.monetaryBasis === 'profit') row.push('profit');
    return row;
  });
}

function num(value: number | null | undefined, kind: NumberKind | undefined): number | null {
  return value === null || value === undefined ? null : exportNumber(value, kind);
}

function isoDay(date: string | null): string | null {
  return date ? date.slice(0, 10) : null;
}
