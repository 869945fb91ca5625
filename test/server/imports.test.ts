/**
 * Imports: a good file applies exactly once, one bad cell applies nothing and is reported where a
 * spreadsheet user sees it, Chinese headers, CSV with and without BOM, GBK, an XLSX written by
 * LibreOffice, ratings; templates round-trip.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startServer, type Client, type TestServer } from './helpers/server.ts';
import { convert, soffice } from './helpers/soffice.ts';

async function post(c: Client, url: string, p: string, data: Buffer | string, type = 'application/octet-stream', lang?: string) {
  const headers: Record<string, string> = { cookie: c.cookie!, 'x-csrf-token': c.csrf!, 'content-type': type, 'x-filename': encodeURIComponent('数据.csv') };
  if (lang) headers['accept-language'] = lang;
  const res = await fetch(url + p, { method: 'POST', headers, body: new Uint8Array(Buffer.from(data)) });
  return { status: res.status, body: await res.json() };
}
async function download(c: Client, url: string, p: string) {
  const res = await fetch(url + p, { headers: { cookie: c.cookie! } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), data: Buffer.from(await res.arrayBuffer()) };
}

const HEAD = '单位编码,单位名称,固定资产投资完成率（inv）,新开工项目数（proj）';

describe('imports', () => {
  let srv: TestServer;
  let admin: Client;
  let fgw: Client;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-import-'));
  beforeAll(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin');
    fgw = await login(srv.url, 'fgw');
  });
  afterAll(async () => {
    await srv.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const value = (unit: string, ind: string, period = 'm01') => srv.app.race.engine!.explainUnit(period, 'econ', unit)!.parts.find((p) => p.kind === 'indicator' && p.code === ind)!;

  it('applies a good CSV (UTF-8 with BOM) exactly once; blank cells are skipped', async () => {
    const csv = `\ufeff${HEAD}\r\nt1,东城镇,88.5,3\r\nt2,西城镇,"1,02",\r\nt3,南山镇,,\r\n\r\nt4,北湖镇,70%,2\r\n`;
    const v0 = srv.app.race.version;
    const dry = await post(admin, srv.url, '/api/import?kind=values&period=m01&track=econ&dryRun=1', csv, 'text/csv');
    expect(dry.body).toMatchObject({ applied: 0, dryRun: true, pending: 5, cells: 5 });
    expect(srv.app.race.version).toBe(v0);
    const first = await post(admin, srv.url, '/api/import?kind=values&period=m01&track=econ', csv, 'text/csv');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ applied: 5, duplicates: 0, unchanged: 0, format: 'csv' });
    expect(first.body.version).toBe(v0 + 1 + 4);
    expect(value('t1', 'inv')).toMatchObject({ value: 88.5 });
    expect(value('t2', 'inv')).toMatchObject({ value: 102 });
    expect(value('t4', 'inv')).toMatchObject({ value: 70 });
    expect(value('t3', 'inv')).toMatchObject({ status: 'missing' });
    const again = await post(admin, srv.url, '/api/import?kind=values&period=m01&track=econ', csv, 'text/csv');
    expect(again.body).toMatchObject({ applied: 0, version: first.body.version });
    expect(srv.app.race.version).toBe(first.body.version);
    // Even after a value changed in between, the old file adds nothing (its keys are spent).
    await admin.req('POST', '/api/values', { key: 'later', period: 'm01', unit: 't1', indicator: 'inv', value: 90 });
    const third = await post(admin, srv.url, '/api/import?kind=values&period=m01&track=econ', csv, 'text/csv');
    expect(third.body).toMatchObject({ applied: 0, duplicates: 1, unchanged: 4 });
    expect(value('t1', 'inv')).toMatchObject({ value: 90 });
    const audit = (await admin.req('GET', '/api/audit?action=value:recorded&limit=20')).body.items;
    expect(audit.filter((a: { reason: string | null }) => a.reason?.startsWith('import ')).length).toBe(5);
  });

  it('one bad cell refuses the whole file and is reported by row, column, value and reason', async () => {
    const csv = `${HEAD}\nt1,东城镇,60,4\nt2,西城镇,abc,5\nt9,不存在镇,1,1\n`;
    const v0 = srv.app.race.version;
    const r = await post(admin, srv.url, '/api/import?kind=values&period=m02&track=econ', csv, 'text/csv');
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('import_invalid');
    expect(r.body.message).toContain('未导入任何数据');
    expect(r.body.details.errors).toEqual([
      { row: 3, column: 'C', header: '固定资产投资完成率（inv）', value: 'abc', reason: '不是有效的数字。' },
      { row: 4, column: 'A', header: '单位编码', value: 't9', reason: '单位编码「t9」不存在。' },
    ]);
    expect(srv.app.race.version).toBe(v0);
    expect(srv.app.race.engine!.explainUnit('m02', 'econ', 't1')).toBeNull();
    const en = await post(admin, srv.url, '/api/import?kind=values&period=m02&track=econ', csv, 'text/csv', 'en');
    expect(en.body.details.errors[0].reason).toBe('Not a valid number.');
    const badHead = await post(admin, srv.url, '/api/import?kind=values&period=m02&track=econ', '单位编码,未知指标（zzz）\nt1,1\n', 'text/csv');
    expect(badHead.body.details.errors[0]).toMatchObject({ row: 1, column: 'B', value: '未知指标（zzz）' });
    const mismatch = await post(admin, srv.url, '/api/import?kind=values&period=m02&track=econ', `${HEAD}\nt1,西城镇,1,1\n`, 'text/csv');
    expect(mismatch.body.details.errors[0]).toMatchObject({ row: 2, column: 'B', value: '西城镇' });
  });

  it('a reporter imports only the indicators it owns; GBK CSV from Excel is read', async () => {
    const own = await post(fgw, srv.url, '/api/import?kind=values&period=m02&track=econ', '单位编码,固定资产投资完成率（inv）\nt1,77\n', 'text/csv');
    expect(own.body).toMatchObject({ applied: 1 });
    const notOwn = await post(fgw, srv.url, '/api/import?kind=values&period=m02&track=econ', `${HEAD}\nt1,77,1\n`, 'text/csv');
    expect(notOwn.body.details.errors).toEqual([expect.objectContaining({ row: 1, column: 'D', reason: '您无权报送指标「proj」。' })]);
    // 单位编码,固定资产投资完成率（inv） / t2,66 in GBK (what Excel on Chinese Windows saves as CSV)
    const text = '单位编码,固定资产投资完成率（inv）\r\nt2,66\r\n';
    const bytes = Buffer.from(new Uint8Array([...text].flatMap((ch) => [...gbkOf(ch)])));
    const r = await post(fgw, srv.url, '/api/import?kind=values&period=m02&track=econ', bytes, 'text/csv');
    expect(r.body).toMatchObject({ applied: 1 });
    expect(value('t2', 'inv', 'm02')).toMatchObject({ value: 66 });
    const utf16 = await post(admin, srv.url, '/api/import?kind=values&period=m02&track=econ', Buffer.from(`\ufeff${text}`, 'utf16le'), 'text/csv');
    expect(utf16.body.code).toBe('unsupported_encoding');
  });

  it('templates carry Chinese headers and round-trip through the importer (XLSX and CSV)', async () => {
    const x = await download(admin, srv.url, '/api/import/template?kind=values&period=m02&track=econ&format=xlsx');
    expect(x.status).toBe(200);
    expect(x.disposition).toContain('attachment');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '单位编码', '单位名称', '固定资产投资完成率（inv）', '新开工项目数（proj）']);
    expect(ws.getRow(2).getCell(1).value).toBe('t1');
    ws.getRow(2).getCell(4).value = 8;
    ws.getRow(3).getCell(4).value = 9;
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await post(admin, srv.url, '/api/import?kind=values&period=m02&track=econ', filled);
    expect(r.body).toMatchObject({ applied: 2, format: 'xlsx' });
    expect(value('t2', 'proj', 'm02')).toMatchObject({ value: 9 });
    const c = await download(admin, srv.url, '/api/import/template?kind=values&period=m02&track=econ&format=csv');
    expect(c.data.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(c.data.toString('utf8').split('\r\n')[0]).toBe(`\ufeff${HEAD}`);
    const reporter = await download(fgw, srv.url, '/api/import/template?kind=values&period=m02&track=econ&format=csv');
    expect(reporter.data.toString('utf8').split('\r\n')[0]).toBe('\ufeff单位编码,单位名称,固定资产投资完成率（inv）');
    expect((await download(fgw, srv.url, '/api/import/template?kind=ratings&period=m02')).status).toBe(403);
  });

  it('imports ratings of cadres by rater group', async () => {
    const t = await download(admin, srv.url, '/api/import/template?kind=ratings&period=m01&format=csv');
    expect(t.data.toString('utf8').split('\r\n')[0]).toBe('\ufeff干部编码,姓名,评价组编码,评价人,分数');
    const csv = '干部编码,姓名,评价组编码,评价人,分数\nc1,张三,superior,R1,92\nc1,张三,上级,R2,88\nc2,李四,peer,P1,\n';
    const r = await post(admin, srv.url, '/api/import?kind=ratings&period=m01', csv, 'text/csv');
    expect(r.body).toMatchObject({ applied: 2 });
    expect(srv.app.race.engine!.explainCadre('m01', 'c1')!.evaluation.groups).toEqual([{ raterGroup: 'superior', weight: 0.4, mean: 90, count: 2 }]);
    expect((await post(admin, srv.url, '/api/import?kind=ratings&period=m01', csv, 'text/csv')).body.applied).toBe(0);
    const bad = await post(admin, srv.url, '/api/import?kind=ratings&period=m01', '干部编码,姓名,评价组编码,评价人,分数\nc1,张三,boss,R1,101\n', 'text/csv');
    expect(bad.body.details.errors[0]).toMatchObject({ row: 2, column: 'C', value: 'boss' });
    expect((await post(fgw, srv.url, '/api/import?kind=ratings&period=m01', csv, 'text/csv')).status).toBe(403);
  });

  it.skipIf(!soffice)('imports an XLSX written by LibreOffice', async () => {
    const src = path.join(tmp, '导入.csv');
    fs.writeFileSync(src, `${HEAD}\nt1,东城镇,55.5,1\nt3,南山镇,44,\n`);
    const xlsx = await convert(src, 'xlsx', 'CSV:44,34,76,1');
    // t1's values of m02 exist already: overwriting them is a correction and needs a reason.
    const r = await post(admin, srv.url, `/api/import?kind=values&period=m02&track=econ&reason=${encodeURIComponent('统计局复核更正')}`, fs.readFileSync(xlsx));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ applied: 3, format: 'xlsx' });
    expect(value('t1', 'inv', 'm02')).toMatchObject({ value: 55.5 });
    expect(value('t3', 'inv', 'm02')).toMatchObject({ value: 44 });
  }, 120_000);
});

/** GBK bytes of the few characters the test uses (ASCII as is). */
function gbkOf(ch: string): number[] {
  const table: Record<string, number[]> = {
    单: [0xb5, 0xa5],
    位: [0xce, 0xbb],
    编: [0xb1, 0xe0],
    码: [0xc2, 0xeb],
    固: [0xb9, 0xcc],
    定: [0xb6, 0xa8],
    资: [0xd7, 0xca],
    产: [0xb2, 0xfa],
    投: [0xcd, 0xb6],
    完: [0xcd, 0xea],
    成: [0xb3, 0xc9],
    率: [0xc2, 0xca],
    '（': [0xa3, 0xa8],
    '）': [0xa3, 0xa9],
  };
  return table[ch] ?? [ch.charCodeAt(0)];
}
