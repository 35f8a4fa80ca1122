// Number, date and size formatting per locale, with memoised Intl formatters.
import type { Locale } from './i18n.svelte';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

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
