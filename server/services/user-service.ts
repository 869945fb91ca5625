/**
 * Users and cookie sessions: sign-in with argon2id and a rate limit, sign-out, and user
 * administration. Every change writes its audit row in the same transaction; a change that ends
 * a user's sessions (password, role, unit, disable) also tells the socket layer to disconnect.
 */
import type { Storage } from '../storage/storage.ts';
import * as repo from '../storage/users-repo.ts';
import { writeAudit } from '../storage/audit-repo.ts';
import { burnPasswordCheck, hashPassword, newId, normaliseUsername, randomToken, sha256, verifyPassword } from '../auth/secrets.ts';
import { createRateLimiter } from '../auth/rate-limit.ts';
import type { Principal, Role } from '../auth/roles.ts';
import { errors } from '../http/errors.ts';

const SESSION_MS = 7 * 24 * 3600_000;

export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unit: string | null;
  department: string | null;
  disabled: boolean;
}

export interface NewUser {
  username: string;
  password: string;
  displayName?: string;
  role: Exclude<Role, 'public' | 'display'>;
  unit?: string | null;
  department?: string | null;
}

export type UserPatch = Partial<Omit<NewUser, 'username'>> & { disabled?: boolean };

export const toPublicUser = (u: repo.UserRow): PublicUser => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role as Role,
  unit: u.unit,
  department: u.department,
  disabled: u.disabled === 1,
});

export function createUserService(storage: Storage, now: () => Date, onSessionsEnded: (userId: string, reason: string) => void) {
  const limiter = createRateLimiter();
  const iso = () => now().toISOString();
  /**
   * Resolved sessions, briefly: every request needs its principal. Exact because this process is
   * the only writer: sign-out and user changes drop the entries at once.
   */
  const cache = new Map<string, { p: Principal; until: number; expires: string }>();
  const forgetUser = (userId: string) => {
    for (const [k, v] of cache) if (v.p.userId === userId) cache.delete(k);
  };

  async function login(username: string, password: string, client: string) {
    const name = normaliseUsername(username);
    const key = `${client}|${name}`;
    if (limiter.blocked(key, now().getTime())) throw errors.rateLimited();
    const user = await repo.findUserByName(storage.db, name);
    const ok = user && user.disabled === 0 ? await verifyPassword(user.password_hash, password) : (await burnPasswordCheck(password), false);
    if (!ok || !user) {
      limiter.fail(key, now().getTime());
      throw errors.badCredentials();
    }
    limiter.reset(key);
    const token = randomToken();
    const csrf = randomToken();
    const at = iso();
    await storage.tx(async (trx) => {
      await repo.insertSession(trx, {
        id: sha256(token),
        user_id: user.id,
        csrf,
        epoch: user.epoch,
        created_at: at,
        expires_at: new Date(now().getTime() + SESSION_MS).toISOString(),
      });
      await writeAudit(trx, { at, actor: user.id, action: 'session:login', target: `user:${user.id}` });
    });
    return { token, csrf, user: toPublicUser(user) };
  }

  /** The principal of a session cookie, or null when it is unknown, expired or outdated. */
  async function resolveSession(token: string): Promise<Principal | null> {
    const id = sha256(token);
    const hit = cache.get(id);
    if (hit && hit.until > now().getTime() && hit.expires >= iso()) return hit.p;
    const s = await repo.findSession(storage.db, id);
    if (!s || s.expires_at < iso()) return null;
    const u = await repo.findUserById(storage.db, s.user_id);
    if (!u || u.disabled === 1 || u.epoch !== s.epoch) return null;
    const p: Principal = {
      role: u.role as Role,
      actor: u.id,
      userId: u.id,
      tokenId: null,
      unit: u.unit,
      department: u.department,
      via: 'cookie',
      sessionId: s.id,
      csrf: s.csrf,
      displayName: u.display_name,
    };
    if (cache.size > 10_000) cache.clear();
    cache.set(id, { p, until: now().getTime() + 10_000, expires: s.expires_at });
    return p;
  }

  async function logout(p: Principal): Promise<void> {
    if (!p.sessionId || !p.userId) return;
    cache.delete(p.sessionId);
    await storage.tx(async (trx) => {
      await repo.deleteSession(trx, p.sessionId!);
      await writeAudit(trx, { at: iso(), actor: p.actor, action: 'session:logout', target: `user:${p.userId}` });
    });
    onSessionsEnded(p.userId, 'logout');
  }

  async function createUser(input: NewUser, actor: string): Promise<PublicUser> {
    const username = normaliseUsername(input.username);
    if (!username) throw errors.badRequest('用户名不能为空。', 'The username must not be empty.');
    const at = iso();
    const row: repo.UserRow = {
      id: newId('u'),
      username,
      display_name: input.displayName?.trim() || username,
      role: input.role,
      unit: input.unit ?? null,
      department: input.department ?? null,
      password_hash: await hashPassword(input.password),
      disabled: 0,
      epoch: 0,
      created_at: at,
      updated_at: at,
    };
    await storage.tx(async (trx) => {
      if (await repo.findUserByName(trx, username)) throw errors.usernameTaken();
      await repo.insertUser(trx, row);
      await writeAudit(trx, { at, actor, action: 'user:created', target: `user:${row.id}`, before: null, after: toPublicUser(row) });
    });
    return toPublicUser(row);
  }

  async function updateUser(id: string, patch: UserPatch, actor: string, reason?: string): Promise<PublicUser> {
    const at = iso();
    const hash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
    let ended = false;
    const after = await storage.tx(async (trx) => {
      const cur = await repo.findUserById(trx, id);
      if (!cur) throw errors.notFound();
      const next: repo.UserRow = {
        ...cur,
        display_name: patch.displayName?.trim() || cur.display_name,
        role: patch.role ?? cur.role,
        unit: patch.unit !== undefined ? patch.unit : cur.unit,
        department: patch.department !== undefined ? patch.department : cur.department,
        disabled: patch.disabled === undefined ? cur.disabled : patch.disabled ? 1 : 0,
        password_hash: hash ?? cur.password_hash,
        updated_at: at,
      };
      ended = hash !== undefined || next.role !== cur.role || next.unit !== cur.unit || next.department !== cur.department || next.disabled > cur.disabled;
      if (ended) {
        next.epoch = cur.epoch + 1;
        await repo.deleteUserSessions(trx, id);
      }
      await repo.updateUser(trx, id, next);
      await writeAudit(trx, {
        at,
        actor,
        action: 'user:updated',
        target: `user:${id}`,
        before: toPublicUser(cur),
        after: { ...toPublicUser(next), ...(hash ? { passwordChanged: true } : {}) },
        reason: reason ?? null,
      });
      return toPublicUser(next);
    });
    forgetUser(id);
    if (ended) onSessionsEnded(id, hash ? 'password_changed' : after.disabled ? 'disabled' : 'role_changed');
    return after;
  }

  async function changeOwnPassword(p: Principal, current: string, next: string): Promise<void> {
    const u = p.userId ? await repo.findUserById(storage.db, p.userId) : undefined;
    if (!u || !(await verifyPassword(u.password_hash, current))) throw errors.badCredentials();
    await updateUser(u.id, { password: next }, p.actor, 'own password change');
  }

  const listUsers = async () => (await repo.listUsers(storage.db)).map(toPublicUser);
  const countUsers = () => repo.countUsers(storage.db);

  return { login, resolveSession, logout, createUser, updateUser, changeOwnPassword, listUsers, countUsers };
}

export type UserService = ReturnType<typeof createUserService>;
