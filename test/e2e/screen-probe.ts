/**
 * What the wall display really shows, read in the browser: the text elements an ECharts chart
 * drew on its canvas (through zrender's display list), and the rendered boxes of DOM text.
 */
import type { Page } from 'playwright-core';

export interface DrawnChart {
  /** Category ids of the bars (the y axis data). */
  ids: string[];
  /** Texts drawn inside the chart's area and not hidden. */
  texts: string[];
}

/** Drawn texts of every chart matching `selector` (an element wrapping an `EChart`). */
export function chartTexts(page: Page, selector: string): Promise<DrawnChart[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      type Rect = { x: number; y: number; width: number; height: number; clone(): Rect; applyTransform(m: number[]): void };
      type Drawn = { style?: { text?: unknown; opacity?: number }; ignore?: boolean; invisible?: boolean; transform?: number[]; getBoundingRect(): Rect };
      const host = (el.matches('.echart') ? el : el.querySelector('.echart') ?? el) as HTMLElement & {
        __chart?: { getOption(): { yAxis?: Array<{ data?: unknown[] }> }; getZr(): { storage: { getDisplayList(update: boolean): Drawn[] } } };
      };
      const chart = host.__chart;
      if (!chart) return { ids: [], texts: [] };
      const w = host.clientWidth;
      const h = host.clientHeight;
      const texts = chart
        .getZr()
        .storage.getDisplayList(true)
        .filter((d) => typeof d.style?.text === 'string' && !d.ignore && !d.invisible && d.style.opacity !== 0)
        .filter((d) => {
          const r = d.getBoundingRect().clone();
          if (d.transform) r.applyTransform(d.transform);
          return r.x >= -1 && r.y >= -1 && r.x + r.width <= w + 1 && r.y + r.height <= h + 1;
        })
        .map((d) => String(d.style!.text));
      const ids = (chart.getOption().yAxis?.[0]?.data ?? []).map(String);
      return { ids, texts };
    }),
  );
}

export interface DomName {
  text: string;
  /** Nothing clipped: the whole text is visible. */
  whole: boolean;
  /** Characters that fit the visible box (whole text: all of them). */
  visibleChars: number;
  /** Font size on screen (CSS px × the stage's scale). */
  fontPx: number;
}

/** Rendered boxes of the DOM elements matching `selector`. */
export function domNames(page: Page, selector: string): Promise<DomName[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const e = el as HTMLElement;
      const scale = e.offsetWidth ? e.getBoundingClientRect().width / e.offsetWidth : 1;
      const fs = parseFloat(getComputedStyle(e).fontSize);
      const text = (e.textContent ?? '').trim();
      // Whole when every line of the text lies inside the element's box: horizontally within it,
      // vertically with its middle inside (glyph boxes are a little taller than the line height).
      const box = e.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(e);
      const slack = 2 * scale;
      const whole =
        e.scrollWidth <= e.clientWidth + 1 &&
        Array.from(range.getClientRects()).every((r) => r.left >= box.left - slack && r.right <= box.right + slack && (r.top + r.bottom) / 2 >= box.top && (r.top + r.bottom) / 2 <= box.bottom);
      const lines = Math.max(1, Math.floor(e.clientHeight / (fs * 1.1)));
      const visibleChars = whole ? text.length : Math.floor((e.clientWidth / fs) * lines);
      return { text, whole, visibleChars, fontPx: fs * scale };
    }),
  );
}

/** A name is shown when drawn whole, or cut with "…" after at least its first 4 characters. */
export function nameShown(name: string, drawn: string[]): boolean {
  return drawn.some((t) => t === name || (t.endsWith('…') && t.length - 1 >= 4 && name.startsWith(t.slice(0, -1))));
}
