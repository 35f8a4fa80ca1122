// Every number and date people read, per GLOSSARY.md "Writing numbers", with memoised Intl formatters.
//
// Money carries its currency symbol before the number (¥ $ £ € HK$; no currency: a plain number).
// Tables show exact values (formatMoney without `compact`, formatCount, formatShare, formatDays):
// money with 2 decimals below 10,000 (1万 = 10K) and whole units from there, grouped by thousands.
// Headline figures (KPI tiles, chart labels, sentences) are compact (`{ compact: true }`), with the
// digit rules worked out from the glossary's examples (¥1.23亿, 4,567.8万, £830.0万, 123.5M, 45.7K):
//   zh-CN  below 10万: the exact value as in tables;  10万 … < 1亿: ÷1万, one decimal, 万 (4,567.8万,
//          830.0万 — the decimal is always written);  from 1亿: ÷1亿, two decimals, 亿 (1.23亿).
//   en     below 10K: the exact value;  10K … < 1M: ÷1,000, one decimal, K (45.7K);  1M … < 1B:
//          one decimal, M (8.3M, 123.5M);  from 1B: one decimal, B.
//   A value that rounds up to the next unit is written in it (99,999,999 → 1.00亿, not 10,000.0万).
// Negative money puts the sign first: -¥1,234.00, -£8.3M — the CLDR pattern for zh-CN and en, what
// Chinese banking and payment apps show (the sign is where the eye starts), and the same ASCII
// hyphen-minus every other number in the app uses, so a copied figure pastes into Excel as a number.
// A value that rounds to zero has no sign; NaN and ±Infinity read "—".
import type { Currency } from '../ingest/currency';
import type { Locale } from './i18n.svelte';
import { roundTo } from './round';

export type { Currency } from '../ingest/currency';

const cache = new Map<string, Intl.NumberFormat>();
const lists = new Map<Locale, Intl.ListFormat>();

function numberFormat(locale: Locale, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, opts)));
  return f;
}

/** Whole numbers with grouping: 541,909. */
export function formatInt(locale: Locale, n: number): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/** A number with up to `digits` decimals. */
export function formatNumber(locale: Locale, n: number, digits = 2): string {
  return numberFormat(locale, { maximumFractionDigits: digits }).format(n);
}

/** A share 0…1 as a percentage. */
export function formatPercent(locale: Locale, share: number, digits = 1): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(share);
}

const MONTHS_EN = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/**
 * A calendar date given as `YYYY-MM-DD` (anything after the day is ignored, so it never shifts a
 * day): zh-CN 2025年3月8日, en 8 Mar 2025. Written out by hand rather than by Intl, whose English
 * order (Mar 8, 2025) is not the glossary's and whose month names vary between ICU versions.
 */
export function formatDate(locale: Locale, iso: string | null): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const [year, month, day] = [m?.[1], Number(m?.[2]), Number(m?.[3])];
  if (!m || month < 1 || month > 12) return iso;
  return locale === 'zh-CN'
    ? `${year}年${month}月${day}日`
    : `${day} ${MONTHS_EN[month - 1]} ${year}`;
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

/** A month given as `YYYY-MM` or `YYYY-MM-DD` (or a UTC Date): zh-CN 2024年3月, en Mar 2024. */
export function formatMonth(locale: Locale, value: string | Date): string {
  let year: number;
  let month: number;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '—';
    [year, month] = [value.getUTCFullYear(), value.getUTCMonth() + 1];
  } else {
    const m = /^(\d{4})-(\d{2})/.exec(value);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return value;
    [year, month] = [Number(m[1]), Number(m[2])];
  }
  return locale === 'zh-CN' ? `${year}年${month}月` : `${MONTHS_EN[month - 1]} ${year}`;
}

/**
 * A calendar period by its key (DOMAIN §7a): a month as {@link formatMonth}, a quarter zh-CN
 * 2025年第1季度 / en Q1 2025, a year 2025年 / 2025. Anything else is returned as it is.
 */
export function formatPeriod(locale: Locale, key: string): string {
  let m: RegExpExecArray | null;
  if (/^\d{4}-\d{2}$/.test(key)) return formatMonth(locale, key);
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key)))
    return locale === 'zh-CN' ? `${m[1]}年第${m[2]}季度` : `Q${m[2]} ${m[1]}`;
  if (/^\d{4}$/.test(key)) return locale === 'zh-CN' ? `${key}年` : key;
  return key;
}

/** The symbol written before an amount in each currency (GLOSSARY: ¥ / $ / £ / € before the number). */
export const CURRENCY_SYMBOLS: Readonly<Record<Currency, string>> = {
  CNY: '¥',
  USD: '$',
  GBP: '£',
  EUR: '€',
  HKD: 'HK$'
};

/** Options of the number formatters that have a headline form. */
export interface FigureOptions {
  /** Headline figure (KPI tile, chart label, sentence): 1.23亿 / 4,567.8万 / 123.5M / 45.7K. */
  compact?: boolean;
}

/**
 * Money in `currency` (null: a plain number), e.g. ¥1,234.50, ¥12,346, -£830.25, HK$1,000.00;
 * compact: ¥1.23亿, £830.0万 / £8.3M. The rules are in this file's header.
 */
export function formatMoney(
  locale: Locale,
  n: number,
  currency: Currency | null,
  opts: FigureOptions = {}
): string {
  if (!Number.isFinite(n)) return '—';
  const symbol = currency ? CURRENCY_SYMBOLS[currency] : '';
  const parts = (opts.compact && compactParts(locale, n)) || exactMoneyParts(n);
  const sign = parts.value < 0 ? '-' : '';
  return `${sign}${symbol}${fixed(locale, Math.abs(parts.value), parts.digits)}${parts.unit}`;
}

/**
 * A tick on a money axis: the symbol before {@link formatTick}'s number, sign first, so the ticks
 * of one axis look alike and are compact once the axis reaches 10,000 (¥50万, $1.5M, £250).
 */
export function formatMoneyTick(
  locale: Locale,
  n: number,
  currency: Currency | null,
  step: number,
  largest = Math.abs(n)
): string {
  if (!Number.isFinite(n)) return '—';
  const symbol = currency ? CURRENCY_SYMBOLS[currency] : '';
  const text = formatTick(locale, Math.abs(n), step, largest);
  return `${n < 0 && text !== formatTick(locale, 0, step, largest) ? '-' : ''}${symbol}${text}`;
}

/**
 * The shortest money label, for chart cells and legends too small for a headline figure: the
 * symbol before {@link formatCompact}'s number (¥1.2万, $4.5K, £830), sign first.
 */
export function formatMoneyShort(
  locale: Locale,
  n: number,
  currency: Currency | null,
  significant = 3
): string {
  if (!Number.isFinite(n)) return '—';
  const symbol = currency ? CURRENCY_SYMBOLS[currency] : '';
  const text = formatCompact(locale, Math.abs(n), significant);
  return `${n < 0 && text !== '0' ? '-' : ''}${symbol}${text}`;
}

/** A count as a whole number with grouping (12,345); compact: 12.3万 / 123.5K from the thresholds. */
export function formatCount(locale: Locale, n: number, opts: FigureOptions = {}): string {
  if (!Number.isFinite(n)) return '—';
  const parts = (opts.compact && compactParts(locale, n)) || {
    value: roundTo(n, 0),
    digits: 0,
    unit: ''
  };
  const sign = parts.value < 0 ? '-' : '';
  return `${sign}${fixed(locale, Math.abs(parts.value), parts.digits)}${parts.unit}`;
}

/** A share 0…1 as a percentage with exactly one decimal: 0.1234 → 12.3%, 1 → 100.0%. */
export function formatShare(locale: Locale, share: number): string {
  if (!Number.isFinite(share)) return '—';
  const value = roundTo(share * 100, 1) / 100;
  return numberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1
  }).format(value === 0 ? 0 : value);
}

/** A number of days as a whole number (unit in the label): 3.6 → 4, 1234 → 1,234. */
export function formatDays(locale: Locale, days: number): string {
  return formatCount(locale, days);
}

/** A value, its decimals and its unit suffix, before the sign and symbol are put in front. */
interface Parts {
  value: number;
  digits: number;
  unit: string;
}

/** Table money: 2 decimals below 10,000, whole units from there (decided after rounding). */
function exactMoneyParts(n: number): Parts {
  const cents = roundTo(n, 2);
  return Math.abs(cents) < 10_000
    ? { value: cents, digits: 2, unit: '' }
    : { value: roundTo(n, 0), digits: 0, unit: '' };
}

/** Units of compact figures, largest first: divisor, decimals, suffix. */
const UNITS: Record<Locale, [number, number, string][]> = {
  'zh-CN': [
    [1e8, 2, '亿'],
    [1e4, 1, '万']
  ],
  en: [
    [1e9, 1, 'B'],
    [1e6, 1, 'M'],
    [1e3, 1, 'K']
  ]
};
/** Below this a compact figure is written in full. */
const COMPACT_FROM: Record<Locale, number> = { 'zh-CN': 1e5, en: 1e4 };

/** The compact form of `n`, or null when it is written in full (below 10万 / 10K once rounded). */
function compactParts(locale: Locale, n: number): Parts | null {
  const size = Math.abs(roundTo(n, 0));
  if (size < COMPACT_FROM[locale]) return null;
  const units = UNITS[locale];
  let i = units.findIndex(([divisor]) => size >= divisor);
  let value = roundTo(n / units[i][0], units[i][1]);
  // A value that rounds up to the next unit is written in it: 9,999.99万 → 1.00亿.
  if (i > 0 && Math.abs(value) * units[i][0] >= units[i - 1][0]) {
    i--;
    value = roundTo(n / units[i][0], units[i][1]);
  }
  return { value, digits: units[i][1], unit: units[i][2] };
}

/** `n` ≥ 0 with exactly `digits` decimals and grouping (rounded already by the caller). */
function fixed(locale: Locale, n: number, digits: number): string {
  return numberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits
  }).format(n);
}

/** Items joined as the language lists them: “A, B, and C” / “A、B和C”. */
export function formatList(locale: Locale, items: readonly string[]): string {
  let f = lists.get(locale);
  if (!f) lists.set(locale, (f = new Intl.ListFormat(locale, { type: 'conjunction' })));
  return f.format(items);
}

/** A growth or change 0…1 as a signed percentage, one decimal: 0.123 → +12.3%; null → —. */
export function formatGrowth(locale: Locale, change: number | null): string {
  if (change === null || !Number.isFinite(change)) return '—';
  const value = roundTo(change * 100, 1) / 100;
  return numberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero'
  }).format(value === 0 ? 0 : value);
}
