/**
 * The real server for end-to-end tests and screenshots: `createApp` over SQLite in a data
 * directory, seeded with the demo county on first start, listening on the given port (0: any).
 */
import path from 'node:path';
import { createApp } from '../../server/app.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { createEngine } from '../../shared/engine/index.ts';
import { validateScheme } from '../../shared/validate-scheme.ts';
import { demoInfo, seedDemo, type DemoInfo } from '../../server/bootstrap/demo-seed.ts';

export interface RealServer {
  app: Awaited<ReturnType<typeof createApp>>;
  url: string;
  port: number;
  info: DemoInfo;
  close(): Promise<void>;
}

/** Starts (and on an empty directory seeds) the server; `now` fixes the demo's current month. */
export async function startRealServer(dataDir: string, opts: { port?: number; now?: Date } = {}): Promise<RealServer> {
  const storage = await openStorage({ url: 'sqlite', dataDir });
  const app = await createApp({
    storage,
    createEngine,
    checkScheme: (s) => validateScheme(s).problems,
    staticDir: path.join(process.cwd(), 'dist', 'client'),
    log: () => {},
  });
  let info = await demoInfo(app);
  if (!info) info = await seedDemo(app, opts.now ?? new Date('2026-03-20T08:00:00Z'));
  await new Promise<void>((resolve) => app.server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    port,
    info,
    close: async () => {
      await app.close();
      await storage.close();
    },
  };
}

/** A signed-in admin over HTTP: cookie + CSRF token, as a browser would send them. */
export async function adminClient(base: string, info: DemoInfo) {
  const admin = info.accounts.find((a) => a.username === 'admin') ?? info.accounts[0]!;
  const login = await fetch(`${base}/api/session/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: admin.username, password: admin.password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.getSetCookie?.() ?? [login.headers.get('set-cookie') ?? '']).map((c) => c.split(';')[0]).join('; ');
  const me = (await (await fetch(`${base}/api/session/me`, { headers: { cookie } })).json()) as { csrfToken: string };
  const send = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: { cookie, 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };
  return { send, get: <T>(p: string) => send<T>('GET', p) };
}
