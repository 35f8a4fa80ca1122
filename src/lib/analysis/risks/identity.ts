// Who a customer in a risk list is: name, owner (the master's owner, else their sales-rep value,
// DOMAIN §7c, §8) and region (the master's region column, else the orders' region-like dimension).

/** Name, owner and region of a customer, each null when unknown. */
export interface RiskCustomerInfo {
  customerId: string;
  name: string | null;
  owner: string | null;
  region: string | null;
}

/** Headers that name a region, strongest first (DOMAIN §1's region words). */
export const REGION_HEADERS = [
  /大区|区域|地区|region|territory/i,
  /省份|省|province|state/i,
  /城市|市|city|country/i
];

/** Index of the region-like column among `headers`, else −1. */
export function regionIndex(headers: readonly string[]): number {
  for (const pattern of REGION_HEADERS) {
    const i = headers.findIndex((h) => pattern.test(h));
    if (i >= 0) return i;
  }
  return -1;
}
