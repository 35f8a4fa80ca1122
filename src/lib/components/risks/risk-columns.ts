// The columns and cells of each risk list (who first: customer, name, value at stake, owner, region;
// then the kind's own numbers and the reason in words), shared by the table and its exports.
import type { RiskKind } from '$lib/analysis/risks';
import type { TableCell, TableColumn } from '$lib/charts';
import type { RisksView, RiskWho } from '$lib/db';
import { formatCount, formatDate, formatNumber, formatShare, type Locale } from '$lib/i18n';

type T = (key: string, params?: Record<string, string | number>) => string;

export interface RiskFormat {
  t: T;
  locale: Locale;
  exact: (n: number | null | undefined) => string;
}

export interface RiskTable {
  columns: TableColumn[];
  rows: TableCell[][];
  keys: string[];
}

const text = (v: string | null | undefined): TableCell => ({ text: v ?? '—', value: v ?? null });

/** The table of one kind's list (null: the list is not available). */
export function riskTable(view: RisksView, kind: RiskKind, f: RiskFormat): RiskTable | null {
  const { t, locale, exact } = f;
  const money = (v: number | null): TableCell => ({ text: exact(v), value: v });
  const int = (v: number | null): TableCell => ({
    text: v === null ? '—' : formatCount(locale, v),
    value: v
  });
  const share = (v: number | null): TableCell => ({
    text: v === null ? '—' : formatShare(locale, v),
    value: v
  });
  const num = (v: number | null, digits: number): TableCell => ({
    text: v === null ? '—' : formatNumber(locale, v, digits),
    value: v
  });
  const who: TableColumn[] = [
    { label: t('risks.col.customerId') },
    { label: t('risks.col.name') },
    { label: t('risks.col.valueAtStake'), numeric: true, kind: 'money' },
    { label: t('risks.col.owner') },
    { label: t('risks.col.region') }
  ];
  const whoCells = (r: RiskWho): TableCell[] => [
    text(r.customerId),
    text(r.name),
    money(r.valueAtStake),
    text(r.owner),
    text(r.region)
  ];
  const why: TableColumn = { label: t('risks.col.why') };
  const build = <R extends RiskWho>(
    rows: readonly R[],
    own: TableColumn[],
    cells: (r: R) => TableCell[],
    key: (r: R) => string = (r) => r.customerId
  ): RiskTable => ({
    columns: [...who, why, ...own],
    rows: rows.map((r) => [...whoCells(r), ...cells(r)]),
    keys: rows.map(key)
  });

  switch (kind) {
    case 'overdue_rhythm':
      return build(
        view.overdueRhythm,
        [
          { label: t('risks.col.purchaseDays'), numeric: true, kind: 'int' },
          { label: t('risks.col.lastPurchase') },
          { label: t('risks.col.medianGap'), numeric: true },
          { label: t('risks.col.daysSince'), numeric: true, kind: 'int' },
          { label: t('risks.col.daysLate'), numeric: true }
        ],
        (r) => [
          text(
            t('risks.why.rhythm', {
              gap: formatNumber(locale, r.medianGapDays, r.medianGapDays % 1 ? 1 : 0),
              since: formatCount(locale, r.daysSince),
              late: formatNumber(locale, r.daysLate, r.daysLate % 1 ? 1 : 0)
            })
          ),
          int(r.purchaseDays),
          text(r.lastPurchase),
          num(r.medianGapDays, 1),
          int(r.daysSince),
          num(r.daysLate, 1)
        ]
      );
    case 'receivables':
      if (!view.receivables) return null;
      return build(
        view.receivables.overdue,
        [
          { label: t('risks.col.overdueOutstanding'), numeric: true, kind: 'money' },
          { label: t('risks.col.outstanding'), numeric: true, kind: 'money' },
          { label: t('risks.col.maxDaysPastDue'), numeric: true, kind: 'int' },
          { label: t('risks.col.dso'), numeric: true, kind: 'int' },
          { label: t('risks.col.creditUse'), numeric: true, kind: 'rate' }
        ],
        (r) => [
          text(
            t('risks.why.receivable', {
              overdue: exact(r.overdueOutstanding),
              days: formatCount(locale, r.maxDaysPastDue ?? 0)
            })
          ),
          money(r.overdueOutstanding),
          money(r.outstanding),
          int(r.maxDaysPastDue),
          r.dsoDays === null ? text(null) : int(Math.round(r.dsoDays)),
          share(r.creditUse)
        ]
      );
    case 'unusual_orders':
      return build(
        view.unusualOrders,
        [
          { label: t('risks.col.orderId') },
          { label: t('risks.col.date') },
          { label: t('risks.col.amount'), numeric: true, kind: 'money' },
          { label: t('risks.col.median'), numeric: true, kind: 'money' },
          { label: t('risks.col.times'), numeric: true, kind: 'rate' },
          { label: t('risks.col.z'), numeric: true, kind: 'rate' },
          { label: t('risks.col.orders'), numeric: true, kind: 'int' }
        ],
        (r) => [
          text(
            t('risks.why.unusual', {
              amount: exact(r.amount),
              times: formatNumber(locale, r.times, r.times < 1 ? 2 : 1),
              median: exact(r.median),
              orders: formatCount(locale, r.orders)
            })
          ),
          text(r.orderId),
          { text: formatDate(locale, r.date), value: r.date },
          money(r.amount),
          money(r.median),
          num(r.times, 2),
          num(r.z, 1),
          int(r.orders)
        ],
        (r) => `${r.customerId}|${r.orderId ?? ''}|${r.date}|${r.amount}`
      );
    case 'high_returns':
      return build(
        view.highReturns,
        [
          { label: t('risks.col.returnRate'), numeric: true, kind: 'rate' },
          { label: t('risks.col.returned'), numeric: true, kind: 'money' },
          { label: t('risks.col.purchased'), numeric: true, kind: 'money' },
          { label: t('risks.col.returns'), numeric: true, kind: 'int' }
        ],
        (r) => [
          text(
            r.rate === null
              ? t('risks.why.returnsNoPurchase', {
                  returned: exact(r.returned),
                  returns: formatCount(locale, r.returns)
                })
              : t('risks.why.returns', {
                  returned: exact(r.returned),
                  purchased: exact(r.purchased),
                  rate: formatShare(locale, r.rate),
                  returns: formatCount(locale, r.returns)
                })
          ),
          share(r.rate),
          money(r.returned),
          money(r.purchased),
          int(r.returns)
        ]
      );
    case 'spend_drop':
      return build(
        view.spendDrop,
        [
          { label: t('risks.col.recentSpend'), numeric: true, kind: 'money' },
          { label: t('risks.col.usualSpend'), numeric: true, kind: 'money' },
          { label: t('risks.col.spendShare'), numeric: true, kind: 'rate' }
        ],
        (r) => [
          text(
            t('risks.why.spendDrop', {
              recent: exact(r.recentSpend),
              usual: exact(r.usualSpend),
              share: formatShare(locale, r.spendShare)
            })
          ),
          money(r.recentSpend),
          money(r.usualSpend),
          share(r.spendShare)
        ]
      );
    case 'probably_lapsed':
    case 'cannot_lose': {
      const rows = kind === 'cannot_lose' ? view.cannotLose : view.probablyLapsed;
      if (!rows) return null;
      return build(
        rows,
        [
          { label: t('risks.col.pAlive'), numeric: true, kind: 'prob' },
          { label: t('risks.col.orders'), numeric: true, kind: 'int' },
          { label: t('risks.col.monetary'), numeric: true, kind: 'money' }
        ],
        (r) => [
          text(t('risks.why.lapsed', { p: formatShare(locale, r.pAlive) })),
          share(r.pAlive),
          int(r.frequency),
          money(r.monetary)
        ]
      );
    }
  }
}
