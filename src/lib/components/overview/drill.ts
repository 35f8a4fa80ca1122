// Drill-down from a summary view to the customer list, filtered to one group.
import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import type { CustomerFilter } from '$lib/analysis';
import type { RfmState } from '$lib/state/rfm.svelte';

/** Shows the customers matching `filter` on the customer list, with `label` as its caption. */
export function drillToCustomers(rfm: RfmState, filter: CustomerFilter, label: string): void {
  rfm.drill = { filter, label };
  void goto(resolve('/customers'));
}
