// The worker's two-way tables: the RFM service's scored customers (with their DOMAIN §8 dimension
// values) and, when both axes are dimensions of a transactions table, revenue summed row by row.
import type { Database } from 'sql.js';
import { buildCrossRevenueSql, buildCrosstab, type Crosstab } from '$lib/analysis/crosstab';
import type { DatasetInfo } from '$lib/db/protocol';
import type { CrosstabArgs } from '$lib/db/breakdown-protocol';
import type { RfmService } from './rfm-service';
import { selectRows } from './sql-run';

/** The two-way table `args` asks for, over dataset `d` (already filtered by the session). */
export function crosstab(
  db: Database,
  d: DatasetInfo,
  rfm: RfmService,
  args: CrosstabArgs
): Crosstab {
  const { key, rows, cols } = args;
  for (const axis of [rows, cols]) {
    if (axis.kind === 'dim' && !d.dimensions[axis.index])
      throw new Error(`no dimension ${axis.index}`);
  }
  const customers = rfm.scoredWithDims(d, key);
  const revenueRows =
    d.kind === 'transactions' && rows.kind === 'dim' && cols.kind === 'dim'
      ? selectRows(
          db,
          buildCrossRevenueSql(
            d.table,
            d.dimensions[rows.index].name,
            d.dimensions[cols.index].name,
            key.asOf
          )
        )
      : null;
  return buildCrosstab({
    customers,
    rows,
    cols,
    headers: d.dimensions.map((x) => x.header),
    rules: key.rules,
    top: args.top,
    lifecycle: { thresholds: args.lifecycle, asOf: key.asOf },
    revenueRows
  });
}
