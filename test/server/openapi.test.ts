/**
 * The OpenAPI document: Redocly's recommended rules pass with no errors, every operation names
 * how it may be called and what errors it answers, and the declared security is what the server
 * does (an operation that declares no anonymous access refuses an anonymous call with 401).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startServer, type TestServer } from './helpers/server.ts';

type Op = { operationId: string; security: Record<string, string[]>[]; responses: Record<string, { $ref?: string }>; tags: string[] };

describe('OpenAPI document', () => {
  let srv: TestServer;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document is checked field by field
  let doc: any;
  const ops = () => Object.entries(doc.paths as Record<string, Record<string, Op>>).flatMap(([p, m]) => Object.entries(m).map(([method, op]) => ({ p, method, op })));
  beforeAll(async () => {
    srv = await startServer();
    doc = (await client(srv.url).req('GET', '/api/openapi.json')).body;
  });
  afterAll(() => srv.close());

  it('passes `redocly lint` with the recommended rules and no errors', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-openapi-'));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const bin = path.resolve(import.meta.dirname, '../../node_modules/.bin/redocly');
    const r = spawnSync(bin, ['lint', '--extends=recommended', '--format=summary', file], { env: { ...process.env, REDOCLY_TELEMETRY: 'off' }, encoding: 'utf8', timeout: 120_000 });
    fs.rmSync(dir, { recursive: true, force: true });
    const out = `${r.stdout}${r.stderr}`;
    expect(r.status, out).toBe(0);
    expect(out).not.toMatch(/^error/m);
  }, 150_000);

  it('declares servers, a license, tag descriptions and the security schemes', () => {
    expect(doc.servers.length).toBeGreaterThan(0);
    expect(doc.info.license.name).toBeTruthy();
    const used = new Set(ops().map(({ op }) => op.tags[0]));
    expect(doc.tags.map((t: { name: string }) => t.name).sort()).toEqual([...used].sort());
    for (const t of doc.tags) expect(t.description.length, t.name).toBeGreaterThan(10);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiToken', 'csrfHeader', 'displayToken', 'sessionCookie']);
  });

  it('gives every operation a unique id, its security and distinct error responses with the error body', () => {
    const ids = ops().map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { p, method, op } of ops()) {
      expect(op.security.length, `${method} ${p}`).toBeGreaterThan(0);
      expect(op.responses['401']?.$ref).toBe('#/components/responses/Unauthenticated');
    }
    const op = (method: string, p: string) => doc.paths[p][method] as Op;
    expect(op('post', '/api/values').security).toEqual([{ sessionCookie: [], csrfHeader: [] }, { apiToken: [] }]);
    expect(Object.keys(op('post', '/api/values').responses)).toEqual(expect.arrayContaining(['400', '401', '403', '409', '422']));
    expect(op('get', '/api/audit').security).toEqual([{ sessionCookie: [] }, { apiToken: [] }]);
    expect(op('get', '/api/standings').security).toContainEqual({ displayToken: [] });
    expect(op('post', '/api/session/login').security).toContainEqual({});
    expect(op('post', '/api/session/logout').security).toEqual([{ sessionCookie: [], csrfHeader: [] }]);
    expect(op('get', '/api/explain/unit/{unit}').responses['404']?.$ref).toBe('#/components/responses/NotFound');
    const body = doc.components.responses.Conflict.content['application/json'].schema;
    expect(body).toEqual({ $ref: '#/components/schemas/Error' });
    expect(doc.components.schemas.Error.required).toEqual(['code', 'message']);
  });

  it('matches the server: operations without anonymous access refuse anonymous GETs with 401', async () => {
    const anon = client(srv.url);
    const closed = ops().filter(({ method, op, p }) => method === 'get' && !op.security.some((s) => Object.keys(s).length === 0) && !p.includes('{'));
    expect(closed.length).toBeGreaterThan(5);
    for (const { p } of closed) expect((await anon.req('GET', p)).status, p).toBe(401);
    // Declared open (whether it then shows anything may depend on settings, as for the standings).
    expect((await anon.req('GET', '/api/session/me')).status).toBe(200);
  });
});
