/** Download links (plain anchors: same-origin cookies authorise them). Console only, never public views. */

const enc = encodeURIComponent;
export type Source = 'live' | 'published';

/** The template of an import, in Chinese headers. */
export function templateUrl(kind: 'values' | 'ratings', period: string, track: string | null, format: 'xlsx' | 'csv'): string {
  const q = new URLSearchParams({ kind, period });
  if (kind === 'values' && track) q.set('track', track);
  q.set('format', format);
  return `/api/import/template?${q.toString()}`;
}

export function workbookUrl(period: string, source: Source): string {
  return `/api/exports/${enc(period)}.xlsx?source=${source}`;
}
/** The 通报 as PDF or Word; `query` from reportQuery (formal options). */
export function reportUrl(period: string, source: Source, format: 'pdf' | 'docx' = 'pdf', query = ''): string {
  return `/api/exports/${enc(period)}.${format}?source=${source}${query}`;
}
export function csvUrl(period: string, table: string, source: Source): string {
  return `/api/exports/${enc(period)}/${enc(table)}.csv?source=${source}`;
}
export function tablesUrl(period: string, source: Source): string {
  return `/api/exports/${enc(period)}/tables?source=${source}`;
}
export function evidenceUrl(id: string): string {
  return `/api/evidence/${enc(id)}`;
}
export function historyUrl(q: { period: string; unit: string; indicator?: string }): string {
  const p = new URLSearchParams({ period: q.period, unit: q.unit });
  if (q.indicator) p.set('indicator', q.indicator);
  return `/api/history?${p.toString()}`;
}

export interface ExportTable {
  id: string;
  name: string;
}
/** The CSV tables of a period: a list of ids or `{id, name}`, bare or under `tables` / `items`. */
export function exportTables(body: unknown): ExportTable[] {
  const b = body as { tables?: unknown; items?: unknown } | null;
  const list = Array.isArray(body) ? body : Array.isArray(b?.tables) ? b.tables : Array.isArray(b?.items) ? b.items : [];
  return (list as unknown[]).flatMap((x) => {
    if (typeof x === 'string') return [{ id: x, name: x }];
    if (typeof x === 'object' && x !== null) {
      const o = x as { id?: unknown; table?: unknown; key?: unknown; name?: unknown; title?: unknown };
      const id = String(o.id ?? o.table ?? o.key ?? '');
      return id ? [{ id, name: String(o.name ?? o.title ?? id) }] : [];
    }
    return [];
  });
}
