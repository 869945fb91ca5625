/**
 * Value ranges end to end in headless Chromium against the real server (demo county): typing
 * −50 into a percentage cell of the data grid marks the cell, lists the refusal by unit with the
 * indicator's name and range in Chinese, keeps 保存 disabled and writes nothing; the scheme editor
 * reports a threshold table that cannot reach its full marks by track, group and indicator name.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launch } from './browser.ts';
import { startRealServer, type RealServer } from './real-server.ts';

describe.skipIf(!hasChromium)('value ranges end to end', () => {
  let dir = '';
  let srv: RealServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(path.join(process.cwd(), 'dist/client/index.html'))) throw new Error('dist/client is missing: run `npm run build` before the end-to-end tests');
    dir = mkdtempSync(path.join(tmpdir(), 'saima-e2e-ranges-'));
    srv = await startRealServer(dir);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function adminPage(url: string): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const admin = srv.info.accounts.find((a) => a.username === 'admin')!;
    const res = await ctx.request.post(`${srv.url}/api/session/login`, { data: { username: admin.username, password: admin.password } });
    expect(res.ok()).toBe(true);
    const page = await ctx.newPage();
    await page.goto(`${srv.url}${url}`);
    return page;
  }

  it('the grid refuses −50 % with the indicator and range, and nothing is sent', async () => {
    const s = srv.app.race.scheme()!;
    const track = s.tracks[0]!;
    const pct = track.indicators.find((i) => i.measure === '%' && i.method.kind !== 'grade' && !i.range)!;
    const unit = s.units.find((u) => s.groups.some((g) => g.tracks.includes(track.id) && g.units.includes(u.id) && !g.overrides?.[track.id]))!;
    const page = await adminPage('/admin/data');
    const cell = page.getByLabel(`${unit.name} ${pct.name}`);
    await cell.waitFor({ timeout: 15_000 });
    const v0 = srv.app.race.version;
    await cell.fill('-50');
    const alert = page.getByTestId('range-errors');
    await alert.waitFor({ timeout: 5000 });
    expect(await alert.textContent()).toContain(`${unit.name} · 指标「${pct.name}」数值 −50 超出允许范围 0–∞（%）`);
    expect(await cell.getAttribute('class')).toContain('bad');
    expect(await page.getByRole('button', { name: '保存修改' }).isDisabled()).toBe(true);
    expect(srv.app.race.version).toBe(v0);
    await cell.fill('88');
    await alert.waitFor({ state: 'detached', timeout: 5000 });
    await page.context().close();
  }, 60_000);

  it('the scheme editor names the track, group and indicator of a short tier table', async () => {
    const s = srv.app.race.scheme()!;
    const track = s.tracks[0]!;
    const thr = track.indicators.find((i) => i.method.kind === 'threshold')!;
    const page = await adminPage('/admin/scheme');
    await page.getByTestId('tab-tracks').click();
    const marks = page.getByTestId(`full-marks-${thr.code}`).locator('input');
    await marks.fill(String(thr.fullMarks + 5));
    await marks.press('Tab');
    const problem = page.getByTestId('problem').filter({ hasText: '档次表最高只有' });
    await problem.waitFor({ timeout: 5000 });
    const text = (await problem.textContent()) ?? '';
    expect(text).toMatch(new RegExp(`^赛道「${track.name}」分组「[^」]+」(「[^」]+」)*指标「${thr.name}」：满分为 ${thr.fullMarks + 5}，`));
    expect(text).not.toMatch(/tracks\[|groups\[/);
    await page.context().close();
  }, 60_000);
});
