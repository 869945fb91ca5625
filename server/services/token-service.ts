/**
 * Display tokens (read-only wall displays, no login) and reporter API tokens (data-owner
 * systems). Tokens are shown once, stored as sha256 hashes and revocable; revoking one
 * disconnects the sockets that used it.
 */
import type { Storage } from '../storage/storage.ts';
import * as repo from '../storage/users-repo.ts';
import { writeAudit } from '../storage/audit-repo.ts';
import { newId, randomToken, sha256 } from '../auth/secrets.ts';
import type { Principal, Role } from '../auth/roles.ts';
import { errors } from '../http/errors.ts';

export type TokenKind = 'display' | 'api';

export interface Settings {
  /** Anonymous callers may read the published standings. */
  publicRead: boolean;
  /** What wall displays (display tokens) and public readers see: live standings or the published snapshot. */
  screenSource: 'live' | 'published';
}

export interface PublicToken {
  id: string;
  kind: TokenKind;
  name: string;
  userId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

const toPublic = (t: repo.TokenRow): PublicToken => ({
  id: t.id,
  kind: t.kind as TokenKind,
  name: t.name,
  userId: t.user_id,
  createdAt: t.created_at,
  revokedAt: t.revoked_at,
});

export function createTokenService(storage: Storage, now: () => Date, onTokenRevoked: (tokenId: string) => void) {
  const iso = () => now().toISOString();
  /** Resolved tokens, briefly (exact: revocation happens in this process and drops the entry). */
  const cache = new Map<string, { p: Principal; until: number }>();

  /** Creates a token and returns it in clear text, once. API tokens act as a reporter user. */
  async function create(kind: TokenKind, name: string, userId: string | null, actor: string) {
    if (kind === 'api') {
      const u = userId ? await repo.findUserById(storage.db, userId) : undefined;
      if (!u || u.role !== 'reporter') throw errors.badRequest('API 令牌必须绑定一个报送单位账号。', 'An API token must belong to a reporter user.');
    }
    const token = randomToken(kind === 'display' ? 'sd_' : 'sk_');
    const row: repo.TokenRow = {
      id: newId('t'),
      kind,
      name,
      hash: sha256(token),
      user_id: kind === 'api' ? userId : null,
      created_by: actor,
      created_at: iso(),
      revoked_at: null,
    };
    await storage.tx(async (trx) => {
      await repo.insertToken(trx, row);
      await writeAudit(trx, { at: row.created_at, actor, action: 'token:created', target: `token:${row.id}`, before: null, after: toPublic(row) });
    });
    return { token, info: toPublic(row) };
  }

  async function revoke(id: string, actor: string): Promise<PublicToken> {
    const at = iso();
    const after = await storage.tx(async (trx) => {
      const cur = await repo.findToken(trx, id);
      if (!cur) throw errors.notFound();
      if (cur.revoked_at) return toPublic(cur);
      await repo.revokeToken(trx, id, at);
      const next = { ...cur, revoked_at: at };
      await writeAudit(trx, { at, actor, action: 'token:revoked', target: `token:${id}`, before: toPublic(cur), after: toPublic(next) });
      return toPublic(next);
    });
    for (const [k, v] of cache) if (v.p.tokenId === id) cache.delete(k);
    onTokenRevoked(id);
    return after;
  }

  /** The principal of a bearer token, or null when unknown or revoked. */
  async function resolve(token: string): Promise<Principal | null> {
    if (token.length > 200) return null;
    const hash = sha256(token);
    const hit = cache.get(hash);
    if (hit && hit.until > now().getTime()) return hit.p;
    const p = await lookup(hash);
    if (p) {
      if (cache.size > 10_000) cache.clear();
      cache.set(hash, { p, until: now().getTime() + 10_000 });
    }
    return p;
  }

  async function lookup(hash: string): Promise<Principal | null> {
    const t = await repo.findTokenByHash(storage.db, hash);
    if (!t || t.revoked_at) return null;
    const base = { tokenId: t.id, via: 'bearer' as const, sessionId: null, csrf: null, displayName: t.name };
    if (t.kind === 'display') return { ...base, role: 'display', actor: `token:${t.id}`, userId: null, unit: null, department: null };
    const u = t.user_id ? await repo.findUserById(storage.db, t.user_id) : undefined;
    if (!u || u.disabled === 1) return null;
    return { ...base, role: u.role as Role, actor: `token:${t.id}`, userId: u.id, unit: u.unit, department: u.department };
  }

  const list = async () => (await repo.listTokens(storage.db)).map(toPublic);

  /** Settings are read on hot paths (every display request): kept in memory, written through. */
  let settings: Settings | null = null;

  async function getSettings(): Promise<Settings> {
    if (!settings) {
      const publicRead = (await repo.readSetting(storage.db, 'publicRead')) === true;
      const screenSource = (await repo.readSetting(storage.db, 'screenSource')) === 'published' ? 'published' : 'live';
      settings = { publicRead, screenSource };
    }
    return { ...settings };
  }

  /** Changes the given settings (the others stay). */
  async function setSettings(patch: Partial<Settings>, actor: string): Promise<Settings> {
    const at = iso();
    const before = await getSettings();
    const next: Settings = { ...before, ...patch };
    await storage.tx(async (trx) => {
      for (const k of Object.keys(patch) as Array<keyof Settings>) await repo.writeSetting(trx, k, next[k]);
      await writeAudit(trx, { at, actor, action: 'settings:updated', target: 'settings', before, after: next });
    });
    settings = next;
    for (const l of listeners) l(next, before);
    return { ...next };
  }
  const listeners = new Set<(next: Settings, before: Settings) => void>();
  /** Called after a settings change (e.g. the wall displays switch between live and published). */
  function onSettings(l: (next: Settings, before: Settings) => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  }

  /** A reporter's role or status changed: its API tokens must be looked up again. */
  function forgetUser(userId: string): void {
    for (const [k, v] of cache) if (v.p.userId === userId) cache.delete(k);
  }

  return { create, revoke, resolve, forgetUser, list, getSettings, setSettings, onSettings };
}

export type TokenService = ReturnType<typeof createTokenService>;
