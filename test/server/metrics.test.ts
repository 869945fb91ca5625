/** Prometheus /metrics: who may read it, and counters that move with submissions and sockets. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, connected, login, socketFor, startServer, until, type TestServer } from './helpers/server.ts';

const TOKEN = 'metrics-token-0123456789';

/** `name{labels} value` lines of an exposition as a map. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

describe('/metrics', () => {
  let srv: TestServer;
  const spa = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-spa-'));
  const scrape = async () => {
    const r = await client(srv.url, { bearer: TOKEN }).req('GET', '/metrics');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return samples(r.body as string);
  };

  beforeAll(async () => {
    fs.writeFileSync(path.join(spa, 'index.html'), '<!doctype html><title>SPA</title>');
    srv = await startServer({ deps: { metricsToken: TOKEN, staticDir: spa } });
  });
  afterAll(async () => {
    await srv.close();
    fs.rmSync(spa, { recursive: true, force: true });
  });

  it('is closed to anonymous callers, other roles and wrong tokens, with JSON errors and never the SPA page', async () => {
    const anon = await client(srv.url).req('GET', '/metrics');
    expect(anon.status).toBe(401);
    expect(anon.body).toMatchObject({ code: 'unauthenticated' });
    const leader = await (await login(srv.url, 'leader')).req('GET', '/metrics');
    expect(leader.status).toBe(403);
    expect(leader.body).toMatchObject({ code: 'forbidden' });
    const wrong = await client(srv.url, { bearer: `${TOKEN}x` }).req('GET', '/metrics');
    expect(wrong.status).toBe(401);
    for (const r of [anon, leader, wrong]) expect(JSON.stringify(r.body)).not.toContain('SPA');
    // The SPA is really served elsewhere, so the 401s above are not for want of a fallback.
    expect(await (await fetch(`${srv.url}/some/page`)).text()).toContain('SPA');
  });

  it('admins read it with their session; the token works without one', async () => {
    const admin = await (await login(srv.url, 'admin')).req('GET', '/metrics');
    expect(admin.status).toBe(200);
    expect(admin.body).toContain('saima_version');
    expect((await scrape()).has('saima_version')).toBe(true);
  });

  it('counts accepted and refused submissions, commit and send latency, engine time, sockets, version and log size', async () => {
    const admin = await login(srv.url, 'admin');
    const watcher = socketFor(srv.url, { cookie: (await login(srv.url, 'leader')).cookie });
    await connected(watcher);
    const ack = await watcher.emitWithAck('standings:subscribe', { rooms: ['group:g1'], since: null });
    expect(ack.ok).toBe(true);
    const before = await scrape();
    const get = (m: Map<string, number>, k: string) => m.get(k) ?? 0;

    const ok = await admin.req('POST', '/api/values', { key: 'mx-1', period: 'm01', unit: 't1', indicator: 'inv', value: 77 });
    expect(ok.status).toBe(201);
    const refused = await admin.req('POST', '/api/values', { key: 'mx-2', period: 'm01', unit: 'nope', indicator: 'inv', value: 1 });
    expect(refused.status).toBe(422);
    let patched = false;
    watcher.once('standings:patch', () => (patched = true));
    await until(() => patched || srv.app.race.version === ok.body.version);
    await until(async () => get(await scrape(), 'saima_commit_to_send_seconds_count') > get(before, 'saima_commit_to_send_seconds_count'));

    const after = await scrape();
    const moved = (k: string) => get(after, k) - get(before, k);
    expect(moved('saima_submissions_total{result="accepted",code="ok"}')).toBe(1);
    expect(moved('saima_submissions_total{result="refused",code="unknown_unit"}')).toBe(1);
    expect(moved('saima_submission_commit_seconds_count')).toBe(1);
    expect(moved('saima_engine_apply_seconds_count')).toBe(1);
    expect(moved('saima_commit_to_send_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(get(after, 'saima_version')).toBe(srv.app.race.version);
    expect(get(after, 'saima_event_log_events')).toBe(srv.app.race.version);
    expect(get(after, 'saima_database_bytes')).toBeGreaterThan(0);
    expect(get(after, 'saima_sockets{kind="group"}')).toBe(1);
    expect(get(after, 'saima_sockets{kind="all"}')).toBe(1);
    expect(get(after, 'saima_sockets{kind="user"}')).toBe(1);
    expect([...after.keys()].filter((k) => k.includes('kind="sig"'))).toEqual([]);
    // Default process metrics: event-loop lag and the GC histogram's declaration.
    expect(after.has('nodejs_eventloop_lag_seconds')).toBe(true);
    const text = (await client(srv.url, { bearer: TOKEN }).req('GET', '/metrics')).body as string;
    expect(text).toContain('# TYPE nodejs_gc_duration_seconds histogram');

    watcher.disconnect();
    await until(async () => get(await scrape(), 'saima_sockets{kind="all"}') === 0);
  });
});
