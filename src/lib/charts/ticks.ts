// Tick choice and labels for axes: counts that fit, default formats per scale type, label thinning.
import {
  formatDate,
  formatMonth,
  formatMoneyTick,
  formatTick,
  type Currency
} from '../i18n/format';
import type { Locale } from '../i18n/i18n.svelte';
import { tickCount, tickStep, type PositionScale, type ScaleValue } from './scales';

/** Tick values for an axis of `pixels` length: explicit values, a count, or what fits. */
export function pickTicks(
  scale: PositionScale,
  pixels: number,
  ticks?: number | readonly ScaleValue[],
  spacing = 80
): ScaleValue[] {
  if (Array.isArray(ticks)) return [...ticks];
  return scale.ticks(typeof ticks === 'number' ? ticks : tickCount(pixels, spacing));
}

const DAY_MS = 86_400_000;

/** A formatter for these ticks: compact/decimal numbers, months or days for dates, text as is. */
export function defaultTickFormat(
  locale: Locale,
  ticks: readonly ScaleValue[]
): (value: ScaleValue) => string {
  const step = tickStep(ticks);
  const largest = Math.max(0, ...ticks.map((t) => (typeof t === 'number' ? Math.abs(t) : 0)));
  const dates = ticks.filter((t): t is Date => t instanceof Date);
  const daily = dates.length > 1 && dates[1].getTime() - dates[0].getTime() < 28 * DAY_MS;
  return (value) => {
    if (typeof value === 'number') return formatTick(locale, value, step, largest);
    if (value instanceof Date) {
      return daily ? formatDate(locale, value.toISOString()) : formatMonth(locale, value);
    }
    return value;
  };
}

/** A formatter for the ticks of a money axis: the currency's symbol, compact from 10,000 up. */
export function moneyTickFormat(
  locale: Locale,
  ticks: readonly ScaleValue[],
  currency: Currency | null
): (value: ScaleValue) => string {
  const step = tickStep(ticks);
  const largest = Math.max(0, ...ticks.map((t) => (typeof t === 'number' ? Math.abs(t) : 0)));
  return (value) =>
    typeof value === 'number'
      ? formatMoneyTick(locale, value, currency, step, largest)
      : String(value);
}

/** Rough width of a label in pixels: CJK and full-width characters are 1em, others about 0.6em. */
export function estimateTextWidth(text: string, fontSize = 12): number {
  let em = 0;
  for (const ch of text)
    em +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch
      )
        ? 1
        : 0.6;
  return em * fontSize;
}

/**
 * Which of `labels` to show so neighbours do not overlap when each gets `slot` pixels: every
 * n-th one, starting with the first. Returns the indexes kept.
 */
export function thinLabels(
  labels: readonly string[],
  slot: number,
  fontSize = 12,
  gap = 6
): number[] {
  if (labels.length === 0) return [];
  const widest = Math.max(...labels.map((l) => estimateTextWidth(l, fontSize)));
  const every = slot > 0 ? Math.max(1, Math.ceil((widest + gap) / slot)) : labels.length;
  return labels.map((_, i) => i).filter((i) => i % every === 0);
}
