/**
 * The shipped nginx config for real: made runnable from deploy/nginx/ (a self-signed certificate,
 * free loopback ports, a temp prefix; never the system nginx), checked with `nginx -t`, and started
 * in front of a real Saima server. HTTP redirects to HTTPS, HTTPS requests reach the app with the
 * forwarding headers (the server trusts them: sign-in limits are per client), and a Socket.IO WebSocket with a browser's Origin and session gets live patches.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServer, ServerToClient, Reply, SubscribeResult } from '../../shared/protocol.ts';
import type { Socket } from 'socket.io-client';
import { createApp, type App } from '../../server/app.ts';
import { openStorage, type Storage } from '../../server/storage/storage.ts';
import { createEngine } from '../../shared/engine/index.ts';
import { PASSWORD, seedTiny } from '../server/helpers/server.ts';

const deploy = path.resolve(import.meta.dirname, '../../deploy/nginx');
const hasNginx = spawnSync('sh', ['-c', 'command -v nginx && command -v openssl']).status === 0;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Replaces `from` in `text`, failing when the shipped file no longer has it. */
function swap(text: string, from: RegExp, to: string): string {
  expect(text, String(from)).toMatch(from);
  return text.replace(from, to);
}

/** The shipped config, pointed at the test ports, certificate and backend, inside a temp prefix. */
function runnableConfig(dir: string, ports: { https: number; http: number; app: number }): string {
  let site = fs.readFileSync(path.join(deploy, 'saima.conf'), 'utf8');
  site = swap(site, /^\s*listen \[::\]:80;\n/m, '');
  site = swap(site, /^\s*listen \[::\]:443 ssl;\n/m, '');
  site = swap(site, /listen 80;/, `listen 127.0.0.1:${ports.http};`);
  site = swap(site, /listen 443 ssl;/, `listen 127.0.0.1:${ports.https} ssl;`);
  site = swap(site, /\/etc\/nginx\/tls\/fullchain\.pem/, path.join(dir, 'cert.pem'));
  site = swap(site, /\/etc\/nginx\/tls\/privkey\.pem/, path.join(dir, 'key.pem'));
  const upstream = swap(fs.readFileSync(path.join(deploy, 'upstream.conf'), 'utf8'), /127\.0\.0\.1:3000/, `127.0.0.1:${ports.app}`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${path.join(dir, t)};`).join('\n');
  return `worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 64; }
http {
  access_log ${path.join(dir, 'access.log')};
${temp}
${upstream}
${site}
}
`;
}

describe.skipIf(!hasNginx)('nginx in front of Saima', () => {
  let srv: { app: App; storage: Storage; url: string; close: () => Promise<void> };
  let nginx: ChildProcess | null = null;
  let dir = '';
  let ports: { https: number; http: number; app: number };
  let cert: Buffer;
  const seen: http.IncomingHttpHeaders[] = [];
  const nginxArgs = () => ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-nginx-'));
    // As deployed behind the proxy: SAIMA_TRUST_PROXY=loopback.
    const storage = await openStorage({ dataDir: path.join(dir, 'data') });
    const app = await createApp({ storage, createEngine, trustProxy: ['loopback'], log: () => undefined });
    await seedTiny(app);
    await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
    const close = async () => {
      await app.close();
      await storage.close();
    };
    srv = { app, storage, url: `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`, close };
    srv.app.server.prependListener('request', (req: http.IncomingMessage) => seen.push(req.headers));
    ports = { https: await freePort(), http: await freePort(), app: Number(new URL(srv.url).port) };
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    cert = fs.readFileSync(path.join(dir, 'cert.pem'));
    fs.writeFileSync(path.join(dir, 'nginx.conf'), runnableConfig(dir, ports));
  });
  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx!.once('exit', r));
      nginx.kill('SIGQUIT');
      await exited;
    }
    await srv?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function request(method: string, p: string, opts: { body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
    return new Promise((resolve, reject) => {
      const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
      const req = https.request({ host: '127.0.0.1', port: ports.https, path: p, method, ca: cert, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...opts.headers } }, (res) => {
        let text = '';
        res.on('data', (b: Buffer) => (text += b.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('passes nginx -t', () => {
    const r = spawnSync('nginx', ['-t', ...nginxArgs()], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('syntax is ok');
  });

  it('serves the app over HTTPS with the forwarding headers, and redirects HTTP', async () => {
    nginx = spawn('nginx', [...nginxArgs(), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
    for (let i = 0; ; i++) {
      const up = await new Promise<boolean>((r) => net.connect(ports.https, '127.0.0.1').once('connect', function (this: net.Socket) { this.destroy(); r(true); }).once('error', () => r(false)));
      if (up) break;
      if (i > 100) throw new Error(`nginx did not start: ${fs.readFileSync(path.join(dir, 'error.log'), 'utf8')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const me = await request('GET', '/api/session/me');
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body).user.role).toBe('public');
    expect(me.headers['strict-transport-security']).toMatch(/max-age=/);
    const last = seen.at(-1)!;
    expect(last['x-forwarded-proto']).toBe('https');
    expect(last['x-forwarded-for']).toBe('127.0.0.1');
    expect(last.host).toBe(`127.0.0.1:${ports.https}`);

    const plain = await fetch(`http://127.0.0.1:${ports.http}/board?x=1`, { redirect: 'manual' });
    expect(plain.status).toBe(301);
    expect(plain.headers.get('location')).toBe(`https://127.0.0.1/board?x=1`);
  });

  it('lets the server tell clients apart by X-Forwarded-For (sign-in limits are per client)', async () => {
    const attempt = (ip: string, password: string) =>
      request('POST', '/api/session/login', { body: { username: 'leader', password }, headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < 10; i++) expect((await attempt('203.0.113.1', 'wrong-password')).status).toBe(401);
    expect((await attempt('203.0.113.1', PASSWORD)).status).toBe(429);
    expect((await attempt('203.0.113.2', PASSWORD)).status).toBe(200);
  });

  it('carries a Socket.IO WebSocket with live patches', async () => {
    const login = await request('POST', '/api/session/login', { body: { username: 'admin', password: PASSWORD } });
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']![0]).split(';')[0]!;
    const csrf = JSON.parse(login.body).csrfToken as string;
    const origin = `https://127.0.0.1:${ports.https}`;
    const socket: Socket<ServerToClient, ClientToServer> = io(origin, { transports: ['websocket'], reconnection: false, forceNew: true, ca: cert, extraHeaders: { cookie, origin } } as never);
    try {
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
      expect(socket.io.engine.transport.name).toBe('websocket');
      const reply = await new Promise<Reply<SubscribeResult>>((r) => socket.emit('standings:subscribe', { rooms: ['group:g1'], since: null }, r));
      expect(reply.ok).toBe(true);
      const patch = new Promise((r) => socket.once('standings:patch', r));
      const sent = await request('POST', '/api/values', { body: { key: 'via-nginx', period: 'm01', unit: 't1', indicator: 'inv', value: 77 }, headers: { cookie, 'x-csrf-token': csrf } });
      expect(sent.status, sent.body).toBe(201);
      const diff = (await patch) as { to: number };
      expect(diff.to).toBe(JSON.parse(sent.body).seq);
    } finally {
      socket.close();
    }
  });
});
