/**
 * Who an audit row's actor is: a user (by id, or by username for actors written as names), a
 * token (`token:<id>`: its name, and the role and unit of the user it acts for), a reporting
 * department of imported history (`reporter:<department>`), or the system itself.
 */
import type { Db } from './storage.ts';

export interface ActorInfo {
  name: string | null;
  role: string | null;
  unit: string | null;
}

/** Actors that are the server itself: the demo county, test setup, snapshots. */
export const SYSTEM_ACTORS = ['demo', 'demo-feeder', 'setup', 'snapshot', 'system'];

const UNKNOWN: ActorInfo = { name: null, role: null, unit: null };

/** The actor info of each of `actors` (unknown actors map to nulls). */
export async function resolveActors(db: Db, actors: string[]): Promise<Map<string, ActorInfo>> {
  const out = new Map<string, ActorInfo>();
  const wanted = [...new Set(actors)];
  const plain = wanted.filter((a) => !a.startsWith('token:'));
  const tokenIds = wanted.filter((a) => a.startsWith('token:')).map((a) => a.slice(6));
  const tokens = tokenIds.length ? await db.selectFrom('tokens').select(['id', 'name', 'kind', 'user_id']).where('id', 'in', tokenIds).execute() : [];
  const userKeys = [...plain, ...tokens.flatMap((t) => (t.user_id ? [t.user_id] : []))];
  const users = userKeys.length
    ? await db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'unit']).where((eb) => eb.or([eb('id', 'in', userKeys), eb('username', 'in', userKeys)])).execute()
    : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  const byName = new Map(users.map((u) => [u.username, u]));
  for (const a of plain) {
    const u = byId.get(a) ?? byName.get(a);
    if (u) out.set(a, { name: u.display_name, role: u.role, unit: u.unit });
    else if (a.startsWith('reporter:')) out.set(a, { name: null, role: 'reporter', unit: null });
    else if (SYSTEM_ACTORS.includes(a)) out.set(a, { name: null, role: 'system', unit: null });
    else out.set(a, UNKNOWN);
  }
  for (const t of tokens) {
    const u = t.user_id ? byId.get(t.user_id) : undefined;
    out.set(`token:${t.id}`, { name: t.name, role: t.kind === 'display' ? 'display' : (u?.role ?? null), unit: u?.unit ?? null });
  }
  for (const a of wanted) if (!out.has(a)) out.set(a, UNKNOWN);
  return out;
}
