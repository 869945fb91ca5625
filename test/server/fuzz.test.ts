/**
 * Fuzz every route and socket event with arbitrary JSON, `__proto__` keys included: never a 5xx,
 * the process stays up, a refused request changes no data, and Object.prototype stays untouched.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAudit } from '../../server/storage/audit-repo.ts';
import { lastSeq } from '../../server/storage/events-repo.ts';
import { connected, login, socketFor, startServer, type Client, type TestServer } from './helpers/server.ts';

type Node = { t: 'v'; v: unknown } | { t: 'a'; items: Node[] } | { t: 'o'; entries: Array<[string, Node]> };

const KEYS = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'key', 'items', 'version', 'period', 'unit', 'indicator', 'value', 'rooms', 'since', 'scheme', 'id', 'kind'),
  fc.string({ maxLength: 8 }),
);
const LEAF = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('__proto__', 't1', 'm01', 'inv', 'group:g1', 'cadres', '', '1e309'),
  fc.string({ maxLength: 12 }),
);
const { node } = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    LEAF.map((v): Node => ({ t: 'v', v })),
    fc.array(tie('node'), { maxLength: 4 }).map((items): Node => ({ t: 'a', items })),
    fc.array(fc.tuple(KEYS, tie('node')), { maxLength: 5 }).map((entries): Node => ({ t: 'o', entries })),
  ),
}));

/** Serialises by hand so `__proto__` keys really appear in the JSON text. */
function text(n: Node): string {
  if (n.t === 'v') return JSON.stringify(n.v) ?? 'null';
  if (n.t === 'a') return `[${n.items.map(text).join(',')}]`;
  return `{${n.entries.map(([k, v]) => `${JSON.stringify(k)}:${text(v)}`).join(',')}}`;
}
/** The same value parsed (own `__proto__` properties, as JSON.parse makes them). */
const value = (n: Node): unknown => JSON.parse(text(n));

const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();

describe('fuzz', () => {
  let srv: TestServer;
  let admin: Client;
  beforeAll(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin');
  });
  afterAll(async () => {
    await srv.close();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
  });

  const state = async () => [await lastSeq(srv.storage.db), await countAudit(srv.storage.db)];

  it('routes: arbitrary bodies, params and queries only ever get 4xx and change nothing', async () => {
    const routes = srv.app.routes.filter((r) => r.path !== '/api/session/logout' && r.path !== '/api/session/password');
    const segment = fc.oneof(fc.constantFrom('t1', 'm01', '__proto__', 'constructor', '%00', '..', 'x'.repeat(300)), fc.string({ minLength: 1, maxLength: 10 }));
    const rawBody = fc.oneof(
      node.map(text),
      fc.constantFrom('', '{', '{"a":', 'null', '"x"', '1', '[' .repeat(5000) + ']'.repeat(5000), '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        segment,
        rawBody,
        fc.array(fc.tuple(KEYS, fc.string({ maxLength: 8 })), { maxLength: 3 }),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'),
        async (r, seg, body, query, type) => {
          const p = r.path.replace(/:[A-Za-z_]+/g, encodeURIComponent(seg));
          const qs = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
          const before = await state();
          const res = await admin.req(r.method.toUpperCase(), qs ? `${p}?${qs}` : p, r.method === 'get' ? undefined : body, { 'content-type': type });
          expect(res.status, `${r.method} ${p} ${body.slice(0, 200)} → ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500);
          if (res.status >= 400) {
            expect(typeof res.body.code).toBe('string');
            expect(await state()).toEqual(before);
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: 400 },
    );
    expect((await admin.req('GET', '/api/health')).status).toBe(200);
  }, 120_000);

  it('near-valid bodies with one field replaced by arbitrary JSON never crash or half-apply', async () => {
    const valid: Array<[string, string, Record<string, unknown>]> = [
      ['POST', '/api/values', { key: 'k', period: 'm01', unit: 't1', indicator: 'inv', value: 50 }],
      ['POST', '/api/values/batch', { items: [{ key: 'k1', period: 'm01', unit: 't1', indicator: 'inv', value: 50 }] }],
      ['POST', '/api/adjustments', { id: 'a1', period: 'm01', unit: 't1', track: 'econ', kind: 'bonus', points: 1, reason: 'r' }],
      ['POST', '/api/ratings', { period: 'm01', cadre: 'c1', raterGroup: 'peer', rater: 'x', score: 50 }],
      ['PUT', '/api/settings', { publicRead: false }],
      ['POST', '/api/users', { username: 'fz', password: 'fuzz-password', role: 'leader' }],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...valid), fc.constantFrom('key', 'period', 'unit', 'indicator', 'value', 'items', 'points', 'kind', 'score', 'publicRead', 'role', '__proto__'), node, async ([method, path, body], field, repl) => {
        const broken = `{${Object.entries(body)
          .filter(([k]) => k !== field)
          .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
          .concat(`${JSON.stringify(field)}:${text(repl)}`)
          .join(',')}}`;
        const before = await state();
        const res = await admin.req(method, path, broken);
        expect(res.status, `${path} ${broken} → ${JSON.stringify(res.body)}`).toBeLessThan(500);
        if (res.status >= 400) expect(await state()).toEqual(before);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('socket events: arbitrary payloads get an error reply or nothing, never a crash', async () => {
    const s = socketFor(srv.url, { cookie: admin.cookie });
    await connected(s);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('standings:subscribe', 'standings:unsubscribe', 'nope', '__proto__', 'constructor'), node, async (event, payload) => {
        const reply = await Promise.race([
          (s as unknown as { emitWithAck: (e: string, p: unknown) => Promise<unknown> }).emitWithAck(event, value(payload)),
          new Promise((r) => setTimeout(() => r('no-reply'), 40)),
        ]);
        if (reply !== 'no-reply') expect(reply).toHaveProperty('ok');
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 150 },
    );
    // Still alive and still serving this very socket.
    const ok = await s.emitWithAck('standings:subscribe', { rooms: ['group:g1'], since: null });
    expect(ok.ok).toBe(true);
    s.close();
  }, 120_000);
});
