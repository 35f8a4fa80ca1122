// The worker's relationship: every customer of the orders and the master classed at the as-of date
// (kept per key), counts, lists and exports of them, and one customer's assembled profile.
import type { Database } from 'sql.js';
import { buildCustomerBaseSql, toCustomerBase } from '$lib/analysis/sql';
import { lifecycleStage } from '$lib/analysis/lifecycle';
import {
  buildMasterRowsSql,
  buildOrderCustomerIdsSql,
  classifyCustomers,
  classOf,
  conversionByMonth,
  countClasses,
  groupClasses,
  groupValueOf,
  masterFilterTest,
  toMasterCustomer,
  type ClassedCustomer,
  type MasterCustomer
} from '$lib/analysis/relationship';
import {
  buildCustomerValueSql,
  buildMixSql,
  buildOrderSurveySql,
  buildProfitSql,
  buildRelatedRowsSql,
  categoryDimensionIndex,
  complaintState,
  mixShares,
  monthlySpend,
  receivableOutstanding
} from '$lib/analysis/profile';
import { repDimensionIndex } from '$lib/analysis/scorecard-choices';
import { isFilterActive } from '$lib/analysis/data-filter';
import { toCsv, type ExportCell } from '$lib/export/csv';
import type { CustomerClv } from '$lib/export/customers';
import type { CustomerDetail, DatasetInfo } from '$lib/db/protocol';
import type {
  CustomerProfile,
  ProfileArgs,
  ProfileAttribute,
  RelationshipArgs,
  RelationshipListArgs,
  RelationshipPage,
  RelationshipSummary
} from '$lib/db/relation-protocol';
import relEn from '$lib/i18n/messages/relationship.en.json';
import relZh from '$lib/i18n/messages/relationship.zh-CN.json';
import { selectRows, selectValue } from './sql-run';

/** The datasets one relationship request reads: orders (whole and filtered) and the master. */
export interface RelationshipSources {
  /** The orders as imported (classes read every purchase up to the as-of date). */
  orders: DatasetInfo;
  /** The orders the app filter keeps (the same as `orders` without a filter). */
  filtered: DatasetInfo;
  master: DatasetInfo | null;
}

const hasRole = (d: DatasetInfo, role: string) =>
  d.columns.some((c) => c.role === role && c.header !== '');

const hasColumn = (d: DatasetInfo) => (name: string) => d.columns.some((c) => c.name === name);

export class RelationshipService {
  private classed: { key: string; rows: ClassedCustomer[]; attributes: string[] } | null = null;

  constructor(private db: Database) {}

  reset() {
    this.classed = null;
  }

  /**
   * Every customer classed under `args` (cached for the lists and exports of the same key). Each
   * orders dimension read costs a pass over the rows (seconds at a million), so only the sales
   * rep's (for the owner) and the grouping's are read, unless `allDims` (the export) asks for all.
   */
  private classedOf(src: RelationshipSources, args: RelationshipArgs, allDims = false) {
    const { orders, filtered, master } = src;
    const rep = orders.dimensions[repDimensionIndex(orders.dimensions)];
    const grouped = args.grouping.by === 'attribute' ? args.grouping.header : null;
    const orderDims = allDims
      ? orders.dimensions
      : orders.dimensions.filter((x) => x === rep || x.header === grouped);
    const key = JSON.stringify([
      orders.id,
      orders.importedAt,
      filtered.table,
      master?.id ?? null,
      master?.importedAt ?? null,
      args.asOf,
      args.newDays,
      orderDims.map((x) => x.name)
    ]);
    if (this.classed?.key === key) return this.classed;
    const q = buildCustomerBaseSql({
      kind: 'transactions',
      table: orders.table,
      asOf: args.asOf,
      hasOrderId: orders.hasOrderId,
      dimensions: orderDims.map((x) => x.name)
    });
    const orderCustomers = selectRows(this.db, q).map((row) => {
      const c = toCustomerBase(row);
      return {
        customerId: c.customerId,
        name: c.customerName,
        firstPurchase: c.firstPurchase,
        dims: c.dims
      };
    });
    const masterDims = master?.dimensions ?? [];
    const masterRows: MasterCustomer[] = master
      ? selectRows(
          this.db,
          buildMasterRowsSql(
            master.table,
            masterDims.map((x) => x.name),
            hasColumn(master)
          )
        ).map(toMasterCustomer)
      : [];
    const masterHeaders = masterDims.map((x) => x.header);
    let keep: ((c: { customerId: string; isInMaster: boolean }) => boolean) | null = null;
    if (isFilterActive(args.filter)) {
      const kept = new Set(
        selectRows(this.db, buildOrderCustomerIdsSql(filtered.table, args.asOf)).map((r) =>
          String(r[0])
        )
      );
      const passes = masterFilterTest(args.filter.dims, orders.dimensions, masterHeaders);
      const masterPass = new Set(masterRows.filter(passes).map((m) => m.customerId));
      keep = (c) => kept.has(c.customerId) || (c.isInMaster && masterPass.has(c.customerId));
    }
    const rows = classifyCustomers({
      master: masterRows,
      masterHeaders,
      orders: orderCustomers,
      orderHeaders: orderDims.map((x) => x.header),
      repIndex: rep ? orderDims.indexOf(rep) : -1,
      asOf: args.asOf,
      newDays: args.newDays,
      keep
    });
    const attributes = [...new Set([...masterHeaders, ...orders.dimensions.map((x) => x.header)])];
    this.classed = { key, rows, attributes };
    return this.classed;
  }

  summary(src: RelationshipSources, args: RelationshipArgs): RelationshipSummary {
    const started = performance.now();
    const { rows, attributes } = this.classedOf(src, args);
    return {
      ordersId: src.orders.id,
      masterId: src.master?.id ?? null,
      asOf: args.asOf,
      counts: countClasses(rows),
      groups: groupClasses(rows, args.grouping),
      attributes,
      conversion: conversionByMonth(rows, args.asOf),
      masterCustomers: rows.filter((c) => c.isInMaster).length,
      notInMaster: rows.filter((c) => !c.isInMaster).length,
      hasCreated: rows.some((c) => c.isInMaster && c.createdDate !== null),
      elapsedMs: Math.round(performance.now() - started)
    };
  }

  private listOf(
    src: RelationshipSources,
    args: RelationshipListArgs,
    allDims = false
  ): ClassedCustomer[] {
    const { rows } = this.classedOf(src, args, allDims);
    return rows.filter(
      (c) =>
        (args.cls === null || c.cls === args.cls) &&
        (args.group === null || groupValueOf(c, args.grouping) === args.group.value)
    );
  }

  customers(
    src: RelationshipSources,
    args: RelationshipListArgs,
    offset: number,
    limit: number
  ): RelationshipPage {
    const list = this.listOf(src, args);
    return {
      total: list.length,
      offset,
      rows: list.slice(offset, offset + limit).map((c) => ({
        customerId: c.customerId,
        name: c.name,
        cls: c.cls,
        owner: c.owner,
        firstPurchase: c.firstPurchase,
        createdDate: c.createdDate,
        isInMaster: c.isInMaster
      }))
    };
  }

  /** The list with the master's columns (then the orders' attributes), as CSV or XLSX. */
  async exportList(
    src: RelationshipSources,
    args: RelationshipListArgs,
    format: 'csv' | 'xlsx',
    locale: 'en' | 'zh-CN'
  ): Promise<Blob> {
    const list = this.listOf(src, args, true);
    const { attributes } = this.classedOf(src, args, true);
    const words = locale === 'zh-CN' ? relZh : relEn;
    const master = src.master ? this.masterById(src.master) : new Map<string, MasterCustomer>();
    const header = [
      'customer_id',
      'customer_name',
      'class',
      'owner',
      'first_purchase',
      'created_date',
      'status',
      'birthday',
      'credit_limit',
      'in_master',
      ...attributes
    ];
    const cells: ExportCell[][] = list.map((c) => {
      const m = master.get(c.customerId);
      return [
        c.customerId,
        c.name,
        words[`relationship.class.${c.cls}`],
        c.owner,
        c.firstPurchase,
        c.createdDate,
        m?.status ?? null,
        m?.birthday ?? null,
        m?.creditLimit ?? null,
        c.isInMaster ? 1 : 0,
        ...attributes.map((h) => c.values[h] ?? null)
      ];
    });
    if (format === 'csv')
      return new Blob([toCsv(header, cells)], { type: 'text/csv;charset=utf-8' });
    const { toXlsx, XLSX_MIME } = await import('$lib/export/xlsx');
    const name = words['relationship.sheet'];
    return new Blob([toXlsx([{ name, header, rows: cells }])], { type: XLSX_MIME });
  }

  private masterById(master: DatasetInfo): Map<string, MasterCustomer> {
    const out = new Map<string, MasterCustomer>();
    const q = buildMasterRowsSql(master.table, [], hasColumn(master));
    for (const row of selectRows(this.db, q)) {
      const m = toMasterCustomer(row);
      if (!out.has(m.customerId)) out.set(m.customerId, m);
    }
    return out;
  }

  /**
   * One customer's profile: `detail` is the RFM answer (scores, rule, orders) on the filtered
   * orders; everything else is read here for this one customer.
   */
  profile(
    orders: DatasetInfo,
    related: {
      master: DatasetInfo | null;
      feedback: DatasetInfo | null;
      complaints: DatasetInfo | null;
      receivables: DatasetInfo | null;
    },
    args: ProfileArgs,
    detail: CustomerDetail,
    clv: CustomerClv | null
  ): CustomerProfile {
    const id = args.customerId;
    const asOf = args.key.asOf;
    const attributes = related.master ? this.masterAttributes(related.master, id) : null;
    const attr = (role: string) => attributes?.find((a) => a.role === role)?.value ?? null;
    const isTx = orders.kind === 'transactions';
    const repIndex = repDimensionIndex(orders.dimensions);
    const rep =
      isTx && repIndex >= 0
        ? selectValue(
            this.db,
            buildCustomerValueSql(orders.table, orders.dimensions[repIndex].name, id, asOf)
          )
        : null;
    const masterOwner = attr('owner');
    const owner =
      masterOwner !== null && String(masterOwner).trim() !== ''
        ? String(masterOwner)
        : rep === null
          ? null
          : String(rep);
    const c = detail.customer;
    const mixChoices = orders.dimensions.map((x) => x.header);
    let mix: CustomerProfile['mix'] = null;
    const chosen =
      orders.dimensions.find((x) => x.header === args.mixHeader) ??
      orders.dimensions[categoryDimensionIndex(orders.dimensions)];
    if (isTx && chosen) {
      const rows = selectRows(this.db, buildMixSql(orders.table, chosen.name, id, asOf)).map(
        ([value, amount]) => ({
          value: value === null ? null : String(value),
          amount: Number(amount)
        })
      );
      mix = { header: chosen.header, rows: mixShares(rows) };
    }
    const surveys: CustomerProfile['surveys'] = [];
    if (related.feedback) {
      const q = buildRelatedRowsSql(
        related.feedback.table,
        ['response_date', 'satisfaction', 'nps', 'comment'],
        id
      );
      for (const [date, csat, nps, comment] of selectRows(this.db, q)) {
        if (date !== null && String(date) > asOf) continue;
        surveys.push({
          date: date === null ? null : String(date),
          csat: csat === null ? null : Number(csat),
          nps: nps === null ? null : Number(nps),
          comment: comment === null ? null : String(comment),
          source: 'feedback'
        });
      }
    }
    if (isTx && (hasRole(orders, 'satisfaction') || hasRole(orders, 'nps'))) {
      const q = buildOrderSurveySql(orders.table, id, asOf, orders.hasOrderId);
      for (const [date, csat, nps] of selectRows(this.db, q))
        surveys.push({
          date: String(date),
          csat: csat === null ? null : Number(csat),
          nps: nps === null ? null : Number(nps),
          comment: null,
          source: 'orders'
        });
    }
    surveys.sort((a, b) => ((b.date ?? '') < (a.date ?? '') ? -1 : 1));
    let complaints: CustomerProfile['complaints'] = null;
    if (related.complaints) {
      const q = buildRelatedRowsSql(
        related.complaints.table,
        ['opened_date', 'complaint_type', 'status', 'resolved_date', 'comment'],
        id
      );
      complaints = [];
      for (const [opened, type, status, resolved, comment] of selectRows(this.db, q)) {
        if (opened === null || String(opened) > asOf) continue;
        const s = complaintState(
          String(opened),
          resolved === null ? null : String(resolved),
          asOf,
          args.complaintSlaDays
        );
        complaints.push({
          opened: String(opened),
          type: type === null ? null : String(type),
          status: s.state,
          statusText: status === null ? null : String(status),
          resolved: s.state === 'resolved' ? String(resolved) : null,
          days: s.days,
          comment: comment === null ? null : String(comment)
        });
      }
      // Newest first.
      complaints.sort((a, b) => (a.opened < b.opened ? 1 : a.opened > b.opened ? -1 : 0));
    }
    let receivables: CustomerProfile['receivables'] = null;
    if (related.receivables) {
      const q = buildRelatedRowsSql(
        related.receivables.table,
        ['invoice_no', 'due_date', 'amount', 'paid_date', 'paid_amount'],
        id
      );
      receivables = [];
      for (const [invoiceNo, due, amount, paidDate, paidAmount] of selectRows(this.db, q)) {
        if (due === null || amount === null) continue;
        const o = receivableOutstanding(
          {
            amount: Number(amount),
            paidAmount: paidAmount === null ? null : Number(paidAmount),
            paidDate: paidDate === null ? null : String(paidDate),
            dueDate: String(due)
          },
          asOf
        );
        receivables.push({
          invoiceNo: invoiceNo === null ? null : String(invoiceNo),
          dueDate: String(due),
          amount: Number(amount),
          ...o
        });
      }
    }
    let profit: CustomerProfile['profit'] = null;
    if (isTx && hasRole(orders, 'profit')) {
      const [p, revenue, n] = selectRows(this.db, buildProfitSql(orders.table, id, asOf))[0] ?? [];
      if (Number(n) > 0) {
        const rev = Number(revenue);
        profit = { profit: Number(p), revenue: rev, margin: rev > 0 ? Number(p) / rev : null };
      }
    }
    return {
      ...detail,
      customerId: id,
      attributes,
      name:
        c?.customerName ?? (attr('customer_name') === null ? null : String(attr('customer_name'))),
      owner,
      cls: classOf(c?.firstPurchase ?? null, asOf, args.lifecycle.newDays),
      stage: c ? lifecycleStage(c, args.lifecycle, asOf) : null,
      clv: clv ? { pAlive: clv.pAlive, expected90: clv.expected90, clv12: clv.clv12 } : null,
      monthly: monthlySpend(detail.orders, asOf),
      mix,
      mixChoices,
      surveys,
      complaints,
      receivables,
      profit
    };
  }

  /** Every column of the customer's first master row (row_no and customer_id left out). */
  private masterAttributes(master: DatasetInfo, id: string): ProfileAttribute[] | null {
    const cols = master.columns.filter((x) => x.name !== 'customer_id');
    const q = buildRelatedRowsSql(
      master.table,
      cols.map((x) => x.name),
      id
    );
    const row = selectRows(this.db, { sql: `${q.sql} LIMIT 1`, params: q.params })[0];
    if (!row) return null;
    return cols
      .map((x, i) => ({
        role: x.role,
        header: x.header,
        value: row[i] ?? null,
        type: x.type
      }))
      .filter((a) => a.header !== '' || a.value !== null);
  }
}
