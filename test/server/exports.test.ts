/**
 * Exports: the XLSX workbook re-read by exceljs (sheet names, headers, numbers equal the
 * standings, formula injection neutralised) and converted by LibreOffice; CSV with BOM; the PDF
 * 通报 has Chinese text (pdftotext) and renders (pdftoppm); published snapshots export their own
 * numbers.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/imports/csv.ts';
import { login, startServer, type Client, type TestServer } from './helpers/server.ts';
import { convert, findBinary, soffice } from './helpers/soffice.ts';

const run = promisify(execFile);
const pdftotext = findBinary('pdftotext');
const pdftoppm = findBinary('pdftoppm');
if (!pdftotext || !pdftoppm) console.warn('\n*** pdftotext/pdftoppm (poppler-utils) missing: PDF checks SKIPPED ***\n');

async function download(c: Client, url: string, p: string) {
  const res = await fetch(url + p, { headers: { cookie: c.cookie! } });
  return { status: res.status, headers: res.headers, data: Buffer.from(await res.arrayBuffer()) };
}

describe('exports', () => {
  let srv: TestServer;
  let admin: Client;
  let leader: Client;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-export-'));
  beforeAll(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin');
    leader = await login(srv.url, 'leader');
    const scheme = (await admin.req('GET', '/api/scheme')).body;
    const t4 = scheme.scheme.units.find((u: { id: string }) => u.id === 't4');
    expect((await admin.req('PUT', '/api/units/t4', { version: scheme.version, item: { ...t4, name: '=HYPERLINK("http://x")' } })).status).toBe(200);
    const items: unknown[] = [];
    let k = 0;
    for (const period of ['m01', 'm02']) {
      for (const [unit, base] of [['t1', 80], ['t2', 90], ['t3', 70], ['t4', 60]] as const) {
        const shift = period === 'm02' && unit === 't1' ? 30 : 0;
        items.push({ key: `x${k++}`, period, unit, indicator: 'inv', value: base + shift });
        items.push({ key: `x${k++}`, period, unit, indicator: 'proj', value: Math.round((base + shift) / 10) });
        items.push({ key: `x${k++}`, period, unit, indicator: 'hot', value: 50 + (base + shift) / 2 });
      }
    }
    expect((await admin.req('POST', '/api/values/batch', { items })).status).toBe(201);
    await admin.req('POST', '/api/adjustments', { id: 'dx', period: 'm01', unit: 't2', track: 'econ', kind: 'deduction', points: 2, reason: '=1+1 安全检查问题' });
    await admin.req('POST', '/api/waivers', { target: 'dx', decision: 'accepted', reference: '组通〔2026〕9号', reasoning: '符合容错' });
    await admin.req('POST', '/api/ratings', { period: 'm01', cadre: 'c1', raterGroup: 'superior', rater: 'r1', score: 90 });
    expect((await admin.req('POST', '/api/periods/m01/publish', { note: '1月晾晒' })).status).toBe(201);
    // After publication the live numbers move away from the snapshot.
    await admin.req('POST', '/api/values', { key: 'after', period: 'm01', unit: 't3', indicator: 'inv', value: 99 });
  });
  afterAll(async () => {
    await srv.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('writes the XLSX workbook: sheets, headers, numbers equal the standings, text neutralised', async () => {
    const r = await download(leader, srv.url, '/api/exports/m01.xlsx');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(Number(r.headers.get('x-saima-version'))).toBe(srv.app.race.version);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.data as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '综合排名',
      '项目建设-经济强镇组',
      '项目建设-生态镇组',
      '基层治理-经济强镇组',
      '基层治理-生态镇组',
      '干部-乡镇党委书记',
      '红黑榜',
      '约谈名单',
      '说明',
    ]);
    const s = srv.app.race.standings();
    const econ = wb.getWorksheet('项目建设-经济强镇组')!;
    const header = (econ.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '排名', '单位编码', '单位名称', '固定资产投资完成率（%）', '固定资产投资完成率得分', '新开工项目数（个）', '新开工项目数得分',
      '加分', '扣分', '免责事项', '一票否决', '总分', '上期排名', '进位', '等次', '红黄旗', '亮灯', '红黑榜', '约谈',
    ]);
    const col = (name: string) => header.indexOf(name) + 1;
    for (let i = 2; i <= econ.rowCount; i++) {
      const row = econ.getRow(i);
      const unit = String(row.getCell(2).value);
      const want = s.boards['track|m01|econ|g1']!.rows[unit]!;
      expect(row.getCell(col('总分')).value).toBe(want.score);
      expect(row.getCell(col('排名')).value).toBe(want.rank);
      const ex = srv.app.race.engine!.explainUnit('m01', 'econ', unit)!;
      expect(row.getCell(col('固定资产投资完成率得分')).value).toBe(ex.parts[0]!.points);
    }
    const t2 = [...Array(econ.rowCount).keys()].map((i) => econ.getRow(i + 1)).find((x) => x.getCell(2).value === 't2')!;
    expect(String(t2.getCell(col('免责事项')).value)).toBe("'=1+1 安全检查问题：免除 2 分（组通〔2026〕9号）");
    const overall = wb.getWorksheet('综合排名')!;
    expect((overall.getRow(1).values as unknown[]).slice(1, 7)).toEqual(['分组', '排名', '单位编码', '单位名称', '综合得分', '项目建设得分']);
    const names = [...Array(overall.rowCount - 1).keys()].map((i) => overall.getRow(i + 2).getCell(4).value);
    expect(names).toContain('\'=HYPERLINK("http://x")');
    for (let i = 2; i <= overall.rowCount; i++) {
      const row = overall.getRow(i);
      const g = row.getCell(1).value === '经济强镇组' ? 'g1' : 'g2';
      expect(row.getCell(5).value).toBe(s.boards[`overall|m01|*|${g}`]!.rows[String(row.getCell(3).value)]!.score);
    }
    // No cell anywhere is a formula.
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))));
    fs.writeFileSync(path.join(tmp, 'm01.xlsx'), r.data);
  });

  it.skipIf(!soffice)('LibreOffice converts the exported workbook to CSV', async () => {
    const file = path.join(tmp, 'lo.xlsx');
    fs.writeFileSync(file, (await download(admin, srv.url, '/api/exports/m01.xlsx')).data);
    const csv = await convert(file, 'csv:Text - txt - csv (StarCalc):44,34,76');
    const text = fs.readFileSync(csv, 'utf8');
    expect(text).toContain('综合得分');
    expect(text).toContain('东城镇');
  }, 120_000);

  it('writes each table as CSV with a BOM; lists the tables', async () => {
    const tables = (await admin.req('GET', '/api/exports/m01/tables')).body.tables.map((t: { id: string }) => t.id);
    expect(tables).toEqual(['overall', 'econ-g1', 'econ-g2', 'gov-g1', 'gov-g2', 'cadres', 'lists', 'warnings']);
    const r = await download(admin, srv.url, '/api/exports/m01/econ-g2.csv');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    expect(r.data.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(r.data.toString('utf8').slice(1));
    expect(rows[0]!.slice(0, 3)).toEqual(['排名', '单位编码', '单位名称']);
    const t4 = rows.find((x) => x[1] === 't4')!;
    expect(t4[2]).toBe('\'=HYPERLINK("http://x")');
    expect(Number(t4[rows[0]!.indexOf('总分')])).toBe(srv.app.race.standings().boards['track|m01|econ|g2']!.rows.t4!.score);
    const cad = parseCsv((await download(admin, srv.url, '/api/exports/m01/cadres.csv')).data.toString('utf8').slice(1));
    expect(cad[0]).toEqual(['干部组', '排名', '干部编码', '姓名', '单位', '职务', '得分', '上期排名', '进位']);
    expect(cad.slice(1).map((x) => x[3]).sort()).toEqual(['张三', '李四']);
    expect((await download(admin, srv.url, '/api/exports/m01/nope.csv')).status).toBe(404);
  });

  it('exports the published snapshot with its own numbers', async () => {
    const pub = await download(admin, srv.url, '/api/exports/m01/econ-g2.csv?source=published');
    const live = await download(admin, srv.url, '/api/exports/m01/econ-g2.csv');
    const pick = (d: Buffer) => {
      const rows = parseCsv(d.toString('utf8').slice(1));
      return rows.find((x) => x[1] === 't3')![3];
    };
    expect(pick(pub.data)).toBe('70');
    expect(pick(live.data)).toBe('99');
    const version = srv.app.race.engine!.published().find((p) => p.period === 'm01')!.version;
    expect(Number(pub.headers.get('x-saima-version'))).toBe(version);
    expect((await admin.req('GET', '/api/exports/m02.xlsx?source=published')).body.code).toBe('not_published');
  });

  it.skipIf(!pdftotext || !pdftoppm)('writes the PDF 通报 in Chinese, and it renders', async () => {
    const r = await download(admin, srv.url, '/api/exports/m02.pdf');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    const file = path.join(tmp, 'report.pdf');
    fs.writeFileSync(file, r.data);
    const { stdout } = await run(pdftotext!, ['-enc', 'UTF-8', file, '-']);
    expect(stdout).toContain('测试赛马2月通报');
    expect(stdout).toContain('2月');
    expect(stdout).toContain('东城镇');
    expect(stdout).toContain('进位最多：东城镇（经济强镇组），较上期上升 1 位');
    expect(stdout).toContain('综合排名第一');
    await run(pdftoppm!, ['-png', '-r', '50', file, path.join(tmp, 'page')]);
    const pngs = fs.readdirSync(tmp).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(pngs.length).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(tmp, pngs[0]!)).subarray(1, 4).toString()).toBe('PNG');
  }, 60_000);

  it('is for admins and leaders only', async () => {
    const unit1 = await login(srv.url, 'unit1');
    expect((await unit1.req('GET', '/api/exports/m01.xlsx')).status).toBe(403);
    expect((await unit1.req('GET', '/api/exports/m01/overall.csv')).status).toBe(403);
  });
});
