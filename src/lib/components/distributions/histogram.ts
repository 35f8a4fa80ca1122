// Pure helpers of the distribution view: score thresholds from bin ranges, bin intervals and their scores.
import type { BinInfo, Histogram } from '$lib/analysis';

/** Where one score's values end and the next one's begin, in raw units. */
export interface Threshold {
  value: number;
  /** Score of the values just below / just above `value` (for recency the left one is higher). */
  below: number;
  above: number;
}

/** Middle of two values: geometric on a log axis (when both are positive), arithmetic otherwise. */
export function midpoint(a: number, b: number, log: boolean): number {
  return log && a > 0 && b > 0 ? Math.sqrt(a * b) : (a + b) / 2;
}

/**
 * The boundaries between neighbouring non-empty scores, in ascending order of value: halfway
 * between the largest value of the lower bin and the smallest value of the next one. Works for
 * either direction (recency scores fall as days grow); empty scores are skipped.
 */
export function thresholdsOf(info: BinInfo, log: boolean): Threshold[] {
  const filled = info.ranges
    .map((range, i) => (range ? { score: i + 1, ...range } : null))
    .filter((b): b is { score: number; min: number; max: number } => b !== null)
    .sort((a, b) => a.min - b.min || a.max - b.max);
  return filled.slice(1).map((b, i) => ({
    value: midpoint(filled[i].max, b.min, log),
    below: filled[i].score,
    above: b.score
  }));
}

/** One drawable histogram bar. */
export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

/** The histogram's bins; a single zero-width bin (all values equal) is widened so it shows. */
export function binsOf(h: Histogram): HistogramBin[] {
  return h.counts.map((count, i) => {
    let [from, to] = [h.edges[i], h.edges[i + 1]];
    if (from === to) [from, to] = h.log ? [from / 1.5, to * 1.5] : [from - 0.5, to + 0.5];
    return { from, to, count };
  });
}

/** The scores whose values fall in [from, to] (ascending), from the metric's bin ranges. */
export function scoresIn(info: BinInfo, from: number, to: number): number[] {
  return info.ranges.flatMap((r, i) => (r && r.max >= from && r.min <= to ? [i + 1] : []));
}
