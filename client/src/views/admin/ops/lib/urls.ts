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
export function reportUrl(period: string, source: Source): string {
  return `/api/exports/${enc(period)}.pdf?source=${source}`;
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
