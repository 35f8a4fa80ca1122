// On a narrow screen wide tables scroll inside their own box (app.css); a box that scrolls must be
// reachable from the keyboard, so a table that scrolls gets a tab stop while it does.

/** Keeps every scrolling table under `root` focusable; returns the cleanup. */
export function keepScrollingTablesFocusable(root: HTMLElement): () => void {
  let frame = 0;
  const update = () => {
    frame = 0;
    for (const table of root.querySelectorAll<HTMLTableElement>('table')) {
      const isScrolling =
        table.scrollWidth > table.clientWidth + 1 &&
        getComputedStyle(table).overflowX !== 'visible';
      const isOurs = table.dataset.scrollFocus !== undefined;
      if (isScrolling && !table.hasAttribute('tabindex')) {
        table.tabIndex = 0;
        table.dataset.scrollFocus = '';
      } else if (!isScrolling && isOurs) {
        table.removeAttribute('tabindex');
        delete table.dataset.scrollFocus;
      }
    }
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(update);
  };
  const observer = new MutationObserver(schedule);
  observer.observe(root, { childList: true, subtree: true });
  addEventListener('resize', schedule);
  schedule();
  return () => {
    observer.disconnect();
    removeEventListener('resize', schedule);
    cancelAnimationFrame(frame);
  };
}
