/** The audit browser's filters as a query string, and before/after values as readable changes. */
import type { AuditRow } from '../../../../../../shared/audit.ts';

export interface AuditFilter {
  /** The actor's name, username or id. */
  actor?: string;
  /** The actor's role. */
  role?: string;
  /** A unit id: rows about it or by its users. */
  unit?: string;
  action?: string;
  target?: string;
  /** ISO 8601 or a Date. */
  from?: string | Date | null;
  to?: string | Date | null;
  /** Page back from this id. */
  before?: number | null;
  limit?: number;
}

const iso = (v: string | Date): string => (v instanceof Date ? v.toISOString() : v);

/** `GET /api/audit?…` for the filters; empty fields are left out. */
export function auditPath(f: AuditFilter): string {
  const q = new URLSearchParams();
  for (const k of ['actor', 'role', 'unit', 'action', 'target'] as const) {
    const v = f[k]?.trim();
    if (v) q.set(k, v);
  }
  if (f.from) q.set('from', iso(f.from));
  if (f.to) q.set('to', iso(f.to));
  if (typeof f.before === 'number') q.set('before', String(f.before));
  q.set('limit', String(f.limit ?? 50));
  return `/api/audit?${q.toString()}`;
}

/** One audit row as the API sends it. */
export type AuditItem = AuditRow;

/** Accepts `{ items, next }` (the contract) or `{ items }` (older server: next = last id). */
export function auditPage(body: unknown, limit: number): { items: AuditItem[]; next: number | null } {
  const b = (body ?? {}) as { items?: unknown; next?: unknown };
  const items = Array.isArray(b.items) ? (b.items as AuditItem[]) : [];
  if (typeof b.next === 'number') return { items, next: b.next };
  if (b.next === null) return { items, next: null };
  return { items, next: items.length >= limit ? (items.at(-1)?.id ?? null) : null };
}

export interface Change {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Short text of a value: strings as they are, the rest as JSON, long ones cut. */
export function shortJson(v: unknown, max = 200): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * What changed from `before` to `after`, path by path: objects are walked (to `depth`), arrays and
 * scalars compared whole. Identical values give no change.
 */
export function jsonChanges(before: unknown, after: unknown, depth = 4, path = ''): Change[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  // A created or deleted record lists its fields one by one.
  if (depth > 0 && (before === null || before === undefined) && isObj(after)) before = {};
  if (depth > 0 && (after === null || after === undefined) && isObj(before)) after = {};
  if (depth > 0 && isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => {
      const p = path ? `${path}.${k}` : k;
      if (!(k in before)) return [{ path: p, kind: 'added' as const, after: shortJson(after[k]) }];
      if (!(k in after)) return [{ path: p, kind: 'removed' as const, before: shortJson(before[k]) }];
      return jsonChanges(before[k], after[k], depth - 1, p);
    });
  }
  if (before === null || before === undefined) return [{ path: path || '·', kind: 'added', after: shortJson(after) }];
  if (after === null || after === undefined) return [{ path: path || '·', kind: 'removed', before: shortJson(before) }];
  return [{ path: path || '·', kind: 'changed', before: shortJson(before), after: shortJson(after) }];
}
