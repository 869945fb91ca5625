/** Import results: the counts and every change old → new, or the per-cell error report of a refused file. */

import type { ImportChange } from '../../../../../../shared/import-change.ts';

export type { ImportChange };

export interface ImportResult {
  applied: number;
  duplicates: number;
  unchanged: number;
  /** Cells a dry run would apply (a dry run applies none). */
  pending: number;
  version?: number;
  /** Values imports: every cell written, new or overwriting. */
  changes: ImportChange[];
  added: number;
  overwritten: number;
}
export interface ImportErrorRow {
  row: number | null;
  column: string;
  value: string;
  reason: string;
}

const text = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

/**
 * The error report of a refused import (`422 import_invalid`: `errors` at the top or under
 * `details`), sorted by row; null when the body is not one.
 */
export function importErrors(body: unknown): ImportErrorRow[] | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as { errors?: unknown; details?: { errors?: unknown } };
  const list = Array.isArray(b.errors) ? b.errors : Array.isArray(b.details?.errors) ? b.details.errors : null;
  if (!list) return null;
  return list
    .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
    .map((e) => ({
      row: typeof e.row === 'number' ? e.row : Number.isFinite(Number(e.row)) && e.row !== null && e.row !== '' ? Number(e.row) : null,
      column: e.header !== undefined && e.header !== null && e.header !== '' && e.header !== e.column ? `${text(e.header)}（${text(e.column)}）` : text(e.column),
      value: text(e.value),
      reason: text(e.reason ?? e.message),
    }))
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

/** Reads an accepted import's counts (missing numbers are 0). */
export function importResult(body: unknown): ImportResult {
  const b = (body ?? {}) as Record<string, unknown>;
  const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const applied = n(b.applied);
  // Older replies of a dry run name what would be applied `applied`.
  const pending = typeof b.pending === 'number' ? n(b.pending) : applied;
  const changes = Array.isArray(b.changes) ? (b.changes as ImportChange[]).filter((c) => typeof c === 'object' && c !== null) : [];
  const overwritten = typeof b.overwritten === 'number' ? n(b.overwritten) : changes.filter((c) => c.kind === 'overwrite').length;
  const added = typeof b.added === 'number' ? n(b.added) : changes.length - overwritten;
  return { applied, duplicates: n(b.duplicates), unchanged: n(b.unchanged), pending, version: typeof b.version === 'number' ? b.version : undefined, changes, added, overwritten };
}

/** A cell's value as shown: a number with its measure, '—' for none. */
export function cellText(v: number | string | null, measure = ''): string {
  if (v === null) return '—';
  return typeof v === 'number' && measure && measure !== '%' ? `${v} ${measure}` : typeof v === 'number' && measure === '%' ? `${v}%` : String(v);
}

/** One overwrite as a line: `东城镇 固定资产投资完成率 88.2 → 95.4`. */
export function changeLine(c: ImportChange): string {
  return `${c.unitName} ${c.indicatorName} ${cellText(c.before)} → ${cellText(c.after)}`;
}

/** The import route for a kind, period and (values) track. */
export function importPath(kind: 'values' | 'ratings', period: string, track: string | null, dryRun: boolean, reason?: string): string {
  const q = new URLSearchParams({ kind, period });
  if (kind === 'values' && track) q.set('track', track);
  q.set('dryRun', dryRun ? '1' : '0');
  if (reason?.trim()) q.set('reason', reason.trim());
  return `/api/import?${q.toString()}`;
}
