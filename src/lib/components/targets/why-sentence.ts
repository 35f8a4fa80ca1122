// "Why the shortfall" in one sentence, in the manager's words, with the numbers.
import { addDays } from '$lib/analysis/dates';
import type { WhyResult } from '$lib/analysis/targets';
import type { Params } from '$lib/i18n';
import { biggestSegment } from './why-chart';

/** What the sentence needs from the page: words, and numbers written as headline figures. */
export interface SentenceWords {
  t: (key: string, params?: Params) => string;
  /** Compact money (¥1.2万, $4.5K). */
  money: (n: number) => string;
  /** A share with its sign written by the caller (12.3%). */
  share: (n: number) => string;
  period: (key: string) => string;
  date: (iso: string) => string;
  /** Name of a segment id (null: customers with no purchase at the as-of date). */
  segment: (id: string | null) => string;
}

const signed = (n: number, write: (n: number) => string) => (n > 0 ? `+${write(n)}` : write(n));

/** The sentence for `w` about `label` (a key, or a team's name). */
export function whySentence(w: WhyResult, label: string, words: SentenceWords): string {
  const { t } = words;
  const base = {
    key: label,
    period: words.period(w.period),
    lastYear: words.period(w.lastYear),
    now: words.money(w.now),
    then: words.money(w.then)
  };
  if (w.coverage === 'none') {
    return t('targets.why.noData', {
      ...base,
      firstDay: w.firstOrderDay ? words.date(w.firstOrderDay) : '—'
    });
  }
  const active = w.parts.filter((p) => p.customers > 0);
  if (active.length === 0) return t('targets.why.nothing', base);
  const parts = active
    .map((p) =>
      t('targets.why.part', {
        part: t(`targets.part.${p.part}`),
        change: signed(p.change, words.money)
      })
    )
    .join(t('targets.why.partSeparator'));
  const head =
    w.then === 0
      ? t('targets.why.noThen', base)
      : t(`targets.why.${w.change > 0 ? 'up' : w.change < 0 ? 'down' : 'flat'}`, {
          ...base,
          change: words.money(Math.abs(w.change)),
          growth: signed(w.growth ?? 0, words.share)
        });
  const top = biggestSegment(w.segments);
  const segment = top
    ? t('targets.why.segment', {
        segment: words.segment(top.segment),
        change: signed(top.change, words.money)
      })
    : '';
  const notes = [
    w.isLikeForLike
      ? t('targets.why.likeForLike', { day: words.date(addDays(w.nowWindow.to, -1)) })
      : '',
    w.coverage === 'partial' && w.firstOrderDay
      ? t('targets.why.partial', { firstDay: words.date(w.firstOrderDay) })
      : ''
  ].filter(Boolean);
  return t('targets.why.sentence', { head, parts, segment }) + notes.join('');
}
