// Customer bases with spread-out values made by a rule (scoring and summary tests): customer i has
// recency (37·i) mod `recencyDays`, frequency 1 + (13·i) mod `frequencies`, monetary
// ((7919·i) mod `monetaryTenths`) / 10 and profit (31·i) mod 300 − 50; every `noPurchaseEvery`-th
// customer (from the first) has no purchase and monetary `noPurchaseMonetary`.
import type { CustomerBase } from '$lib/analysis';

export interface SpreadBase {
  customers: number;
  noPurchaseEvery: number;
  recencyDays: number;
  frequencies: number;
  monetaryTenths: number;
  noPurchaseMonetary: number;
}

export function spreadBase(o: SpreadBase): CustomerBase[] {
  return Array.from({ length: o.customers }, (_, i) => {
    const buys = i % o.noPurchaseEvery !== 0;
    return {
      customerId: `C${String(i).padStart(3, '0')}`,
      customerName: null,
      firstPurchase: buys ? '2023-01-01' : null,
      lastPurchase: buys ? '2024-01-01' : null,
      recencyDays: buys ? (i * 37) % o.recencyDays : null,
      frequency: buys ? 1 + ((i * 13) % o.frequencies) : 0,
      monetary: buys ? ((i * 7919) % o.monetaryTenths) / 10 : o.noPurchaseMonetary,
      profit: ((i * 31) % 300) - 50,
      dims: []
    };
  });
}
