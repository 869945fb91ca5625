/** OpenAPI document and reference page, error language, body limits, security headers, static SPA fallback. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, login, startServer, type Client, type TestServer } from './helpers/server.ts';

describe('HTTP basics', () => {
  let srv: TestServer;
  let admin: Client;
  beforeAll(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin');
  });
  afterAll(() => srv.close());

  it('serves an OpenAPI 3.1 document generated from the route schemas, and a readable reference', async () => {
    const doc = (await client(srv.url).req('GET', '/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    for (const r of srv.app.routes) {
      const p = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
      expect(doc.paths[p]?.[r.method], `${r.method} ${p}`).toBeTruthy();
    }
    const values = doc.paths['/api/values'].post;
    expect(values.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['key', 'period', 'unit', 'indicator', 'value']));
    expect(doc.paths['/api/explain/unit/{unit}'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['unit', 'period', 'track']);
    // Swagger UI from the server itself; no inline script (the CSP forbids it).
    const html = await fetch(`${srv.url}/api/docs`).then((r) => r.text());
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.map((m) => /src="([^"]+)"/.exec(m[1]!)?.[1])).toEqual(['/api/docs/swagger-ui-bundle.js', '/api/docs/init.js']);
    expect(scripts.every((m) => m[2]!.trim() === '')).toBe(true);
    for (const asset of ['/api/docs/swagger-ui-bundle.js', '/api/docs/init.js', '/api/docs/swagger-ui.css']) {
      expect((await fetch(srv.url + asset)).status, asset).toBe(200);
    }
  });

  it('answers errors as { code, message } in Chinese by default and English on request', async () => {
    const zh = await client(srv.url).req('GET', '/api/audit');
    expect(zh.body).toEqual({ code: 'unauthenticated', message: '请先登录。', requestId: zh.headers.get('x-request-id') });
    const en = await client(srv.url).req('GET', '/api/audit', undefined, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.body).toEqual({ code: 'unauthenticated', message: 'Please sign in first.', requestId: en.headers.get('x-request-id') });
    const missing = await client(srv.url).req('GET', '/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not_found');
    const bad = await admin.req('POST', '/api/values', '{"key":', { 'content-type': 'application/json' });
    expect(bad.body.code).toBe('invalid_json');
    const invalid = await admin.req('POST', '/api/values', { key: 'x' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('invalid_request');
  });

  it('limits body sizes', async () => {
    const big = JSON.stringify({ key: 'x'.repeat(400_000), period: 'm01', unit: 't1', indicator: 'inv', value: 1 });
    const r = await admin.req('POST', '/api/values', big, { 'content-type': 'application/json' });
    expect(r.status).toBe(413);
    expect(r.body.code).toBe('payload_too_large');
  });

  it('refuses __proto__ keys before they reach any object copy', async () => {
    const r = await admin.req('POST', '/api/values', '{"key":"p1","period":"m01","unit":"t1","indicator":"inv","value":1,"__proto__":{"polluted":true}}', {
      'content-type': 'application/json',
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('forbidden_key');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('sets a strict CSP and other security headers', async () => {
    const res = await fetch(`${srv.url}/api/meta`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('sets the session cookie HttpOnly and SameSite=Lax, and normalises usernames', async () => {
    const res = await fetch(`${srv.url}/api/session/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: '  ＡＤＭＩＮ ', password: 'correct-horse-9' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await admin.req('POST', '/api/users', { username: 'Admin', password: 'whatever-123', role: 'leader' })).status).toBe(409);
  });

  it('rate-limits failed sign-ins', async () => {
    const c = client(srv.url);
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await c.req('POST', '/api/session/login', { username: 'leader', password: 'wrong' })).status);
    expect(codes.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
  });

  it('tags live standings with their version (304 when unchanged)', async () => {
    const first = await fetch(`${srv.url}/api/standings`, { headers: { cookie: admin.cookie! } });
    const tag = first.headers.get('etag')!;
    expect(tag).toBe(`W/"v${srv.app.race.version}"`);
    const body = await first.json();
    expect(body.version).toBe(srv.app.race.version);
    const again = await fetch(`${srv.url}/api/standings`, { headers: { cookie: admin.cookie!, 'if-none-match': tag } });
    expect(again.status).toBe(304);
    await admin.req('POST', '/api/values', { key: 'etag-1', period: 'm01', unit: 't3', indicator: 'inv', value: 33 });
    const changed = await fetch(`${srv.url}/api/standings`, { headers: { cookie: admin.cookie!, 'if-none-match': tag } });
    expect(changed.status).toBe(200);
    expect((await changed.json()).version).toBe(body.version + 1);
  });

  it('answers as-of standings by replaying the log, and a single board by key', async () => {
    const v0 = srv.app.race.version;
    await admin.req('POST', '/api/values', { key: 'asof-1', period: 'm01', unit: 't1', indicator: 'inv', value: 10 });
    await admin.req('POST', '/api/values', { key: 'asof-2', period: 'm01', unit: 't2', indicator: 'inv', value: 90 });
    const old = (await admin.req('GET', `/api/standings?version=${v0 + 1}`)).body;
    expect(old.version).toBe(v0 + 1);
    const now = (await admin.req('GET', '/api/standings')).body;
    expect(now.version).toBe(v0 + 2);
    const key = 'track|m01|econ|g1';
    expect(old.boards[key]).not.toEqual(now.boards[key]);
    const one = (await admin.req('GET', `/api/standings?board=${encodeURIComponent(key)}`)).body;
    expect(one).toEqual({ version: v0 + 2, key, board: now.boards[key] });
    expect((await admin.req('GET', `/api/standings?version=${v0 + 99}`)).status).toBe(404);
  });
});

describe('HTTP basics: who before what', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(() => srv.close());

  it('refuses an anonymous 10 MB scheme upload before reading it', async () => {
    const big = `{"version":0,"scheme":"${'x'.repeat(10_000_000)}"}`;
    const r = await client(srv.url).req('PUT', '/api/scheme', big, { 'content-type': 'application/json' });
    expect(r.status).toBe(401);
  });
});
