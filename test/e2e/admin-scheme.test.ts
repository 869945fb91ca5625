/**
 * The scheme editor end to end in headless Chromium against the real server (SQLite in a temp
 * dir, demo county): an admin changes a track's weight in the form, reads the what-if preview in
 * the save dialog, saves, and the standings the server then serves are exactly what the preview
 * said — every listed row has its predicted rank and score, every other row is unchanged. A second
 * session editing the old version gets the clear conflict message and nothing is overwritten.
 * Problems show by track, group and indicator name and jump to the field; a scheme file imports
 * into the editor.
 * On the org page a unit is added (the server's refusal shown first) and a display link is shown
 * once and revoked. Leaders see the editor read-only.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Standings } from '../../shared/standings.ts';
import { hasChromium, launch } from './browser.ts';
import { adminClient, startRealServer, type RealServer } from './real-server.ts';

interface PreviewRow {
  board: string;
  unit: string;
  rank: number | null;
  score: number | null;
}

describe.skipIf(!hasChromium)('scheme editor end to end', () => {
  let dir = '';
  let srv: RealServer;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof adminClient>>;
  const contexts: BrowserContext[] = [];

  async function signIn(username: string, password: string): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto(`${srv.url}/login?next=/admin/scheme`);
    await page.locator('input[name=username]').fill(username);
    await page.locator('input[name=password]').fill(password);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/admin\/scheme/, { timeout: 15_000 }).catch(() => page.goto(`${srv.url}/admin/scheme`));
    await page.getByTestId('scheme-version').waitFor({ timeout: 15_000 });
    return page;
  }
  const account = (name: string) => srv.info.accounts.find((a) => a.username === name)!;

  /** Sets the first track's overall weight in the form. */
  async function setWeight(page: Page, weight: number): Promise<void> {
    await page.getByTestId('tab-tracks').click();
    const input = page.getByTestId('track-weight').locator('input');
    await input.fill(String(weight));
    await input.press('Tab');
    await page.getByTestId('dirty').waitFor({ timeout: 5000 });
  }

  async function readPreview(page: Page): Promise<{ rows: PreviewRow[]; count: number }> {
    const dialog = page.getByTestId('save-dialog');
    const summary = dialog.getByTestId('what-if-summary');
    await summary.waitFor({ timeout: 30_000 });
    const count = Number(await summary.getAttribute('data-rows'));
    // show every row of every board
    for (let guard = 0; guard < 500; guard++) {
      const more = dialog.getByTestId('what-if-more').filter({ hasText: /\d/ });
      if ((await more.count()) === 0) break;
      await more.first().click();
    }
    const rows = await dialog.getByTestId('what-if-row').evaluateAll((els) =>
      els.map((el) => {
        const e = el as HTMLElement;
        const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));
        return { board: e.closest<HTMLElement>('[data-board]')!.dataset.board!, unit: e.dataset.unit!, rank: num(e.dataset.newRank), score: num(e.dataset.newScore) };
      }),
    );
    return { rows, count };
  }

  beforeAll(async () => {
    if (!existsSync(path.join(process.cwd(), 'dist/client/index.html'))) throw new Error('dist/client is missing: run `npm run build` before the end-to-end tests');
    dir = mkdtempSync(path.join(tmpdir(), 'saima-e2e-scheme-'));
    srv = await startRealServer(dir);
    admin = await adminClient(srv.url, srv.info);
    browser = await launch();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await srv?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('previews the rank changes of an edit, and the saved standings equal the preview', async () => {
    const page = await signIn('admin', account('admin').password);
    const before = await admin.get<Standings>('/api/standings');
    const versionBefore = (await admin.get<{ version: number }>('/api/scheme')).version;
    const track = srv.app.race.scheme()!.tracks[0]!;
    await setWeight(page, track.weight * 4);

    await page.getByTestId('save').click();
    const { rows, count } = await readPreview(page);
    expect(count).toBeGreaterThan(0);
    expect(rows.length).toBe(count);
    // a weight in the overall moves overall boards (and the cadres built on them), some by a rank
    expect(rows.some((r) => r.board.startsWith('overall|'))).toBe(true);
    // published periods keep their results by default: none of their boards is listed
    const published = new Set((await admin.get<{ published: Array<{ period: string }> }>('/api/published')).published.map((p) => p.period));
    expect(published.size).toBeGreaterThan(0);
    expect(rows.filter((r) => published.has(r.board.split('|')[1]!))).toEqual([]);
    await page.getByTestId('save-kept').waitFor({ timeout: 5000 });
    mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: 'screenshots/scheme-save-default.png' });

    await page.getByTestId('save-dialog').locator('textarea').first().fill('e2e：调整综合权重');
    await page.getByTestId('save-confirm').click();
    await page.getByTestId('scheme-version').filter({ hasNotText: `v${versionBefore}` }).waitFor({ timeout: 15_000 });
    await page.getByTestId('dirty').waitFor({ state: 'detached', timeout: 5000 });

    const after = await admin.get<Standings>('/api/standings');
    expect(srv.app.race.scheme()!.tracks[0]!.weight).toBe(track.weight * 4);
    const listed = new Set(rows.map((r) => `${r.board}#${r.unit}`));
    let moved = 0;
    for (const r of rows) {
      const row = r.board.startsWith('cadre|') ? after.cadres[r.board]?.rows[r.unit] : after.boards[r.board]?.rows[r.unit];
      expect({ at: `${r.board}#${r.unit}`, rank: row?.rank ?? null, score: row?.score ?? null }).toEqual({ at: `${r.board}#${r.unit}`, rank: r.rank, score: r.score });
      const old = r.board.startsWith('cadre|') ? before.cadres[r.board]?.rows[r.unit] : before.boards[r.board]?.rows[r.unit];
      if (old && row && old.rank !== row.rank) moved++;
    }
    expect(moved).toBeGreaterThan(0);
    // every row the preview did not list is unchanged
    for (const [k, b] of Object.entries(after.boards))
      for (const [u, row] of Object.entries(b.rows)) {
        if (listed.has(`${k}#${u}`)) continue;
        const old = before.boards[k]?.rows[u];
        expect({ at: `${k}#${u}`, rank: row.rank, score: row.score }).toEqual({ at: `${k}#${u}`, rank: old?.rank, score: old?.score });
      }
    for (const [k, b] of Object.entries(after.cadres))
      for (const [u, row] of Object.entries(b.rows)) {
        if (listed.has(`${k}#${u}`)) continue;
        expect(row.score).toBe(before.cadres[k]?.rows[u]?.score);
      }
  }, 180_000);

  it('re-scores a published period only with a reason, after showing what changes', async () => {
    const page = await signIn('admin', account('admin').password);
    const versionBefore = (await admin.get<{ version: number }>('/api/scheme')).version;
    const track = srv.app.race.scheme()!.tracks[0]!;
    await setWeight(page, track.weight + 1);
    await page.getByTestId('save').click();
    const dialog = page.getByTestId('save-dialog');
    await dialog.getByTestId('what-if-summary').waitFor({ timeout: 30_000 });
    const first = srv.app.race.scheme()!.season.periods[0]!;
    await dialog.getByTestId('save-effective').click();
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: `${first.name}（已发布）` }).first().click();
    await dialog.getByTestId('save-rescore-warning').waitFor({ timeout: 10_000 });
    await dialog.getByTestId('what-if-rescored').first().waitFor({ timeout: 30_000 });
    expect(await dialog.getByTestId('save-rescore-warning').innerText()).toContain(first.name);
    expect(await dialog.getByTestId('save-confirm').isDisabled()).toBe(true);
    await dialog.getByTestId('save-rescore-reason').fill('e2e：按新通知重算已发布月份');
    await page.screenshot({ path: 'screenshots/scheme-save-rescore.png' });
    expect(await dialog.getByTestId('save-confirm').isDisabled()).toBe(false);
    // in English: no Chinese but the period names
    await page.getByRole('button', { name: 'English' }).dispatchEvent('click');
    await dialog.getByText('Takes effect from', { exact: true }).waitFor({ timeout: 5000 });
    const warning = await dialog.getByTestId('save-rescore-warning').innerText();
    expect(warning).toMatch(/^Published periods will be re-scored: /);
    expect(warning.replace(/\d+月/g, '')).not.toMatch(/[\u4e00-\u9fff]/);
    await page.screenshot({ path: 'screenshots/scheme-save-rescore-en.png' });
    await dialog.getByTestId('save-confirm').click();
    await page.getByTestId('scheme-version').filter({ hasNotText: `v${versionBefore}` }).waitFor({ timeout: 15_000 });
    const audit = await admin.get<{ items: Array<{ reason: string; after: { effectiveFrom: string; rescored: string[] } }> }>('/api/audit?action=scheme:changed&limit=1');
    expect(audit.items[0]!.after.effectiveFrom).toBe(first.id);
    expect(audit.items[0]!.after.rescored).toContain(first.id);
    expect(audit.items[0]!.reason).toContain('按新通知重算已发布月份');
  }, 180_000);

  it('refuses a stale edit with a clear message and overwrites nothing', async () => {
    const first = await signIn('admin', account('admin').password);
    const second = await signIn('admin', account('admin').password);
    const w0 = srv.app.race.scheme()!.tracks[1]!.weight;

    await setWeight(second, 7); // the second session edits the first track, based on the current version
    // meanwhile the first session saves another change
    await first.getByTestId('tab-tracks').click();
    await first.getByTestId(`track-tab-${srv.app.race.scheme()!.tracks[1]!.id}`).click();
    const input = first.getByTestId('track-weight').locator('input');
    await input.fill(String(w0 + 1));
    await input.press('Tab');
    await first.getByTestId('save').click();
    await first.getByTestId('save-dialog').getByTestId('what-if-summary').waitFor({ timeout: 30_000 });
    await first.getByTestId('save-confirm').click();
    await first.getByTestId('dirty').waitFor({ state: 'detached', timeout: 15_000 });
    const saved = structuredClone(srv.app.race.scheme()!);
    expect(saved.tracks[1]!.weight).toBe(w0 + 1);

    await second.getByTestId('save').click();
    await second.getByTestId('save-dialog').getByTestId('what-if-summary').waitFor({ timeout: 30_000 });
    await second.getByTestId('save-confirm').click();
    const msg = second.getByTestId('stale-message');
    await msg.waitFor({ timeout: 10_000 });
    expect(await msg.textContent()).toContain('方案已被他人修改');
    expect(srv.app.race.scheme()).toEqual(saved);
    // the edit is still there until the user chooses to reload
    expect(await second.getByTestId('dirty').count()).toBe(1);
    await second.getByTestId('stale-reload').click();
    await second.getByTestId('dirty').waitFor({ state: 'detached', timeout: 10_000 });
    await second.getByTestId('tab-tracks').click();
    await second.getByTestId(`track-tab-${saved.tracks[1]!.id}`).click();
    expect(await second.getByTestId('track-weight').locator('input').inputValue()).toBe(String(w0 + 1));
  }, 120_000);

  it('shows the engine\'s problems by name, jumps to the field, and imports a scheme file', async () => {
    const page = await signIn('admin', account('admin').password);
    const s = srv.app.race.scheme()!;
    const ind = s.tracks[0]!.indicators[0]!;
    await page.getByTestId('tab-tracks').click();
    const marks = page.getByTestId(`full-marks-${ind.code}`).locator('input');
    await marks.fill(String(ind.fullMarks + 5));
    await marks.press('Tab');
    const problem = page.locator('[data-testid="problem"][data-problem-path="tracks[0].indicators"]').first();
    await problem.waitFor({ timeout: 5000 });
    // The message names the track and group; the JSON path is not shown, only kept for the jump.
    expect(await problem.textContent()).toContain('满分合计');
    expect(await problem.textContent()).toMatch(/赛道「[^」]+」分组「[^」]+」/);
    expect(await problem.textContent()).not.toContain('tracks[0]');
    await page.getByTestId('tab-season').click();
    await problem.locator('button').click();
    await page.locator('.saima-flash').first().waitFor({ timeout: 5000 });
    expect(await page.getByTestId('tab-tracks').evaluate((el) => el.closest('.el-tabs__item')?.classList.contains('is-active'))).toBe(true);
    await page.getByTestId('save').click();
    expect(await page.getByTestId('save-dialog').isVisible()).toBe(false);

    // a file with another grade quota replaces the working copy (not saved yet)
    const edited = structuredClone(s);
    edited.grades[0]!.quota = 0.3;
    const file = path.join(dir, 'edited.scheme.json');
    writeFileSync(file, JSON.stringify(edited, null, 2));
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('problems').waitFor({ state: 'detached', timeout: 5000 });
    await page.getByTestId('tab-grades').click();
    expect(await page.locator('[data-path="grades[0].quota"] input').inputValue()).toBe('0.3');
    expect(await page.getByTestId('dirty').count()).toBe(1);
    expect(srv.app.race.scheme()!.grades[0]!.quota).toBe(s.grades[0]!.quota);
  }, 90_000);

  it('adds a unit and creates a display link shown once, then revokes it', async () => {
    const page = await signIn('admin', account('admin').password);
    await page.goto(`${srv.url}/admin/org`);
    await page.getByTestId('units-table').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: '添加单位' }).click();
    const dialog = page.locator('.el-dialog').filter({ hasText: '添加单位' });
    await dialog.locator('input').nth(0).fill('e2e-town');
    await dialog.locator('input').nth(1).fill('测试镇<b>');
    await dialog.getByRole('button', { name: '确定' }).click();
    // in the first group its growth indicators would need a baseline: the server says so, in Chinese
    await page.locator('.el-message--error').filter({ hasText: '基数' }).waitFor({ timeout: 10_000 });
    // the department group needs no per-unit numbers
    await dialog.locator('.el-select').last().click();
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: '县直部门组' }).click();
    await dialog.getByRole('button', { name: '确定' }).click();
    await page.getByTestId('units-table').getByText('测试镇<b>', { exact: true }).waitFor({ timeout: 10_000 });
    expect(srv.app.race.scheme()!.units.some((u) => u.id === 'e2e-town')).toBe(true);

    await page.locator('#tab-display').click();
    await page.getByTestId('token-create-display').click();
    const create = page.locator('.el-dialog').filter({ hasText: '新建大屏链接' });
    await create.locator('input').fill('e2e 大屏');
    await create.getByRole('button', { name: '创建' }).click();
    const secret = page.getByTestId('token-secret');
    await secret.waitFor({ timeout: 10_000 });
    const link = await secret.inputValue();
    expect(link).toMatch(/\/screen\?token=sd_/);
    const token = link.split('token=')[1]!;
    expect((await fetch(`${srv.url}/api/standings`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    await page.getByRole('button', { name: '完成' }).click();
    const row = page.getByTestId('tokens-display').locator('tr').filter({ hasText: 'e2e 大屏' });
    await row.getByRole('button', { name: '吊销' }).click();
    await page.locator('.el-message-box').getByRole('button', { name: /确定|OK/ }).click();
    await row.getByText('已吊销', { exact: false }).waitFor({ timeout: 10_000 });
    expect((await fetch(`${srv.url}/api/standings`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
  }, 90_000);

  it('shows the scheme read-only to leaders', async () => {
    const page = await signIn('leader', account('leader').password);
    await page.getByTestId('tab-tracks').click();
    expect(await page.getByTestId('save').count()).toBe(0);
    expect(await page.getByTestId('track-weight').locator('input').isDisabled()).toBe(true);
    // they can still open an indicator to read its method and parameters
    await page.getByTestId('edit-indicator-0').click();
    await page.locator('.el-drawer').getByText('计分方法与参数').waitFor({ timeout: 5000 });
  }, 60_000);
});
