// The Satisfaction view's state (DOMAIN §7, §7b): the survey dataset and master it joins to the
// orders, the grouping and grain chosen, the request they name (with the RFM key and the
// lifecycle thresholds) and the comments searched or opened by a frequent word.
import { stateContext } from './context';
import type { DbClient, SatisfactionArgs, SatisfactionCommentsArgs } from '$lib/db';
import type { DatasetInfo } from '$lib/db/protocol';
import type { Datasets } from './datasets.svelte';
import type { RfmState } from './rfm.svelte';
import type { TimeState } from './time.svelte';
import { Query } from './query.svelte';

/** Comments shown per page. */
export const COMMENTS_PAGE = 50;

export class SatisfactionState {
  private readonly db: DbClient;
  private readonly datasets: Datasets;
  private readonly rfm: RfmState;
  private readonly time: TimeState;

  /** `segment`, `abc_tier`, `lifecycle`, `owner` or a dimension header. */
  groupBy = $state('segment');
  grain = $state<'month' | 'quarter'>('month');
  /** Comment search text. */
  search = $state('');
  /** The frequent word whose comments are open, or null. */
  word = $state<string | null>(null);
  commentsOffset = $state(0);

  constructor(db: DbClient, datasets: Datasets, rfm: RfmState, time: TimeState) {
    this.db = db;
    this.datasets = datasets;
    this.rfm = rfm;
    this.time = time;
  }

  /** The workspace's survey responses (its latest feedback dataset). */
  readonly feedback: DatasetInfo | null = $derived.by(() => this.datasets.related('feedback'));
  /** The customer master beside the orders (its latest customers dataset), for owners. */
  readonly master: DatasetInfo | null = $derived.by(() => {
    const active = this.datasets.active;
    return (
      this.datasets.list.findLast((d) => d.kind === 'customers' && d.id !== active?.id) ?? null
    );
  });

  /** The orders mapped a satisfaction or NPS column of their own. */
  readonly hasOrderScores = $derived.by(
    () =>
      this.datasets.active?.columns.some(
        (c) => (c.role === 'satisfaction' || c.role === 'nps') && c.header !== ''
      ) ?? false
  );

  private readonly base = $derived.by(() => {
    const d = this.datasets.active;
    const key = this.rfm.key;
    if (!d || d.kind !== 'transactions' || !key) return null;
    if (!this.feedback && !this.hasOrderScores) return null;
    return {
      key,
      feedbackId: this.feedback?.id ?? null,
      customersId: this.master?.id ?? null,
      lifecycle: { ...this.time.thresholds }
    };
  });

  readonly args: SatisfactionArgs | null = $derived.by(() =>
    this.base ? { ...this.base, groupBy: this.groupBy, grain: this.grain } : null
  );

  /** What the related files are (the scope: a re-imported survey asks again). */
  private readonly scope = $derived.by(() =>
    [this.datasets.identity, this.feedback?.importedAt, this.master?.importedAt].join('|')
  );

  readonly summary = new Query(
    () => this.args,
    (args) => this.db.call('satisfaction.summary', args),
    { scope: () => this.scope }
  );

  readonly commentsArgs: SatisfactionCommentsArgs | null = $derived.by(() =>
    this.base
      ? {
          ...this.base,
          search: this.search,
          word: this.word,
          offset: this.commentsOffset,
          limit: COMMENTS_PAGE
        }
      : null
  );

  readonly comments = new Query(
    () => this.commentsArgs,
    (args) => this.db.call('satisfaction.comments', args),
    { scope: () => this.scope, delayMs: 200 }
  );

  /** Opens the comments containing `word` (null: all), from the first page. */
  openWord(word: string | null) {
    this.word = word;
    this.commentsOffset = 0;
  }

  setSearch(text: string) {
    this.search = text;
    this.commentsOffset = 0;
  }
}

export const [getSatisfaction, setSatisfaction] = stateContext<SatisfactionState>('satisfaction');
