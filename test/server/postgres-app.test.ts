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

  it('issue 5 on PostgreSQL: evidence bytes, appeals with their decision event, import, history, audit filters', async () => {
    const admin = await login(url, 'admin');
    const unit1 = await login(url, 'unit1');
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');
    const up = await fetch(`${url}/api/evidence`, {
      method: 'POST',
      headers: { cookie: unit1.cookie!, 'x-csrf-token': unit1.csrf!, 'content-type': 'image/png', 'x-filename': encodeURIComponent('照片.png') },
      body: new Uint8Array(png),
    });
    const ev = await up.json();
    expect(up.status).toBe(201);
    const down = await fetch(`${url}/api/evidence/${ev.id}`, { headers: { cookie: admin.cookie! } });
    expect(Buffer.from(await down.arrayBuffer())).toEqual(png);
    await admin.req('POST', '/api/adjustments', { id: 'pgd1', period: 'm01', unit: 't1', track: 'econ', kind: 'deduction', points: 3, reason: '滞后' });
    const before = (await unit1.req('GET', '/api/units/t1/workspace?period=m01')).body.tracks[0];
    const a = await unit1.req('POST', '/api/appeals', {
      kind: 'tolerance',
      period: 'm01',
      target: { adjustment: 'pgd1' },
      text: '探索性失误',
      questions: { exploratory: true, notProhibited: true, publicInterest: true },
      evidence: [ev.id],
    });
    expect(a.status).toBe(201);
    const done = await admin.req('PUT', `/api/appeals/${a.body.id}`, { status: 'accepted', reference: '组通〔2026〕1号', decision: '免除' });
    expect(done.body).toMatchObject({ status: 'accepted', eventSeq: expect.any(Number) });
    const after = (await unit1.req('GET', '/api/units/t1/workspace?period=m01')).body.tracks[0];
    expect(after.score).toBeCloseTo(before.score + 3, 4);
    await admin.req('POST', '/api/units/t1/feedback', { text: '好' });
    expect((await unit1.req('GET', '/api/units/t1/feedback')).body.items).toHaveLength(1);
    const csv = '\ufeff单位编码,固定资产投资完成率（inv）\nt1,77\nt2,66\n';
    const imp = async () =>
      (await fetch(`${url}/api/import?kind=values&period=m02&track=econ`, { method: 'POST', headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrf!, 'content-type': 'text/csv' }, body: csv })).json();
    expect(await imp()).toMatchObject({ applied: 2 });
    expect(await imp()).toMatchObject({ applied: 0 });
    const hist = (await admin.req('GET', '/api/history?unit=t1&period=m02&indicator=inv')).body;
    expect(hist.map((e: { data: { value: number } }) => e.data.value)).toEqual([77]);
    expect((await admin.req('GET', '/api/audit?action=appeal:*&target=unit:t1')).body.items.map((x: { action: string }) => x.action)).toEqual(['appeal:updated', 'appeal:filed']);
    expect((await admin.req('GET', '/api/grid?period=m02&track=econ')).body.cells.t2.inv.value).toBe(66);
    // A restart keeps all of it.
    await stop();
    await start();
    const again = await login(url, 'unit1');
    expect((await again.req('GET', `/api/appeals/${a.body.id}`)).body).toMatchObject({ status: 'accepted', evidence: [{ id: ev.id, name: '照片.png' }] });
  });
});
