/**
 * How reports read: times in the configured zone with their offset (never UTC notation), scores
 * with the scheme's decimals, XLSX columns sized to content with a print setup (read back by
 * exceljs, printed by LibreOffice), the formal 通报 in PDF and Word (opened by LibreOffice) with
 * validated, escaped options; an unknown time zone is refused.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { fixed } from '../../server/exports/decimals.ts';
import { textWidth } from '../../server/exports/sheet-layout.ts';
import { reportTimeZone } from '../../server/exports/time.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { createEngine } from '../../shared/engine/index.ts';
import { validateScheme } from '../../shared/validate-scheme.ts';
import { login, seedTiny, startServer, type Client, type TestServer } from './helpers/server.ts';
import { convert, findBinary, soffice } from './helpers/soffice.ts';

const run = promisify(execFile);
const pdftotext = findBinary('pdftotext');
const pdftoppm = findBinary('pdftoppm');
const pdfinfo = findBinary('pdfinfo');
/** LibreOffice Writer (libreoffice-writer-nogui), which opens the .docx. */
const writer = !!soffice && fs.existsSync('/usr/lib/libreoffice/program/libswlo.so');
if (!writer) console.warn('\n*** LibreOffice Writer missing: the .docx check is SKIPPED. apt-get install libreoffice-writer-nogui ***\n');
const LONG = '某某县经济技术开发区管理委员会（高新技术产业园区）';
const FORMAL = `formal=1&organ=${encodeURIComponent('中共XX县委组织部')}&docNo=${encodeURIComponent('组干〔2026〕12号')}&date=2026-12-03`;
/** Where the rendered pages go for a person to look at (SAIMA_SHOTS), else a temp dir. */
const tmp = process.env.SAIMA_SHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'saima-report-'));

async function download(c: Client, url: string, p: string) {
  const res = await fetch(url + p, { headers: { cookie: c.cookie! } });
  return { status: res.status, type: res.headers.get('content-type'), data: Buffer.from(await res.arrayBuffer()) };
}
async function textOf(pdf: Buffer, name: string): Promise<string> {
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  await run(pdftoppm!, ['-png', '-r', '60', file, path.join(tmp, name)]);
  return (await run(pdftotext!, ['-enc', 'UTF-8', '-layout', file, '-'])).stdout;
}
async function seed(c: Client) {
  const scheme = (await c.req('GET', '/api/scheme')).body;
  const t3 = scheme.scheme.units.find((u: { id: string }) => u.id === 't3');
  expect((await c.req('PUT', '/api/units/t3', { version: scheme.version, item: { ...t3, name: LONG } })).status).toBe(200);
  const items: unknown[] = [];
  let k = 0;
  for (const [unit, v] of [['t1', 81.37], ['t2', 92.9], ['t3', 70.11], ['t4', 64.6]] as const) {
    items.push({ key: `v${k++}`, period: 'm01', unit, indicator: 'inv', value: v });
    items.push({ key: `v${k++}`, period: 'm01', unit, indicator: 'proj', value: Math.round(v / 10) });
    items.push({ key: `v${k++}`, period: 'm01', unit, indicator: 'hot', value: v - 3.33 });
  }
  expect((await c.req('POST', '/api/values/batch', { items })).status).toBe(201);
  // Points with more decimals than a report shows.
  expect((await c.req('POST', '/api/adjustments', { id: 'd1', period: 'm01', unit: 't1', track: 'econ', kind: 'deduction', points: 1.2374, reason: '安全检查问题' })).status).toBe(201);
  expect((await c.req('POST', '/api/adjustments', { id: 'b1', period: 'm01', unit: 't4', track: 'gov', kind: 'bonus', points: 0.4567, reason: '获省级表彰' })).status).toBe(201);
}

describe('report format', () => {
  let srv: TestServer;
  let admin: Client;
  beforeAll(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin');
    await seed(admin);
  });
  afterAll(() => srv.close());

  const overallScores = () => ['g1', 'g2'].flatMap((g) => Object.values(srv.app.race.standings().boards[`overall|m01|*|${g}`]!.rows).map((r) => r.score));

  it('has scores with more than 2 decimals to round (else these checks prove nothing)', () => {
    expect(overallScores().some((s) => (String(s).split('.')[1]?.length ?? 0) > 2)).toBe(true);
  });

  it.skipIf(!pdftotext || !pdftoppm)('PDF: time in +08:00 北京时间, no UTC, scores with 2 decimals', async () => {
    const r = await download(admin, srv.url, '/api/exports/m01.pdf');
    expect(r.status).toBe(200);
    const text = await textOf(r.data, 'plain');
    expect(text).toMatch(/生成于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} \+08:00（北京时间）/);
    expect(text).not.toMatch(/UTC|\d{2}:\d{2}(:\d{2})?(\.\d+)?Z/);
    for (const s of overallScores()) {
      expect(text).toContain(fixed(s, 2));
      // The full-precision value (e.g. 83.3333) is not printed anywhere.
      if ((String(s).split('.')[1]?.length ?? 0) > 2) expect(text).not.toMatch(new RegExp(`${String(s).replace('.', '\\.')}(?!\\d)`));
    }
    // Every number in the ranking tables has exactly two decimals.
    const table = text.slice(text.indexOf('二、综合排名'), text.indexOf('四、红黑榜'));
    const scores = [...table.matchAll(/\s(\d+\.\d+)\s/g)].map((m) => m[1]!);
    expect(scores.length).toBeGreaterThan(8);
    for (const s of scores) expect(s).toMatch(/^\d+\.\d{2}$/);
    expect(text).not.toContain('中共XX县委组织部');
  }, 60_000);

  it('XLSX: full precision shown with 2 decimals, columns sized to content, print setup', async () => {
    const r = await download(admin, srv.url, '/api/exports/m01.xlsx');
    fs.writeFileSync(path.join(tmp, 'report.xlsx'), r.data);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.data as unknown as ArrayBuffer);
    const overall = wb.getWorksheet('综合排名')!;
    const header = (overall.getRow(1).values as unknown[]).slice(1) as string[];
    const nameCol = overall.getColumn(header.indexOf('单位名称') + 1);
    const scoreCol = header.indexOf('综合得分') + 1;
    expect(nameCol.width).toBeGreaterThanOrEqual(textWidth(LONG));
    const s = srv.app.race.standings();
    for (let i = 2; i <= overall.rowCount; i++) {
      const row = overall.getRow(i);
      const g = row.getCell(1).value === '经济强镇组' ? 'g1' : 'g2';
      const cell = row.getCell(scoreCol);
      expect(cell.value).toBe(s.boards[`overall|m01|*|${g}`]!.rows[String(row.getCell(3).value)]!.score);
      expect(cell.numFmt).toBe('0.00');
    }
    const econ = wb.getWorksheet('项目建设-经济强镇组')!;
    const eh = (econ.getRow(1).values as unknown[]).slice(1) as string[];
    expect(econ.getRow(2).getCell(eh.indexOf('固定资产投资完成率得分') + 1).numFmt).toBe('0.00');
    // Raw indicator values are data, not scores: no rounding format.
    expect(econ.getRow(2).getCell(eh.indexOf('固定资产投资完成率（%）') + 1).numFmt).toBeFalsy();
    const info = wb.getWorksheet('说明')!;
    const generated = [...Array(info.rowCount).keys()].map((i) => info.getRow(i + 1)).find((x) => x.getCell(1).value === '生成时间')!;
    expect(String(generated.getCell(2).value)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \+08:00（北京时间）$/);
    for (const ws of wb.worksheets.filter((w) => w.name !== '说明')) {
      expect(ws.pageSetup.orientation).toBe('landscape');
      expect(ws.pageSetup.fitToPage).toBe(true);
      expect(ws.pageSetup.fitToWidth).toBe(1);
      expect(ws.pageSetup.fitToHeight).toBe(0);
      expect(ws.pageSetup.printTitlesRow).toBe('1:1');
      ws.columns.forEach((c) => expect(c.width).toBeLessThanOrEqual(50));
    }
  });

  it.skipIf(!soffice || !pdfinfo || !pdftotext)('XLSX prints one page wide per sheet, scores with 2 decimals (LibreOffice)', async () => {
    const pdf = await convert(path.join(tmp, 'report.xlsx'), 'pdf');
    const pages = Number(/Pages:\s+(\d+)/.exec((await run(pdfinfo!, [pdf])).stdout)![1]);
    expect(pages).toBe(9);
    const text = (await run(pdftotext!, ['-enc', 'UTF-8', '-layout', pdf, '-'])).stdout;
    expect(text).toContain(LONG);
    for (const s of overallScores()) expect(text).toContain(fixed(s, 2));
  }, 120_000);

  it.skipIf(!pdftotext || !pdftoppm)('formal PDF: red header with organ, 文号 and date, signature block', async () => {
    const r = await download(admin, srv.url, `/api/exports/m01.pdf?${FORMAL}`);
    expect(r.status).toBe(200);
    const text = await textOf(r.data, 'formal');
    const head = text.slice(0, text.indexOf('测试赛马1月通报'));
    expect(head).toContain('中共XX县委组织部');
    expect(head).toMatch(/组干〔2026〕12号\s+2026年12月3日/);
    const tail = text.slice(text.lastIndexOf('五、约谈提醒'));
    expect(tail).toMatch(/中共XX县委组织部\s+2026年12月3日/);
    // Here the signature does not fit under the last table: its page says it has no body text.
    const last = text.split('\f').filter((p) => p.trim()).at(-1)!;
    expect(last).not.toContain('五、约谈提醒');
    expect(last).toContain('（此页无正文）');
  }, 60_000);

  it.skipIf(!writer || !pdftotext || !pdftoppm)('the .docx opens in LibreOffice with the red header, 文号, tables and escaped text', async () => {
    const organ = '中共<XX>县委&组织部"';
    const r = await download(admin, srv.url, `/api/exports/m01.docx?formal=1&organ=${encodeURIComponent(organ)}&docNo=${encodeURIComponent('组干〔2026〕12号')}&date=2026-12-03`);
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const file = path.join(tmp, 'report.docx');
    fs.writeFileSync(file, r.data);
    const pdf = await convert(file, 'pdf');
    const text = await textOf(fs.readFileSync(pdf), 'docx');
    // LibreOffice's PDF spaces Latin runs apart from Chinese ("2026 年 12 月").
    const flat = text.replace(/\s+/g, '');
    expect(text).toContain(organ);
    expect(flat).toContain('组干〔2026〕12号2026年12月3日');
    expect(flat).toContain('测试赛马1月通报');
    expect(flat).toMatch(/生成于\d{4}-\d{2}-\d{2}\d{2}:\d{2}\+08:00（北京时间）/);
    expect(flat).toContain('排名单位综合得分进位等次红黄旗');
    expect(flat).toContain(LONG);
    for (const s of overallScores()) expect(flat).toContain(fixed(s, 2));
    expect(flat.slice(flat.lastIndexOf('五、约谈提醒'))).toContain(`${organ}2026年12月3日`.replace(/\s+/g, ''));
  }, 120_000);

  it('refuses bad formal options with a message naming the field, and is for admins and leaders only', async () => {
    const bad = async (q: string) => (await admin.req('GET', `/api/exports/m01.docx?${q}`)).body;
    expect((await bad('formal=1&docNo=x')).message).toContain('发文机关');
    expect((await bad(`formal=1&organ=${'很'.repeat(31)}&docNo=x`)).message).toContain('不能超过 30 个字');
    expect((await bad(`formal=1&organ=a%0Db&docNo=x`)).message).toContain('控制字符');
    expect((await bad('formal=1&organ=a')).message).toContain('文号');
    const date = await admin.req('GET', '/api/exports/m01.pdf?formal=1&organ=a&docNo=b&date=2026-02-30');
    expect([date.status, date.body.code]).toEqual([400, 'bad_request']);
    expect(date.body.message).toContain('成文日期');
    expect((await admin.req('GET', '/api/exports/m01.docx?formal=maybe')).status).toBe(400);
    const leader = await login(srv.url, 'leader');
    expect((await download(leader, srv.url, '/api/exports/m01.docx')).status).toBe(200);
    const unit = await login(srv.url, 'unit1');
    expect((await unit.req('GET', '/api/exports/m01.docx')).status).toBe(403);
  });
});

describe('report time zone and decimals from settings', () => {
  it('refuses a time zone that is not an IANA zone', async () => {
    expect(reportTimeZone(undefined)).toBe('Asia/Shanghai');
    expect(reportTimeZone('')).toBe('Asia/Shanghai');
    expect(() => reportTimeZone('Mars/Olympus')).toThrow(/SAIMA_TZ="Mars\/Olympus" is not an IANA time zone/);
    expect(() => reportTimeZone('+08:00')).toThrow(/IANA/);
    const storage = await openStorage({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'saima-tz-')) });
    await expect(createApp({ storage, createEngine, timeZone: 'Beijing', log: () => undefined })).rejects.toThrow(/SAIMA_TZ="Beijing"/);
    await storage.close();
  });

  it.skipIf(!pdftotext || !pdftoppm)('writes times in SAIMA_TZ and scores with the scheme’s decimals', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-tz-'));
    const storage = await openStorage({ dataDir: dir });
    const app = await createApp({ storage, createEngine, checkScheme: (s) => validateScheme(s).problems, timeZone: 'Asia/Tokyo', log: () => undefined });
    await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    try {
      await seedTiny(app);
      const admin = await login(url, 'admin');
      await seed(admin);
      const cur = (await admin.req('GET', '/api/scheme')).body;
      expect((await admin.req('PUT', '/api/scheme', { version: cur.version, scheme: { ...cur.scheme, report: { decimals: 1 } } })).status).toBe(200);
      const text = await textOf((await download(admin, url, '/api/exports/m01.pdf')).data, 'tokyo');
      expect(text).toMatch(/生成于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} \+09:00/);
      expect(text).not.toContain('北京时间');
      const scores = Object.values(app.race.standings().boards['overall|m01|*|g1']!.rows).map((r) => r.score);
      for (const s of scores) expect(text).toContain(`${fixed(s, 1)} `);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await download(admin, url, '/api/exports/m01.xlsx')).data as unknown as ArrayBuffer);
      expect(wb.getWorksheet('综合排名')!.getRow(2).getCell(5).numFmt).toBe('0.0');
      const bad = await admin.req('PUT', '/api/scheme', { version: (await admin.req('GET', '/api/scheme')).body.version, scheme: { ...cur.scheme, report: { decimals: 9 } } });
      expect(bad.status).toBe(400);
    } finally {
      await app.close();
      await storage.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
