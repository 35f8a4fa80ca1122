// Category labels for horizontal bar charts (pure): shortened to fit, and the margin they need.
import { estimateTextWidth } from '$lib/charts/ticks';

/** Widest label, in pixels, a bar chart's left margin makes room for. */
export const MAX_LABEL_PX = 180;

/** `text` cut with an ellipsis so it is at most `px` wide at `fontSize`. */
export function shortenLabel(text: string, px = MAX_LABEL_PX, fontSize = 11): string {
  if (estimateTextWidth(text, fontSize) <= px) return text;
  let out = '';
  for (const ch of text) {
    if (estimateTextWidth(`${out}${ch}…`, fontSize) > px) break;
    out += ch;
  }
  return `${out}…`;
}

/** Left margin for these (already shortened) labels: their widest plus the tick and a gap. */
export function labelMargin(labels: readonly string[], fontSize = 11): number {
  const widest = Math.max(0, ...labels.map((l) => estimateTextWidth(l, fontSize)));
  return Math.max(48, Math.ceil(widest) + 16);
}
