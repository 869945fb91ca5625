/**
 * The unit workspace, feedback, evidence files and the extended appeals: numbers equal the
 * engine's, a unit sees nothing of another unit, a 容错 acceptance waives the deduction live,
 * and a decision whose event is refused changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandingsDiff } from '../../shared/standings.ts';
import { connected, login, socketFor, startServer, until, type Client, type TestServer } from './helpers/server.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a9b50000000049454e44ae426082', 'hex');

async function upload(c: Client, url: string, body: Buffer, type: string, name: string, query = '') {
  const res = await fetch(`${url}/api/evidence${query}`, {
    method: 'POST',
    headers: { cookie: c.cookie!, 'x-csrf-token': c.csrf!, 'content-type': type, 'x-filename': encodeURIComponent(name) },
    body: new Uint8Array(body),
  });
  return { status: res.status, body: await res.json() };
}

describe('unit workspace and appeals', () => {
  let srv: TestServer;
  let admin: Client;
  let leader: Client;
  let unit1: Client;
  let unit3: Client;
  beforeAll(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin');
    leader = await login(srv.url, 'leader');
    unit1 = await login(srv.url, 'unit1');
    unit3 = await login(srv.url, 'unit3');
    const items = [
      ['t1', 'inv', 80],
      ['t2', 'inv', 95],
      ['t1', 'proj', 3],
      ['t2', 'proj', 5],
      ['t1', 'hot', 90],
      ['t2', 'hot', 70],
      ['t3', 'inv', 60],
      ['t4', 'inv', 65],
    ].map(([unit, indicator, value], i) => ({ key: `ws-${i}`, period: 'm01', unit, indicator, value }));
    expect((await admin.req('POST', '/api/values/batch', { items })).status).toBe(201);
    await admin.req('POST', '/api/values/batch', { items: [{ key: 'ws-m02', period: 'm02', unit: 't1', indicator: 'inv', value: 90 }] });
    for (const a of [
      { id: 'd1', period: 'm01', unit: 't1', track: 'econ', kind: 'deduction', points: 3, reason: '项目推进滞后' },
      { id: 'd2', period: 'm01', unit: 't1', track: 'econ', kind: 'deduction', points: 2, reason: '材料报送迟延' },
      { id: 'd3', period: 'm01', unit: 't1', track: 'gov', kind: 'deduction', points: 4, reason: '信访积案' },
      { id: 'b1', period: 'm01', unit: 't1', track: 'econ', kind: 'bonus', points: 1, reason: '获省级表彰' },
      { id: 'd9', period: 'm01', unit: 't3', track: 'econ', kind: 'deduction', points: 1, reason: '其他' },
    ]) {
      expect((await admin.req('POST', '/api/adjustments', a)).status).toBe(201);
    }
  });
  afterAll(() => srv.close());

  it('reports exactly the engine’s numbers', async () => {
    const r = await unit1.req('GET', '/api/units/t1/workspace?period=m01');
    expect(r.status).toBe(200);
    const ws = r.body;
    const engine = srv.app.race.engine!;
    const s = srv.app.race.standings();
    expect(ws.version).toBe(srv.app.race.version);
    expect(ws.unit).toMatchObject({ id: 't1', name: '东城镇', group: { id: 'g1' } });
    expect(ws.period).toEqual({ id: 'm01', name: '1月' });
    expect(ws.tracks.map((t: { track: { id: string } }) => t.track.id)).toEqual(['econ', 'gov']);
    for (const t of ws.tracks) {
      const ex = engine.explainUnit('m01', t.track.id, 't1')!;
      const row = s.boards[`track|m01|${t.track.id}|g1`]!.rows.t1!;
      expect(t.score).toBe(ex.total);
      expect(t.rank).toBe(row.rank);
      expect(t.of).toBe(2);
      const sum = t.indicators.reduce((x: number, i: { points: number }) => x + i.points, 0) + t.bonus - t.deductions + t.scale;
      expect(Math.round(sum * 1e4)).toBe(Math.round(ex.total * 1e4));
      for (const i of t.indicators) {
        const part = ex.parts.find((p) => p.kind === 'indicator' && p.code === i.id);
        expect(part).toMatchObject({ points: i.points, fullMarks: i.fullMarks, value: i.value });
        expect(i.lost).toBeCloseTo(i.fullMarks - i.points, 4);
      }
      // 短板 first
      const lost = t.indicators.map((i: { lost: number }) => i.lost);
      expect(lost).toEqual([...lost].sort((a, b) => b - a));
      const other = s.boards[`track|m01|${t.track.id}|g1`]!.rows.t2!;
      if (other.rank < row.rank) {
        expect(t.gapToAbove).toBeCloseTo(other.score - row.score, 4);
        expect(t.gapToLeader).toBeCloseTo(other.score - row.score, 4);
        expect(t.aboveUnit).toEqual({ id: 't2', name: '西城镇' });
      } else {
        expect(t.gapToLeader).toBeNull();
      }
      expect(t.seasonScore).toBe(s.boards[`season|*|${t.track.id}|g1`]!.rows.t1!.score);
    }
    const econ = ws.tracks[0];
    expect(econ.bonus).toBe(1);
    expect(econ.deductions).toBe(5);
    const overall = s.boards['overall|m01|*|g1']!.rows.t1!;
    expect(ws.overall).toMatchObject({ rank: overall.rank, score: overall.score, of: 2 });
    expect(ws.trend.map((p: { period: string }) => p.period)).toEqual(['m01', 'm02']);
    expect(ws.trend[0].overallScore).toBe(overall.score);
    expect(ws.adjustments.map((a: { id: string }) => a.id).sort()).toEqual(['b1', 'd1', 'd2', 'd3']);
    expect(ws.adjustments.find((a: { id: string }) => a.id === 'd1')).toMatchObject({ kind: 'deduction', points: 3, revoked: false, waiver: null, period: 'm01' });
  });

  it('never shows one unit another unit’s workspace, feedback, evidence or appeals', async () => {
    expect((await unit3.req('GET', '/api/units/t1/workspace')).body.code).toBe('other_unit');
    expect((await unit3.req('GET', '/api/units/t1/feedback')).status).toBe(403);
    expect((await unit1.req('GET', '/api/units/t1/workspace')).status).toBe(200);
    expect((await leader.req('GET', '/api/units/t3/workspace')).status).toBe(200);
    expect((await unit1.req('GET', '/api/units/nope/workspace')).status).toBe(403);
    expect((await admin.req('GET', '/api/units/nope/workspace')).status).toBe(404);
  });

  it('stores evidence files with type checks and unguessable ids, readable by their unit only', async () => {
    const up = await upload(unit1, srv.url, PNG, 'image/png', '现场照片.png');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ name: '现场照片.png', size: PNG.length, type: 'image/png', unit: 't1' });
    expect(up.body.id).toMatch(/^ev_[0-9a-f]{32}$/);
    const get = await fetch(`${srv.url}/api/evidence/${up.body.id}`, { headers: { cookie: leader.cookie! } });
    expect(get.status).toBe(200);
    expect(get.headers.get('content-disposition')).toContain("filename*=UTF-8''%E7%8E%B0");
    expect(Buffer.from(await get.arrayBuffer())).toEqual(PNG);
    expect((await unit3.req('GET', `/api/evidence/${up.body.id}`)).status).toBe(403);
    expect((await unit3.req('GET', `/api/evidence/ev_${'0'.repeat(32)}`)).status).toBe(404);
    expect((await upload(unit1, srv.url, PNG, 'application/x-msdownload', 'a.exe')).status).toBe(415);
    expect((await upload(unit1, srv.url, Buffer.from('not a png'), 'image/png', 'fake.png')).body.code).toBe('file_content_mismatch');
    expect((await upload(unit1, srv.url, PNG, 'image/png', 'x.png', '?unit=t3')).body.code).toBe('other_unit');
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, 0x41);
    expect((await upload(unit1, srv.url, big, 'text/plain', 'big.txt')).status).toBe(413);
    const byAdmin = await upload(admin, srv.url, Buffer.from('说明材料'), 'text/plain', 'note.txt', '?unit=t3');
    expect(byAdmin.body).toMatchObject({ unit: 't3', type: 'text/plain' });
  });

  it('accepting a 容错 application waives the deduction in the standings and pushes the diff', async () => {
    const ev = await upload(unit1, srv.url, PNG, 'image/png', 'proof.png');
    const other = await upload(unit3, srv.url, PNG, 'image/png', 'other.png');
    const q = { exploratory: true, notProhibited: true, publicInterest: true, notes: '先行先试' };
    const base = { kind: 'tolerance', period: 'm01', target: { adjustment: 'd1' }, text: '属于探索性失误' };
    expect((await unit1.req('POST', '/api/appeals', { ...base, evidence: [ev.body.id] })).body.code).toBe('bad_request');
    expect((await unit1.req('POST', '/api/appeals', { ...base, questions: q, evidence: [other.body.id] })).body.code).toBe('unknown_evidence');
    expect((await unit1.req('POST', '/api/appeals', { ...base, questions: q, target: { adjustment: 'd9' } })).body.code).toBe('bad_target');
    expect((await unit1.req('POST', '/api/appeals', { ...base, questions: q, target: { adjustment: 'b1' } })).body.code).toBe('bad_target');
    const filed = await unit1.req('POST', '/api/appeals', { ...base, questions: q, evidence: [ev.body.id] });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ unit: 't1', kind: 'tolerance', status: 'submitted', target: { adjustment: 'd1' }, questions: q, eventSeq: null });
    expect(filed.body.evidence).toEqual([{ id: ev.body.id, name: 'proof.png', size: PNG.length, type: 'image/png' }]);
    const id = filed.body.id;
    expect((await unit3.req('GET', `/api/appeals/${id}`)).body.code).toBe('other_unit');
    expect((await unit1.req('GET', `/api/appeals/${id}`)).body.id).toBe(id);

    const s = socketFor(srv.url, { cookie: leader.cookie });
    await connected(s);
    const patches: StandingsDiff[] = [];
    s.on('standings:patch', (d) => patches.push(d));
    await s.emitWithAck('standings:subscribe', { rooms: ['group:g1'], since: null });

    const before = srv.app.race.standings().boards['track|m01|econ|g1']!.rows.t1!.score;
    expect((await admin.req('PUT', `/api/appeals/${id}`, { status: 'under_review' })).body.status).toBe('under_review');
    expect((await admin.req('PUT', `/api/appeals/${id}`, { status: 'accepted' })).body.code).toBe('reference_required');
    const done = await admin.req('PUT', `/api/appeals/${id}`, { status: 'accepted', reference: '组通〔2026〕3号', decision: '符合容错情形，免除扣分' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'accepted', reference: '组通〔2026〕3号' });
    expect(done.body.eventSeq).toBe(srv.app.race.version);
    expect(done.body.history.map((h: { status: string }) => h.status)).toEqual(['submitted', 'under_review', 'accepted']);
    const after = srv.app.race.standings().boards['track|m01|econ|g1']!.rows.t1!.score;
    expect(after).toBeCloseTo(before + 3, 4);
    await until(() => patches.some((p) => p.to === done.body.eventSeq && p.boards?.['track|m01|econ|g1']?.rows?.t1?.score === after));
    s.close();

    const ws = (await unit1.req('GET', '/api/units/t1/workspace?period=m01')).body;
    const econ = ws.tracks.find((t: { track: { id: string } }) => t.track.id === 'econ');
    expect(econ.deductions).toBe(2);
    expect(econ.waived).toBe(3);
    expect(ws.adjustments.find((a: { id: string }) => a.id === 'd1').waiver).toMatchObject({ decision: 'accepted', reference: '组通〔2026〕3号', seq: done.body.eventSeq });
    expect(ws.appeals.map((a: { id: string }) => a.id)).toContain(id);
    const audit = (await admin.req('GET', '/api/audit?limit=5')).body.items.map((a: { action: string }) => a.action);
    expect(audit.slice(0, 3)).toEqual(['appeal:updated', 'waiver:decided', 'appeal:updated']);
    expect((await admin.req('PUT', `/api/appeals/${id}`, { status: 'rejected', reference: 'x', decision: 'y' })).status).toBe(409);
  });

  it('partial acceptance waives part of a deduction; a refused decision event changes nothing', async () => {
    const q = { exploratory: true, notProhibited: false, publicInterest: true };
    const a = (await unit1.req('POST', '/api/appeals', { kind: 'tolerance', period: 'm01', target: { adjustment: 'd3' }, text: '部分属实', questions: q })).body;
    const partial = await admin.req('PUT', `/api/appeals/${a.id}`, { status: 'partial', points: 1.5, reference: '组通〔2026〕4号', decision: '部分免除' });
    expect(partial.body).toMatchObject({ status: 'partial' });
    const gov = (await unit1.req('GET', '/api/units/t1/workspace?period=m01')).body.tracks.find((t: { track: { id: string } }) => t.track.id === 'gov');
    expect(gov.deductions).toBe(2.5);

    const b = (await unit1.req('POST', '/api/appeals', { kind: 'tolerance', period: 'm01', target: { adjustment: 'd2' }, text: '申请容错', questions: q })).body;
    expect((await admin.req('POST', '/api/adjustments/d2/revoke', { reason: '录入错误' })).status).toBe(201);
    const version = srv.app.race.version;
    const refused = await admin.req('PUT', `/api/appeals/${b.id}`, { status: 'accepted', reference: 'r', decision: 'd' });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('unknown_target');
    expect(srv.app.race.version).toBe(version);
    const still = (await admin.req('GET', `/api/appeals/${b.id}`)).body;
    expect(still).toMatchObject({ status: 'submitted', eventSeq: null });
    expect(still.history).toHaveLength(1);
    expect((await admin.req('PUT', `/api/appeals/${b.id}`, { status: 'rejected', reference: '组通〔2026〕5号', decision: '扣分已撤销' })).body.status).toBe('rejected');
    expect((await admin.req('PUT', `/api/appeals/${b.id}`, { status: 'clarified', reference: 'r', decision: 'd' })).status).toBe(409);
  });

  it('an accepted data objection records the corrected value; the number’s history shows both events', async () => {
    const a = (await unit1.req('POST', '/api/appeals', { kind: 'objection', period: 'm01', target: { indicator: 'inv' }, text: '统计口径有误', proposedValue: 85 })).body;
    expect(a).toMatchObject({ proposedValue: 85, questions: null });
    expect((await unit1.req('POST', '/api/appeals', { kind: 'objection', period: 'm01', target: { indicator: 'nope' }, text: 'x' })).body.code).toBe('bad_target');
    expect((await admin.req('PUT', `/api/appeals/${a.id}`, { status: 'partial', points: 1, reference: 'r', decision: 'd' })).status).toBe(400);
    expect((await admin.req('PUT', `/api/appeals/${a.id}`, { status: 'accepted', reference: 'r', decision: 'd' })).status).toBe(400);
    const ok = await admin.req('PUT', `/api/appeals/${a.id}`, { status: 'accepted', value: 85, reference: '统计局复核函', decision: '核实后更正' });
    expect(ok.body.status).toBe('accepted');
    const hist = await leader.req('GET', '/api/history?unit=t1&period=m01&indicator=inv');
    expect(hist.body.map((e: { type: string }) => e.type)).toEqual(['value:recorded', 'value:corrected']);
    expect(hist.body[1]).toMatchObject({ seq: ok.body.eventSeq, data: { value: 85, reason: '核实后更正', source: `appeal:${a.id}` } });
    expect(srv.app.race.engine!.explainUnit('m01', 'econ', 't1')!.parts[0]).toMatchObject({ code: 'inv', value: 85 });
    const all = (await admin.req('GET', '/api/history?unit=t1&period=m01')).body.map((e: { type: string }) => e.type);
    expect(all).toEqual(expect.arrayContaining(['adjustment:recorded', 'adjustment:revoked', 'waiver:decided', 'value:corrected']));
    expect((await unit1.req('GET', '/api/history?unit=t1')).status).toBe(403);
  });

  it('lists appeals by status and kind; a unit only its own', async () => {
    await unit3.req('POST', '/api/appeals', { kind: 'objection', period: 'm01', target: { indicator: 'inv' }, text: '南山镇异议' });
    const mine = (await unit1.req('GET', '/api/appeals')).body.items;
    expect(mine.every((a: { unit: string }) => a.unit === 't1')).toBe(true);
    expect((await unit1.req('GET', '/api/appeals?unit=t3')).status).toBe(403);
    const tol = (await leader.req('GET', '/api/appeals?kind=tolerance&status=accepted')).body.items;
    expect(tol).toHaveLength(1);
    expect((await admin.req('GET', '/api/appeals?unit=t3')).body.items).toHaveLength(1);
  });

  it('feedback of the organization department reaches the unit’s workspace', async () => {
    const fb = await admin.req('POST', '/api/units/t1/feedback', { period: 'm01', text: '请加快项目建设进度' });
    expect(fb.status).toBe(201);
    expect((await unit1.req('POST', '/api/units/t1/feedback', { text: 'x' })).status).toBe(403);
    expect((await unit1.req('GET', '/api/units/t1/feedback')).body.items[0]).toMatchObject({ text: '请加快项目建设进度', period: 'm01' });
    expect((await unit1.req('GET', '/api/units/t1/workspace')).body.feedback[0].id).toBe(fb.body.id);
  });

  it('the data grid shows current values; a reporter sees only its indicators', async () => {
    const g = (await admin.req('GET', '/api/grid?period=m01&track=econ')).body;
    expect(g.indicators.map((i: { id: string }) => i.id)).toEqual(['inv', 'proj']);
    expect(g.units.map((u: { id: string }) => u.id)).toEqual(['t1', 't2', 't3', 't4']);
    expect(g.cells.t2.inv).toMatchObject({ value: 95 });
    expect(g.cells.t1.inv.value).toBe(85);
    const fgw = await login(srv.url, 'fgw');
    const r = (await fgw.req('GET', '/api/grid?period=m01&track=econ&group=g2')).body;
    expect(r.indicators.map((i: { id: string }) => i.id)).toEqual(['inv']);
    expect(r.units.map((u: { id: string }) => u.id)).toEqual(['t3', 't4']);
    expect((await leader.req('GET', '/api/grid?period=m01&track=econ')).status).toBe(403);
  });
});
