/** The audit trail: one row per mutation, written in the mutation's transaction, never changed. */
import type { AuditRow } from '../../shared/audit.ts';
import { sql, type RawBuilder } from 'kysely';
import { resolveActors } from './audit-actors.ts';
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

/** Writes the rows with each actor's display name, role and unit as they are now. */
export async function writeAudit(db: Db, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (!list.length) return;
  const actors = await resolveActors(db, list.map((e) => e.actor));
  for (let i = 0; i < list.length; i += 500) {
    const rows = list.slice(i, i + 500).map((e) => {
      const who = actors.get(e.actor)!;
      return {
        at: e.at,
        actor: e.actor,
        actor_name: who.name,
        actor_role: who.role,
        actor_unit: who.unit,
        action: e.action,
        target: e.target,
        before: json(e.before),
        after: json(e.after),
        reason: e.reason ?? null,
      };
    });
    await db.insertInto('audit').values(rows).execute();
  }
}

export interface AuditQuery {
  /** Rows with id below this (paging backwards from the newest). */
  before?: number;
  limit: number;
  /** Exact action, or a prefix ending in `*` (`appeal:*`). */
  action?: string;
  /** The actor's id, username (exact) or part of the display name, any case. */
  actor?: string;
  /** The actor's role. */
  role?: string;
  /** Rows about this unit or written by its users. */
  unit?: string;
  /** Text contained in the target (e.g. `unit:t1`, `appeal:ap_…`). */
  target?: string;
  /** ISO times, inclusive; a date alone (`2026-03-31`) as `to` means the end of that day. */
  from?: string;
  to?: string;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const like = (column: string, pattern: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern.toLowerCase()} escape '\\'`;

/** Rows whose actor is a user matching `cond` (rows name a user by id, or by username for imported history). */
const byUsers = (cond: RawBuilder<boolean>) => sql<boolean>`(actor in (select u.id from users u where ${cond}) or actor in (select u.username from users u where ${cond}))`;

/** Newest first. */
export async function readAudit(db: Db, q: AuditQuery): Promise<AuditRow[]> {
  let query = db.selectFrom('audit').selectAll().orderBy('id', 'desc').limit(q.limit);
  if (q.before !== undefined) query = query.where('id', '<', q.before);
  if (q.action !== undefined) {
    query = q.action.endsWith('*') ? query.where(sql<boolean>`action like ${likeEscape(q.action.slice(0, -1)) + '%'} escape '\\'`) : query.where('action', '=', q.action);
  }
  if (q.actor !== undefined) {
    const text = q.actor.trim();
    const part = `%${likeEscape(text)}%`;
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(actor) = ${text.toLowerCase()}`,
        like('actor_name', part),
        byUsers(sql<boolean>`(lower(u.username) = ${text.toLowerCase()} or lower(u.display_name) like ${part.toLowerCase()} escape '\\')`),
      ]),
    );
  }
  if (q.role !== undefined) {
    const role = q.role;
    query = query.where((eb) => eb.or([eb('actor_role', '=', role), eb.and([eb('actor_role', 'is', null), byUsers(sql<boolean>`u.role = ${role}`)])]));
  }
  if (q.unit !== undefined) {
    const unit = likeEscape(q.unit);
    query = query.where((eb) =>
      eb.or([
        eb('actor_unit', '=', q.unit!),
        sql<boolean>`target like ${`%unit:${unit}`} escape '\\'`,
        sql<boolean>`target like ${`%unit:${unit} %`} escape '\\'`,
        eb.and([eb('actor_unit', 'is', null), byUsers(sql<boolean>`u.unit = ${q.unit}`)]),
      ]),
    );
  }
  if (q.target !== undefined) query = query.where(sql<boolean>`target like ${'%' + likeEscape(q.target) + '%'} escape '\\'`);
  if (q.from !== undefined) query = query.where('at', '>=', q.from.replace(' ', 'T'));
  if (q.to !== undefined) query = query.where('at', '<=', /^\d{4}-\d{2}-\d{2}$/.test(q.to) ? `${q.to}T23:59:59.999Z` : q.to.replace(' ', 'T'));
  const rows = await query.execute();
  // Rows written before their actor existed (imported history) are named by who the actor is now.
  const later = await resolveActors(db, rows.filter((r) => r.actor_role === null).map((r) => r.actor));
  return rows.map((r) => {
    const now = later.get(r.actor);
    return {
      id: Number(r.id),
      at: r.at,
      actor: r.actor,
      actorName: r.actor_role === null ? (now?.name ?? null) : r.actor_name,
      actorRole: r.actor_role ?? now?.role ?? null,
      actorUnit: r.actor_role === null ? (now?.unit ?? null) : r.actor_unit,
      action: r.action,
      target: r.target,
      before: r.before === null ? null : JSON.parse(r.before),
      after: r.after === null ? null : JSON.parse(r.after),
      reason: r.reason,
    };
  });
}

export async function countAudit(db: Db): Promise<number> {
  const row = await db.selectFrom('audit').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}
