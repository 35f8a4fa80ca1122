// Requests and results of the Overview's headline (DOMAIN §5, §7a) crossing the worker boundary.
import type { DataFilter } from '$lib/analysis/data-filter';
import type { Headline } from '$lib/analysis/overview/headline';

/** What the headline names: dataset, as-of date, filter and the lapse days of "lapsed". */
export interface HeadlineArgs {
  datasetId: number;
  asOf: string;
  filter: DataFilter | null;
  lapseDays: number;
}

export interface HeadlineResult extends Headline {
  datasetId: number;
  asOf: string;
}
