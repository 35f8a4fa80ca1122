// A chart's width, told by a ResizeObserver only.
import type { Attachment } from 'svelte/attachments';

/**
 * Reports the element's width (its content box, as `clientWidth` for an element without padding,
 * border or scrollbar) whenever it changes. Unlike `bind:clientWidth`, it never reads the width
 * while a view is being built: that read made the browser lay out the page in the middle of the
 * render, once per chart (≈ 40 ms of the RFM view's first render). The observer reports after the
 * browser's own layout, in the same frame, so the chart still draws before the first paint.
 */
export function observeWidth(report: (width: number) => void): Attachment<HTMLElement> {
  return (node) => {
    const observer = new ResizeObserver((entries) => {
      const entry = entries.at(-1);
      if (entry) report(Math.round(entry.contentRect.width));
    });
    observer.observe(node);
    return () => observer.disconnect();
  };
}
