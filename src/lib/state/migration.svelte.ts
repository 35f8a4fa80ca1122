// Segment migration of the active dataset: the two as-of dates (defaulted from the analysis in
// force), the grouping, the flows between them and a flow's customers.
import { stateContext } from './context';
import type { MigrationFlow, MigrationGrouping } from '$lib/analysis/migration';
import type { DbClient, MigrationArgs } from '$lib/db';
import { checkDates, defaultDates } from '$lib/analysis/migration-dates';
import type { Datasets } from './datasets.svelte';
import type { RfmState } from './rfm.svelte';
import { Query } from './query.svelte';

export class MigrationState {
  private readonly db: DbClient;
  private readonly datasets: Datasets;
  private readonly rfm: RfmState;

  constructor(db: DbClient, datasets: Datasets, rfm: RfmState) {
    this.db = db;
    this.datasets = datasets;
    this.rfm = rfm;
  }

  grouping = $state<MigrationGrouping>('segment');
  /** The flow whose customers are listed. */
  selected = $state.raw<MigrationFlow | null>(null);
  /** Dates the user typed, for the dataset and as-of they were typed at. */
  #chosen = $state.raw<{ for: string; a: string; b: string } | null>(null);

  /** The first date the (filtered) rows can have: the data's, or a later start of the filter. */
  readonly #first = $derived.by(() => {
    const first = this.datasets.active?.dateFrom ?? '';
    const from = this.rfm.filter.current?.from ?? '';
    return from > first ? from : first;
  });

  /** Where the dates were defaulted from: B = the analysis as-of, A = 180 days before. */
  readonly #defaults = $derived.by(() => {
    const d = this.datasets.active;
    const asOf = this.rfm.asOf;
    if (!d || !asOf) return null;
    return { for: `${d.id}|${asOf}|${this.#first}`, ...defaultDates(asOf, this.#first || null) };
  });
  readonly asOfA = $derived(this.#pick('a'));
  readonly asOfB = $derived(this.#pick('b'));
  /** The dates allowed: from the first date in the data to the default as-of. */
  readonly bounds = $derived.by(() => ({
    first: this.#first,
    limit: this.rfm.filter.defaultAsOf ?? ''
  }));
  readonly problem = $derived(
    this.bounds.first && this.bounds.limit
      ? checkDates(this.asOfA, this.asOfB, this.bounds.first, this.bounds.limit)
      : 'missing'
  );
  readonly isTransactions = $derived.by(() => this.datasets.active?.kind === 'transactions');

  /** The arguments naming the migration in force, or null when the dates do not allow one. */
  readonly args: MigrationArgs | null = $derived.by(() => {
    const d = this.datasets.active;
    const key = this.rfm.key;
    if (!d || !key || !this.isTransactions || this.problem !== null) return null;
    const { scoring, rules, quadrantSplit } = key;
    return {
      datasetId: d.id,
      filter: key.filter,
      scoring: { scoring, rules, quadrantSplit },
      asOfA: this.asOfA,
      asOfB: this.asOfB,
      grouping: this.grouping
    };
  });

  readonly flows = new Query(
    () => this.args,
    async (args) => {
      const result = await this.db.call('migration.flows', args);
      // Keep the chosen flow when it still exists.
      const kept = result.flows.find(
        (f) => f.from === this.selected?.from && f.to === this.selected?.to
      );
      this.selected = kept ?? null;
      return { ...result, args };
    },
    { scope: () => this.datasets.identity, delayMs: 150 }
  );

  #pick(which: 'a' | 'b'): string {
    const defaults = this.#defaults;
    if (!defaults) return '';
    return this.#chosen?.for === defaults.for ? this.#chosen[which] : defaults[which];
  }

  /** Sets one of the dates (the other keeps its value). */
  setDate(which: 'a' | 'b', value: string) {
    const defaults = this.#defaults;
    if (!defaults) return;
    const a = which === 'a' ? value : this.asOfA;
    const b = which === 'b' ? value : this.asOfB;
    this.#chosen = { for: defaults.for, a, b };
  }

  /** The customers of a flow of the migration `args` names. */
  flowCustomers(args: () => (MigrationArgs & { from: string; to: string }) | null) {
    return new Query(args, (a) => this.db.call('migration.customers', a), {
      scope: () => this.datasets.identity
    });
  }
}

export const [getMigration, setMigration] = stateContext<MigrationState>('migration');
