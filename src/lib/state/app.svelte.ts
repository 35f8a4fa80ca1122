// Builds the page's state once, in the app layout: one database worker for the whole visit (views
// are routes; the data stays loaded between them) and one state class per concern, as contexts.
import { untrack } from 'svelte';
import { createDbClient } from '$lib/db';
import { setDbClient } from './db-context';
import { Datasets, setDatasets } from './datasets.svelte';
import { BreakdownState, setBreakdowns } from './breakdowns.svelte';
import { ImportFlow, setImportFlow } from './import-flow.svelte';
import { TargetsEditor, setTargetsEditor } from './targets-editor.svelte';
import { RfmState, setRfm } from './rfm.svelte';
import { ClvState, setClv } from './clv.svelte';
import { TimeState, setTime } from './time.svelte';
import { DecayState, setDecay } from './decay.svelte';
import { TrendsState, setTrends } from './trends.svelte';
import { ChurnState, setChurn } from './churn.svelte';
import { MigrationState, setMigration } from './migration.svelte';
import { ScorecardState, setScorecard } from './scorecard.svelte';
import { SatisfactionState, setSatisfaction } from './satisfaction.svelte';
import { Workspaces, setWorkspaces } from './workspaces.svelte';
import { FilterState, setFilter } from './filter.svelte';
import { TargetsState, setTargets } from './targets.svelte';
import { RelationshipState, setRelationship } from './relationship.svelte';
import { ComplaintsState, setComplaints } from './complaints.svelte';
import { ProfitState, setProfit } from './profit.svelte';
import { RelatedState, setRelated } from './related.svelte';
import { OverviewState, setOverview } from './overview.svelte';
import { CallsState, setCalls } from './calls.svelte';
import { RisksState, setRisks } from './risks.svelte';

/** Creates every state class and provides it; call while the layout initialises. */
export function createAppState(defaultWorkspaceName: (n: number) => string) {
  const db = setDbClient(createDbClient());
  $effect(() => () => db.terminate());
  const datasets = setDatasets(new Datasets(db));
  const flow = setImportFlow(new ImportFlow(db, datasets));
  const filter = setFilter(new FilterState(db, datasets));
  setTargetsEditor(new TargetsEditor(db, datasets));
  const rfm = setRfm(new RfmState(db, datasets, filter));
  flow.scoringAhead = () => rfm.scoringAhead();
  const clv = setClv(new ClvState(db, datasets, filter));
  const time = setTime(new TimeState(db, datasets, rfm));
  setDecay(new DecayState(db, datasets, time));
  setTrends(new TrendsState(db, datasets, time, () => filter.current));
  const churn = setChurn(new ChurnState(db, datasets, rfm, clv));
  const overview = setOverview(new OverviewState(db, datasets, rfm, time, churn));
  setMigration(new MigrationState(db, datasets, rfm));
  setScorecard(new ScorecardState(db, datasets, rfm, clv, time));
  setSatisfaction(new SatisfactionState(db, datasets, rfm, time));
  const targets = setTargets(new TargetsState(db, datasets, rfm));
  const complaints = setComplaints(new ComplaintsState(db, datasets, rfm));
  setRelationship(new RelationshipState(db, datasets, rfm, clv, time, complaints));
  setProfit(new ProfitState(db, datasets, rfm));
  setRelated(new RelatedState(db, datasets));
  const calls = setCalls(new CallsState(db, datasets, rfm, clv, time, complaints));
  setRisks(new RisksState(db, datasets, rfm, clv, time, targets));
  const saved = setWorkspaces(
    new Workspaces(
      db,
      datasets,
      flow,
      { rfm, clv, time, filter, complaints, overview, calls },
      defaultWorkspaceName
    )
  );
  setBreakdowns(new BreakdownState(db, datasets, rfm, time));

  // The model follows the active dataset and the filter (their own default calibration end).
  $effect(() => {
    const id = datasets.activeId;
    const lastDate = filter.lastDate;
    const rows = filter.current;
    untrack(() => void clv.follow(id, lastDate, rows));
  });
  // A new active dataset (an import, a restored workspace) is scored ahead of the RFM view.
  const scoredFor = $derived(rfm.key ? datasets.identity : null);
  $effect(() => {
    if (scoredFor) untrack(() => rfm.prefetch());
  });
  // A saved filter on a column the active dataset lacks is dropped, with a notice.
  $effect(() => {
    void datasets.active;
    void filter.filter.dims.length;
    untrack(() => filter.prune());
  });
  // Reopen the last saved workspace, then keep its settings saved with it.
  saved.start();
  $effect(() => saved.flushWhenHidden());
  $effect(() => {
    const json = saved.settingsJson();
    if (!saved.isReady) return;
    const timer = setTimeout(() => void saved.syncSettings(json), 300);
    return () => clearTimeout(timer);
  });
  // Test hooks for the crash-recovery e2e test only: present with ?debug=crash, never in the UI.
  if (/[?&]debug=crash(&|$)/.test(location.search)) {
    Object.assign(window, {
      lensCrashWorker: () => db.call('debug.crash', {}),
      lensExhaustMemory: () => db.call('debug.oom', {}),
      lensHangWorker: (ms: number) => db.call('debug.hang', { ms }),
      lensFailNext: (type: Parameters<typeof db.call>[0]) => db.call('debug.failNext', { type })
    });
  }
  return { datasets, flow, saved };
}
