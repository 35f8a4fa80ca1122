// The worker's complaints view (DOMAIN §7b): the complaints table read per request, joined to the
// orders' purchase days and to the RFM analysis of the request's own key (segments, tiers, owners).
import type { Database } from 'sql.js';
import {
  buildComplaintPurchasesSql,
  buildComplaintRowsSql,
  summarizeComplaints,
  toComplaintRows,
  toPurchaseDays,
  type ComplaintCustomer
} from '$lib/analysis/complaints';
import { repDimensionIndex } from '$lib/analysis/scorecard-choices';
import { AppError } from '$lib/db/errors';
import type { DatasetInfo } from '$lib/db/protocol';
import type { ComplaintsArgs, ComplaintsSummary } from '$lib/db/complaints-profit-protocol';
import type { RfmService } from './rfm-service';
import { selectRows } from './sql-run';

export class ComplaintsService {
  constructor(
    private db: Database,
    private rfm: RfmService
  ) {}

  /** The complaints of `complaints` at the key's as-of date, against the orders of `d`. */
  summary(d: DatasetInfo, complaints: DatasetInfo, args: ComplaintsArgs): ComplaintsSummary {
    if (complaints.kind !== 'complaints')
      throw new AppError('internal', { message: 'not complaints' });
    if (!Number.isInteger(args.slaDays) || args.slaDays < 0)
      throw new RangeError(`SLA days must be a whole number ≥ 0, got ${args.slaDays}`);
    const { key } = args;
    const rows = toComplaintRows(selectRows(this.db, buildComplaintRowsSql(complaints.table)));
    const purchaseDays =
      d.kind === 'transactions'
        ? toPurchaseDays(
            selectRows(
              this.db,
              buildComplaintPurchasesSql({
                orders: d.table,
                complaints: complaints.table,
                asOf: key.asOf,
                hasOrderId: d.hasOrderId
              })
            )
          )
        : new Map<string, string[]>();
    const rep = repDimensionIndex(d.dimensions);
    const customers = new Map<string, ComplaintCustomer>();
    const named = new Set(rows.map((r) => r.customerId));
    for (const c of this.rfm.scoredWithDims(d, key)) {
      if (!named.has(c.customerId)) continue;
      customers.set(c.customerId, {
        name: c.customerName,
        segment: c.segment,
        abc: c.abc,
        owner: rep >= 0 ? (c.dims[rep] ?? null) : null
      });
    }
    const result = summarizeComplaints({
      complaints: rows,
      asOf: key.asOf,
      slaDays: args.slaDays,
      purchaseDays,
      customers
    });
    return {
      ...result,
      datasetId: d.id,
      complaintsId: complaints.id,
      asOf: key.asOf,
      slaDays: args.slaDays,
      ownerFallback: rep >= 0 ? d.dimensions[rep].header : null
    };
  }
}
