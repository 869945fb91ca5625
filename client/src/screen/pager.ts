/**
 * Paging for lists longer than a screen holds: the wall display never scrolls, so a long group
 * is shown a page at a time, each page for a part of the slide's interval. Pure helpers plus a
 * small timer composable.
 */
import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue';

/** How many rows of at least `minRowPx` fit in `heightPx` (at least 1). */
export function fitRows(heightPx: number, minRowPx: number): number {
  return Math.max(1, Math.floor(heightPx / Math.max(1, minRowPx)));
}

/**
 * Rows per page for `n` rows when at most `max` fit: all on one page if they fit, else pages of
 * even size (20 rows, 12 fit: two pages of 10, not 12 + 8).
 */
export function pageSize(n: number, max: number): number {
  const m = Math.max(1, Math.floor(max));
  if (n <= m) return Math.max(1, n);
  return Math.ceil(n / Math.ceil(n / m));
}

export function pageCount(n: number, per: number): number {
  return Math.max(1, Math.ceil(n / Math.max(1, per)));
}

/** The `page`-th slice (wraps around). */
export function pageSlice<T>(items: T[], page: number, per: number): T[] {
  const pages = pageCount(items.length, per);
  const p = ((page % pages) + pages) % pages;
  return items.slice(p * per, (p + 1) * per);
}

/** Page label, e.g. "1/2"; empty for a single page. */
export function pageLabel(page: number, pages: number): string {
  return pages > 1 ? `${page + 1}/${pages}` : '';
}

/**
 * A page index that advances every `ms` while there is more than one page, and starts over at 0
 * whenever `reset` changes (a new slide).
 */
export function usePager(pages: Ref<number>, ms: Ref<number>, reset: Ref<unknown>) {
  const page = ref(0);
  let timer: ReturnType<typeof setInterval> | null = null;
  const stop = (): void => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  const start = (): void => {
    stop();
    page.value = 0;
    if (pages.value > 1) timer = setInterval(() => (page.value = (page.value + 1) % Math.max(1, pages.value)), ms.value);
  };
  watch([pages, ms, reset], start, { immediate: true });
  onBeforeUnmount(stop);
  return { page: computed(() => Math.min(page.value, Math.max(0, pages.value - 1))) };
}
