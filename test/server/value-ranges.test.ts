/**
 * Value ranges on every path that records a value: the HTTP API (single and batch, which is what
 * the data grid sends), corrections and imports refuse −50 % and a fraction of a count with the
 * indicator's name and the allowed range, and write nothing; the scheme can open a bound.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startServer, type Client, type TestServer } from './helpers/server.ts';

describe('value ranges', () => {
  let srv: TestServer;
  let admin: Client;
  beforeAll(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin');
  });
  afterAll(() => srv.close());

  const part = (unit: string, ind: string, period = 'm01') => srv.app.race.engine!.explainUnit(period, 'econ', unit)?.parts.find((p) => p.kind === 'indicator' && p.code === ind);
  /** The value the engine scores, or null when there is none. */
  const stored = (unit: string, ind: string) => {
    const p = part(unit, ind);
    return p && 'value' in p ? p.value : null;
  };
  const item = (key: string, unit: string, indicator: string, value: number) => ({ key, period: 'm01', unit, indicator, value });

  it('POST /api/values refuses −50 % with the indicator and range, in Chinese and English, and writes nothing', async () => {
    const v0 = srv.app.race.version;
    const r = await admin.req('POST', '/api/values', item('neg-1', 't1', 'inv', -50));
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('out_of_range');
    expect(r.body.message).toBe('指标「固定资产投资完成率」数值 −50 超出允许范围 0–∞（%）');
    const en = await admin.req('POST', '/api/values', item('neg-2', 't1', 'inv', -50), { 'accept-language': 'en' });
    expect(en.body.message).toBe('Indicator 固定资产投资完成率: value −50 is outside the allowed range 0–∞ (%)');
    expect(srv.app.race.version).toBe(v0);
    expect(stored('t1', 'inv')).toBeNull();
  });

  it('the grid\'s batch is refused whole: the bad cell is named by its index, the good one is not written', async () => {
    const v0 = srv.app.race.version;
    const items = [item('b-ok', 't2', 'inv', 88), item('b-bad', 't1', 'inv', -50), item('b-frac', 't1', 'proj', 2.5)];
    const r = await admin.req('POST', '/api/values/batch', { items });
    expect(r.status).toBe(422);
    const problems = r.body.details.problems as Array<{ index: number; code: string; zh: string }>;
    expect(problems).toEqual([
      expect.objectContaining({ index: 1, code: 'out_of_range', zh: '指标「固定资产投资完成率」数值 −50 超出允许范围 0–∞（%）' }),
      expect.objectContaining({ index: 2, code: 'out_of_range', zh: '指标「新开工项目数」数值 2.5 应为整数，允许范围 0–∞（整数，个）' }),
    ]);
    expect(srv.app.race.version).toBe(v0);
    expect(stored('t2', 'inv')).toBeNull();
  });

  it('a correction to −50 % is refused and the stored value stays', async () => {
    expect((await admin.req('POST', '/api/values', item('c-1', 't3', 'inv', 75))).status).toBe(201);
    const v0 = srv.app.race.version;
    const r = await admin.req('POST', '/api/values', { ...item('c-2', 't3', 'inv', -50), reason: '统计口径更正' });
    expect(r.status).toBe(422);
    expect(r.body.message).toContain('固定资产投资完成率');
    expect(srv.app.race.version).toBe(v0);
    expect(part('t3', 'inv')).toMatchObject({ value: 75 });
  });

  it('an import reports the cell by row, column and value with the range message, and writes nothing', async () => {
    const csv = '单位编码,单位名称,固定资产投资完成率（inv）,新开工项目数（proj）\nt1,东城镇,90,3\nt2,西城镇,-50%,2\nt4,北湖镇,80,1.5\n';
    const v0 = srv.app.race.version;
    const res = await fetch(`${srv.url}/api/import?kind=values&period=m02&track=econ`, {
      method: 'POST',
      headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrf!, 'content-type': 'text/csv', 'x-filename': encodeURIComponent('数据.csv') },
      body: csv,
    });
    const body = await res.json();
    expect(res.status).toBe(422);
    expect(body.details.errors).toEqual([
      { row: 3, column: 'C', header: '固定资产投资完成率（inv）', value: '-50%', reason: '指标「固定资产投资完成率」数值 −50 超出允许范围 0–∞（%）' },
      { row: 4, column: 'D', header: '新开工项目数（proj）', value: '1.5', reason: '指标「新开工项目数」数值 1.5 应为整数，允许范围 0–∞（整数，个）' },
    ]);
    expect(srv.app.race.version).toBe(v0);
    expect(srv.app.race.engine!.explainUnit('m02', 'econ', 't1')).toBeNull();
  });

  it('the scheme can open the lower bound; then a negative value is accepted', async () => {
    const cur = await admin.req('GET', '/api/scheme');
    const scheme = cur.body.scheme;
    scheme.tracks[0].indicators[0].range = { min: -100 };
    const put = await admin.req('PUT', '/api/scheme', { version: cur.body.version, scheme });
    expect(put.status).toBe(200);
    expect((await admin.req('POST', '/api/values', item('open-1', 't1', 'inv', -50))).status).toBe(201);
    expect(part('t1', 'inv')).toMatchObject({ value: -50 });
    const below = await admin.req('POST', '/api/values', item('open-2', 't2', 'inv', -120));
    expect(below.body.message).toBe('指标「固定资产投资完成率」数值 −120 超出允许范围 −100–∞（%）');
    const grid = await admin.req('GET', '/api/grid?period=m01&track=econ');
    expect(grid.body.indicators.find((i: { id: string }) => i.id === 'inv').range).toEqual({ min: -100, max: null, integer: false, grades: null });
  });
});
