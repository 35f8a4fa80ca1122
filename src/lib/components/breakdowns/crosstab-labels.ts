// Words for bands and two-way table headings (pure: the caller passes its translator and locale).
import { bandLabel, NOT_A_NUMBER, type Banding } from '$lib/analysis/bands';
import type { CrossItem } from '$lib/analysis/crosstab';
import { segmentName } from '$lib/analysis/segments';
import type { SegmentRule } from '$lib/analysis/types';
import { formatInt, formatNumber } from '$lib/i18n/format';
import type { Locale } from '$lib/i18n/i18n.svelte';
import type { AxisChoice } from '$lib/state/breakdowns.svelte';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Label of band `index` of `banding` (`<18`, `18–24`, `65+`, or "not a number"). */
export function bandText(t: Translate, locale: Locale, banding: Banding, index: number): string {
  if (index === NOT_A_NUMBER) return t('bands.notANumber');
  const band = banding.bands[index];
  return band ? bandLabel(band, banding.isInteger, (x) => formatNumber(locale, x, 6)) : '?';
}

/** The name of an axis as the user picked it. */
export function axisName(t: Translate, axis: AxisChoice): string {
  switch (axis.kind) {
    case 'dim':
      return axis.header;
    case 'segment':
      return t('col.segment');
    case 'abc':
      return t('col.abc');
    case 'quadrant':
      return t('col.quadrant');
    case 'class8':
      return t('col.class8');
    case 'lifecycle':
      return t('lifecycle.stage');
  }
}

/** The heading of a row or column of a two-way table. */
export function crossItemText(
  t: Translate,
  locale: Locale,
  axis: AxisChoice,
  item: CrossItem,
  banding: Banding | null,
  rules: readonly SegmentRule[]
): string {
  switch (item.kind) {
    case 'other':
      return t('breakdowns.otherValues', { count: formatInt(locale, item.count) });
    case 'band':
      return banding ? bandText(t, locale, banding, item.band ?? NOT_A_NUMBER) : '?';
    case 'value':
      return item.value ?? t('breakdowns.noValue');
    case 'category': {
      const id = item.value ?? '';
      if (axis.kind === 'segment') return segmentName(id, rules, locale);
      if (axis.kind === 'lifecycle') return t(`lifecycle.stageName.${id}`);
      return t(`${axis.kind === 'abc' ? 'abc' : axis.kind}.${id}`);
    }
  }
}
