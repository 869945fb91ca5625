/** A real server on port 0 over a temp SQLite dir, with users for every role, and a small HTTP client. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { createApp, type App, type AppDeps } from '../../../server/app.ts';
import { createLogger } from '../../../server/ops/logger.ts';
import { openStorage, type Storage } from '../../../server/storage/storage.ts';
import { createEngine } from '../../../shared/engine/index.ts';
import { validateScheme } from '../../../shared/validate-scheme.ts';
import type { ClientToServer, ServerToClient } from '../../../shared/protocol.ts';
import { tinyScheme } from './tiny-scheme.ts';

process.env.SAIMA_FAST_HASH = '1';

export const PASSWORD = 'correct-horse-9';

export interface TestServer {
  url: string;
  dir: string;
  app: App;
  storage: Storage;
  close(opts?: { keepDir?: boolean }): Promise<void>;
}

/** `deps`: more of createApp's dependencies (a capturing logger, a metrics token, …). */
export async function startServer(opts: { dir?: string; seed?: boolean; deps?: Partial<AppDeps> } = {}): Promise<TestServer> {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'saima-srv-'));
  const storage = await openStorage({ dataDir: dir });
  const app = await createApp({
    storage,
    createEngine,
    checkScheme: (s) => validateScheme(s).problems,
    log: () => undefined,
    logger: createLogger({ level: 'silent' }),
    ...opts.deps,
  });
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const srv: TestServer = {
    url,
    dir,
    app,
    storage,
    async close(o = {}) {
      await app.close();
      await storage.close();
      if (!o.keepDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  if (opts.seed !== false && (await app.users.countUsers()) === 0) await seedTiny(app);
  return srv;
}

/** The tiny scheme plus one user per role (and a second unit user), all with PASSWORD. */
export async function seedTiny(app: App): Promise<void> {
  await app.race.submit('setup', [{ body: { type: 'scheme:changed', data: { scheme: tinyScheme() } } }]);
  const mk = (username: string, role: 'admin' | 'leader' | 'reporter' | 'unit', extra: { unit?: string; department?: string } = {}) =>
    app.users.createUser({ username, password: PASSWORD, role, ...extra }, 'setup');
  await mk('admin', 'admin');
  await mk('leader', 'leader');
  await mk('fgw', 'reporter', { department: 'fgw' });
  await mk('unit1', 'unit', { unit: 't1' });
  await mk('unit3', 'unit', { unit: 't3' });
}

export interface Client {
  csrf: string | null;
  cookie: string | null;
  bearer: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are checked field by field
  req(method: string, p: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
}

export function client(url: string, init: { bearer?: string } = {}): Client {
  const c: Client = {
    csrf: null,
    cookie: null,
    bearer: init.bearer ?? null,
    async req(method, p, body, headers = {}) {
      const h: Record<string, string> = { ...headers };
      if (body !== undefined && typeof body !== 'string') h['content-type'] ??= 'application/json';
      if (c.cookie) h.cookie = c.cookie;
      if (c.csrf && method !== 'GET') h['x-csrf-token'] ??= c.csrf;
      if (c.bearer) h.authorization = `Bearer ${c.bearer}`;
      const res = await fetch(url + p, { method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
      const set = res.headers.get('set-cookie');
      if (set) c.cookie = set.split(';')[0]!;
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
  };
  return c;
}

/** Signs in and keeps the cookie and CSRF token. */
export async function login(url: string, username: string, password = PASSWORD): Promise<Client> {
  const c = client(url);
  const r = await c.req('POST', '/api/session/login', { username, password });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  c.csrf = r.body.csrfToken;
  return c;
}

export type TestSocket = Socket<ServerToClient, ClientToServer>;

export function socketFor(url: string, opts: { cookie?: string | null; token?: string; origin?: string } = {}): TestSocket {
  const extraHeaders: Record<string, string> = {};
  if (opts.cookie) extraHeaders.cookie = opts.cookie;
  if (opts.origin) extraHeaders.origin = opts.origin;
  return connect(url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders, auth: opts.token ? { token: opts.token } : {} });
}

export function connected(s: TestSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (s.connected) return resolve();
    s.once('connect', () => resolve());
    s.once('connect_error', (e) => reject(e));
  });
}

export async function until(cond: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
