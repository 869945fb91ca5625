/** The whole server on PostgreSQL: a configuration change, not a rewrite. Skips when PG is unreachable. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../server/app.ts';
import { openStorage, type Storage } from '../../server/storage/storage.ts';
import { createEngine, computeStandings } from '../../shared/engine/index.ts';
import { dropSchema, findPostgres, freshSchema } from './helpers/pg.ts';
import { login, seedTiny } from './helpers/server.ts';

const pgUrl = await findPostgres();
if (!pgUrl) console.warn('postgres-app.test: PostgreSQL at 127.0.0.1:5432 (database test) is unreachable; skipped');

describe.skipIf(!pgUrl)('server on PostgreSQL', () => {
  const schema = freshSchema();
  let storage: Storage;
  let app: App;
  let url = '';
  const start = async () => {
    storage = await openStorage({ url: pgUrl!, pgSchema: schema });
    app = await createApp({ storage, createEngine, log: () => undefined });
    await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  };
  const stop = async () => {
    await app.close();
    await storage.close();
  };
  beforeAll(async () => {
    await start();
    await seedTiny(app);
  });
  afterAll(async () => {
    await stop();
    await dropSchema(pgUrl!, schema);
  });

  it('records values idempotently, audits them, and rebuilds the same standings after a restart', async () => {
    const admin = await login(url, 'admin');
    const items = ['t1', 't2', 't3', 't4'].map((unit, i) => ({ key: `pg-${i}`, period: 'm01', unit, indicator: 'inv', value: 60 + i * 10 }));
    expect((await admin.req('POST', '/api/values/batch', { items })).body).toMatchObject({ accepted: 4 });
    expect((await admin.req('POST', '/api/values/batch', { items })).body).toMatchObject({ accepted: 0, duplicates: 4 });
    expect((await admin.req('POST', '/api/values', { ...items[0], value: 1 })).status).toBe(409);
    const audit = (await admin.req('GET', '/api/audit?action=value:recorded')).body.items;
    expect(audit).toHaveLength(4);
    const before = (await admin.req('GET', '/api/standings')).body;
    await stop();
    await start();
    const again = await login(url, 'admin');
    const after = (await again.req('GET', '/api/standings')).body;
    expect(after).toEqual(before);
    const events = (await again.req('GET', '/api/events?limit=10000')).body.events;
    expect(after).toEqual(computeStandings(events[0].data.scheme, events));
  });
});
