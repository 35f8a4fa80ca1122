// The relationship of the active orders with the customer master (DOMAIN §7b): the grouping and
// class chosen, the request they name (as-of date, lifecycle's new days, filter), the list and its
// exports; and each customer's profile request (the related files, settings and model in force).
import { stateContext } from './context';
import type { ClassGrouping, CustomerClass } from '$lib/analysis/relationship';
import type {
  CustomerProfile,
  DbClient,
  ProfileArgs,
  RelatedIds,
  RelationshipArgs,
  RelationshipListArgs,
  RelationshipRow
} from '$lib/db';
import type { Datasets } from './datasets.svelte';
import type { RfmState } from './rfm.svelte';
import type { ClvState } from './clv.svelte';
import type { TimeState } from './time.svelte';
import type { ComplaintsState } from './complaints.svelte';
import { Action, Query, type PageSource } from './query.svelte';

export class RelationshipState {
  private readonly db: DbClient;
  private readonly datasets: Datasets;
  private readonly rfm: RfmState;
  private readonly clv: ClvState;
  private readonly time: TimeState;
  private readonly complaints: ComplaintsState;

  constructor(
    db: DbClient,
    datasets: Datasets,
    rfm: RfmState,
    clv: ClvState,
    time: TimeState,
    complaints: ComplaintsState
  ) {
    this.complaints = complaints;
    this.db = db;
    this.datasets = datasets;
    this.rfm = rfm;
    this.clv = clv;
    this.time = time;
  }

  /** What the counts group by. */
  grouping = $state<ClassGrouping>({ by: 'owner' });
  /** The list's class (null: every class) and group (null: every group). */
  listClass = $state<CustomerClass | null>(null);
  listGroup = $state<{ value: string | null } | null>(null);
  /** The dimension the profile's product mix is by (null: the category-like one). */
  mixHeader = $state<string | null>(null);
  /** Days after which an open complaint is overdue (DOMAIN §7b): the Complaints view's, saved. */
  readonly complaintSlaDays = $derived.by(() => this.complaints.slaDays);

  /** The orders the view reads: the active dataset when it holds orders. */
  readonly orders = $derived.by(() =>
    this.datasets.active?.kind === 'transactions' ? this.datasets.active : null
  );
  /** The customer master: the workspace's latest customers dataset (not the one analysed). */
  readonly master = $derived.by(() => {
    const m = this.datasets.related('customers');
    return m && m.id !== this.datasets.active?.id ? m : null;
  });
  /** The related files a profile reads (each the latest of its kind). */
  readonly related: RelatedIds = $derived.by(() => ({
    masterId: this.master?.id ?? null,
    feedbackId: this.datasets.related('feedback')?.id ?? null,
    complaintsId: this.datasets.related('complaints')?.id ?? null,
    receivablesId: this.datasets.related('receivables')?.id ?? null
  }));

  readonly args: RelationshipArgs | null = $derived.by(() => {
    const orders = this.orders;
    const asOf = this.rfm.asOf;
    if (!orders || !asOf) return null;
    return {
      ordersId: orders.id,
      masterId: this.master?.id ?? null,
      asOf,
      filter: this.rfm.filter.current,
      newDays: this.time.thresholds.newDays,
      grouping: $state.snapshot(this.grouping) as ClassGrouping
    };
  });

  readonly summary = new Query(
    () => this.args,
    (args) => this.db.call('relationship.summary', args),
    { scope: () => [this.datasets.identity, this.master?.importedAt] }
  );
  readonly exporting = new Action();

  private listArgs(): RelationshipListArgs | null {
    const args = this.args;
    if (!args) return null;
    return { ...args, cls: this.listClass, group: $state.snapshot(this.listGroup) };
  }

  /** The customers of the class and group chosen, for a virtual table. */
  list(): PageSource<RelationshipRow> | null {
    const args = this.listArgs();
    if (!args) return null;
    return {
      key: JSON.stringify([this.datasets.identity, this.master?.importedAt, args]),
      load: (offset, limit) => this.db.call('relationship.customers', { ...args, offset, limit })
    };
  }

  /** The list with the master's columns (undefined when it failed; see `exporting`). */
  exportList(format: 'csv' | 'xlsx', locale: 'en' | 'zh-CN'): Promise<Blob | undefined> {
    const args = this.listArgs();
    if (!args) return Promise.resolve(undefined);
    return this.exporting.run(() =>
      this.db.call('relationship.export', { ...args, format, locale })
    );
  }

  /** Shows one class (and group) in the list. */
  showList(cls: CustomerClass | null, group: { value: string | null } | null = null) {
    this.listClass = cls;
    this.listGroup = group;
  }

  /** One customer's profile, from one request. */
  profile(customerId: () => string | null): Query<ProfileArgs, CustomerProfile> {
    return new Query(
      () => {
        const id = customerId();
        const key = this.rfm.key;
        if (!key || id === null) return null;
        return {
          key,
          customerId: id,
          related: this.related,
          lifecycle: $state.snapshot(this.time.thresholds),
          model: this.clv.model,
          complaintSlaDays: this.complaintSlaDays,
          mixHeader: this.mixHeader
        };
      },
      (args) => this.db.call('customer.profile', args),
      {
        scope: () => [
          this.datasets.identity,
          ...this.datasets.list.filter((d) => d.kind !== 'transactions').map((d) => d.importedAt)
        ]
      }
    );
  }
}

export const [getRelationship, setRelationship] = stateContext<RelationshipState>('relationship');
