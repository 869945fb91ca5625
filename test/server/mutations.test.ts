/** Idempotency, all-or-nothing batches, optimistic concurrency on the scheme, and one audit row per mutation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAudit } from '../../server/storage/audit-repo.ts';
import { lastSeq } from '../../server/storage/events-repo.ts';
import { client, login, startServer, type Client, type TestServer } from './helpers/server.ts';

const v = (key: string, unit: string, value: number, indicator = 'inv') => ({ key, period: 'm01', unit, indicator, value });

describe('mutations', () => {
  let srv: TestServer;
  let admin: Client;
  beforeAll(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin');
  });
  afterAll(() => srv.close());
  const audit = () => countAudit(srv.storage.db);
  const seq = () => lastSeq(srv.storage.db);

  it('a retry with the same key and payload is applied once and returns the original result', async () => {
    const first = await admin.req('POST', '/api/values', v('idem-1', 't1', 81));
    expect(first.status).toBe(201);
    const [s, a] = [await seq(), await audit()];
    const again = await admin.req('POST', '/api/values', { value: 81, unit: 't1', indicator: 'inv', period: 'm01', key: 'idem-1' });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ seq: first.body.seq, duplicate: true });
    expect([await seq(), await audit()]).toEqual([s, a]);
  });

  it('the same key with a different payload is refused with 409 and changes nothing', async () => {
    const [s, a] = [await seq(), await audit()];
    const r = await admin.req('POST', '/api/values', v('idem-1', 't1', 99));
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('idempotency_conflict');
    expect([await seq(), await audit()]).toEqual([s, a]);
  });

  it('a batch is all or nothing: one bad row refuses every row, with the row index', async () => {
    const [s, a] = [await seq(), await audit()];
    const items = [v('b-1', 't1', 70), v('b-2', 't2', 71), v('b-3', 'nope', 72), v('b-4', 't3', 73)];
    const r = await admin.req('POST', '/api/values/batch', { items }, { 'accept-language': 'en' });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('unknown_unit');
    expect(r.body.message).toMatch(/unit "nope"/);
    expect(r.body.details.problems[0]).toMatchObject({ index: 2, path: 'data.unit' });
    expect([await seq(), await audit()]).toEqual([s, a]);
    const ok = await admin.req('POST', '/api/values/batch', { items: items.filter((i) => i.unit !== 'nope') });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ accepted: 3, duplicates: 0 });
    expect(await seq()).toBe(s + 3);
    expect(await audit()).toBe(a + 3);
    const twice = await admin.req('POST', '/api/values/batch', { items: items.filter((i) => i.unit !== 'nope') });
    expect(twice.body).toMatchObject({ accepted: 0, duplicates: 3 });
    expect(await seq()).toBe(s + 3);
  });

  it('refuses a key reused inside one batch with another payload, and batches over 10,000', async () => {
    const s = await seq();
    const dup = await admin.req('POST', '/api/values/batch', { items: [v('d-1', 't1', 1), v('d-1', 't1', 2)] });
    expect(dup.status).toBe(409);
    const big = Array.from({ length: 10_001 }, (_, i) => v(`big-${i}`, 't1', i));
    expect((await admin.req('POST', '/api/values/batch', { items: big })).status).toBe(400);
    expect(await seq()).toBe(s);
  });

  it('accepts a full batch of 10,000 values in one transaction', async () => {
    const s = await seq();
    const items = Array.from({ length: 10_000 }, (_, i) => v(`full-${i}`, ['t1', 't2', 't3', 't4'][i % 4]!, 50 + (i % 50)));
    const r = await admin.req('POST', '/api/values/batch', { items });
    expect(r.status).toBe(201);
    expect(r.body.accepted).toBe(10_000);
    expect(await seq()).toBe(s + 10_000);
  }, 120_000);

  it('concurrent submissions commit together, yet each is accepted or refused on its own', async () => {
    const [s, a] = [await seq(), await audit()];
    const posts = Array.from({ length: 20 }, (_, i) => {
      if (i === 5) return admin.req('POST', '/api/values', v('cc-bad', 'nope', 1));
      if (i === 9) return admin.req('POST', '/api/values', v('idem-1', 't1', 12345));
      return admin.req('POST', '/api/values', v(`cc-${i}`, ['t1', 't2', 't3', 't4'][i % 4]!, 30 + i));
    });
    const res = await Promise.all(posts);
    expect(res[5]!.status).toBe(422);
    expect(res[9]!.status).toBe(409);
    const ok = res.filter((r) => r.status === 201);
    expect(ok).toHaveLength(18);
    expect(ok.map((r) => r.body.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 18 }, (_, i) => s + i + 1));
    expect([await seq(), await audit()]).toEqual([s + 18, a + 18]);
  });

  it('reporter systems submit with a revocable API token (no cookie, no CSRF)', async () => {
    const users = (await admin.req('GET', '/api/users')).body.items as Array<{ id: string; username: string }>;
    const fgw = users.find((u) => u.username === 'fgw')!;
    const t = await admin.req('POST', '/api/tokens', { kind: 'api', name: '发改委系统', userId: fgw.id });
    expect(t.status).toBe(201);
    expect(t.body.token).toMatch(/^sk_/);
    const sys = client(srv.url, { bearer: t.body.token });
    expect((await sys.req('POST', '/api/values', v('api-1', 't2', 77))).status).toBe(201);
    expect((await sys.req('POST', '/api/values', v('api-2', 't2', 77, 'hot'))).body.code).toBe('not_owner');
    const reporter = await login(srv.url, 'fgw');
    expect((await reporter.req('POST', '/api/values', v('api-4', 't3', 55))).status).toBe(201);
    const mine = (await reporter.req('GET', '/api/submissions')).body.items;
    expect(mine.map((e: { data: { unit: string } }) => e.data.unit)).toEqual(['t3', 't2']);
    expect((await admin.req('GET', '/api/tokens')).body.items.every((x: Record<string, unknown>) => !('hash' in x) && !('token' in x))).toBe(true);
    await admin.req('POST', `/api/tokens/${t.body.info.id}/revoke`);
    expect((await sys.req('POST', '/api/values', v('api-3', 't2', 78))).status).toBe(401);
    const leader = users.find((u) => u.username === 'leader')!;
    expect((await admin.req('POST', '/api/tokens', { kind: 'api', name: 'x', userId: leader.id })).status).toBe(400);
  });

  it('refuses an event the engine rejects with 422 and its message, Chinese by default', async () => {
    const r = await admin.req('POST', '/api/values', { ...v('corr-1', 't4', 5, 'hot'), period: 'm02', reason: '更正' });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('nothing_to_correct');
    expect(r.body.message).toMatch(/更正/);
  });

  it('scheme edits carry a version; a stale edit gets 409', async () => {
    const cur = await admin.req('GET', '/api/scheme');
    const scheme = cur.body.scheme;
    scheme.name = '测试赛马（改）';
    const ok = await admin.req('PUT', '/api/scheme', { version: cur.body.version, scheme });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBeGreaterThan(cur.body.version);
    const stale = await admin.req('PUT', '/api/scheme', { version: cur.body.version, scheme });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    const unit = await admin.req('POST', '/api/units', { version: ok.body.version, item: { id: 't5', name: '新镇' }, groups: ['g1'] });
    expect(unit.status).toBe(201);
    expect(unit.body.scheme.groups[0].units).toContain('t5');
    expect((await admin.req('DELETE', `/api/units/t5?version=${ok.body.version}`)).status).toBe(409);
    expect((await admin.req('DELETE', `/api/units/t5?version=${unit.body.version}`)).status).toBe(200);
  });

  it('refuses a scheme that fails validation with 422 and the problem', async () => {
    const cur = await admin.req('GET', '/api/scheme');
    const scheme = cur.body.scheme;
    scheme.groups[0].tracks = ['nope'];
    const r = await admin.req('PUT', '/api/scheme', { version: cur.body.version, scheme }, { 'accept-language': 'en' });
    expect(r.status).toBe(422);
    expect(r.body.details.problems.length).toBeGreaterThan(0);
  });

  it('writes exactly one audit row per mutation, with who, what, when (UTC), before and after', async () => {
    const steps: Array<[string, () => Promise<{ status: number }>]> = [
      ['value:recorded', () => admin.req('POST', '/api/values', v('a-1', 't2', 66))],
      ['adjustment:recorded', () => admin.req('POST', '/api/adjustments', { id: 'adj1', period: 'm01', unit: 't1', track: 'econ', kind: 'deduction', points: 2, reason: '安全事故' })],
      ['waiver:decided', () => admin.req('POST', '/api/waivers', { target: 'adj1', decision: 'accepted', reasoning: '三个区分开来' })],
      ['rating:recorded', () => admin.req('POST', '/api/ratings', { period: 'm01', cadre: 'c1', raterGroup: 'peer', rater: 'r1', score: 90 })],
      ['user:created', () => admin.req('POST', '/api/users', { username: 'audit-u', password: 'audit-password', role: 'leader' })],
      ['token:created', () => admin.req('POST', '/api/tokens', { kind: 'display', name: 'a' })],
      ['settings:updated', () => admin.req('PUT', '/api/settings', { publicRead: false })],
      ['period:published', () => admin.req('POST', '/api/periods/m01/publish', {})],
    ];
    for (const [action, step] of steps) {
      const before = await audit();
      const r = await step();
      expect(r.status, action).toBeLessThan(300);
      expect(await audit(), action).toBe(before + 1);
      const rows = (await admin.req('GET', '/api/audit?limit=1')).body.items;
      expect(rows[0]).toMatchObject({ action, actor: expect.stringMatching(/^u_/) });
      expect(rows[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    const users = (await admin.req('GET', '/api/users')).body.items;
    const u = users.find((x: { username: string }) => x.username === 'audit-u');
    await admin.req('PUT', `/api/users/${u.id}`, { role: 'unit', unit: 't2', reason: '调岗' });
    const row = (await admin.req('GET', '/api/audit?limit=1')).body.items[0];
    expect(row).toMatchObject({ action: 'user:updated', before: { role: 'leader' }, after: { role: 'unit', unit: 't2' }, reason: '调岗' });
    expect(JSON.stringify(row)).not.toMatch(/argon2/);
  });
});
