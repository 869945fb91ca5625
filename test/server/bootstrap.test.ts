/** First start: the demo county, demo accounts for every role, a display link, and a live feeder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoInfo, seedDemo, startDemoFeeder } from '../../server/bootstrap/demo-seed.ts';
import { client, login, startServer, type TestServer } from './helpers/server.ts';

describe('demo bootstrap', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer({ seed: false, dir: fs.mkdtempSync(path.join(os.tmpdir(), 'saima-demo-')) });
    await seedDemo(srv.app, new Date(Date.UTC(2026, 5, 15, 8)));
  });
  afterAll(() => srv.close());

  it('seeds the county with its history and prints working accounts and a display link', async () => {
    const info = (await demoInfo(srv.app))!;
    expect(info.accounts.map((a) => a.username)).toEqual(['admin', 'leader', 'unit', 'reporter']);
    for (const a of info.accounts) {
      const c = await login(srv.url, a.username, a.password);
      expect((await c.req('GET', '/api/session/me')).body.user.role).toBe(a.username);
    }
    const meta = (await client(srv.url).req('GET', '/api/meta')).body;
    expect(meta.units.length).toBeGreaterThanOrEqual(30);
    expect(meta.season.currentPeriod).toBe('m06');
    const st = await client(srv.url).req('GET', `/api/standings?token=${info.displayToken}`);
    expect(st.status).toBe(200);
    expect(Object.keys(st.body.boards).length).toBeGreaterThan(10);
    expect(st.body.version).toBe(srv.app.race.version);
  });

  it('the demo unit finds feedback and a waiting 容错 application; a neighbour\'s objection was rejected with a reason', async () => {
    const info = (await demoInfo(srv.app))!;
    const unit = info.accounts.find((a) => a.username === 'unit')!;
    const c = await login(srv.url, unit.username, unit.password);
    const town = (await c.req('GET', '/api/session/me')).body.user.unit as string;
    const ws = (await c.req('GET', `/api/units/${town}/workspace`)).body;
    expect(ws.feedback).toHaveLength(1);
    expect(ws.feedback[0].text).toContain('短板');
    expect(ws.appeals).toMatchObject([{ kind: 'tolerance', status: 'submitted', questions: { exploratory: true, notProhibited: true, publicInterest: true } }]);
    const target = ws.appeals[0].target.adjustment as string;
    expect(ws.adjustments.find((a: { id: string }) => a.id === target)).toMatchObject({ kind: 'deduction', revoked: false, waiver: null });
    const admin = await login(srv.url, 'admin', 'admin-demo-password');
    const all = (await admin.req('GET', '/api/appeals')).body.items as Array<{ unit: string; kind: string; status: string; reference: string | null }>;
    expect(all.map((a) => [a.kind, a.status])).toEqual(expect.arrayContaining([['tolerance', 'submitted'], ['objection', 'rejected']]));
    expect(all.find((a) => a.kind === 'objection')!.unit).not.toBe(town);
    expect(all.find((a) => a.kind === 'objection')!.reference).toMatch(/号$/);
  });

  it('the feeder keeps plausible values arriving', async () => {
    const feeder = startDemoFeeder(srv.app, 60_000)!;
    const v = srv.app.race.version;
    for (let i = 0; i < 5; i++) await feeder.tick();
    feeder.stop();
    expect(feeder.stats.failed).toBe(0);
    expect(srv.app.race.version).toBeGreaterThanOrEqual(v + 5);
  });
});
