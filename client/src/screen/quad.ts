/**
 * Layouts of the wall display that depend on the group: how the quad view splits the screen
 * for the tracks a group runs, and how many bars a race holds before it pages.
 */
import type { Meta } from '../lib/meta.ts';
import { fitRows, pageCount, pageSize } from './pager.ts';
import { groupTracks } from './rotation.ts';

/** Tracks of the quad view: the group's first four (overall excluded). */
export function quadTracks(meta: Meta, group: string): string[] {
  return groupTracks(meta, group, { tracks: [] })
    .filter((x): x is string => x !== null)
    .slice(0, 4);
}

/** Grid for `n` races: 1 → full screen, 2 and 3 → side by side at full height, 4 → 2 × 2. */
export function quadGrid(n: number): { cols: number; rows: number } {
  if (n <= 1) return { cols: 1, rows: 1 };
  if (n <= 3) return { cols: n, rows: 1 };
  return { cols: 2, rows: 2 };
}

export interface BarLayout {
  /** Bars per page. */
  per: number;
  pages: number;
  fontSize: number;
}

/** Smallest bar row (stage pixels) that still carries a legible name. */
export const MIN_BAR_ROW = 30;

/**
 * Bars per page and font size for `n` bars in a chart `heightPx` high: all of them when each gets
 * at least `MIN_BAR_ROW`, else even pages; the font follows the row height (14–24 px).
 */
export function barLayout(heightPx: number, n: number): BarLayout {
  const count = Math.max(1, n);
  const per = pageSize(count, fitRows(heightPx, MIN_BAR_ROW));
  const row = heightPx / per;
  return { per, pages: pageCount(count, per), fontSize: Math.max(14, Math.min(24, Math.round(row * 0.5))) };
}
