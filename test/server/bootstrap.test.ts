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

  it('the feeder keeps plausible values arriving', async () => {
    const feeder = startDemoFeeder(srv.app, 60_000)!;
    const v = srv.app.race.version;
    for (let i = 0; i < 5; i++) await feeder.tick();
    feeder.stop();
    expect(feeder.stats.failed).toBe(0);
    expect(srv.app.race.version).toBeGreaterThanOrEqual(v + 5);
  });
});
