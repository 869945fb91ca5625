/** Publishing: the diff between live and the snapshot, wall displays on the published snapshot, audit filters. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, login, startServer, type Client, type TestServer } from './helpers/server.ts';

describe('published snapshots and the audit browser', () => {
  let srv: TestServer;
  let admin: Client;
  let display: Client;
  beforeAll(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin');
    const t = await admin.req('POST', '/api/tokens', { kind: 'display', name: '会议室大屏' });
    display = client(srv.url, { bearer: t.body.token });
    const items = ['t1', 't2', 't3', 't4'].map((unit, i) => ({ key: `p${i}`, period: 'm01', unit, indicator: 'inv', value: 60 + i * 10 }));
    await admin.req('POST', '/api/values/batch', { items });
  });
  afterAll(() => srv.close());

  it('shows which rows moved since publication', async () => {
    expect((await admin.req('GET', '/api/published/m01/diff')).body.code).toBe('not_published');
    expect((await admin.req('POST', '/api/periods/m01/publish', { note: '1月' })).status).toBe(201);
    const none = (await admin.req('GET', '/api/published/m01/diff')).body;
    expect(none.rows).toEqual([]);
    expect(none.publishedVersion).toBe(srv.app.race.version);
    await admin.req('POST', '/api/values', { key: 'late', period: 'm01', unit: 't1', indicator: 'inv', value: 99 });
    const d = (await admin.req('GET', '/api/published/m01/diff')).body;
    const econ = d.rows.filter((r: { board: string }) => r.board === 'track|m01|econ|g1');
    expect(econ).toEqual([
      { board: 'track|m01|econ|g1', unit: 't1', publishedRank: 2, liveRank: 1, publishedScore: expect.any(Number), liveScore: expect.any(Number) },
      { board: 'track|m01|econ|g1', unit: 't2', publishedRank: 1, liveRank: 2, publishedScore: expect.any(Number), liveScore: expect.any(Number) },
    ]);
    expect(d.version).toBe(srv.app.race.version);
  });

  it('serves wall displays the published snapshot when screenSource is published', async () => {
    const live = (await display.req('GET', '/api/standings')).body;
    expect(live.boards['track|m01|econ|g1'].rows.t1.rank).toBe(1);
    expect((await admin.req('GET', '/api/settings')).body).toEqual({ publicRead: false, screenSource: 'live' });
    expect((await admin.req('PUT', '/api/settings', { screenSource: 'published' })).body).toEqual({ publicRead: false, screenSource: 'published' });
    expect((await client(srv.url).req('GET', '/api/meta')).body.screenSource).toBe('published');
    const pub = await display.req('GET', '/api/standings');
    expect(pub.body.boards['track|m01|econ|g1'].rows.t1.rank).toBe(2);
    expect(pub.body.version).toBe(srv.app.race.version - 1);
    expect((await display.req('GET', '/api/standings?board=track|m01|econ|g1')).body.board.rows.t2.rank).toBe(1);
    expect((await display.req('GET', '/api/standings?version=3')).status).toBe(403);
    const ev = (await display.req('GET', '/api/events?limit=10000')).body;
    expect(ev.version).toBe(srv.app.race.version - 1);
    expect(ev.events.at(-1).type).toBe('period:published');
    // Admins keep the live standings.
    expect((await admin.req('GET', '/api/standings')).body.boards['track|m01|econ|g1'].rows.t1.rank).toBe(1);
    await admin.req('PUT', '/api/settings', { screenSource: 'live' });
    expect((await display.req('GET', '/api/standings')).body.boards['track|m01|econ|g1'].rows.t1.rank).toBe(1);
  });

  it('filters the audit log by actor, action, target and time, with paging', async () => {
    const all = (await admin.req('GET', '/api/audit?limit=1000')).body.items;
    expect(all.length).toBeGreaterThan(5);
    const settings = (await admin.req('GET', '/api/audit?action=settings:updated')).body;
    expect(settings.items).toHaveLength(2);
    expect(settings.next).toBeNull();
    expect(settings.items[0].after).toEqual({ publicRead: false, screenSource: 'live' });
    const values = (await admin.req('GET', '/api/audit?action=value:*&target=unit:t1')).body.items;
    expect(values.map((a: { target: string }) => a.target.includes('unit:t1'))).toEqual([true, true]);
    const page1 = (await admin.req('GET', '/api/audit?limit=2')).body;
    expect(page1.items).toHaveLength(2);
    const page2 = (await admin.req('GET', `/api/audit?limit=2&before=${page1.next}`)).body;
    expect(page2.items[0].id).toBeLessThan(page1.items[1].id);
    const me = (await admin.req('GET', '/api/session/me')).body.user.id;
    expect((await admin.req('GET', `/api/audit?actor=${me}&action=period:published`)).body.items).toHaveLength(1);
    const today = new Date().toISOString().slice(0, 10);
    expect((await admin.req('GET', `/api/audit?from=${today}&to=${today}&limit=1000`)).body.items).toHaveLength(all.length);
    expect((await admin.req('GET', '/api/audit?to=2000-01-01')).body.items).toHaveLength(0);
    expect((await admin.req('GET', '/api/audit?from=yesterday')).status).toBe(400);
  });
});
