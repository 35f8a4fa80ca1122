// The filter in the manager's words, for chips, the "Filtered: …" line, file names and the export's
// filter sheet: values joined as the language lists them ("华东 · 2025年", "East China + 2").
import { addDays } from '$lib/analysis/dates';
import type { DataFilter, DimensionFilter } from '$lib/analysis/data-filter';
import { formatDate, formatList, formatMonth } from './format';
import type { Locale } from './i18n.svelte';
import filterEn from './messages/filter.en.json';
import filterZh from './messages/filter.zh-CN.json';

const WORDS = { en: filterEn, 'zh-CN': filterZh } as const;
type WordKey = keyof typeof filterEn;

/** A filter message in `locale` with its `{name}` placeholders filled. */
export function filterWord(locale: Locale, key: WordKey, params: Record<string, string> = {}) {
  return WORDS[locale][key].replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m);
}

/** A dimension value as people read it: rows without a value are "(no value)". */
export function valueLabel(locale: Locale, value: string | null): string {
  return value === null ? filterWord(locale, 'filter.noValue') : value;
}

/** A condition's values: up to two listed ("A and B"), more as the first and how many others. */
export function describeValues(locale: Locale, d: DimensionFilter): string {
  const labels = d.values.map((v) => valueLabel(locale, v));
  if (labels.length <= 2) return formatList(locale, labels);
  return filterWord(locale, 'filter.more', { first: labels[0], count: String(labels.length - 1) });
}

const isMonthStart = (iso: string) => iso.endsWith('-01');
const isMonthEnd = (iso: string) => addDays(iso, 1).endsWith('-01');

/** A date range: a whole year "2025年" / "2025", whole months "2025年3月", else the two days. */
export function describeRange(locale: Locale, from: string | null, to: string | null): string {
  if (from && to) {
    if (from.endsWith('-01-01') && to.endsWith('-12-31') && from.slice(0, 4) === to.slice(0, 4))
      return locale === 'zh-CN' ? `${from.slice(0, 4)}年` : from.slice(0, 4);
    if (isMonthStart(from) && isMonthEnd(to)) {
      const a = formatMonth(locale, from);
      const b = formatMonth(locale, to);
      return a === b ? a : `${a} – ${b}`;
    }
    return `${formatDate(locale, from)} – ${formatDate(locale, to)}`;
  }
  if (from) return filterWord(locale, 'filter.since', { date: formatDate(locale, from) });
  if (to) return filterWord(locale, 'filter.until', { date: formatDate(locale, to) });
  return '';
}

/** One chip per condition, in the filter's order, the date range last. */
export function filterChips(
  locale: Locale,
  f: DataFilter
): { kind: 'dim' | 'dates'; column?: string; text: string }[] {
  const chips: { kind: 'dim' | 'dates'; column?: string; text: string }[] = f.dims
    .filter((d) => d.values.length > 0)
    .map((d) => ({ kind: 'dim', column: d.column, text: describeValues(locale, d) }));
  if (f.from || f.to) chips.push({ kind: 'dates', text: describeRange(locale, f.from, f.to) });
  return chips;
}

/** The whole filter in one line: "华东 · 2025年". */
export function describeFilter(locale: Locale, f: DataFilter): string {
  return filterChips(locale, f)
    .map((c) => c.text)
    .join(' · ');
}
