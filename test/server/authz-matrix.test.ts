/**
 * The authorisation matrix: every route and room × every role × own/other unit against an
 * explicit allow/deny table. "Allowed" means the call got past authentication and authorisation
 * (any status but 401/403); bodies are chosen so allowed calls change as little as possible.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, connected, login, socketFor, startServer, until, type Client, type TestServer } from './helpers/server.ts';

const ROLES = ['public', 'admin', 'leader', 'reporter', 'unit1', 'unit3', 'display'] as const;
type Who = (typeof ROLES)[number];
const ALL: Who[] = [...ROLES];
const only = (...w: Who[]) => w;

const TEXT = { 'content-type': 'text/plain' };
const OBJECTION = { kind: 'objection', period: 'm01', target: { indicator: 'inv' }, text: '数据有误' };

/**
 * [method, path, body, who may, headers?] — unit1 belongs to t1 (group g1), unit3 to t3 (group g2).
 * `{AP1}` and `{EV1}` stand for an appeal and an evidence file of t1 made in beforeAll.
 */
const TABLE: Array<[string, string, unknown, Who[], Record<string, string>?]> = [
  ['GET', '/api/meta', undefined, ALL],
  ['GET', '/api/session/me', undefined, ALL],
  ['GET', '/api/health', undefined, ALL],
  ['GET', '/api/health/live', undefined, ALL],
  ['GET', '/api/health/ready', undefined, ALL],
  ['GET', '/api/published', undefined, ALL],
  ['GET', '/api/submissions', undefined, only('admin', 'reporter')],
  ['GET', '/api/openapi.json', undefined, ALL],
  ['GET', '/api/standings', undefined, only('admin', 'leader', 'unit1', 'unit3', 'display')],
  ['GET', '/api/standings?version=1', undefined, only('admin', 'leader', 'unit1', 'unit3', 'display')],
  ['GET', '/api/events', undefined, only('admin', 'leader', 'display')],
  ['GET', '/api/explain/unit/t1?period=m01&track=econ', undefined, only('admin', 'leader', 'unit1')],
  ['GET', '/api/explain/unit/t1?period=m01', undefined, only('admin', 'leader', 'unit1')],
  ['GET', '/api/explain/unit/t1?track=econ', undefined, only('admin', 'leader', 'unit1')],
  ['GET', '/api/explain/unit/t3?period=m01&track=econ', undefined, only('admin', 'leader', 'unit3')],
  ['GET', '/api/explain/cadre/c1?period=m01', undefined, only('admin', 'leader')],
  ['GET', '/api/scheme', undefined, only('admin', 'leader')],
  ['GET', '/api/scheme/export', undefined, only('admin', 'leader')],
  ['GET', '/api/units', undefined, only('admin', 'leader')],
  ['GET', '/api/cadres', undefined, only('admin', 'leader', 'display')],
  ['PUT', '/api/scheme', { version: -1 }, only('admin')],
  ['POST', '/api/scheme/import?version=0', {}, only('admin')],
  ['POST', '/api/units', {}, only('admin')],
  ['PUT', '/api/units/t1', {}, only('admin')],
  ['DELETE', '/api/units/t1?version=0', undefined, only('admin')],
  ['POST', '/api/cadres', {}, only('admin')],
  ['POST', '/api/values', { key: 'm-inv', period: 'm01', unit: 't1', indicator: 'inv', value: 90 }, only('admin', 'reporter')],
  ['POST', '/api/values', { key: 'm-hot', period: 'm01', unit: 't1', indicator: 'hot', value: 90 }, only('admin')],
  ['POST', '/api/values/batch', { items: [{ key: 'b-inv', period: 'm01', unit: 't3', indicator: 'inv', value: 70 }] }, only('admin', 'reporter')],
  ['POST', '/api/values/batch', { items: [{ key: 'b-proj', period: 'm01', unit: 't3', indicator: 'proj', value: 3 }] }, only('admin')],
  ['POST', '/api/adjustments', {}, only('admin')],
  ['POST', '/api/adjustments/x/revoke', {}, only('admin')],
  ['POST', '/api/vetoes', {}, only('admin')],
  ['POST', '/api/vetoes/x/revoke', {}, only('admin')],
  ['POST', '/api/waivers', {}, only('admin')],
  ['POST', '/api/ratings', {}, only('admin')],
  ['POST', '/api/cadre-adjustments', {}, only('admin')],
  ['POST', '/api/periods/m01/publish', { note: 1 }, only('admin')],
  ['GET', '/api/appeals', undefined, only('admin', 'leader', 'unit1', 'unit3')],
  ['GET', '/api/appeals?unit=t1', undefined, only('admin', 'leader', 'unit1')],
  ['GET', '/api/appeals?unit=t1&kind=tolerance&status=submitted', undefined, only('admin', 'leader', 'unit1')],
  ['GET', '/api/appeals/{AP1}', undefined, only('admin', 'leader', 'unit1')],
  ['GET', '/api/appeals/nobody', undefined, only('admin', 'leader', 'unit1', 'unit3')],
  ['POST', '/api/appeals', OBJECTION, only('admin', 'unit1', 'unit3')],
  ['POST', '/api/appeals', { ...OBJECTION, unit: 't1' }, only('admin', 'unit1')],
  ['POST', '/api/appeals', { ...OBJECTION, unit: 't3' }, only('admin', 'unit3')],
  ['PUT', '/api/appeals/nobody', {}, only('admin')],
  ['PUT', '/api/appeals/{AP1}', { status: 'bogus' }, only('admin')],
  ['GET', '/api/units/t1/workspace', undefined, only('admin', 'leader', 'unit1')],
  ['GET', '/api/units/t3/workspace?period=m02', undefined, only('admin', 'leader', 'unit3')],
  ['GET', '/api/units/t1/feedback', undefined, only('admin', 'leader', 'unit1')],
  ['GET', '/api/units/t3/feedback', undefined, only('admin', 'leader', 'unit3')],
  ['POST', '/api/units/t1/feedback', { text: '请加快进度' }, only('admin')],
  ['POST', '/api/evidence', '证明', only('admin', 'unit1', 'unit3'), TEXT],
  ['POST', '/api/evidence?unit=t1', '证明', only('admin', 'unit1'), TEXT],
  ['GET', '/api/evidence/{EV1}', undefined, only('admin', 'leader', 'unit1')],
  ['GET', '/api/evidence/ev_00000000000000000000000000000000', undefined, only('admin', 'leader', 'unit1', 'unit3')],
  ['GET', '/api/grid?period=m01&track=econ', undefined, only('admin', 'reporter')],
  ['GET', '/api/history?unit=t1&period=m01&indicator=inv', undefined, only('admin', 'leader')],
  ['GET', '/api/history?unit=t3', undefined, only('admin', 'leader')],
  ['GET', '/api/import/template?kind=values&period=m01&track=econ&format=csv', undefined, only('admin', 'reporter')],
  ['GET', '/api/import/template?kind=ratings&period=m01', undefined, only('admin')],
  ['POST', '/api/import?kind=values&period=m01&track=econ&dryRun=1', '单位编码,固定资产投资完成率（inv）\nt1,1\n', only('admin', 'reporter'), TEXT],
  ['GET', '/api/exports/m01/tables', undefined, only('admin', 'leader')],
  ['GET', '/api/exports/m01.xlsx', undefined, only('admin', 'leader')],
  ['GET', '/api/exports/m01/overall.csv?source=live', undefined, only('admin', 'leader')],
  ['GET', '/api/exports/m01.pdf', undefined, only('admin', 'leader')],
  ['GET', '/api/exports/m01.docx?formal=1&organ=%E7%BB%84%E7%BB%87%E9%83%A8&docNo=1', undefined, only('admin', 'leader')],
  ['POST', '/api/import?kind=ratings&period=m01&dryRun=1', '干部编码,姓名,评价组编码,评价人,分数\n', only('admin'), TEXT],
  ['GET', '/api/users', undefined, only('admin')],
  ['POST', '/api/users', {}, only('admin')],
  ['PUT', '/api/users/nobody', { password: 1 }, only('admin')],
  ['GET', '/api/tokens', undefined, only('admin')],
  ['POST', '/api/tokens', {}, only('admin')],
  ['POST', '/api/tokens/nobody/revoke', undefined, only('admin')],
  ['GET', '/api/audit', undefined, only('admin')],
  ['GET', '/api/audit?action=appeal:*&target=unit:t1&from=2020-01-01&to=2099-12-31&limit=5', undefined, only('admin')],
  ['GET', '/api/published/m01/diff', undefined, only('admin', 'leader')],
  ['GET', '/api/settings', undefined, only('admin')],
  ['PUT', '/api/settings', {}, only('admin')],
];

const ROOMS: Array<[string, Who[]]> = [
  ['group:g1', only('admin', 'leader', 'unit1', 'unit3', 'display')],
  ['group:g2', only('admin', 'leader', 'unit1', 'unit3', 'display')],
  ['cadres', only('admin', 'leader', 'display')],
  ['unit:t1', only('admin', 'leader', 'unit1')],
  ['unit:t3', only('admin', 'leader', 'unit3')],
  ['admin', only('admin', 'leader')],
];

describe('authorisation matrix', () => {
  let srv: TestServer;
  const clients = {} as Record<Who, Client>;
  let displayToken = '';
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    srv = await startServer();
    clients.public = client(srv.url);
    for (const [who, user] of [['admin', 'admin'], ['leader', 'leader'], ['reporter', 'fgw'], ['unit1', 'unit1'], ['unit3', 'unit3']] as const) {
      clients[who] = await login(srv.url, user);
    }
    const t = await clients.admin.req('POST', '/api/tokens', { kind: 'display', name: 'wall' });
    displayToken = t.body.token;
    clients.display = client(srv.url, { bearer: displayToken });
    // Some data so explanations exist.
    await clients.admin.req('POST', '/api/values', { key: 'seed-1', period: 'm01', unit: 't1', indicator: 'inv', value: 80 });
    await clients.admin.req('POST', '/api/values', { key: 'seed-2', period: 'm01', unit: 't3', indicator: 'inv', value: 60 });
    ids.AP1 = (await clients.unit1.req('POST', '/api/appeals', { ...OBJECTION, text: '种子申诉' })).body.id;
    ids.EV1 = (await clients.unit1.req('POST', '/api/evidence', '种子材料', TEXT)).body.id;
    expect(ids.AP1 && ids.EV1).toBeTruthy();
  });
  afterAll(() => srv.close());

  for (const [method, template, body, allowed, headers] of TABLE) {
    it(`${method} ${template} ${body === undefined ? '' : JSON.stringify(body)}`, async () => {
      const path = template.replace(/\{(\w+)\}/g, (_m, k: string) => ids[k]!);
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const who of ROLES) {
        const r = await clients[who].req(method, path, body, headers);
        got[who] = r.status === 401 || r.status === 403 ? `deny ${r.status}` : 'allow';
        want[who] = allowed.includes(who) ? 'allow' : `deny ${who === 'public' ? 401 : 403}`;
        expect(r.status, `${who}: ${JSON.stringify(r.body)}`).toBeLessThan(500);
      }
      expect(got).toEqual(want);
    });
  }

  it('socket rooms: joins are authorised per role and unit', async () => {
    const got: Record<string, string[]> = {};
    const want: Record<string, string[]> = {};
    for (const who of ROLES) {
      const s = socketFor(srv.url, who === 'display' ? { token: displayToken } : { cookie: clients[who].cookie });
      await connected(s);
      got[who] = [];
      for (const [room] of ROOMS) {
        const r = await s.emitWithAck('standings:subscribe', { rooms: [room], since: null });
        if (r.ok) got[who].push(room);
        else expect(r.error.code).toBe('forbidden');
      }
      want[who] = ROOMS.filter(([, w]) => w.includes(who)).map(([room]) => room);
      s.close();
    }
    expect(got).toEqual(want);
  });

  it('a display token also works as ?token=, and a revoked one stops working at once', async () => {
    expect((await client(srv.url).req('GET', `/api/standings?token=${displayToken}`)).status).toBe(200);
    const t = await clients.admin.req('POST', '/api/tokens', { kind: 'display', name: 'temp' });
    const s = socketFor(srv.url, { token: t.body.token });
    await connected(s);
    let ended = '';
    s.on('session:ended', (p) => (ended = p.reason));
    await clients.admin.req('POST', `/api/tokens/${t.body.info.id}/revoke`);
    await until(() => s.disconnected, 1000);
    expect(ended).toBe('token_revoked');
    expect((await client(srv.url, { bearer: t.body.token }).req('GET', '/api/standings')).status).toBe(401);
  });

  it('cookie requests that change state need the CSRF token', async () => {
    const c = await login(srv.url, 'admin');
    const r = await c.req('PUT', '/api/settings', { publicRead: false }, { 'x-csrf-token': 'wrong' });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('csrf');
  });

  it('the unit role never gets cadre boards or other units’ details from standings', async () => {
    const r = await clients.unit1.req('GET', '/api/standings');
    expect(r.status).toBe(200);
    expect(r.body.cadres).toEqual({});
    expect((await clients.unit1.req('GET', '/api/explain/unit/t2?period=m01&track=econ')).body.code).toBe('other_unit');
  });

  it('public reading shows only published standings, and only when enabled', async () => {
    const pub = client(srv.url);
    expect((await pub.req('GET', '/api/standings')).status).toBe(401);
    expect((await clients.admin.req('PUT', '/api/settings', { publicRead: true })).status).toBe(200);
    const before = await pub.req('GET', '/api/standings');
    expect(before.status).toBe(200);
    expect(before.body.boards).toEqual({});
    expect((await clients.admin.req('POST', '/api/periods/m01/publish', { note: '1月晾晒' })).status).toBe(201);
    const after = await pub.req('GET', '/api/standings');
    const periods = new Set(Object.values(after.body.boards as Record<string, { ref: { period: string } }>).map((b) => b.ref.period));
    expect([...periods]).toEqual(['m01']);
    expect(after.body.cadres).toEqual({});
    expect((await pub.req('GET', '/api/standings?version=2')).status).toBe(401);
    await clients.admin.req('PUT', '/api/settings', { publicRead: false });
  });

  it('sign-out, password change, role change and disabling disconnect that user’s sockets within a second', async () => {
    const cases: Array<[string, (c: Client, id: string) => Promise<unknown>]> = [
      ['logout', (c) => c.req('POST', '/api/session/logout')],
      ['password_changed', (_c, id) => clients.admin.req('PUT', `/api/users/${id}`, { password: 'another-password-1' })],
      ['role_changed', (_c, id) => clients.admin.req('PUT', `/api/users/${id}`, { role: 'leader' })],
      ['disabled', (_c, id) => clients.admin.req('PUT', `/api/users/${id}`, { disabled: true })],
    ];
    for (const [i, [reason, act]] of cases.entries()) {
      const u = await clients.admin.req('POST', '/api/users', { username: `Temp${i} `, password: 'temp-password-1', role: 'unit', unit: 't1' });
      expect(u.body.username).toBe(`temp${i}`);
      const c = await login(srv.url, `ＴＥＭＰ${i}`, 'temp-password-1');
      const s = socketFor(srv.url, { cookie: c.cookie });
      await connected(s);
      let ended = '';
      s.on('session:ended', (p) => (ended = p.reason));
      const t0 = Date.now();
      await act(c, u.body.id);
      await until(() => s.disconnected, 1000);
      expect(Date.now() - t0).toBeLessThan(1000);
      expect(ended).toBe(reason);
      expect((await c.req('GET', '/api/session/me')).body.user.role).toBe('public');
    }
  });

  it('refuses a socket handshake with an unknown token', async () => {
    const s = socketFor(srv.url, { token: 'sd_not-a-token' });
    await expect(connected(s)).rejects.toThrow(/bad_token/);
    s.close();
  });

  it('rejects a socket handshake from a foreign Origin', async () => {
    const s = socketFor(srv.url, { origin: 'https://evil.example', cookie: clients.admin.cookie });
    await expect(connected(s)).rejects.toThrow();
    s.close();
    const ok = socketFor(srv.url, { origin: srv.url, cookie: clients.admin.cookie });
    await connected(ok);
    ok.close();
  });
});
