// The call list in words and files: each reason as a sentence with its numbers (both languages),
// and the list as CSV or XLSX — one owner's rows, or one workbook with a sheet per owner.
import callsEn from '$lib/i18n/messages/calls.en.json';
import callsZh from '$lib/i18n/messages/calls.zh-CN.json';
import { formatDate, formatDays, formatMoney, formatShare, type Currency } from '$lib/i18n/format';
import { segmentName, type SegmentRule } from '$lib/analysis';
import type { CallRow } from '$lib/analysis/rules/call-list';
import { isHandled, type HandledMarks } from '$lib/analysis/rules/handled';
import { recommendedAction, type Playbooks } from '$lib/analysis/rules/playbooks';
import type { Reason } from '$lib/analysis/rules/reasons';
import { exportNumber, toCsv, type ExportCell } from './csv';
import { lifecycleName, quadrantName } from './customers';

export type CallLocale = 'en' | 'zh-CN';

/** Translates a `calls.*` key with `{name}` placeholders filled. */
export type CallWords = (key: string, params?: Record<string, string | number>) => string;

const MESSAGES: Record<CallLocale, Record<string, string>> = { en: callsEn, 'zh-CN': callsZh };

/** The call list's words in a language, for the worker (the page passes its own `t`). */
export function callWords(locale: CallLocale): CallWords {
  return (key, params) =>
    (MESSAGES[locale][key] ?? key).replace(/\{(\w+)\}/g, (m, name: string) =>
      params && name in params ? String(params[name]) : m
    );
}

/** How a sentence writes its numbers. */
export interface SentenceContext {
  locale: CallLocale;
  currency: Currency | null;
  /** The complaint SLA in days (the overdue complaint sentence names it). */
  slaDays: number;
  t: CallWords;
}

/** A reason as one sentence with its numbers (money compact, as in headline sentences). */
export function reasonSentence(r: Reason, ctx: SentenceContext): string {
  const { locale, currency, t } = ctx;
  const money = (n: number) => formatMoney(locale, n, currency, { compact: true });
  const days = (n: number) => formatDays(locale, n);
  const date = (iso: string) => formatDate(locale, iso);
  switch (r.code) {
    case 'overdue_rhythm':
      return t('calls.say.overdue_rhythm', {
        gap: days(r.medianGapDays),
        since: days(r.daysSince)
      });
    case 'spend_drop':
      return t('calls.say.spend_drop', {
        recent: money(r.recentSpend),
        usual: money(r.usualSpend)
      });
    case 'probably_lapsed':
      return t('calls.say.probably_lapsed', { tier: r.tier, p: formatShare(locale, r.pAlive) });
    case 'complaint':
      return r.overdue > 0
        ? t('calls.say.complaintOverdue', {
            open: r.open,
            overdue: r.overdue,
            sla: ctx.slaDays,
            days: days(r.daysOpen)
          })
        : t('calls.say.complaint', { open: r.open, days: days(r.daysOpen) });
    case 'detractor':
      return t('calls.say.detractor', { nps: r.nps, date: date(r.date) });
    case 'receivable':
      return t('calls.say.receivable', {
        amount: money(r.overdueAmount),
        days: days(r.maxDaysPastDue)
      });
    case 'no_second_order':
      return t('calls.say.no_second_order', { date: date(r.firstPurchase), days: days(r.days) });
    case 'anniversary':
      if (r.kind === 'birthday')
        return t(r.inDays === 0 ? 'calls.say.birthdayToday' : 'calls.say.birthday', {
          date: date(r.date)
        });
      return t('calls.say.first_purchase', { years: r.years, date: date(r.date) });
  }
}

/** What an export writes besides the rows. */
export interface CallExportOptions {
  locale: CallLocale;
  currency: Currency | null;
  slaDays: number;
  rules: readonly SegmentRule[];
  playbooks: Playbooks;
  handled: HandledMarks;
  /** The master's contact column headers (the rows' `contacts`, in order). */
  contactHeaders: readonly string[];
}

/** Export headers: stable keys (as the other exports), then the master's contact headers. */
export const CALL_EXPORT_COLUMNS = [
  'customer_id',
  'customer_name',
  'owner',
  'region',
  'value_at_stake',
  'reason_codes',
  'reasons',
  'recommended_action',
  'segment',
  'value_quadrant',
  'abc_tier',
  'lifecycle_stage',
  'handled'
] as const;

/** The rows as export cells, in {@link CALL_EXPORT_COLUMNS} order then the contacts. */
export function callExportRows(rows: readonly CallRow[], o: CallExportOptions): ExportCell[][] {
  const ctx: SentenceContext = {
    locale: o.locale,
    currency: o.currency,
    slaDays: o.slaDays,
    t: callWords(o.locale)
  };
  return rows.map((r) => [
    r.customerId,
    r.name,
    r.owner,
    r.region,
    exportNumber(r.valueAtStake, 'money'),
    r.codes.join(' '),
    r.reasons.map((x) => reasonSentence(x, ctx)).join('; '),
    recommendedAction(r, o.playbooks, o.locale)?.text ?? null,
    segmentName(r.segment, o.rules, o.locale),
    quadrantName(r.quadrant, o.locale),
    r.abc,
    lifecycleName(r.stage, o.locale),
    isHandled(o.handled, r.customerId, r.codes) ? 1 : 0,
    ...o.contactHeaders.map((_, i) => r.contacts[i] ?? null)
  ]);
}

/** The rows of each owner, owners in order of their first (highest value at stake) row. */
export function rowsByOwner(rows: readonly CallRow[]): { owner: string | null; rows: CallRow[] }[] {
  const by = new Map<string | null, CallRow[]>();
  for (const r of rows) {
    const list = by.get(r.owner);
    if (list) list.push(r);
    else by.set(r.owner, [r]);
  }
  return [...by].map(([owner, list]) => ({ owner, rows: list }));
}

/**
 * The list as a file: CSV or XLSX of the rows given (one owner's), or with `perOwner` one XLSX
 * workbook with a sheet per owner named after them (made valid and unique for Excel by `toXlsx`).
 */
export async function exportCallList(
  rows: readonly CallRow[],
  format: 'csv' | 'xlsx',
  perOwner: boolean,
  o: CallExportOptions
): Promise<Blob> {
  const header = [...CALL_EXPORT_COLUMNS, ...o.contactHeaders];
  if (format === 'csv')
    return new Blob([toCsv(header, callExportRows(rows, o))], { type: 'text/csv;charset=utf-8' });
  const { toXlsx, XLSX_MIME } = await import('./xlsx');
  const t = callWords(o.locale);
  const groups = perOwner ? rowsByOwner(rows) : [{ owner: null, rows: [...rows] }];
  const sheets = groups.map((g) => ({
    name: perOwner ? (g.owner ?? t('calls.sheetNoOwner')) : t('calls.title'),
    header,
    rows: callExportRows(g.rows, o)
  }));
  if (sheets.length === 0) sheets.push({ name: t('calls.title'), header, rows: [] });
  return new Blob([toXlsx(sheets)], { type: XLSX_MIME });
}
