/** Appeals: a unit files for itself only, sees only its own, admins review with a reference; audited and pushed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findKeys } from '../../server/storage/events-repo.ts';
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
    await admin.req('POST', '/api/adjustments', { id: 'adj1', period: 'm01', unit: 't1', track: 'econ', kind: 'deduction', points: 2, reason: '进度滞后' });
  });
  afterAll(() => srv.close());

  it('goes from submitted through review to a decision, visible to its unit only', async () => {
    const s = socketFor(srv.url, { cookie: admin.cookie });
    await connected(s);
    await s.emitWithAck('standings:subscribe', { rooms: ['admin'], since: null });
    const notices: string[] = [];
    s.on('admin:notice', (n) => notices.push(n.kind));

    const questions = { exploratory: true, notProhibited: true, publicInterest: true };
    const filed = await unit1.req('POST', '/api/appeals', { kind: 'tolerance', period: 'm01', target: { adjustment: 'adj1' }, text: '属于探索性失误，申请容错', questions });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ unit: 't1', status: 'submitted', kind: 'tolerance' });
    await until(() => notices.includes('appeal'));
    expect((await unit1.req('POST', '/api/appeals', { unit: 't3', kind: 'objection', period: 'm01', target: { indicator: 'inv' }, text: 'x' })).body.code).toBe('other_unit');

    expect((await unit1.req('GET', '/api/appeals')).body.items).toHaveLength(1);
    expect((await unit3.req('GET', '/api/appeals')).body.items).toHaveLength(0);
    expect((await unit3.req('GET', '/api/appeals?unit=t1')).status).toBe(403);

    const id = filed.body.id;
    expect((await admin.req('PUT', `/api/appeals/${id}`, { status: 'under_review' })).body.status).toBe('under_review');
    const done = await admin.req('PUT', `/api/appeals/${id}`, { status: 'accepted', reference: '组通〔2026〕3号', decision: '符合容错情形' });
    expect(done.body).toMatchObject({ status: 'accepted', reference: '组通〔2026〕3号' });
    expect((await admin.req('PUT', `/api/appeals/${id}`, { status: 'rejected', reference: 'r', decision: 'd' })).status).toBe(409);
    expect((await admin.req('GET', '/api/appeals?status=accepted')).body.items.map((a: { id: string }) => a.id)).toEqual([id]);
    const audit = (await admin.req('GET', '/api/audit?limit=4')).body.items.map((a: { action: string }) => a.action);
    expect(audit).toEqual(['appeal:updated', 'waiver:decided', 'appeal:updated', 'appeal:filed']);

    // Who decided: the 组织部 sees its user ids; the unit sees its own id and "the 组织部" in place
    // of the reviewer's, by every path.
    const me = async (c: Client) => (await c.req('GET', '/api/session/me')).body.user.id as string;
    const [adminId, unitId] = [await me(admin), await me(unit1)];
    const actors = (a: { createdBy: string; history: Array<{ actor: string }> }) => [a.createdBy, ...a.history.map((h) => h.actor)];
    expect(actors((await admin.req('GET', `/api/appeals/${id}`)).body)).toEqual([unitId, unitId, adminId, adminId]);
    const unitViews = [(await unit1.req('GET', `/api/appeals/${id}`)).body, (await unit1.req('GET', '/api/appeals')).body.items[0], (await unit1.req('GET', '/api/units/t1/workspace')).body.appeals[0]];
    for (const v of unitViews) expect(actors(v)).toEqual([unitId, unitId, '@org', '@org']);
    expect(JSON.stringify(unitViews)).not.toContain(adminId);
    s.close();
  });

  it('reads appeals filed before issue 5 (free-text target, no history)', async () => {
    const at = '2026-01-05T00:00:00.000Z';
    await srv.storage.db
      .insertInto('appeals')
      .values({ id: 'ap_old', unit: 't1', kind: 'objection', period: 'm01', target: 'inv', text: '旧申诉', status: 'accepted', reference: 'r', decision: 'd', created_by: 'u', created_at: at, updated_at: at, target_json: null, questions: null, evidence: null, proposed_value: null, event_seq: null, history: null, pending: null })
      .execute();
    const a = (await unit1.req('GET', '/api/appeals/ap_old')).body;
    expect(a).toMatchObject({ target: { legacy: 'inv' }, evidence: [], questions: null, eventSeq: null });
    expect(a.history.map((h: { status: string }) => h.status)).toEqual(['submitted', 'accepted']);
  });

  it('a decision and its event commit together: work that fails inside the transaction leaves no event, key or audit row', async () => {
    const version = srv.app.race.version;
    const audit = async () => (await admin.req('GET', '/api/audit?limit=1')).body.items[0].id as number;
    const lastAudit = await audit();
    const body = { type: 'waiver:decided' as const, data: { target: 'adj1', decision: 'accepted' as const, reference: 'r', reasoning: 'd' } };
    await expect(srv.app.race.submit('admin', [{ key: 'within-test', body }], 'd', async () => Promise.reject(new Error('row moved')))).rejects.toThrow('row moved');
    expect(srv.app.race.version).toBe(version);
    expect(await srv.app.race.readEvents(version, 10)).toEqual([]);
    expect((await findKeys(srv.storage.db, ['within-test'])).size).toBe(0);
    expect(await audit()).toBe(lastAudit);
  });

  it('two decisions racing on one case: exactly one lands, with its event; the other is refused', async () => {
    await admin.req('POST', '/api/adjustments', { id: 'adj3', period: 'm01', unit: 't1', track: 'econ', kind: 'deduction', points: 1, reason: 'y' });
    const questions = { exploratory: true, notProhibited: true, publicInterest: true };
    const id = (await unit1.req('POST', '/api/appeals', { kind: 'tolerance', period: 'm01', target: { adjustment: 'adj3' }, text: '申请', questions })).body.id as string;
    await admin.req('PUT', `/api/appeals/${id}`, { status: 'under_review' });
    const version = srv.app.race.version;
    const [a, b] = await Promise.all([
      admin.req('PUT', `/api/appeals/${id}`, { status: 'accepted', reference: '甲', decision: '采纳' }),
      admin.req('PUT', `/api/appeals/${id}`, { status: 'rejected', reference: '乙', decision: '不予采纳' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const won = a.status === 200 ? a.body : b.body;
    const events = (await srv.app.race.readEvents(version, 100)).filter((e) => e.type === 'waiver:decided' && e.data.target === 'adj3');
    const got = (await admin.req('GET', `/api/appeals/${id}`)).body;
    expect(got.status).toBe(won.status);
    // an acceptance carries its event (with the case's seq); a rejection carries none
    if (won.status === 'accepted') {
      expect(events).toHaveLength(1);
      expect(got.eventSeq).toBe(events[0]!.seq);
    } else {
      expect(events).toHaveLength(0);
      expect(got.eventSeq).toBeNull();
    }
    expect(got.history.map((h: { status: string }) => h.status)).toEqual(['submitted', 'under_review', won.status]);
  });

  it('a decision parked by an earlier version (stopped between event and update) is finished or dropped on the next start', async () => {
    const questions = { exploratory: true, notProhibited: true, publicInterest: true };
    await admin.req('POST', '/api/adjustments', { id: 'adj2', period: 'm01', unit: 't1', track: 'econ', kind: 'deduction', points: 1, reason: 'x' });
    const file = async () => (await unit1.req('POST', '/api/appeals', { kind: 'tolerance', period: 'm01', target: { adjustment: 'adj2' }, text: '申请', questions })).body.id as string;
    const [landed, lost] = [await file(), await file()];
    const park = (id: string) =>
      srv.storage.db
        .updateTable('appeals')
        .set({ pending: JSON.stringify({ status: 'accepted', reference: 'r', decision: 'd', actor: 'admin', at: new Date().toISOString(), key: `appeal:${id}:decision` }) })
        .where('id', '=', id)
        .execute();
    await park(landed);
    await park(lost);
    // The event of the first one made it into the log; the process stopped before the appeal update.
    const r = await srv.app.race.submit('admin', [{ key: `appeal:${landed}:decision`, body: { type: 'waiver:decided', data: { target: 'adj2', decision: 'accepted', reference: 'r', reasoning: 'd' } } }]);
    await srv.close({ keepDir: true });
    srv = await startServer({ dir: srv.dir });
    admin = await login(srv.url, 'admin');
    expect((await admin.req('GET', `/api/appeals/${landed}`)).body).toMatchObject({ status: 'accepted', eventSeq: r.items[0]!.seq, reference: 'r' });
    const dropped = (await admin.req('GET', `/api/appeals/${lost}`)).body;
    expect(dropped).toMatchObject({ status: 'submitted', eventSeq: null });
    expect((await srv.storage.db.selectFrom('appeals').select('pending').where('id', '=', lost).executeTakeFirstOrThrow()).pending).toBeNull();
  });
});
