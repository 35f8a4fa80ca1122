// Who looks after a customer and where they are, for every customer list: owner = the master's
// owner, else the customer's sales-rep dimension value; region = their region-like dimension value
// (a customer's dimension value is the one on most of their rows, DOMAIN §7c, §8).
import { repDimensionIndex } from './scorecard-choices';

/** Headers that name where a customer is, broadest useful first. */
const REGION_HEADERS = [
  /区域|地区|大区|片区|\bregion\b|territory/i,
  /省份|省|\bprovince\b|\bstate\b/i,
  /城市|\bcity\b|国家|\bcountry\b/i
];

/** Index of the region-like dimension, else −1. */
export function regionDimensionIndex(dimensions: readonly { header: string }[]): number {
  for (const pattern of REGION_HEADERS) {
    const i = dimensions.findIndex((d) => pattern.test(d.header));
    if (i >= 0) return i;
  }
  return -1;
}

/** Where a dataset keeps the owner and the region among its dimensions (−1: none). */
export interface PlaceColumns {
  rep: number;
  region: number;
}

/** The owner (sales-rep) and region dimensions of a dataset. */
export function placeColumns(dimensions: readonly { header: string }[]): PlaceColumns {
  return { rep: repDimensionIndex(dimensions), region: regionDimensionIndex(dimensions) };
}

/** A customer's owner and region; null: not known. */
export interface CustomerPlace {
  owner: string | null;
  region: string | null;
}

const nonEmpty = (v: string | null | undefined) =>
  v === null || v === undefined || v.trim() === '' ? null : v;

/**
 * A customer's owner and region from their dimension values (`dims`, in the dataset's dimension
 * order): the master's owner when given and not blank, else the sales-rep value.
 */
export function customerPlace(
  dims: readonly (string | null)[] | undefined,
  columns: PlaceColumns,
  masterOwner: string | null = null
): CustomerPlace {
  const at = (i: number) => (i >= 0 ? nonEmpty(dims?.[i]) : null);
  return { owner: nonEmpty(masterOwner) ?? at(columns.rep), region: at(columns.region) };
}
