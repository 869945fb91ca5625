/** Windowing for long tables: which rows to render for a scroll position (fixed row height). */
export interface VisibleRange {
  start: number;
  end: number;
  padTop: number;
  padBottom: number;
}

export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan = 6): VisibleRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, Math.min(count - 1, first) - overscan);
  const end = Math.min(count, first + Math.ceil(Math.max(0, viewport) / rowHeight) + overscan + 1);
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight };
}

/** scrollTop that brings row `i` into view (unchanged when it already is). */
export function scrollToRow(i: number, scrollTop: number, viewport: number, rowHeight: number): number {
  const top = i * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport;
  return scrollTop;
}
