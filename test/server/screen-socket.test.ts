/** Wall-display sockets follow screenSource: the published snapshot without live patches, and back. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandingsDiff } from '../../shared/standings.ts';
import { connected, login, socketFor, startServer, until, type Client, type TestServer, type TestSocket } from './helpers/server.ts';

describe('display sockets and screenSource', () => {
  let srv: TestServer;
  let admin: Client;
  let token = '';
  const open: TestSocket[] = [];
  const display = async () => {
    const s = socketFor(srv.url, { token });
    open.push(s);
    await connected(s);
    return s;
  };
  beforeAll(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin');
    token = (await admin.req('POST', '/api/tokens', { kind: 'display', name: '大屏' })).body.token;
    await admin.req('POST', '/api/values', { key: 'a', period: 'm01', unit: 't1', indicator: 'inv', value: 60 });
    await admin.req('POST', '/api/values', { key: 'b', period: 'm01', unit: 't2', indicator: 'inv', value: 70 });
    await admin.req('POST', '/api/periods/m01/publish', { note: '' });
    await admin.req('POST', '/api/values', { key: 'c', period: 'm02', unit: 't1', indicator: 'inv', value: 80 });
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await srv.close();
  });

  it('switches displays to the snapshot and back, with no live patches in between', async () => {
    const live = await display();
    const first = await live.emitWithAck('standings:subscribe', { rooms: ['group:g1', 'cadres'], since: null });
    expect(first.ok && first.data.version).toBe(srv.app.race.version);
    expect(first.ok && Object.keys(first.data.snapshot!.boards).some((k) => k.includes('|m02|'))).toBe(true);

    await admin.req('PUT', '/api/settings', { screenSource: 'published' });
    await until(() => live.disconnected);
    const pub = await display();
    const patches: StandingsDiff[] = [];
    pub.on('standings:patch', (d) => patches.push(d));
    const snap = await pub.emitWithAck('standings:subscribe', { rooms: ['group:g1', 'cadres'], since: 4 });
    const published = srv.app.race.engine!.published()[0]!.version;
    // Labelled with the current version so a client holding live standings takes it.
    expect(snap.ok && snap.data.version).toBe(srv.app.race.version);
    expect(snap.ok && snap.data.snapshot!.version).toBe(srv.app.race.version);
    expect(snap.ok && snap.data.snapshot!.boards['track|m01|econ|g1']!.rows.t1!.score).toBe((await srv.app.race.standingsAt(published)).boards['track|m01|econ|g1']!.rows.t1!.score);
    const keys = snap.ok ? Object.keys(snap.data.snapshot!.boards) : [];
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.includes('|m01|'))).toBe(true);
    expect(snap.ok && Object.keys(snap.data.snapshot!.cadres).length).toBeGreaterThan(0);
    expect((await pub.emitWithAck('standings:subscribe', { rooms: ['admin'], since: null })).ok).toBe(false);
    await admin.req('POST', '/api/values', { key: 'd', period: 'm02', unit: 't2', indicator: 'inv', value: 90 });
    await new Promise((r) => setTimeout(r, 300));
    expect(patches).toEqual([]);

    await admin.req('PUT', '/api/settings', { screenSource: 'live' });
    await until(() => pub.disconnected);
    const back = await display();
    const again = await back.emitWithAck('standings:subscribe', { rooms: ['group:g1'], since: srv.app.race.version - 1 });
    expect(again.ok && again.data.version).toBe(srv.app.race.version);
    expect(again.ok && again.data.snapshot).toBeTruthy();
    expect(again.ok && again.data.diffs).toBeUndefined();
  });
});
