// This week's call list (DOMAIN §7c): the key it is built on (RFM analysis, fitted model, related
// files, thresholds), the owner/reason/tier chosen, the handled marks and playbooks saved with the
// workspace, the top of the list for the Overview, and the exports.
import { stateContext } from './context';
import type { AbcTier } from '$lib/analysis';
import { DEFAULT_RHYTHM_FACTOR } from '$lib/analysis/rules/rhythm';
import { DEFAULT_SECOND_ORDER_DAYS } from '$lib/analysis/rules/second-order';
import { isHandled, setHandled, type HandledMarks } from '$lib/analysis/rules/handled';
import {
  setPlaybookAction,
  type PlaybookLocale,
  type Playbooks
} from '$lib/analysis/rules/playbooks';
import type { ReasonCode } from '$lib/analysis/rules/reasons';
import type { CallRow, CallsKey, CallsView, DbClient } from '$lib/db';
import type { Datasets } from './datasets.svelte';
import type { RfmState } from './rfm.svelte';
import type { ClvState } from './clv.svelte';
import type { TimeState } from './time.svelte';
import type { ComplaintsState } from './complaints.svelte';
import { Action, OVERVIEW_CARD_DELAY_MS, Query } from './query.svelte';

/** Rows of the top of the list (the Overview's). */
export const TOP_CALLS = 10;
/** Rows the view renders at once (the export has them all). */
export const SHOWN_CALLS = 5000;

const ALL: CallsView = { owner: null, reason: null, tier: null };

export class CallsState {
  /** Customer id → reason codes when marked handled (saved with the workspace). */
  handled = $state<HandledMarks>({});
  /** The user's recommended actions over the defaults (saved with the workspace). */
  playbooks = $state<Playbooks>({});
  /** The view's filters. */
  owner = $state<{ value: string | null } | null>(null);
  reason = $state<ReasonCode | null>(null);
  tier = $state<AbcTier | null>(null);

  constructor(
    private db: DbClient,
    private datasets: Datasets,
    private rfm: RfmState,
    private clv: ClvState,
    private time: TimeState,
    private complaints: ComplaintsState
  ) {}

  /** The master: the workspace's latest customers dataset, unless it is the one analysed. */
  private readonly masterId = $derived.by(() => {
    const m = this.datasets.related('customers');
    return m && m.id !== this.datasets.active?.id ? m.id : null;
  });

  /** What decides the list (null: nothing to ask — no transactions analysed yet). */
  readonly key: CallsKey | null = $derived.by(() => {
    const rfm = this.rfm.key;
    if (!rfm || this.datasets.active?.kind !== 'transactions') return null;
    return {
      rfm,
      model: this.clv.model,
      related: {
        masterId: this.masterId,
        feedbackId: this.datasets.related('feedback')?.id ?? null,
        complaintsId: this.datasets.related('complaints')?.id ?? null,
        receivablesId: this.datasets.related('receivables')?.id ?? null
      },
      lifecycle: this.time.thresholds,
      slaDays: this.complaints.slaDays,
      rhythmFactor: DEFAULT_RHYTHM_FACTOR,
      secondOrderDays: DEFAULT_SECOND_ORDER_DAYS
    };
  });

  /** What the related files are now (a file imported again asks again). */
  private scope = () => [
    this.datasets.identity,
    ...['customers', 'feedback', 'complaints', 'receivables'].map(
      (k) => this.datasets.related(k as 'customers')?.importedAt
    )
  ];

  readonly view: CallsView = $derived({ owner: this.owner, reason: this.reason, tier: this.tier });

  /** The rows of the chosen owner, reason and tier (at most {@link SHOWN_CALLS}) and the totals. */
  readonly list = new Query(
    () => (this.key ? { ...this.key, view: this.view, limit: SHOWN_CALLS } : null),
    (args) => this.db.call('calls.list', args),
    { scope: this.scope }
  );

  /**
   * The top {@link TOP_CALLS} rows of the whole list and its totals (for the Overview). It asks a
   * moment after the Overview is drawn ({@link OVERVIEW_CARD_DELAY_MS}): a manager who moves on at
   * once (to the import report, another view) does not wait behind every rule over every order.
   */
  readonly top = new Query(
    () => (this.key ? { ...this.key, view: ALL, limit: TOP_CALLS } : null),
    (args) => this.db.call('calls.list', args),
    { scope: this.scope, delayMs: OVERVIEW_CARD_DELAY_MS }
  );

  readonly exporting = new Action();

  /** True when the row is marked and no reason has appeared since. */
  isHandled(row: Pick<CallRow, 'customerId' | 'codes'>): boolean {
    return isHandled(this.handled, row.customerId, row.codes);
  }

  /** Marks or unmarks a row (with the reasons it has now). */
  setHandled(row: Pick<CallRow, 'customerId' | 'codes'>, handled: boolean) {
    this.handled = setHandled(this.handled, row.customerId, row.codes, handled);
  }

  /** Sets one playbook entry's text (its default text again drops the override). */
  setAction(key: string, text: string, locale: PlaybookLocale) {
    this.playbooks = setPlaybookAction(this.playbooks, key, text, locale);
  }

  /** Every entry back to its default. */
  resetPlaybooks() {
    this.playbooks = {};
  }

  /**
   * The chosen owner's rows as CSV or XLSX, or (`perOwner`) one workbook with a sheet per owner of
   * the rows the reason and tier keep; undefined when it failed (see `exporting`).
   */
  exportList(format: 'csv' | 'xlsx', perOwner: boolean, locale: 'en' | 'zh-CN') {
    const key = this.key;
    if (!key) return Promise.resolve(undefined);
    const view = perOwner ? { ...this.view, owner: null } : this.view;
    const args = {
      ...$state.snapshot(key),
      view: $state.snapshot(view),
      format,
      perOwner,
      locale,
      playbooks: $state.snapshot(this.playbooks),
      handled: $state.snapshot(this.handled)
    };
    return this.exporting.run(() => this.db.call('calls.export', args as typeof args & CallsKey));
  }
}

export const [getCalls, setCalls] = stateContext<CallsState>('calls');
