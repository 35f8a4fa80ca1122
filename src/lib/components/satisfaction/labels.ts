// How the Satisfaction view names its groups, groupings and answers in the UI language.
import { segmentName, type SegmentRule } from '$lib/analysis';
import type { SatisfactionGroupChoice } from '$lib/db';
import type { Locale } from '$lib/i18n';

type T = (key: string, params?: Record<string, string | number>) => string;

/** The name of a grouping in the select. */
export function choiceLabel(t: T, c: SatisfactionGroupChoice): string {
  return c.kind === 'dimension' ? c.value : t(`satisfaction.by.${c.kind}`);
}

/** The name of one group of `groupBy` (a segment id, tier, stage, owner or dimension value). */
export function groupLabel(
  t: T,
  locale: Locale,
  rules: readonly SegmentRule[],
  groupBy: string,
  key: string | null
): string {
  if (groupBy === 'segment')
    return key === null ? t('satisfaction.noSegment') : segmentName(key, rules, locale);
  if (key === null) return t('satisfaction.noValue');
  if (groupBy === 'abc_tier') return t(`satisfaction.tier.${key}`);
  if (groupBy === 'lifecycle') return t(`lifecycle.stageName.${key}`);
  return key;
}
