// Names, owners and regions of a few customers (a top list), read per customer through the
// orders' (customer_id, order_date) index: the value on most of their rows (DOMAIN §8).
import type { Database } from 'sql.js';
import { customerPlace, placeColumns, type CustomerPlace } from '$lib/analysis/customer-place';
import { buildCustomerValueSql } from '$lib/analysis/profile';
import type { DatasetInfo } from '$lib/db/protocol';
import { selectValue } from './sql-run';

/** A customer's name, owner and region. */
export interface NamedPlace extends CustomerPlace {
  customerName: string | null;
}

/** The name, owner and region of each of `ids` from the rows of `d` up to `asOf`. */
export function namedPlaces(
  db: Database,
  d: DatasetInfo,
  ids: readonly string[],
  asOf: string
): Map<string, NamedPlace> {
  const columns = placeColumns(d.dimensions);
  const valueOf = (column: string, id: string) => {
    const v = selectValue(db, buildCustomerValueSql(d.table, column, id, asOf));
    return v === null || v === undefined ? null : String(v);
  };
  const out = new Map<string, NamedPlace>();
  for (const id of ids) {
    if (out.has(id)) continue;
    const dims = d.dimensions.map((x, i) =>
      i === columns.rep || i === columns.region ? valueOf(x.name, id) : null
    );
    out.set(id, { customerName: valueOf('customer_name', id), ...customerPlace(dims, columns) });
  }
  return out;
}
