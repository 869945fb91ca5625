/** The wall-display feed the socket server can use: settings and the published snapshot, synchronously. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScreenFeed } from '../../server/services/screen-source.ts';
import { login, startServer, until, type Client, type TestServer } from './helpers/server.ts';
import type { Principal } from '../../server/auth/roles.ts';

describe('screen feed', () => {
  let srv: TestServer;
  let admin: Client;
  beforeAll(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin');
  });
  afterAll(() => srv.close());

  it('follows publications and the screenSource setting', async () => {
    const feed = createScreenFeed(srv.app.race, srv.app.tokens);
    await feed.load();
    const display = { role: 'display' } as Principal;
    const changes: Array<number | null> = [];
    feed.onChange((s) => changes.push(s === null ? null : s.version));
    expect(feed.servesPublished(display)).toBe(false);
    expect(feed.snapshot().boards).toEqual({});
    await admin.req('POST', '/api/values', { key: 'f1', period: 'm01', unit: 't1', indicator: 'inv', value: 70 });
    await admin.req('PUT', '/api/settings', { screenSource: 'published' });
    expect(feed.servesPublished(display)).toBe(true);
    await until(() => changes.length === 1);
    expect(feed.servesPublished({ role: 'admin' } as Principal)).toBe(false);
    const pub = await admin.req('POST', '/api/periods/m01/publish', { note: '' });
    await until(() => feed.snapshot().version === pub.body.version);
    expect(Object.keys(feed.snapshot().boards).every((k) => k.includes('|m01|'))).toBe(true);
    expect(Object.keys(feed.snapshot().cadres).length).toBeGreaterThan(0);
    await admin.req('PUT', '/api/settings', { screenSource: 'live' });
    expect(changes).toEqual([0, pub.body.version, null]);
    feed.close();
  });
});
