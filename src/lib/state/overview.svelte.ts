// The Overview of the active dataset ("what needs attention"): the headline against earlier windows,
// the lists compared with the last visit's snapshot, and the report's section choice. The snapshot
// and the choice are saved with the workspace (SavedSettings fields `snapshot` and `report`).
import { stateContext } from './context';
import type { DbClient } from '$lib/db';
import { today } from '$lib/analysis/dates';
import {
  diffSnapshot,
  parseSnapshot,
  SNAPSHOT_MAX_IDS,
  takeSnapshot,
  type CurrentLists,
  type SnapshotDiff,
  type VisitSnapshot
} from '$lib/analysis/overview/snapshot';
import {
  defaultReportChoice,
  parseReportChoice,
  toggleSection,
  type ReportChoice,
  type ReportSection
} from '$lib/report/sections';
import type { Datasets } from './datasets.svelte';
import type { RfmState } from './rfm.svelte';
import type { TimeState } from './time.svelte';
import type { ChurnState } from './churn.svelte';
import { OVERVIEW_CARD_DELAY_MS, Query } from './query.svelte';

/** The segment whose members the snapshot keeps (the rule table's first, DOMAIN §3). */
const CHAMPIONS = 'Champions';

export class OverviewState {
  constructor(
    private db: DbClient,
    private datasets: Datasets,
    private rfm: RfmState,
    private time: TimeState,
    /** The churn lists (spend drops; probably-lapsed tier A once the model is fitted). */
    readonly churn: ChurnState
  ) {}

  /** The last 90 days against the 90 before and the same days a year earlier. */
  readonly headline = new Query(
    () => {
      const key = this.rfm.key;
      if (!key || this.datasets.active?.kind !== 'transactions') return null;
      const { datasetId, asOf, filter } = key;
      return { datasetId, asOf, filter, lapseDays: this.time.thresholds.lapseDays };
    },
    (args) => this.db.call('overview.headline', args),
    { scope: () => this.datasets.identity }
  );

  /** The Champions, largest spend first (their ids go into the snapshot). */
  readonly champions = new Query(
    () =>
      this.rfm.key
        ? {
            key: this.rfm.key,
            filter: { segment: CHAMPIONS },
            sort: { key: 'monetary' as const, desc: true },
            offset: 0,
            limit: SNAPSHOT_MAX_IDS
          }
        : null,
    (args) => this.db.call('rfm.customers', args),
    { scope: () => this.datasets.identity, delayMs: OVERVIEW_CARD_DELAY_MS }
  );

  /**
   * The churn lists for the card and the snapshot: asked a moment after the Overview is drawn and
   * not at all when the user moves on (they score and place every customer: seconds at 1M orders,
   * which the view the user opens next would wait behind).
   */
  readonly churnLists = new Query(
    () => this.churn.listsArgs,
    (args) => this.db.call('churn.lists', args),
    { scope: () => this.datasets.identity, delayMs: OVERVIEW_CARD_DELAY_MS }
  );

  /** The lists as they are now; null while any of them is still loading. */
  readonly lists: CurrentLists | null = $derived.by(() => {
    const churn = this.churnLists.data;
    const champions = this.champions.data;
    if (!churn || !champions || this.churnLists.isLoading || this.champions.isLoading) return null;
    return {
      champions: champions.rows.map((c) => c.customerId),
      spendDrop: churn.spendDrop?.rows.map((r) => r.customerId) ?? null,
      cannotLose: churn.cannotLose?.rows.map((r) => r.customerId) ?? null
    };
  });

  /** The snapshot the last visit left (null: none yet, a first visit). */
  baseline = $state.raw<VisitSnapshot | null>(null);
  /** This visit's snapshot, saved with the workspace when the user leaves (not tracked on purpose). */
  #taken: VisitSnapshot | null = null;

  /** What changed since the last visit; null on a first visit. */
  readonly diff: SnapshotDiff | null = $derived.by(() =>
    this.lists ? diffSnapshot(this.baseline, this.lists) : null
  );

  /** The report's section choice. */
  report = $state<ReportChoice>(defaultReportChoice());

  /** Takes this visit's snapshot of the lists now shown (replacing one taken earlier this visit). */
  noteLists(lists: CurrentLists) {
    this.#taken = takeSnapshot(lists, today());
  }

  /** The snapshot to save with the workspace: this visit's, else the one the visit started with. */
  snapshotToSave(): VisitSnapshot | undefined {
    return this.#taken ?? this.baseline ?? undefined;
  }

  /** A workspace was opened: its saved snapshot and report choice (bad or old JSON: defaults). */
  restore(saved: { snapshot?: unknown; report?: unknown }) {
    this.baseline = parseSnapshot(saved.snapshot);
    this.#taken = null;
    this.report = parseReportChoice(saved.report);
  }

  setSection(section: ReportSection, isIn: boolean) {
    this.report = toggleSection($state.snapshot(this.report), section, isIn);
  }
}

export const [getOverview, setOverview] = stateContext<OverviewState>('overview');
