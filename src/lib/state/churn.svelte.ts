// The churn-risk lists of the active dataset (DOMAIN §5–6), keyed by the RFM analysis and the
// fitted model they join on, and their exports.
import { stateContext } from './context';
import type { ChurnKind, DbClient } from '$lib/db';
import type { Datasets } from './datasets.svelte';
import type { RfmState } from './rfm.svelte';
import type { ClvState } from './clv.svelte';
import { Action, Query } from './query.svelte';

export class ChurnState {
  private readonly db: DbClient;
  private readonly datasets: Datasets;
  private readonly rfm: RfmState;
  private readonly clv: ClvState;

  constructor(db: DbClient, datasets: Datasets, rfm: RfmState, clv: ClvState) {
    this.db = db;
    this.datasets = datasets;
    this.rfm = rfm;
    this.clv = clv;
  }

  /** What the lists are asked with (null: no analysis of orders open). */
  get listsArgs() {
    return this.rfm.key && this.datasets.active?.kind === 'transactions'
      ? { rfm: this.rfm.key, model: this.clv.model }
      : null;
  }

  /** All four lists; the model lists are null until the model is fitted. */
  readonly lists = new Query(
    () => this.listsArgs,
    (args) => this.db.call('churn.lists', args),
    { scope: () => this.datasets.identity }
  );
  readonly exporting = new Action();

  /** One list as CSV or XLSX (undefined when it failed; see `exporting`). */
  exportList(kind: ChurnKind, format: 'csv' | 'xlsx', locale: 'en' | 'zh-CN') {
    const rfm = this.rfm.key;
    if (!rfm) return Promise.resolve(undefined);
    const model = this.clv.model;
    return this.exporting.run(() =>
      this.db.call('churn.export', { rfm, model, kind, format, locale })
    );
  }
}

export const [getChurn, setChurn] = stateContext<ChurnState>('churn');
