/** Appeals: a unit files for itself only, sees only its own, admins review with a reference; audited and pushed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, login, socketFor, startServer, until, type Client, type TestServer } from './helpers/server.ts';

describe('appeals', () => {
  let srv: TestServer;
  let admin: Client;
  let unit1: Client;
  let unit3: Client;
  beforeAll(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin');
    unit1 = await login(srv.url, 'unit1');
    unit3 = await login(srv.url, 'unit3');
  });
  afterAll(() => srv.close());

  it('goes from submitted through review to a decision, visible to its unit only', async () => {
    const s = socketFor(srv.url, { cookie: admin.cookie });
    await connected(s);
    await s.emitWithAck('standings:subscribe', { rooms: ['admin'], since: null });
    const notices: string[] = [];
    s.on('admin:notice', (n) => notices.push(n.kind));

    const filed = await unit1.req('POST', '/api/appeals', { kind: 'tolerance', period: 'm01', target: 'adj1', text: '属于探索性失误，申请容错' });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ unit: 't1', status: 'submitted', kind: 'tolerance' });
    await until(() => notices.includes('appeal'));
    expect((await unit1.req('POST', '/api/appeals', { unit: 't3', kind: 'objection', period: 'm01', text: 'x' })).body.code).toBe('other_unit');

    expect((await unit1.req('GET', '/api/appeals')).body.items).toHaveLength(1);
    expect((await unit3.req('GET', '/api/appeals')).body.items).toHaveLength(0);
    expect((await unit3.req('GET', '/api/appeals?unit=t1')).status).toBe(403);

    const id = filed.body.id;
    expect((await admin.req('PUT', `/api/appeals/${id}`, { status: 'under_review' })).body.status).toBe('under_review');
    const done = await admin.req('PUT', `/api/appeals/${id}`, { status: 'accepted', reference: '组通〔2026〕3号', decision: '符合容错情形' });
    expect(done.body).toMatchObject({ status: 'accepted', reference: '组通〔2026〕3号' });
    expect((await admin.req('PUT', `/api/appeals/${id}`, { status: 'rejected' })).status).toBe(409);
    expect((await admin.req('GET', '/api/appeals?status=accepted')).body.items.map((a: { id: string }) => a.id)).toEqual([id]);
    const audit = (await admin.req('GET', '/api/audit?limit=3')).body.items.map((a: { action: string }) => a.action);
    expect(audit).toEqual(['appeal:updated', 'appeal:updated', 'appeal:filed']);
    s.close();
  });
});
