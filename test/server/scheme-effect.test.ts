/** Scheme changes and published periods: frozen by default, re-scored only by an explicit admin choice with a reason. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../shared/engine/index.ts';
import type { Standings } from '../../shared/standings.ts';
import { replayLog } from '../../server/services/snapshot.ts';
import { client, login, startServer, type Client, type TestServer } from './helpers/server.ts';

type Scheme = { tracks: Array<{ indicators: Array<{ code: string; fullMarks: number }> }>; season: { periods: Array<{ id: string }> } };

/** The boards of one period (track and overall). */
const periodBoards = (s: Standings, period: string) => Object.fromEntries(Object.entries(s.boards).filter(([, b]) => b.ref.period === period));

/** The scheme with the econ track's full marks swapped (inv 60 → 40, proj 40 → 60): every econ score moves. */
function reweighted(s: Scheme): Scheme {
  const out = structuredClone(s);
  const [inv, proj] = out.tracks[0]!.indicators;
  [inv!.fullMarks, proj!.fullMarks] = [proj!.fullMarks, inv!.fullMarks];
  return out;
}

describe('scheme changes and published periods', () => {
  let srv: TestServer;
  let admin: Client;
  let leader: Client;
  let display: Client;
  beforeAll(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin');
    leader = await login(srv.url, 'leader');
    const t = await admin.req('POST', '/api/tokens', { kind: 'display', name: '会议室大屏' });
    display = client(srv.url, { bearer: t.body.token });
    const items = ['m01', 'm02'].flatMap((period, k) =>
      ['t1', 't2', 't3', 't4'].map((unit, i) => ({ key: `${period}${unit}`, period, unit, indicator: 'inv', value: 50 + i * 10 + k * 5 })),
    );
    expect((await admin.req('POST', '/api/values/batch', { items })).status).toBe(201);
    expect((await admin.req('POST', '/api/periods/m01/publish', { note: '1月' })).status).toBe(201);
  });
  afterAll(() => srv.close());

  it('by default takes effect from the first unpublished period: the published one keeps its boards', async () => {
    const cur = (await admin.req('GET', '/api/scheme')).body;
    const before = structuredClone(srv.app.race.standings());
    const r = await admin.req('PUT', '/api/scheme', { version: cur.version, scheme: reweighted(cur.scheme) });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ effectiveFrom: 'm02', rescored: [] });
    const after = structuredClone(srv.app.race.standings());
    expect(periodBoards(after, 'm01')).toEqual(periodBoards(before, 'm01'));
    expect(after.boards['track|m02|econ|g1']!.rows.t1!.score).not.toBe(before.boards['track|m02|econ|g1']!.rows.t1!.score);
    // nothing differs from the published snapshot
    expect((await admin.req('GET', '/api/published/m01/diff')).body.rows).toEqual([]);
    const audit = (await admin.req('GET', '/api/audit?action=scheme:changed&limit=1')).body.items[0];
    expect(audit.after).toMatchObject({ effectiveFrom: 'm02', rescored: [] });
    // a replay of the log (as at a restart) gives the same standings
    const { engine } = await replayLog(srv.app.storage, createEngine);
    expect(engine!.standings()).toEqual(after);
  });

  it('refuses to re-score a published period without a reason, naming the period, and appends nothing', async () => {
    const cur = (await admin.req('GET', '/api/scheme')).body;
    const version = srv.app.race.version;
    const r = await admin.req('PUT', '/api/scheme', { version: cur.version, scheme: reweighted(cur.scheme), effectiveFrom: 'm01' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('rescore_needs_reason');
    expect(r.body.message).toContain('1月');
    expect(r.body.details).toEqual({ periods: ['m01'] });
    const blank = await admin.req('PUT', '/api/scheme', { version: cur.version, scheme: cur.scheme, effectiveFrom: 'm01', rescoreReason: '   ' });
    expect(blank.body.code).toBe('rescore_needs_reason');
    const en = await admin.req('PUT', '/api/scheme', { version: cur.version, scheme: cur.scheme, effectiveFrom: 'm01' }, { 'accept-language': 'en' });
    expect(en.body.message).toMatch(/re-scores published periods \(1月\)/);
    const unknown = await admin.req('PUT', '/api/scheme', { version: cur.version, scheme: cur.scheme, effectiveFrom: 'm09', rescoreReason: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('unknown_period');
    expect((await leader.req('PUT', '/api/scheme', { version: cur.version, scheme: cur.scheme, effectiveFrom: 'm01', rescoreReason: '领导要求' })).status).toBe(403);
    expect(srv.app.race.version).toBe(version);
  });

  it('re-scores a published period on an explicit choice with a reason, audited; the published snapshot stays as published', async () => {
    const cur = (await admin.req('GET', '/api/scheme')).body;
    const published = (await display.req('GET', '/api/standings')).body as Standings;
    const csv = async (table: string, source: string) => (await admin.req('GET', `/api/exports/m01/${table}.csv?source=${source}`)).body as string;
    const exported = { overall: await csv('overall', 'published'), econ: await csv('econ-g1', 'published'), live: await csv('econ-g1', 'live') };
    expect(exported.econ).toBe(exported.live);
    const before = structuredClone(srv.app.race.standings());
    const r = await admin.req('PUT', '/api/scheme', { version: cur.version, scheme: cur.scheme, effectiveFrom: 'm01', rescoreReason: '市委组织部通知：投资指标权重调整，1月一并重算' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ effectiveFrom: 'm01', rescored: ['m01'] });
    const after = structuredClone(srv.app.race.standings());
    expect(after.boards['track|m01|econ|g1']!.rows.t1!.score).not.toBe(before.boards['track|m01|econ|g1']!.rows.t1!.score);
    const audit = (await admin.req('GET', '/api/audit?action=scheme:changed&limit=1')).body.items[0];
    expect(audit.after).toMatchObject({ effectiveFrom: 'm01', rescored: ['m01'] });
    expect(audit.reason).toContain('投资指标权重调整');
    // the difference from the published snapshot is shown, the snapshot itself is unchanged
    const diff = (await admin.req('GET', '/api/published/m01/diff')).body;
    const t1 = diff.rows.find((x: { board: string; unit: string }) => x.board === 'track|m01|econ|g1' && x.unit === 't1');
    expect(t1).toMatchObject({ publishedScore: before.boards['track|m01|econ|g1']!.rows.t1!.score, liveScore: after.boards['track|m01|econ|g1']!.rows.t1!.score });
    await admin.req('PUT', '/api/settings', { screenSource: 'published' });
    const wall = (await display.req('GET', '/api/standings')).body as Standings;
    await admin.req('PUT', '/api/settings', { screenSource: 'live' });
    expect(periodBoards(wall, 'm01')).toEqual(periodBoards(before, 'm01'));
    expect(published.boards['track|m01|econ|g1']).toBeDefined();
    // the published exports are byte for byte as before; the live one shows the new scores
    expect(await csv('overall', 'published')).toBe(exported.overall);
    expect(await csv('econ-g1', 'published')).toBe(exported.econ);
    expect(await csv('econ-g1', 'live')).not.toBe(exported.econ);
  });

  it('with every period published, asks for the period to take effect from (scheme edits and unit edits alike)', async () => {
    expect((await admin.req('POST', '/api/periods/m02/publish', { note: '2月' })).status).toBe(201);
    const cur = (await admin.req('GET', '/api/scheme')).body;
    const r = await admin.req('PUT', '/api/scheme', { version: cur.version, scheme: reweighted(cur.scheme) });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('all_periods_published');
    const unit = await admin.req('POST', '/api/units', { version: cur.version, item: { id: 't5', name: '新镇' }, groups: ['g1'] });
    expect(unit.body.code).toBe('all_periods_published');
    const before = structuredClone(srv.app.race.standings());
    const ok = await admin.req('POST', '/api/units', { version: cur.version, item: { id: 't5', name: '新镇' }, groups: ['g1'], effectiveFrom: 'm02', rescoreReason: '新设乡镇，自2月起参赛' });
    expect(ok.status).toBe(201);
    expect(ok.body.rescored).toEqual(['m02']);
    const after = structuredClone(srv.app.race.standings());
    expect(periodBoards(after, 'm01')).toEqual(periodBoards(before, 'm01'));
    expect(after.boards['track|m02|econ|g1']!.rows.t5).toBeDefined();
    expect(after.boards['track|m01|econ|g1']!.rows.t5).toBeUndefined();
  });
});
