/**
 * The audit an inspector reads: every mutation path (grid and API values, corrections, imports,
 * deductions, waiver and objection decisions, publication) leaves a row found by the actor's
 * display name, role and unit, with old → new and the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startServer, type Client, type TestServer } from './helpers/server.ts';

type Row = { id: number; action: string; actor: string; actorName: string | null; actorRole: string | null; actorUnit: string | null; target: string; before: unknown; after: unknown; reason: string | null };

async function upload(c: Client, url: string, p: string, csv: string) {
  const res = await fetch(url + p, { method: 'POST', headers: { cookie: c.cookie!, 'x-csrf-token': c.csrf!, 'content-type': 'text/csv' }, body: csv });
  return { status: res.status, body: await res.json() };
}

describe('audit trail', () => {
  let srv: TestServer;
  let admin: Client;
  let unit1: Client;
  let adminId: string;
  beforeAll(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin');
    const users = (await admin.req('GET', '/api/users')).body.items as Array<{ id: string; username: string }>;
    adminId = users.find((u) => u.username === 'admin')!.id;
    await admin.req('PUT', `/api/users/${adminId}`, { displayName: '王科长' });
    await admin.req('PUT', `/api/users/${users.find((u) => u.username === 'unit1')!.id}`, { displayName: '东城镇联络员' });
    unit1 = await login(srv.url, 'unit1');
  });
  afterAll(() => srv.close());

  const audit = async (q: string): Promise<Row[]> => (await admin.req('GET', `/api/audit?limit=200&${q}`)).body.items;
  /** The newest row of an action, checked to be found by the admin's name, role and (when about one) unit. */
  async function newest(action: string, unit?: string): Promise<Row> {
    const byName = await audit(`actor=${encodeURIComponent('王科长')}&action=${action}`);
    const row = byName[0]!;
    expect(row, action).toMatchObject({ actor: adminId, actorName: '王科长', actorRole: 'admin' });
    expect((await audit(`role=admin&action=${action}`)).map((r) => r.id), action).toContain(row.id);
    expect((await audit(`actor=WANG&action=${action}`)).map((r) => r.id)).not.toContain(row.id);
    expect((await audit(`actor=ADMIN&action=${action}`)).map((r) => r.id), 'username, any case').toContain(row.id);
    if (unit) expect((await audit(`unit=${unit}&action=${action}`)).map((r) => r.id), action).toContain(row.id);
    return row;
  }

  it('a value from the API, then from the grid (a correction), carries who, old → new and the reason', async () => {
    expect((await admin.req('POST', '/api/values', { key: 'v1', period: 'm01', unit: 't1', indicator: 'inv', value: 88.2 })).status).toBe(201);
    const first = await newest('value:recorded', 't1');
    expect(first.before).toBeNull();
    expect(first.after).toMatchObject({ unit: 't1', period: 'm01', indicator: 'inv', value: 88.2 });
    expect(first.target).toMatch(/unit:t1 period:m01 indicator:inv$/);
    // The grid saves a changed cell as a batch item with the reason the dialog asked for.
    const grid = await admin.req('POST', '/api/values/batch', { items: [{ key: 'g1', period: 'm01', unit: 't1', indicator: 'inv', value: 90, reason: '统计口径调整', source: 'form' }] });
    expect(grid.status).toBe(201);
    const fix = await newest('value:corrected', 't1');
    expect(fix).toMatchObject({ before: { value: 88.2 }, after: { value: 90 }, reason: '统计口径调整' });
    // A system re-reporting a revised figure over the API is recorded old → new too.
    await admin.req('POST', '/api/values', { key: 'v2', period: 'm01', unit: 't1', indicator: 'inv', value: 91 });
    expect(await newest('value:recorded', 't1')).toMatchObject({ before: { value: 90 }, after: { value: 91 } });
  });

  it('an import that overwrites is refused without a reason, previews old → new, and records each overwrite with the reason', async () => {
    const csv = '单位编码,固定资产投资完成率（inv）,新开工项目数（proj）\nt1,95.4,3\nt2,70,\n';
    const q = '/api/import?kind=values&period=m01&track=econ';
    const dry = await upload(admin, srv.url, `${q}&dryRun=1`, csv);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, pending: 3, added: 2, overwritten: 1, duplicates: 0 });
    expect(dry.body.changes).toEqual([
      { row: 2, column: 'B', unit: 't1', unitName: '东城镇', indicator: 'inv', indicatorName: '固定资产投资完成率', measure: '%', before: 91, after: 95.4, kind: 'overwrite' },
      { row: 2, column: 'C', unit: 't1', unitName: '东城镇', indicator: 'proj', indicatorName: '新开工项目数', measure: '个', before: null, after: 3, kind: 'new' },
      { row: 3, column: 'B', unit: 't2', unitName: '西城镇', indicator: 'inv', indicatorName: '固定资产投资完成率', measure: '%', before: null, after: 70, kind: 'new' },
    ]);
    const v0 = srv.app.race.version;
    const refused = await upload(admin, srv.url, q, csv);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('reason_required');
    expect(refused.body.message).toContain('东城镇 固定资产投资完成率 91 → 95.4');
    expect(srv.app.race.version).toBe(v0);
    expect((await upload(admin, srv.url, `${q}&reason=%20%20`, csv)).body.code).toBe('reason_required');
    const ok = await upload(admin, srv.url, `${q}&reason=${encodeURIComponent('统计局年报复核')}`, csv);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ applied: 3, added: 2, overwritten: 1 });
    const row = await newest('value:corrected', 't1');
    expect(row).toMatchObject({ before: { value: 91 }, after: { value: 95.4, source: expect.stringMatching(/^import:/) }, reason: '统计局年报复核' });
    const added = (await audit(`actor=${encodeURIComponent('王科长')}&action=value:recorded&unit=t2`))[0]!;
    expect(added).toMatchObject({ before: null, after: { value: 70 }, reason: expect.stringMatching(/^import /) });
    // The same file again adds nothing and needs no reason.
    expect((await upload(admin, srv.url, q, csv)).body).toMatchObject({ applied: 0, unchanged: 3 });
  });

  it('a deduction, its 容错 decision and an accepted data objection are found by the actor and the unit', async () => {
    await admin.req('POST', '/api/adjustments', { id: 'adj1', period: 'm01', unit: 't1', track: 'econ', kind: 'deduction', points: 2, reason: '项目进度滞后' });
    expect(await newest('adjustment:recorded', 't1')).toMatchObject({ before: null, after: { kind: 'deduction', points: 2 }, reason: '项目进度滞后' });
    const questions = { exploratory: true, notProhibited: true, publicInterest: true };
    const filed = await unit1.req('POST', '/api/appeals', { kind: 'tolerance', period: 'm01', target: { adjustment: 'adj1' }, text: '探索性失误', questions });
    const byUnitUser = await audit(`actor=${encodeURIComponent('东城镇联络员')}`);
    expect(byUnitUser[0]).toMatchObject({ action: 'appeal:filed', actorName: '东城镇联络员', actorRole: 'unit', actorUnit: 't1' });
    expect((await audit('role=unit')).map((r) => r.action)).toContain('appeal:filed');
    await admin.req('PUT', `/api/appeals/${filed.body.id}`, { status: 'accepted', reference: '组通〔2026〕3号', decision: '符合容错情形' });
    const waiver = await newest('waiver:decided', 't1');
    expect(waiver).toMatchObject({ before: { kind: 'deduction', points: 2, unit: 't1' }, after: { decision: 'accepted', waivedPoints: 2 }, reason: '符合容错情形' });
    expect(waiver.target).toContain('unit:t1 period:m01');
    expect((await newest('appeal:updated', 't1')).reason).toBe('符合容错情形');

    const objection = await unit1.req('POST', '/api/appeals', { kind: 'objection', period: 'm01', target: { indicator: 'inv' }, text: '数据有误', proposedValue: 97 });
    await admin.req('PUT', `/api/appeals/${objection.body.id}`, { status: 'accepted', reference: '组通〔2026〕4号', decision: '经核实采纳', value: 97 });
    expect(await newest('value:corrected', 't1')).toMatchObject({ before: { value: 95.4 }, after: { value: 97, source: `appeal:${objection.body.id}` }, reason: '经核实采纳' });
  });

  it('a revocation and a publication name what they change', async () => {
    await admin.req('POST', '/api/adjustments', { id: 'adj2', period: 'm01', unit: 't2', track: 'econ', kind: 'bonus', points: 1, reason: '获省级表彰' });
    await admin.req('POST', '/api/adjustments/adj2/revoke', { reason: '表彰文件撤回' });
    expect(await newest('adjustment:revoked', 't2')).toMatchObject({ before: { kind: 'bonus', points: 1 }, after: { revoked: true }, reason: '表彰文件撤回' });
    await admin.req('POST', '/api/periods/m01/publish', { note: '经部务会审定' });
    expect(await newest('period:published')).toMatchObject({ target: expect.stringMatching(/period:m01$/), reason: '经部务会审定' });
  });
});
