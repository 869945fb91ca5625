/**
 * Health probes: live answers while the process runs; ready needs the database to answer and the
 * engine to have applied the whole log. On PostgreSQL the database is made unreachable for real
 * (the server's role loses LOGIN and its connections are terminated), then given back.
 */
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app.ts';
import { createLogger } from '../../server/ops/logger.ts';
import { openStorage, type Storage } from '../../server/storage/storage.ts';
import { appendEvents } from '../../server/storage/events-repo.ts';
import { createEngine } from '../../shared/engine/index.ts';
import { findPostgres, freshSchema } from './helpers/pg.ts';
import { client, login, seedTiny, startServer, until, type TestServer } from './helpers/server.ts';

describe('health probes (SQLite)', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(() => srv.close());

  it('live and ready answer anyone; the old /api/health still works', async () => {
    const c = client(srv.url);
    expect(await c.req('GET', '/api/health/live')).toMatchObject({ status: 200, body: { live: true } });
    const ready = await c.req('GET', '/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ ready: true, role: 'single', version: srv.app.race.version, logSeq: srv.app.race.version });
    expect(await c.req('GET', '/api/health')).toMatchObject({ status: 200, body: { ok: true, version: srv.app.race.version } });
  });

  it('is not ready while the engine is behind the log (an event it has not applied)', async () => {
    const v = srv.app.race.version;
    const admin = await login(srv.url, 'admin');
    await srv.storage.tx((trx) => appendEvents(trx, [{ type: 'value:recorded', data: { period: 'm01', unit: 't2', indicator: 'inv', value: 50 }, seq: v + 1, at: new Date().toISOString(), actor: 'x' }]));
    const r = await client(srv.url).req('GET', '/api/health/ready');
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ ready: false, role: 'single', version: v, logSeq: v + 1, reason: expect.stringMatching(/engine behind the log/) });
    // A rebuild from the log catches up.
    await srv.app.race.load();
    expect((await admin.req('GET', '/api/health/ready')).status).toBe(200);
  });
});

const pgUrl = await findPostgres();
if (!pgUrl) console.warn('health.test: PostgreSQL at 127.0.0.1:5432 is unreachable; the PostgreSQL readiness test is skipped');

describe.skipIf(!pgUrl)('readiness while PostgreSQL is unreachable', () => {
  const role = `saima_ready_${process.pid}_${Date.now().toString(36)}`;
  const schema = freshSchema();
  const admin = new pg.Client({ connectionString: pgUrl! });
  const lost: unknown[] = [];
  let storage: Storage;
  let app: App;
  let url = '';

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    await admin.query(`CREATE SCHEMA ${schema} AUTHORIZATION ${role}`);
    const db = (await admin.query('select current_database() as d')).rows[0].d as string;
    await admin.query(`GRANT CREATE ON DATABASE ${db} TO ${role}`);
    const u = new URL(pgUrl!);
    u.username = role;
    storage = await openStorage({ url: u.toString(), pgSchema: schema, log: (_msg, err) => lost.push(err) });
    app = await createApp({ storage, createEngine, log: () => undefined, logger: createLogger({ level: 'silent' }) });
    await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await seedTiny(app);
  });
  afterAll(async () => {
    await admin.query(`ALTER ROLE ${role} LOGIN`).catch(() => undefined);
    await app?.close();
    await storage?.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    const db = (await admin.query('select current_database() as d')).rows[0].d as string;
    await admin.query(`REVOKE CREATE ON DATABASE ${db} FROM ${role}`);
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  const ready = () => client(url).req('GET', '/api/health/ready');

  it('is ready, then 503 with a reason while the database refuses the server, and ready again after', async () => {
    expect((await ready()).body).toMatchObject({ ready: true, role: 'single' });
    // Cut the server off: no new logins for its role, and its open connections terminated.
    await admin.query(`ALTER ROLE ${role} NOLOGIN`);
    const killed = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where usename = $1', [role]);
    expect(killed.rowCount).toBeGreaterThan(0);
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ready: false, role: 'single', logSeq: null, reason: expect.stringMatching(/^database does not answer/) });
    // The process is still up and answering, and said why.
    expect((await client(url).req('GET', '/api/health/live')).status).toBe(200);
    await until(() => lost.length > 0);
    // Back: the pool reconnects on its own.
    await admin.query(`ALTER ROLE ${role} LOGIN`);
    await until(async () => (await ready()).status === 200, 10_000);
    expect((await ready()).body).toEqual({ ready: true, role: 'single', version: app.race.version, logSeq: app.race.version });
  });
});
