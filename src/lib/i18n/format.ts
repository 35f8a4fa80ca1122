// Number, date and size formatting per locale, with memoised Intl formatters.
import type { Locale } from './i18n.svelte';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>();

function numberFormat(locale: Locale, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, opts)));
  return f;
}

/** Whole numbers with grouping: 541,909. */
export function formatInt(locale: Locale, n: number): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/** Amounts with two decimals and grouping (currency is whatever the file used). */
export function formatAmount(locale: Locale, n: number): string {
  return numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
}

/** A number with up to `digits` decimals. */
export function formatNumber(locale: Locale, n: number, digits = 2): string {
  return numberFormat(locale, { maximumFractionDigits: digits }).format(n);
}

/** A share 0…1 as a percentage. */
export function formatPercent(locale: Locale, share: number, digits = 1): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(share);
}

/** A calendar date given as `YYYY-MM-DD`, formatted in UTC so it never shifts a day. */
export function formatDate(locale: Locale, iso: string | null): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const key = `d|${locale}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC'
    });
    cache.set(key, f);
  }
  return f.format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
}

/** Bytes as KB/MB/GB. */
export function formatBytes(locale: Locale, bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${formatNumber(locale, v, u === 0 ? 0 : 1)} ${units[u]}`;
}

/** Milliseconds as seconds. */
export function formatSeconds(locale: Locale, ms: number): string {
  return `${formatNumber(locale, ms / 1000, 1)} s`;
}

/** Short numbers for axes and labels: 12K / 1.2M in English, 1.2万 / 3.4亿 in Chinese. */
export function formatCompact(locale: Locale, n: number, significant = 3): string {
  return numberFormat(locale, {
    notation: 'compact',
    maximumSignificantDigits: significant
  }).format(n);
}

/**
 * An axis tick: compact when the axis reaches 10,000 (`largest`, the biggest |tick|, so all ticks
 * of one axis look alike), otherwise just enough decimals for the tick `step` (0.25 → two).
 */
export function formatTick(locale: Locale, n: number, step: number, largest = Math.abs(n)): string {
  if (largest >= 10_000) return formatCompact(locale, n);
  const s = Math.abs(step);
  const digits = s > 0 && s < 1 ? Math.min(6, decimalsOf(s)) : 0;
  return numberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits
  }).format(n);
}

/** Decimals needed to write `step` exactly (up to 6): 0.25 → 2, 0.1 → 1. */
function decimalsOf(step: number): number {
  for (let d = 0; d < 6; d++)
    if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-9) return d;
  return 6;
}

/** A month given as `YYYY-MM` or `YYYY-MM-DD` (or a UTC Date): 2024年3月 / Mar 2024. */
export function formatMonth(locale: Locale, value: string | Date): string {
  let date: Date;
  if (value instanceof Date) date = value;
  else {
    const m = /^(\d{4})-(\d{2})/.exec(value);
    if (!m) return value;
    date = new Date(Date.UTC(+m[1], +m[2] - 1, 1));
  }
  const key = `m|${locale}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
    cache.set(key, f);
  }
  return f.format(date);
}

/** Items joined as the language lists them: “A, B, and C” / “A、B和C”. */
export function formatList(locale: Locale, items: readonly string[]): string {
  const key = `l|${locale}`;
  let f = cache.get(key) as Intl.ListFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.ListFormat(locale, { type: 'conjunction' })));
  return f.format(items);
}
