// The Risks view (DOMAIN §7c, issue 13): one key — the orders' RFM analysis, the fitted model when
// any, the master and receivables files, the lifecycle's lapse days — for the summary, the lists and
// "if these customers stop buying".
import { DEFAULT_RHYTHM_FACTOR } from '$lib/analysis/rules/rhythm';
import type { DbClient, RisksArgs } from '$lib/db';
import { stateContext } from './context';
import type { Datasets } from './datasets.svelte';
import type { RfmState } from './rfm.svelte';
import type { ClvState } from './clv.svelte';
import type { TimeState } from './time.svelte';
import type { TargetsState } from './targets.svelte';
import { OVERVIEW_CARD_DELAY_MS, Query } from './query.svelte';

/** How many of the biggest customers "if these customers stop buying" starts with. */
export const DEFAULT_TOP_N = 10;

export class RisksState {
  /** "Top N" or the customers the user named (ids). */
  topN = $state(DEFAULT_TOP_N);
  chosen = $state<string[] | null>(null);

  constructor(
    private db: DbClient,
    private datasets: Datasets,
    private rfm: RfmState,
    private clv: ClvState,
    private time: TimeState,
    private targets: TargetsState
  ) {}

  /** The key of every Risks request; null without orders. */
  readonly args: RisksArgs | null = $derived.by(() => {
    const key = this.rfm.key;
    if (!key || this.datasets.active?.kind !== 'transactions') return null;
    const master = this.datasets.related('customers');
    return {
      key,
      model: this.clv.model,
      masterId: master && master.id !== this.datasets.active.id ? master.id : null,
      receivablesId: this.datasets.related('receivables')?.id ?? null,
      lapseDays: this.time.thresholds.lapseDays,
      rhythmFactor: DEFAULT_RHYTHM_FACTOR
    };
  });

  /**
   * The summary alone: counts and value at stake per kind (the Overview reads this, a moment after
   * it is drawn, like the top of the call list).
   */
  readonly summary = new Query(
    () => this.args,
    (args) => this.db.call('risks.summary', args),
    { scope: () => this.datasets.identity, delayMs: OVERVIEW_CARD_DELAY_MS }
  );

  /** Every list and the summary. */
  readonly view = new Query(
    () => this.args,
    (args) => this.db.call('risks.view', args),
    { scope: () => this.datasets.identity }
  );

  readonly dependence = new Query(
    () =>
      this.args
        ? {
            ...this.args,
            topN: Math.max(0, Math.round(this.topN) || 0),
            customers: this.chosen,
            // The attainment as the Targets view shows it (its dimension, grain and period).
            targets: this.targets.targets
              ? {
                  targetsId: this.targets.targets.id,
                  dimension: this.targets.dimension,
                  grain: this.targets.grain,
                  period: this.targets.period
                }
              : null
          }
        : null,
    (args) => this.db.call('risks.dependence', args),
    { scope: () => this.datasets.identity }
  );
}

export const [getRisks, setRisks] = stateContext<RisksState>('risks');
