// The worker's profit view (DOMAIN §7b): profit and revenue per customer from the orders of the
// request's key, grouped by the key's segments and tiers, the sales rep and a dimension, and the
// profit curve.
import type { Database } from 'sql.js';
import {
  buildCustomerProfitSql,
  buildDimensionProfitSql,
  curvePoints,
  groupProfit,
  hasProfitColumn,
  marginOf,
  profitCurve,
  type CustomerProfit,
  type ProfitGroup
} from '$lib/analysis/profit';
import { repDimensionIndex } from '$lib/analysis/scorecard-choices';
import { AppError } from '$lib/db/errors';
import type { DatasetInfo } from '$lib/db/protocol';
import type { ProfitArgs, ProfitSummary } from '$lib/db/complaints-profit-protocol';
import type { RfmService } from './rfm-service';
import { selectRows } from './sql-run';

/** Profit per customer of (table, as-of), with the count of rows without a profit value. */
export function loadCustomerProfit(
  db: Database,
  table: string,
  asOf: string
): { customers: CustomerProfit[]; rowsWithoutProfit: number } {
  let rowsWithoutProfit = 0;
  const customers = selectRows(db, buildCustomerProfitSql({ table, asOf })).map(
    ([id, name, revenue, profit, missing]): CustomerProfit => {
      rowsWithoutProfit += Number(missing);
      return {
        customerId: String(id),
        name: name === null ? null : String(name),
        revenue: Number(revenue),
        profit: Number(profit)
      };
    }
  );
  return { customers, rowsWithoutProfit };
}

export class ProfitService {
  constructor(
    private db: Database,
    private rfm: RfmService
  ) {}

  private byDimension(d: DatasetInfo, asOf: string, name: string): ProfitGroup[] {
    if (!d.dimensions.some((x) => x.name === name))
      throw new AppError('filter_unknown_column', { column: name, dataset: d.name });
    return selectRows(this.db, buildDimensionProfitSql({ table: d.table, asOf, dimension: name }))
      .map(([value, revenue, profit, customers]) => ({
        key: value === null ? null : String(value),
        customers: Number(customers),
        revenue: Number(revenue),
        profit: Number(profit),
        margin: marginOf(Number(profit), Number(revenue)),
        lossCustomers: null
      }))
      .sort((a, b) => b.profit - a.profit);
  }

  summary(d: DatasetInfo, args: ProfitArgs): ProfitSummary {
    const { key } = args;
    const empty: ProfitSummary = {
      datasetId: d.id,
      asOf: key.asOf,
      hasProfit: false,
      customers: 0,
      revenue: 0,
      profit: 0,
      margin: null,
      rowsWithoutProfit: 0,
      curve: [],
      peak: { customers: 0, profit: 0 },
      losses: [],
      top: [],
      bySegment: [],
      byTier: [],
      byOwner: null,
      ownerHeader: null,
      byDimension: null,
      dimension: args.dimension
    };
    if (!hasProfitColumn(d)) return empty;
    const { customers, rowsWithoutProfit } = loadCustomerProfit(this.db, d.table, key.asOf);
    const scored = new Map(this.rfm.scoredWithDims(d, key).map((c) => [c.customerId, c]));
    const curve = profitCurve(customers);
    const revenue = customers.reduce((s, c) => s + c.revenue, 0);
    const rep = repDimensionIndex(d.dimensions);
    const top = customers
      .filter((c) => c.profit > 0)
      .sort((a, b) => b.profit - a.profit)
      .slice(0, 20);
    return {
      ...empty,
      hasProfit: true,
      customers: customers.length,
      revenue,
      profit: curve.total,
      margin: marginOf(curve.total, revenue),
      rowsWithoutProfit,
      curve: curvePoints(curve.cumulative, curve.peak.customers),
      peak: curve.peak,
      losses: curve.losses,
      top,
      // Customers without a positive order are not scored: their own group (null).
      bySegment: groupProfit(customers, (c) => scored.get(c.customerId)?.segment ?? null),
      byTier: groupProfit(customers, (c) => scored.get(c.customerId)?.abc ?? null),
      byOwner: rep >= 0 ? this.byDimension(d, key.asOf, d.dimensions[rep].name) : null,
      ownerHeader: rep >= 0 ? d.dimensions[rep].header : null,
      byDimension: args.dimension ? this.byDimension(d, key.asOf, args.dimension) : null
    };
  }
}
