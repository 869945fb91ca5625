/**
 * User-supplied text (unit, cadre, indicator names) must never reach the DOM as HTML. ECharts
 * renders labels on canvas, but tooltips default to HTML, so every formatter goes through here.
 */
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes the five HTML-significant characters. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * Makes text safe inside an ECharts rich-text template: `{` `}` and `|` would start a style
 * block, so they are replaced by full-width look-alikes. Also caps the length.
 */
export function plainLabel(s: unknown, max = 40): string {
  const t = String(s ?? '').replace(/[{}|]/g, (c) => (c === '{' ? '｛' : c === '}' ? '｝' : '｜'));
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
