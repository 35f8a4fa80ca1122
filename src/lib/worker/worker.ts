// The database worker: one handler per request of the `Api` map (a wrong result type does not
// compile), each answering from the request's own arguments and the session's keyed caches.
import { lifecycleStage } from '$lib/analysis/lifecycle';
import { ClvError } from '$lib/analysis/clv/errors';
import { lifecycleName } from '$lib/export/customers';
import { IngestError } from '$lib/ingest/errors';
import { AppError, type AppErrorData } from '$lib/db/errors';
import type { Handlers } from '$lib/db/rpc';
import type { Api, Progress, RfmKey, WorkerEvent, WorkerRequests } from '$lib/db/protocol';
import { churnLists, exportChurnList, type RfmContext } from './churn-service';
import { crosstab } from './crosstab-service';
import type { SatisfactionSources } from './satisfaction-service';
import { ImportCancelled } from './import';
import { Session } from './session';
import { monetaryBasisOf } from './rfm-service';
import { readTargetsGrid } from './targets-store';
import { postEvent, serve } from './serve';
import { filterValues } from './filter-values';
import { filterSheet } from '$lib/export/filter-sheet';
import { choicesFilter } from '$lib/analysis/filter-values';
import { matchRelated, unmatchedRows } from './related-service';

const session = new Session();
session.onImportFailed = (err, fileName) =>
  postEvent<WorkerEvent>({ event: 'import-failed', error: toError(err), fileName });
/** A request type the debug hook will fail once (tests of how views show errors). */
let failNext: keyof Api | null = null;

/** The related datasets a satisfaction request names (their tables, read by the service). */
async function satisfactionSources(args: {
  feedbackId: number | null;
  customersId: number | null;
}): Promise<SatisfactionSources> {
  const feedback = args.feedbackId === null ? null : (await session.dataset(args.feedbackId)).d;
  const customers = args.customersId === null ? null : (await session.dataset(args.customersId)).d;
  return {
    feedback: feedback ? { table: feedback.table, dimensions: feedback.dimensions } : null,
    customersTable: customers?.table ?? null
  };
}

/** The fitted model a request names, on the rows its own key's filter keeps. */
async function modelOf(key: Api['churn.lists']['args']['model']) {
  if (!key) return null;
  const { d, a } = await session.dataset(key.datasetId, key.filter);
  return { d, a, key };
}

/** The RFM analysis a churn list joins on, from the request's own key. */
async function rfmContext(key: Api['churn.lists']['args']['rfm']): Promise<RfmContext> {
  const { d, a } = await session.dataset(key.datasetId, key.filter);
  return { asOf: key.asOf, rules: key.rules, customers: a.rfm.scoredWithDims(d, key) };
}

/** The orders (whole and as the filter keeps them) and the master a relationship request names. */
async function relationshipSources(args: Api['relationship.summary']['args']) {
  const orders = (await session.dataset(args.ordersId)).d;
  const filtered = (await session.dataset(args.ordersId, args.filter)).d;
  return { orders, filtered, master: await relatedDataset(args.masterId) };
}

/** The datasets a call-list request names: its orders (filtered), the fit, the related files. */
async function callsSources(args: Api['calls.list']['args'] | Api['calls.export']['args']) {
  const { d, a } = await session.dataset(args.rfm.datasetId, args.rfm.filter);
  const fitted = args.model
    ? (await session.dataset(args.model.datasetId, args.model.filter)).d
    : null;
  const { masterId, feedbackId, complaintsId, receivablesId } = args.related;
  const sources = {
    d,
    model: fitted && args.model ? a.clv.model(fitted, args.model) : null,
    master: await relatedDataset(masterId),
    feedback: await relatedDataset(feedbackId),
    complaints: await relatedDataset(complaintsId),
    receivables: await relatedDataset(receivablesId)
  };
  return { a, sources };
}

/** A related dataset a request names (null: none). */
async function relatedDataset(id: number | null) {
  return id === null ? null : (await session.dataset(id)).d;
}

/** The master and receivables a Risks request names. */
async function riskSources(args: Api['risks.view']['args']) {
  return {
    master: await relatedDataset(args.masterId),
    receivables: await relatedDataset(args.receivablesId)
  };
}

/** The Risks view of a request's own key (the summary request reads the same kept answer). */
async function risksView(args: Api['risks.view']['args']) {
  const { d, a } = await session.dataset(args.key.datasetId, args.key.filter);
  const m = await modelOf(args.model);
  const fit = m ? m.a.clv.model(m.d, m.key) : null;
  return a.risks.view(d, await riskSources(args), args, fit);
}

/**
 * The dataset of an RFM key, from the order book: the heatmap after an import does not wait for
 * the index build (scores on profit read it from the table, so they wait for the fill).
 */
async function scoredFromBook(key: RfmKey) {
  const found = await session.dataset(key.datasetId, key.filter, { isBookOnly: true });
  if (monetaryBasisOf(found.d, key) === 'profit') await session.loaded();
  return found;
}

const handlers: Handlers<Api, Progress> = {
  inspect: ({ file, options }) => session.inspect(file, options),
  import: (args, { progress }) => session.importPending(args, progress),
  cancel: () => {
    session.cancelImport();
    return null;
  },
  datasets: () => session.datasets(),
  deleteDataset: async ({ datasetId }) => {
    await session.deleteDataset(datasetId);
    return null;
  },
  'dataset.setCurrency': ({ datasetId, currency }) => session.setCurrency(datasetId, currency),
  rows: async (args) => {
    // The pager orders rows by rowid, which only the table has: it applies the filter itself.
    const { d, a } = await session.dataset(args.datasetId);
    return a.pager.page(d, args, args.offset, args.limit);
  },
  'filter.values': async (args) => {
    const { d, db } = await session.dataset(
      args.datasetId,
      choicesFilter(args.filter, args.column)
    );
    return filterValues(db, d, args);
  },
  rejectedCsv: ({ datasetId }) => session.rejectedCsv(datasetId),
  'targets.grid': async (args) => readTargetsGrid(await session.db(), args),
  'targets.save': (args) => session.saveTargets(args),

  'rfm.summary': async ({ key }) => {
    const { d, a } = await scoredFromBook(key);
    return a.rfm.summary(d, key);
  },
  'rfm.distribution': async ({ key }) => {
    const { d, a } = await scoredFromBook(key);
    return a.rfm.distribution(d, key);
  },
  'rfm.points': async ({ key }) => {
    const { d, a } = await session.dataset(key.datasetId, key.filter);
    return a.rfm.points(d, key);
  },
  'rfm.customers': async ({ key, filter, sort, offset, limit }) => {
    const { d, a } = await session.dataset(key.datasetId, key.filter);
    return a.rfm.customers(d, key, filter, sort, offset, limit);
  },
  'rfm.customer': async ({ key, customerId }) => {
    const { d, a } = await session.dataset(key.datasetId, key.filter);
    return a.rfm.customer(d, key, customerId);
  },
  'rfm.breakdown': async ({ key, dimIndex, bands }) => {
    const { d, a } = await session.dataset(key.datasetId, key.filter);
    return a.rfm.breakdown(d, key, dimIndex, bands);
  },
  'breakdown.crosstab': async (args) => {
    const { d, a, db } = await session.dataset(args.key.datasetId, args.key.filter);
    return crosstab(db, d, a.rfm, args);
  },
  'rfm.export': async ({ key, filter, sort, format, locale, lifecycle, model }) => {
    const { d, a } = await session.dataset(key.datasetId, key.filter);
    const m = await modelOf(model);
    return a.rfm.exportCustomers(d, key, filter, sort, format, locale, {
      clv: m ? m.a.clv.exportValues(m.d, m.key) : undefined,
      lifecycle: (c) => lifecycleName(lifecycleStage(c, lifecycle, key.asOf), locale),
      filterSheet: filterSheet(key.filter, d.dimensions, locale)
    });
  },

  'clv.fit': async ({ key }, { progress }) => {
    const { d, a } = await session.dataset(key.datasetId, key.filter);
    return a.clv.fit(d, key, progress);
  },
  'clv.cached': async ({ key }) => (await session.analyses()).clv.cached(key),

  'churn.lists': async ({ rfm, model }) => {
    const { d, db } = await session.dataset(rfm.datasetId, rfm.filter);
    const m = await modelOf(model);
    return churnLists(db, d, await rfmContext(rfm), m ? m.a.clv.model(m.d, m.key) : null);
  },
  'churn.export': async ({ rfm, model, kind, format, locale }) => {
    const { d, db } = await session.dataset(rfm.datasetId, rfm.filter);
    const m = await modelOf(model);
    const lists = churnLists(db, d, await rfmContext(rfm), m ? m.a.clv.model(m.d, m.key) : null);
    const list = lists[kind];
    if (!list) throw new Error(`the ${kind} list needs a fitted model`);
    const sheet = filterSheet(rfm.filter, d.dimensions, locale);
    return exportChurnList(list, rfm.rules, format, locale, sheet);
  },

  'migration.flows': async (args) => {
    const { d, a } = await session.dataset(args.datasetId, args.filter);
    return a.migration.flows(d, args);
  },
  'migration.customers': async (args) => {
    const { d, a } = await session.dataset(args.datasetId, args.filter);
    return a.migration.customers(d, args, args.from, args.to);
  },

  'time.monthly': async ({ datasetId, asOf, filter }) => {
    const { d, a } = await session.dataset(datasetId, filter);
    return a.time.monthly(d, asOf);
  },
  'time.lifecycle': async ({ datasetId, asOf, thresholds, filter }) => {
    const { d, a } = await session.dataset(datasetId, filter);
    return a.time.lifecycle(d, asOf, thresholds);
  },
  'time.lifecycleCustomers': async (args) => {
    const { d, a } = await session.dataset(args.datasetId, args.filter);
    const { asOf, thresholds, stage, offset, limit } = args;
    return a.time.lifecycleCustomers(d, asOf, thresholds, stage, offset, limit);
  },
  'satisfaction.summary': async (args) => {
    const { d, a } = await session.dataset(args.key.datasetId, args.key.filter);
    return a.satisfaction.summary(d, await satisfactionSources(args), args);
  },
  'satisfaction.comments': async (args) => {
    const { d, a } = await session.dataset(args.key.datasetId, args.key.filter);
    return a.satisfaction.comments(d, await satisfactionSources(args), args);
  },
  'decay.groups': async (args) => {
    const { d, a } = await session.dataset(args.datasetId, args.filter);
    return a.decay.groups(d, args);
  },
  'related.match': async ({ datasetId, relatedId }) => {
    const { d, db } = await session.dataset(datasetId);
    return matchRelated(db, d, (await session.dataset(relatedId)).d);
  },
  'related.unmatched': async ({ datasetId, relatedId, offset, limit }) => {
    const { d, db } = await session.dataset(datasetId);
    return unmatchedRows(db, d, (await session.dataset(relatedId)).d, offset, limit);
  },

  'scorecard.summary': async (args) => {
    const { d, a } = await session.dataset(args.datasetId, args.filter);
    // The model the user fitted (on the rows its key names): refitted only if the worker lost it.
    const fitted = args.model
      ? (await session.dataset(args.model.datasetId, args.model.filter)).d
      : null;
    const model = fitted && args.model ? a.clv.model(fitted, args.model) : null;
    return a.scorecard.summary(d, args, model);
  },
  'scorecard.books': async (args) => {
    const { d, a } = await session.dataset(args.key.datasetId, args.filter);
    const fitted = args.model
      ? (await session.dataset(args.model.datasetId, args.model.filter)).d
      : null;
    const clv = fitted && args.model ? a.clv.exportValues(fitted, args.model) : undefined;
    return a.scorecard.exportBooks(d, args, clv);
  },
  'overview.headline': async (args) => {
    const { d, a } = await session.dataset(args.datasetId, args.filter);
    return a.overview.headline(d, args);
  },
  'trends.series': async ({ datasetId, asOf, filter, grain, dimension, topN }) => {
    const { d, a } = await session.dataset(datasetId, filter);
    return a.trends.series(d, asOf, grain, dimension, topN);
  },
  'trends.movers': async ({ datasetId, asOf, filter, grain, dimension, options }) => {
    const { d, a } = await session.dataset(datasetId, filter);
    return a.trends.movers(d, asOf, grain, dimension, options);
  },

  'targets.view': async (args) => {
    const { d, a } = await session.dataset(args.datasetId, args.filter);
    const base = await session.dataset(args.datasetId);
    const targets = await session.dataset(args.targetsId);
    return a.targets.view({ d, baseTable: base.d.table }, targets.d, args);
  },
  'targets.why': async (args) => {
    const { d, a } = await session.dataset(args.datasetId, args.filter);
    const base = await session.dataset(args.datasetId);
    const targets = await session.dataset(args.targetsId);
    return a.targets.why({ d, baseTable: base.d.table }, targets.d, args);
  },

  'relationship.summary': async (args) =>
    (await session.analyses()).relationship.summary(await relationshipSources(args), args),
  'relationship.customers': async (args) =>
    (await session.analyses()).relationship.customers(
      await relationshipSources(args),
      args,
      args.offset,
      args.limit
    ),
  'relationship.export': async (args) =>
    (await session.analyses()).relationship.exportList(
      await relationshipSources(args),
      args,
      args.format,
      args.locale
    ),
  'customer.profile': async (args) => {
    const { d, a } = await session.dataset(args.key.datasetId, args.key.filter);
    const detail = a.rfm.customer(d, args.key, args.customerId);
    const m = await modelOf(args.model);
    const clv = m ? (m.a.clv.exportValues(m.d, m.key).get(args.customerId) ?? null) : null;
    const { masterId, feedbackId, complaintsId, receivablesId } = args.related;
    const related = {
      master: await relatedDataset(masterId),
      feedback: await relatedDataset(feedbackId),
      complaints: await relatedDataset(complaintsId),
      receivables: await relatedDataset(receivablesId)
    };
    return a.relationship.profile(d, related, args, detail, clv);
  },
  'complaints.summary': async (args) => {
    const { d, a } = await session.dataset(args.key.datasetId, args.key.filter);
    const complaints = await session.dataset(args.complaintsId);
    return a.complaints.summary(d, complaints.d, args);
  },
  'profit.summary': async (args) => {
    const { d, a } = await session.dataset(args.key.datasetId, args.key.filter);
    return a.profit.summary(d, args);
  },
  'risks.summary': async (args) => {
    const { datasetId, asOf, stakeSource, summary } = await risksView(args);
    return { datasetId, asOf, stakeSource, summary };
  },
  'risks.view': (args) => risksView(args),
  'risks.dependence': async (args) => {
    const { d, a } = await session.dataset(args.key.datasetId, args.key.filter);
    const t = args.targets;
    let view = null;
    if (t) {
      const base = (await session.dataset(args.key.datasetId)).d;
      const targets = (await session.dataset(t.targetsId)).d;
      const { datasetId, filter, asOf } = args.key;
      view = (orders: typeof d) =>
        a.targets.view({ d: orders, baseTable: base.table }, targets, {
          datasetId,
          targetsId: t.targetsId,
          filter,
          dimension: t.dimension,
          grain: t.grain,
          period: t.period,
          asOf
        });
    }
    return a.risks.dependence(d, await riskSources(args), args, view);
  },

  'calls.list': async (args) => {
    const { a, sources } = await callsSources(args);
    return a.calls.list(sources, args);
  },
  'calls.export': async (args) => {
    const { a, sources } = await callsSources(args);
    return a.calls.exportList(sources, args);
  },

  snapshot: () => session.snapshot(),
  'network.requests': () => networkRequests(),

  'ws.restore': (args) =>
    session.exclusive(() => session.persistence.restore(args.defaultName, args.id, args)),
  'ws.take': ({ defaultName, id }) =>
    session.exclusive(() => session.persistence.take(defaultName, id)),
  'ws.flush': async () => {
    await session.persistence.flush();
    return null;
  },
  'ws.settings': async ({ json }) => {
    await session.persistence.putSettings(json);
    return null;
  },
  'ws.create': ({ name }) =>
    session.exclusive(async () => {
      await session.stopBackgroundWork();
      return session.persistence.create(name);
    }),
  'ws.switch': ({ id }) => session.exclusive(() => session.persistence.switchTo(id)),
  'ws.rename': ({ id, name }) => session.persistence.rename(id, name),
  'ws.delete': ({ id }) => session.exclusive(() => session.persistence.remove(id)),
  'ws.stop': async () => {
    await session.stopBackgroundWork();
    await session.persistence.stop();
    return null;
  },
  'ws.export': () => session.persistence.exportBytes(),
  'sqlite.inspect': ({ file }) => session.persistence.inspectSqlite(file),
  'sqlite.table': ({ table }) => session.persistence.tableCsv(table),
  'sqlite.open': ({ name }) => session.exclusive(() => session.persistence.openForeign(name)),

  'debug.crash': () => {
    // An uncaught error outside any request: the page sees the worker's error event.
    setTimeout(() => {
      throw new Error('deliberate crash (debug hook)');
    });
    return null;
  },
  'debug.oom': async () => {
    // SQLite's own out-of-memory, as a huge import meets it: a 200 MB value under a 64 MB cap.
    const db = await session.db();
    db.exec('PRAGMA hard_heap_limit = 64000000');
    db.exec('SELECT length(randomblob(200000000))');
    return null;
  },
  'debug.hang': ({ ms }) => {
    // Answers first, then keeps the thread busy: a tab that hangs.
    setTimeout(() => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    });
    return null;
  },
  'debug.failNext': ({ type }) => {
    failNext = type;
    return null;
  }
};

/** The worker's resource timeline; loading the engine first makes it part of the app shell. */
async function networkRequests(): Promise<WorkerRequests> {
  await session.db();
  const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  const wasm = entries.find((e) => e.name.endsWith('.wasm'));
  return {
    engineReadyAt: performance.timeOrigin + (wasm?.responseEnd ?? performance.now()),
    requests: entries.map((e) => ({
      url: e.name,
      startedAt: performance.timeOrigin + e.startTime,
      isHandledByServiceWorker: e.workerStart > 0,
      isFromHttpCache: e.transferSize === 0 && e.decodedBodySize > 0
    }))
  };
}

/** Engine and SQLite wordings of a failed allocation (sql.js may be left broken after one). */
function isOutOfMemory(message: string): boolean {
  return /out of memory|allocation failed|Cannot enlarge memory|Aborted\(OOM\)/i.test(message);
}

function toError(err: unknown): AppErrorData {
  if (err instanceof AppError) return err.data;
  if (err instanceof IngestError) return { code: err.code, params: err.params };
  if (err instanceof ImportCancelled) return { code: 'cancelled' };
  if (err instanceof Error && err.name === 'InvalidCutsError') return { code: 'rfm_invalid_cuts' };
  if (err instanceof ClvError) return { code: `clv_${err.code}`, params: err.detail };
  const message = err instanceof Error ? err.message : String(err);
  // Before RangeError: a failed allocation ("Array buffer allocation failed") is one too.
  if (isOutOfMemory(message)) return { code: 'out_of_memory' };
  if (err instanceof RangeError) return { code: 'rfm_bad_settings', params: { message } };
  return { code: 'internal', params: { message } };
}

/**
 * Requests that do not hold background work back: they replace or stop it (imports, deletions,
 * workspace changes), wait for it (the console's snapshot, saves), or nobody waits for them.
 */
const NOT_AWAITED = new Set<keyof Api>([
  'import',
  'cancel',
  'dataset.setCurrency',
  'targets.save',
  'deleteDataset',
  'snapshot',
  'network.requests',
  'sqlite.open',
  'debug.crash',
  'debug.hang',
  'debug.failNext'
]);

serve(
  handlers,
  toError,
  (type) => {
    if (type !== failNext) return;
    failNext = null;
    throw new Error('deliberate failure (debug hook)');
  },
  (type) => !NOT_AWAITED.has(type) && !String(type).startsWith('ws.')
);
