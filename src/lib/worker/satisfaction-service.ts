// The worker's Satisfaction view: survey responses (a feedback dataset and the orders' own
// satisfaction/NPS columns) read once per (tables, as-of), joined to the RFM analysis's customers
// (segment, tier, stage, DOMAIN §8 dimensions) and the master's owners (DOMAIN §7, §7b).
import type { Database } from 'sql.js';
import { lifecycleStage } from '$lib/analysis/lifecycle';
import { defaultDimensionIndex, REP_HEADERS } from '$lib/analysis/scorecard-choices';
import {
  buildOwnersSql,
  buildResponsesSql,
  commentWords,
  computeSatisfaction,
  toResponse,
  topWords,
  type CustomerFacts,
  type SatisfactionGrouping,
  type SurveyResponse
} from '$lib/analysis/satisfaction';
import type { DatasetInfo } from '$lib/db/protocol';
import type {
  SatisfactionArgs,
  SatisfactionComment,
  SatisfactionCommentsArgs,
  SatisfactionCommentsPage,
  SatisfactionGroupChoice,
  SatisfactionSummary
} from '$lib/db/satisfaction-protocol';
import type { RfmService } from './rfm-service';
import { selectRows } from './sql-run';

/** The related tables a request names, as the worker found them. */
export interface SatisfactionSources {
  /** The survey responses table and its dimension columns, or null. */
  feedback: { table: string; dimensions: { name: string; header: string }[] } | null;
  /** The customer master's table, or null. */
  customersTable: string | null;
}

/** True when the orders mapped a satisfaction or NPS column (the views read them as responses). */
export function hasOrderScores(d: DatasetInfo): boolean {
  return d.columns.some((c) => (c.role === 'satisfaction' || c.role === 'nps') && c.header !== '');
}

const FIXED = ['segment', 'abc_tier', 'lifecycle', 'owner'] as const;

interface Loaded {
  key: string;
  responses: SurveyResponse[];
  /** Each response's comment words (empty without a comment). */
  words: string[][];
}

export class SatisfactionService {
  private loaded: Loaded | null = null;
  private owners: { key: string; owners: Map<string, string | null> } | null = null;

  constructor(
    private db: Database,
    private rfm: RfmService
  ) {}

  /** Forgets everything (data changed). */
  reset() {
    this.loaded = this.owners = null;
  }

  private responsesOf(d: DatasetInfo, src: SatisfactionSources, asOf: string): Loaded {
    const ordersTable = hasOrderScores(d) ? d.table : null;
    const key = JSON.stringify([d.table, ordersTable, src.feedback, asOf]);
    if (this.loaded?.key !== key) {
      let responses: SurveyResponse[] = [];
      if (ordersTable || src.feedback) {
        const q = buildResponsesSql({
          feedbackTable: src.feedback?.table ?? null,
          feedbackDims: src.feedback?.dimensions.map((x) => x.name) ?? [],
          ordersTable,
          asOf
        });
        responses = selectRows(this.db, q).map(toResponse);
      }
      const words = responses.map((r) => (r.comment ? commentWords(r.comment) : []));
      this.loaded = { key, responses, words };
    }
    return this.loaded;
  }

  private ownersOf(table: string): Map<string, string | null> {
    if (this.owners?.key !== table) {
      const owners = new Map<string, string | null>();
      for (const [id, owner] of selectRows(this.db, buildOwnersSql(table)))
        owners.set(String(id), owner === null ? null : String(owner));
      this.owners = { key: table, owners };
    }
    return this.owners.owners;
  }

  /** Where owners come from: the master when it names any, else a sales-rep-like orders dimension. */
  private ownerSource(d: DatasetInfo, src: SatisfactionSources) {
    if (src.customersTable) {
      const owners = this.ownersOf(src.customersTable);
      if ([...owners.values()].some((o) => o !== null))
        return { source: { kind: 'master' as const }, of: (id: string) => owners.get(id) ?? null };
    }
    const i = defaultDimensionIndex(d.dimensions);
    if (i >= 0 && REP_HEADERS.some((p) => p.test(d.dimensions[i].header)))
      return {
        source: { kind: 'dimension' as const, header: d.dimensions[i].header },
        of: (_id: string, dims: readonly (string | null)[]) => dims[i] ?? null
      };
    return null;
  }

  /** The customers of the orders (scored or not) with what the view groups and lists by. */
  private customersOf(d: DatasetInfo, src: SatisfactionSources, args: SatisfactionArgs) {
    const { key } = args;
    const scored = this.rfm.scoredWithDims(d, key);
    const owner = this.ownerSource(d, src);
    const ownerOf = (id: string, dims: (string | null)[]) => owner?.of(id, dims) ?? null;
    const facts = new Map<string, CustomerFacts>();
    for (const c of this.rfm.customerBase(d, key.asOf))
      facts.set(c.customerId, {
        customerId: c.customerId,
        customerName: c.customerName,
        segment: null,
        abc: null,
        stage: lifecycleStage(c, args.lifecycle, key.asOf),
        recencyDays: c.recencyDays,
        lastPurchase: c.lastPurchase,
        monetary: c.monetary,
        owner: ownerOf(c.customerId, c.dims ?? []),
        dims: c.dims ?? []
      });
    for (const c of scored) {
      const f = facts.get(c.customerId);
      if (!f) continue;
      f.segment = c.segment;
      f.abc = c.abc;
      f.dims = c.dims;
      f.owner = ownerOf(c.customerId, c.dims);
    }
    return { facts, ownerSource: owner?.source ?? null };
  }

  /** The groupings offered: the fixed ones (owner when known), the survey's, the orders' dimensions. */
  private choicesOf(d: DatasetInfo, src: SatisfactionSources, hasOwner: boolean) {
    const choices: SatisfactionGroupChoice[] = FIXED.filter((k) => k !== 'owner' || hasOwner).map(
      (value) => ({ value, kind: value })
    );
    const seen = new Set<string>(FIXED);
    for (const dim of [...(src.feedback?.dimensions ?? []), ...d.dimensions]) {
      if (seen.has(dim.header)) continue;
      seen.add(dim.header);
      choices.push({ value: dim.header, kind: 'dimension' });
    }
    return choices;
  }

  private groupingOf(
    d: DatasetInfo,
    src: SatisfactionSources,
    groupBy: string,
    hasOwner: boolean
  ): SatisfactionGrouping | null {
    if (groupBy === 'owner') return hasOwner ? { kind: 'owner' } : null;
    if ((FIXED as readonly string[]).includes(groupBy))
      return { kind: groupBy as 'segment' | 'abc_tier' | 'lifecycle' };
    const f = src.feedback?.dimensions.findIndex((x) => x.header === groupBy) ?? -1;
    if (f >= 0) return { kind: 'feedback_dim', index: f };
    const o = d.dimensions.findIndex((x) => x.header === groupBy);
    return o >= 0 ? { kind: 'order_dim', index: o } : null;
  }

  summary(d: DatasetInfo, src: SatisfactionSources, args: SatisfactionArgs): SatisfactionSummary {
    if (d.kind !== 'transactions') throw new Error('satisfaction needs transactions');
    const loaded = this.responsesOf(d, src, args.key.asOf);
    const { facts, ownerSource } = this.customersOf(d, src, args);
    const hasOwner = ownerSource !== null;
    // A grouping the data no longer has (another file, no owner) falls back to the segment.
    const grouping = this.groupingOf(d, src, args.groupBy, hasOwner) ?? { kind: 'segment' };
    const result = computeSatisfaction(loaded.responses, facts, {
      grouping,
      grain: args.grain,
      asOf: args.key.asOf,
      lapseDays: args.lifecycle.lapseDays
    });
    const matchedWords = loaded.words.filter((_, i) => facts.has(loaded.responses[i].customerId));
    return {
      ...result,
      datasetId: d.id,
      asOf: args.key.asOf,
      groupBy: grouping.kind === 'segment' ? 'segment' : args.groupBy,
      grain: args.grain,
      choices: this.choicesOf(d, src, hasOwner),
      sources: { feedback: !!src.feedback, orders: hasOrderScores(d) },
      ownerSource,
      words: topWords(matchedWords, 30),
      lapseDays: args.lifecycle.lapseDays
    };
  }

  /** The matched customers' comments containing `search` and the word, newest first. */
  comments(
    d: DatasetInfo,
    src: SatisfactionSources,
    args: SatisfactionCommentsArgs
  ): SatisfactionCommentsPage {
    if (d.kind !== 'transactions') throw new Error('satisfaction needs transactions');
    const loaded = this.responsesOf(d, src, args.key.asOf);
    const names = new Map(
      this.rfm.customerBase(d, args.key.asOf).map((c) => [c.customerId, c.customerName])
    );
    const needle = args.search.trim().toLowerCase();
    const rows: SatisfactionComment[] = [];
    loaded.responses.forEach((r, i) => {
      if (!r.comment || !names.has(r.customerId)) return;
      if (needle && !r.comment.toLowerCase().includes(needle)) return;
      if (args.word && !loaded.words[i].includes(args.word)) return;
      rows.push({
        customerId: r.customerId,
        customerName: names.get(r.customerId) ?? null,
        date: r.date,
        csat: r.csat,
        nps: r.nps,
        comment: r.comment
      });
    });
    rows.sort((a, b) =>
      a.date < b.date ? 1 : a.date > b.date ? -1 : a.customerId < b.customerId ? -1 : 1
    );
    return {
      search: args.search,
      word: args.word,
      total: rows.length,
      offset: args.offset,
      rows: rows.slice(args.offset, args.offset + args.limit)
    };
  }
}
