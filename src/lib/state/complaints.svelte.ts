// The complaints view (DOMAIN §7b): which complaints dataset it reads (the workspace's latest), the
// SLA days (saved with the workspace) and the request that names the RFM key, the file and the SLA.
import { stateContext } from './context';
import { DEFAULT_SLA_DAYS } from '$lib/analysis/complaints';
import type { ComplaintsArgs, DbClient } from '$lib/db';
import type { Datasets } from './datasets.svelte';
import type { RfmState } from './rfm.svelte';
import { Query } from './query.svelte';

/** Longest SLA the field accepts (ten years): anything longer is a typing slip. */
export const MAX_SLA_DAYS = 3650;

/** True for an SLA the view can use: whole days, 0 … 3650. */
export function isValidSla(days: unknown): days is number {
  return Number.isInteger(days) && (days as number) >= 0 && (days as number) <= MAX_SLA_DAYS;
}

export class ComplaintsState {
  private readonly db: DbClient;
  private readonly datasets: Datasets;
  private readonly rfm: RfmState;

  /** `complaint_sla_days`: an open complaint older than this at the as-of date is overdue. */
  slaDays = $state(DEFAULT_SLA_DAYS);

  constructor(db: DbClient, datasets: Datasets, rfm: RfmState) {
    this.db = db;
    this.datasets = datasets;
    this.rfm = rfm;
  }

  /** The complaints the view reads: the workspace's latest complaints dataset. */
  readonly source = $derived.by(
    () => this.datasets.list.findLast((d) => d.kind === 'complaints') ?? null
  );

  readonly args = $derived.by((): ComplaintsArgs | null => {
    const key = this.rfm.key;
    const source = this.source;
    if (!key || !source || !isValidSla(this.slaDays)) return null;
    return { key, complaintsId: source.id, slaDays: this.slaDays };
  });

  readonly summary = new Query(
    () => this.args,
    (args) => this.db.call('complaints.summary', args),
    {
      scope: () => `${this.datasets.identity}|${this.source?.id}@${this.source?.importedAt}`,
      delayMs: 150
    }
  );

  /** Sets the SLA (a valid whole number of days; anything else is ignored). */
  setSla(days: number) {
    if (isValidSla(days)) this.slaDays = days;
  }
}

export const [getComplaints, setComplaints] = stateContext<ComplaintsState>('complaints');
