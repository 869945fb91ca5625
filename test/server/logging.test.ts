/** The request log: one JSON line per request with its id, caller and timing, and no credentials in it. */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/ops/logger.ts';
import { scrubUrl } from '../../server/ops/logger.ts';
import { client, login, PASSWORD, startServer, type TestServer } from './helpers/server.ts';

interface Line {
  level: number;
  msg: string;
  req?: { id: string; method: string; url: string };
  res?: { statusCode: number };
  responseTime?: number;
  user?: string;
  role?: string;
}

describe('request log', () => {
  let srv: TestServer;
  const captured: string[] = [];
  const lines = () => captured.flatMap((c) => c.split('\n').filter(Boolean)).map((l) => JSON.parse(l) as Line);

  beforeAll(async () => {
    const logger = createLogger({ level: 'info', stream: { write: (s: string) => void captured.push(s) } });
    srv = await startServer({ deps: { logger, log: (msg, err) => logger.error({ err }, msg) } });
  });
  afterAll(() => srv.close());

  it('writes one line per request with the id returned in X-Request-Id, the user, role, status and duration', async () => {
    const admin = await login(srv.url, 'admin');
    const r = await admin.req('GET', '/api/session/me');
    const id = r.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const mine = lines().filter((l) => l.req?.id === id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ level: 30, user: expect.any(String), role: 'admin', res: { statusCode: 200 }, req: { method: 'GET', url: '/api/session/me' } });
    expect(mine[0]!.responseTime).toBeGreaterThanOrEqual(0);
  });

  it('puts the request id in every error body and keeps a well-formed incoming id', async () => {
    const r = await client(srv.url).req('GET', '/api/audit', undefined, { 'x-request-id': 'proxy-req-12345678' });
    expect(r.status).toBe(401);
    expect(r.body.requestId).toBe('proxy-req-12345678');
    expect(r.headers.get('x-request-id')).toBe('proxy-req-12345678');
    const bad = await client(srv.url).req('GET', '/api/nothing', undefined, { 'x-request-id': 'bad id with spaces' });
    expect(bad.status).toBe(404);
    expect(bad.body.requestId).toBe(bad.headers.get('x-request-id'));
    expect(bad.body.requestId).not.toContain(' ');
    expect(lines().find((l) => l.req?.id === bad.body.requestId)).toMatchObject({ level: 40, role: 'public', res: { statusCode: 404 } });
  });

  it('never logs passwords, session cookies, CSRF tokens, bearer tokens or display tokens in query strings', async () => {
    const admin = await login(srv.url, 'admin');
    const sid = admin.cookie!.split('=')[1]!;
    const made = await admin.req('POST', '/api/tokens', { kind: 'display', name: '大屏' });
    expect(made.status).toBe(201);
    const display: string = made.body.token;
    const bad = await client(srv.url).req('POST', '/api/session/login', { username: 'admin', password: 'wrong-password-42' });
    expect(bad.status).toBe(401);
    expect((await fetch(`${srv.url}/api/standings?token=${display}&x=1`)).status).toBe(200);
    expect((await client(srv.url, { bearer: display }).req('GET', '/api/standings')).status).toBe(200);
    const unit = await login(srv.url, 'unit1');
    const unitSid = unit.cookie!.split('=')[1]!;
    expect((await unit.req('POST', '/api/session/logout')).status).toBeLessThan(300);
    const text = captured.join('');
    const secrets = [PASSWORD, 'wrong-password-42', sid, admin.csrf!, unit.csrf!, display, unitSid];
    for (const s of secrets) expect(s.length).toBeGreaterThan(7);
    for (const s of secrets) expect(text, s).not.toContain(s);
    // The requests were logged, only without the secrets.
    expect(text).toContain('/api/standings?token=[redacted]&x=1');
    expect(lines().filter((l) => l.req?.url === '/api/session/login').length).toBeGreaterThanOrEqual(3);
  });

  it('scrubs secret query parameters, whatever their case or encoding', () => {
    expect(scrubUrl('/screen?token=sd_abc&group=g1')).toBe('/screen?token=[redacted]&group=g1');
    expect(scrubUrl('/x?Password=1&api%5Fkey=2&a=3')).toBe('/x?Password=[redacted]&api%5Fkey=[redacted]&a=3');
    expect(scrubUrl('/x?a=1')).toBe('/x?a=1');
    expect(scrubUrl('/plain')).toBe('/plain');
  });
});

describe('logger', () => {
  const capture = () => {
    const out: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        out.push(chunk.toString());
        done();
      },
    });
    return { out, stream };
  };

  it('redacts credential fields of logged objects, top level and one level down', () => {
    const { out, stream } = capture();
    const logger = createLogger({ level: 'info', stream });
    logger.info({ password: 'pw-123456', user: { token: 'tk-abcdef', csrfToken: 'cs-987654', name: 'ok-name' } }, 'x');
    const line = JSON.parse(out.join(''));
    expect(line.password).toBe('[redacted]');
    expect(line.user).toEqual({ token: '[redacted]', csrfToken: '[redacted]', name: 'ok-name' });
  });

  it('honours the level, and writes readable lines instead of JSON when pretty', () => {
    const json = capture();
    const quiet = createLogger({ level: 'warn', stream: json.stream });
    quiet.info('not shown');
    quiet.warn('shown');
    expect(json.out.map((l) => JSON.parse(l).msg)).toEqual(['shown']);
    const pretty = capture();
    createLogger({ level: 'info', stream: pretty.stream, pretty: true }).info({ user: 'u1' }, 'hello there');
    const text = pretty.out.join('');
    expect(text).toMatch(/INFO.*hello there/);
    expect(() => JSON.parse(text)).toThrow();
  });
});
