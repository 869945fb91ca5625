/**
 * An import that overwrites recorded values, through the console in headless Chromium against the
 * real server (demo county): the preview lists each overwrite old → new, applying it without a
 * reason is held back, with a reason it is recorded as corrections; the audit log then shows the
 * admin by name with the change old → new and the reason, and finds it by the admin's name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launch } from './browser.ts';
import { startRealServer, type RealServer } from './real-server.ts';
import { periodValues } from '../../server/storage/event-queries.ts';
import { groupIndicators } from '../../server/routes/data-routes.ts';

const T = 120_000;

describe.skipIf(!hasChromium)('import overwrites and the audit log in the console', () => {
  let dir = '';
  let srv: RealServer;
  let browser: Browser;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'saima-e2e-import-'));
    srv = await startRealServer(dir, { now: new Date('2026-10-20T08:00:00Z') });
    browser = await launch();
  }, T);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('previews old → new, needs a reason, records it, and the audit shows it by the admin\'s name', async () => {
    const scheme = srv.app.race.scheme()!;
    const period = scheme.season.currentPeriod!;
    const track = scheme.tracks[0]!;
    const group = scheme.groups.find((g) => g.tracks.includes(track.id))!;
    const ind = track.indicators.find((i) => groupIndicators(scheme, group.id, track.id).includes(i.code) && i.method.kind !== 'grade')!;
    const unit = group.units[0]!;
    const before = (await periodValues(srv.app.storage.db, period, { indicators: [ind.code] })).get(`${unit}|${ind.code}`)!.value as number;
    const after = Math.round(before * 10 + 17) / 10;
    const csv = `单位编码,${ind.name}（${ind.code}）\n${unit},${after}\n`;
    const unitName = scheme.units.find((u) => u.id === unit)!.name;

    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const admin = srv.info.accounts.find((a) => a.username === 'admin')!;
    expect((await ctx.request.post(`${srv.url}/api/session/login`, { data: { username: admin.username, password: admin.password } })).ok()).toBe(true);
    const page = await ctx.newPage();
    await page.goto(`${srv.url}/admin/data`);
    await page.getByRole('tab', { name: '批量导入' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: '更正.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const preview = page.locator('.preview');
    await expect.poll(() => preview.textContent(), { timeout: 20_000 }).toContain('覆盖已有数值');
    const row = preview.locator('tr', { hasText: unitName });
    const measure = ind.measure === '%' ? '%' : ind.measure ? ` ${ind.measure}` : '';
    expect(await row.textContent()).toContain(`${before}${measure}`);
    expect(await row.textContent()).toContain(`${after}${measure}`);
    const v0 = srv.app.race.version;
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => preview.textContent()).toContain('请填写更正理由');
    expect(srv.app.race.version).toBe(v0);
    await page.locator('#ops-import-reason').fill('统计局复核后更正');
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => srv.app.race.version, { timeout: 20_000 }).toBeGreaterThan(v0);

    await page.goto(`${srv.url}/admin/audit`);
    await page.getByPlaceholder('操作人姓名、用户名').fill('组织部管理员');
    await page.getByRole('button', { name: '查询' }).click();
    const first = page.locator('.el-table__body tr').first();
    await expect.poll(() => first.textContent(), { timeout: 20_000 }).toContain('更正数值');
    const text = (await first.textContent()) ?? '';
    expect(text).toContain('组织部管理员（admin）');
    expect(text).toContain(`${unitName} · `);
    expect(text).toContain(ind.name);
    expect(text).toContain(`${before} → ${after}`);
    expect(text).toContain('统计局复核后更正');
    expect(text).not.toMatch(/unit:|indicator:|value:corrected/);
    await ctx.close();
  }, T);
});
