// Open or overdue complaints per customer at the as-of date (DOMAIN §7b, §7c), by the one rule.
import type { ComplaintRow } from '../complaints';
import { complaintState } from '../profile';

/** A customer's complaints not resolved by the as-of date. */
export interface OpenComplaints {
  open: number;
  /** Of those, open longer than the SLA. */
  overdue: number;
  /** Days the oldest of them has been open. */
  daysOpen: number;
}

/** Customers with at least one complaint opened by the as-of date and not resolved by it. */
export function openComplaintsByCustomer(
  rows: readonly Pick<ComplaintRow, 'customerId' | 'opened' | 'resolved'>[],
  asOf: string,
  slaDays: number
): Map<string, OpenComplaints> {
  const out = new Map<string, OpenComplaints>();
  for (const r of rows) {
    if (r.opened > asOf) continue;
    const { state, days } = complaintState(r.opened, r.resolved, asOf, slaDays);
    if (state === 'resolved') continue;
    const c = out.get(r.customerId) ?? { open: 0, overdue: 0, daysOpen: 0 };
    c.open++;
    if (state === 'overdue') c.overdue++;
    c.daysOpen = Math.max(c.daysOpen, days);
    out.set(r.customerId, c);
  }
  return out;
}
