/** The audit trail: one row per mutation, written in the mutation's transaction, never changed. */
import type { AuditRow } from '../../shared/audit.ts';
import { sql } from 'kysely';
import type { Db } from './storage.ts';

export interface AuditEntry {
  actor: string;
  action: string;
  target: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  /** ISO 8601 UTC. */
  at: string;
}

export type { AuditRow };

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

export async function writeAudit(db: Db, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  for (let i = 0; i < list.length; i += 500) {
    const rows = list.slice(i, i + 500).map((e) => ({
      at: e.at,
      actor: e.actor,
      action: e.action,
      target: e.target,
      before: json(e.before),
      after: json(e.after),
      reason: e.reason ?? null,
    }));
    await db.insertInto('audit').values(rows).execute();
  }
}

export interface AuditQuery {
  /** Rows with id below this (paging backwards from the newest). */
  before?: number;
  limit: number;
  /** Exact action, or a prefix ending in `*` (`appeal:*`). */
  action?: string;
  actor?: string;
  /** Text contained in the target (e.g. `unit:t1`, `appeal:ap_…`). */
  target?: string;
  /** ISO times, inclusive; a date alone (`2026-03-31`) as `to` means the end of that day. */
  from?: string;
  to?: string;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Newest first. */
export async function readAudit(db: Db, q: AuditQuery): Promise<AuditRow[]> {
  let query = db.selectFrom('audit').selectAll().orderBy('id', 'desc').limit(q.limit);
  if (q.before !== undefined) query = query.where('id', '<', q.before);
  if (q.action !== undefined) {
    query = q.action.endsWith('*') ? query.where(sql<boolean>`action like ${likeEscape(q.action.slice(0, -1)) + '%'} escape '\\'`) : query.where('action', '=', q.action);
  }
  if (q.actor !== undefined) query = query.where('actor', '=', q.actor);
  if (q.target !== undefined) query = query.where(sql<boolean>`target like ${'%' + likeEscape(q.target) + '%'} escape '\\'`);
  if (q.from !== undefined) query = query.where('at', '>=', q.from.replace(' ', 'T'));
  if (q.to !== undefined) query = query.where('at', '<=', /^\d{4}-\d{2}-\d{2}$/.test(q.to) ? `${q.to}T23:59:59.999Z` : q.to.replace(' ', 'T'));
  const rows = await query.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    actor: r.actor,
    action: r.action,
    target: r.target,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
    reason: r.reason,
  }));
}

export async function countAudit(db: Db): Promise<number> {
  const row = await db.selectFrom('audit').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}
