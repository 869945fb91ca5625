/**
 * Mock server speaking the real protocol (REST /api/meta, /api/standings; Socket.IO
 * `standings:subscribe` / `standings:patch`) over a MockCounty, serving dist/client. For client
 * development and screenshots before (or without) the real server. `tsx test/e2e/mock-server.ts`.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { Server } from 'socket.io';
import type { ClientToServer, ServerToClient } from '../../shared/protocol.ts';
import type { StandingsDiff } from '../../shared/standings.ts';
import { MockCounty } from './mock-county.ts';
import { makeDemoCounty } from '../../server/demo/county.ts';
import type { LogEvent } from '../../shared/events.ts';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };

export interface MockServer {
  url: string;
  county: MockCounty;
  http: HttpServer;
  /** Applies one random change and pushes it. */
  tick(): StandingsDiff;
  push(diff: StandingsDiff): void;
  close(): Promise<void>;
}

let log: LogEvent[] | null = null;
function demoLog(): LogEvent[] {
  if (log) return log;
  const d = makeDemoCounty({ seed: 2026, year: 2026, throughMonth: 10 });
  log = [
    { type: 'scheme:changed', data: { scheme: d.scheme }, seq: 1, at: d.history[0]?.at ?? '2026-01-01T00:00:00Z', actor: 'demo' },
    ...d.history.map((h, i) => ({ ...h.body, seq: i + 2, at: h.at, actor: h.actor }) as LogEvent),
  ];
  return log;
}

export async function startMockServer(opts: { port?: number; feedMs?: number; root?: string } = {}): Promise<MockServer> {
  const county = new MockCounty();
  const root = opts.root ?? join(process.cwd(), 'dist/client');
  const diffs: StandingsDiff[] = [];
  const http = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (body: unknown): void => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/api/meta') return json(county.meta);
    if (url.pathname === '/api/standings') return json(county.standings());
    if (url.pathname === '/api/events') {
      // Replay source: the demo county's log (the mock's own standings have no events).
      const since = Number(url.searchParams.get('since') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 1000);
      return json({ version: demoLog().length, events: demoLog().filter((e) => e.seq > since).slice(0, limit) });
    }
    if (url.pathname.startsWith('/api/')) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      return res.end(JSON.stringify({ code: 'not_found', message: '接口不存在' }));
    }
    const file = normalize(join(root, url.pathname));
    const target = file.startsWith(root) && extname(file) ? file : join(root, 'index.html');
    try {
      const body = await readFile(target);
      res.writeHead(200, { 'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  const io = new Server<ClientToServer, ServerToClient>(http);
  io.on('connection', (socket) => {
    socket.on('standings:subscribe', (req, ack) => {
      for (const r of req.rooms) void socket.join(r);
      if (req.since !== null && req.since >= diffs[0]!.from - 0 && req.since <= county.version) {
        ack({ ok: true, data: { version: county.version, diffs: diffs.filter((d) => d.from >= (req.since ?? 0)) } });
      } else ack({ ok: true, data: { version: county.version, snapshot: county.standings(req.rooms) } });
    });
    socket.on('standings:unsubscribe', (req, ack) => {
      for (const r of req.rooms) void socket.leave(r);
      ack({ ok: true, data: null });
    });
  });
  diffs.push({ from: county.version, to: county.version });
  const push = (d: StandingsDiff): void => {
    diffs.push(d);
    if (diffs.length > 500) diffs.splice(1, diffs.length - 500);
    io.emit('standings:patch', d);
  };
  const tick = (): StandingsDiff => {
    const d = county.tick();
    push(d);
    return d;
  };
  const timer = opts.feedMs ? setInterval(tick, opts.feedMs) : null;
  await new Promise<void>((r) => http.listen(opts.port ?? 0, '127.0.0.1', r));
  const addr = http.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    county,
    http,
    tick,
    push,
    close: async () => {
      if (timer) clearInterval(timer);
      await new Promise<void>((r) => io.close(() => r()));
    },
  };
}

if (process.argv[1]?.endsWith('mock-server.ts')) {
  const s = await startMockServer({ port: Number(process.env.PORT ?? 3000), feedMs: 1000 });
  console.log(`mock server on ${s.url}/screen`);
}
