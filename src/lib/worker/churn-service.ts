// Churn-risk lists (DOMAIN §5–6): probably lapsed repeat buyers, one-time buyers, the "cannot lose"
// list and spend-drop alerts, joined with the current RFM analysis; exported as CSV or XLSX.
import type { Database } from 'sql.js';
import { segmentName, type ScoredCustomer, type SegmentRule } from '$lib/analysis';
import type { ClvResult, CustomerValue } from '$lib/analysis/clv/model';
import { customerPlace, placeColumns } from '$lib/analysis/customer-place';
import { buildSpendDropSql, spendDropAlerts } from '$lib/analysis/spend-drop';
import {
  buildStakeRevenueSql,
  valueAtStake,
  valuesAtStake
} from '$lib/analysis/rules/value-at-stake';
import { exportNumber, toCsv, type ExportCell, type NumberKind } from '$lib/export/csv';
import churnEn from '$lib/i18n/messages/churn.en.json';
import churnZh from '$lib/i18n/messages/churn.zh-CN.json';
import { AppError } from '$lib/db/errors';
import type { ChurnKind, ChurnList, ChurnLists, ChurnRow, DatasetInfo } from '$lib/db/protocol';
import { selectRows } from './sql-run';
import type { XlsxSheet } from '$lib/export/xlsx';

/** The RFM analysis the lists join on. */
export interface RfmContext {
  asOf: string;
  rules: SegmentRule[];
  customers: readonly ScoredCustomer[];
}

/** P(alive) below this among repeat buyers is "probably lapsed" (DOMAIN §6). */
export const AT_RISK_BELOW = 0.5;

// A customer's value at stake (DOMAIN §6): one definition, in analysis/rules.
export { valueAtStake };

/** Every list: the model lists are null without a fit. */
export function churnLists(
  db: Database,
  d: DatasetInfo,
  rfm: RfmContext,
  fit: ClvResult | null
): ChurnLists {
  return {
    atRisk: fit && churnList(db, d, 'atRisk', rfm, fit),
    cannotLose: fit && churnList(db, d, 'cannotLose', rfm, fit),
    oneTime: fit && churnList(db, d, 'oneTime', rfm, fit),
    spendDrop: churnList(db, d, 'spendDrop', rfm, fit)
  };
}

/** Builds one of the lists; the model lists need a fit, spend drops only transactions. */
export function churnList(
  db: Database,
  d: DatasetInfo,
  kind: ChurnKind,
  rfm: RfmContext,
  fit: ClvResult | null
): ChurnList {
  if (d.kind !== 'transactions') throw new AppError('clv_needs_transactions');
  const byId = new Map(rfm.customers.map((c) => [c.customerId, c]));
  const columns = placeColumns(d.dimensions);
  const base = (id: string): ChurnRow => {
    const c = byId.get(id);
    return {
      customerId: id,
      customerName: c?.customerName ?? null,
      ...customerPlace(c?.dims, columns),
      segment: c?.segment ?? null,
      abc: c?.abc ?? null,
      recencyDays: c?.recencyDays ?? null,
      frequency: c?.frequency ?? 0,
      monetary: c?.monetary ?? 0,
      pAlive: null,
      expected90: null,
      clv: null,
      clvAtStake: null,
      recentSpend: null,
      usualSpend: null,
      spendShare: null
    };
  };
  const withModel = (v: CustomerValue): ChurnRow => ({
    ...base(v.customerId),
    pAlive: v.pAlive,
    expected90: v.expected90,
    clv: v.clv,
    clvAtStake: valueAtStake(v)
  });
  let rows: ChurnRow[];
  if (kind === 'spendDrop') {
    const values = selectRows(db, buildSpendDropSql(d.table, rfm.asOf));
    const model = fit ? new Map(fit.customers.map((v) => [v.customerId, v])) : null;
    // Without a model the value at stake is the last 365 days' revenue (DOMAIN §7c).
    const revenue = fit
      ? null
      : valuesAtStake(null, selectRows(db, buildStakeRevenueSql(d.table, rfm.asOf)));
    rows = spendDropAlerts(values).map((a) => {
      const v = model?.get(a.customerId);
      return {
        ...(v
          ? withModel(v)
          : { ...base(a.customerId), clvAtStake: revenue?.byCustomer.get(a.customerId) ?? 0 }),
        recentSpend: a.recentSpend,
        usualSpend: a.usualSpend,
        spendShare: a.share
      };
    });
  } else {
    // A model list without a model: the page asks for them only once a fit exists.
    if (!fit) throw new Error(`the ${kind} list needs a fitted model`);
    const atRisk = (v: CustomerValue) => v.x >= 1 && v.pAlive < AT_RISK_BELOW;
    const keep =
      kind === 'oneTime'
        ? (v: CustomerValue) => v.x === 0
        : kind === 'atRisk'
          ? atRisk
          : (v: CustomerValue) => atRisk(v) && byId.get(v.customerId)?.abc === 'A';
    rows = fit.customers.filter(keep).map(withModel);
    if (kind === 'cannotLose')
      rows.sort((a, b) => (b.clvAtStake ?? 0) - (a.clvAtStake ?? 0) || byIdOrder(a, b));
    else if (kind === 'atRisk')
      rows.sort((a, b) => (a.pAlive ?? 0) - (b.pAlive ?? 0) || b.monetary - a.monetary);
    else rows.sort((a, b) => b.monetary - a.monetary || byIdOrder(a, b));
  }
  return { kind, rows, asOf: rfm.asOf, calibrationEnd: fit?.calibrationEnd ?? null };
}

const byIdOrder = (a: ChurnRow, b: ChurnRow) =>
  a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;

/** Export column keys per list, in order; headers are these keys (stable, like the customer export). */
export function churnColumns(kind: ChurnKind): (keyof ChurnRow)[] {
  const common: (keyof ChurnRow)[] = [
    'customerId',
    'customerName',
    'owner',
    'region',
    'segment',
    'abc',
    'recencyDays',
    'frequency',
    'monetary'
  ];
  const model: (keyof ChurnRow)[] = ['pAlive', 'expected90', 'clv', 'clvAtStake'];
  if (kind === 'spendDrop') return [...common, 'recentSpend', 'usualSpend', 'spendShare', ...model];
  return [...common, ...model];
}

/** Each export column's header and, for numbers, how it is rounded (DOMAIN §9). */
const COLUMNS: Record<keyof ChurnRow, { header: string; kind?: NumberKind }> = {
  customerId: { header: 'customer_id' },
  customerName: { header: 'customer_name' },
  owner: { header: 'owner' },
  region: { header: 'region' },
  segment: { header: 'segment' },
  abc: { header: 'abc_tier' },
  recencyDays: { header: 'recency_days', kind: 'int' },
  frequency: { header: 'frequency', kind: 'int' },
  monetary: { header: 'monetary', kind: 'money' },
  pAlive: { header: 'p_alive', kind: 'prob' },
  expected90: { header: 'expected_purchases_90d', kind: 'expected' },
  clv: { header: 'clv', kind: 'money' },
  clvAtStake: { header: 'value_at_stake', kind: 'money' },
  recentSpend: { header: 'spend_last_90d', kind: 'money' },
  usualSpend: { header: 'avg_90d_spend_prior_year', kind: 'money' },
  spendShare: { header: 'spend_share', kind: 'rate' }
};

// The list names as the churn view shows them (`churn.kind.*`), for the XLSX sheet.
const LIST_NAMES = { en: churnEn, 'zh-CN': churnZh } as const;

/** A list as CSV text or XLSX bytes; segment names and the sheet name in the UI language. */
export async function exportChurnList(
  list: ChurnList,
  rules: SegmentRule[],
  format: 'csv' | 'xlsx',
  locale: 'en' | 'zh-CN',
  filterSheet?: XlsxSheet
): Promise<Blob> {
  const columns = churnColumns(list.kind);
  const header = columns.map((c) => COLUMNS[c].header);
  const cells: ExportCell[][] = list.rows.map((r) =>
    columns.map((c): ExportCell => {
      const v = r[c];
      if (c === 'segment' && typeof v === 'string') return segmentName(v, rules, locale);
      return typeof v === 'number' ? exportNumber(v, COLUMNS[c].kind) : v;
    })
  );
  if (format === 'csv') return new Blob([toCsv(header, cells)], { type: 'text/csv;charset=utf-8' });
  const { toXlsx, XLSX_MIME } = await import('$lib/export/xlsx');
  const name = LIST_NAMES[locale][`churn.kind.${list.kind}`];
  const sheets = [{ name, header, rows: cells }, ...(filterSheet ? [filterSheet] : [])];
  return new Blob([toXlsx(sheets)], { type: XLSX_MIME });
}
