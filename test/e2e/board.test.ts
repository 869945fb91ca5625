/**
 * /board end to end in headless Chromium against the real server (demo county through 6月, 6月
 * published, one 12月 value recorded after): the choices a person makes that used to give a
 * blank selector or an unexplained empty table, in Chinese and in English. Writes screenshots
 * (1440×900) into ./screenshots/ for a person to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { boardKey } from '../../shared/standings.ts';
import { hasChromium, launch } from './browser.ts';
import { adminClient, startRealServer, type RealServer } from './real-server.ts';

const WAIT = 15_000;
const shots = path.resolve('screenshots');
/** Chinese characters and full-width punctuation: what the English UI must not show besides names. */
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

describe.skipIf(!hasChromium)('board selectors and empty states end to end', () => {
  let dir = '';
  let srv: RealServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let published = 0;
  const scheme = () => srv.app.race.scheme()!;
  const dept = () => scheme().groups.find((g) => g.name === '县直部门组')!;
  const trackName = (id: string) => scheme().tracks.find((t) => t.id === id)!.name;
  const june = () => scheme().season.periods[5]!;
  const december = () => scheme().season.periods[11]!;

  /** Every name the scheme gives (units, groups, tracks, periods, grades …): allowed in any language. */
  function names(): string[] {
    const s = scheme();
    const grades = (s.grades ?? []).map((g) => g.name);
    const all = [s.name, s.season.name, ...s.season.periods.map((p) => p.name), ...s.tracks.map((t) => t.name), ...s.groups.map((g) => g.name), ...s.units.map((u) => u.name), ...grades];
    // the signed-in person's display name (a name too); the language switch names the other language in that language
    return [...all, '县委领导', '中文'].filter(Boolean).sort((a, b) => b.length - a.length);
  }

  async function boardPage(lang: 'zh-CN' | 'en'): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: lang });
    contexts.push(ctx);
    const leader = srv.info.accounts.find((a) => a.username === 'leader')!;
    expect((await ctx.request.post(`${srv.url}/api/session/login`, { data: { username: leader.username, password: leader.password } })).ok()).toBe(true);
    const p = await ctx.newPage();
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(`${srv.url}/board${lang === 'en' ? '?lang=en' : ''}`);
    await p.getByTestId('board-rows').locator('.vrow').first().waitFor({ timeout: WAIT });
    return p;
  }
  const selected = (p: Page, id: string) => p.getByTestId(id).evaluate((el: HTMLSelectElement) => ({ value: el.value, text: el.selectedOptions[0]?.textContent?.trim() ?? '', disabled: !!el.selectedOptions[0]?.disabled }));
  const enabledOptions = (p: Page, id: string) => p.getByTestId(id).evaluate((el: HTMLSelectElement) => Array.from(el.options).filter((o) => !o.disabled).map((o) => o.textContent?.trim() ?? ''));

  async function signedIn(username: string, url: string, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: lang });
    contexts.push(ctx);
    const who = srv.info.accounts.find((a) => a.username === username)!;
    expect((await ctx.request.post(`${srv.url}/api/session/login`, { data: { username: who.username, password: who.password } })).ok()).toBe(true);
    const p = await ctx.newPage();
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(`${srv.url}${url}${lang === 'en' ? (url.includes('?') ? '&' : '?') + 'lang=en' : ''}`);
    return p;
  }

  beforeAll(async () => {
    if (!existsSync(path.join(process.cwd(), 'dist/client/index.html'))) throw new Error('dist/client is missing: run `npm run build` before the end-to-end tests');
    mkdirSync(shots, { recursive: true });
    dir = mkdtempSync(path.join(tmpdir(), 'saima-e2e-board-'));
    srv = await startRealServer(dir, { now: new Date('2026-06-20T08:00:00Z') });
    const admin = await adminClient(srv.url, srv.info);
    published = (await admin.send<{ version: number }>('POST', `/api/periods/${june().id}/publish`, { note: '6月晾晒' })).version;
    // After the publication, a department's first 12月 value arrives: live has 12月, the 6月 snapshot does not.
    const unit = dept().units[0]!;
    const key = boardKey({ kind: 'track', period: december().id, track: 'enterprise', group: dept().id });
    for (const code of ['E01', 'E03', 'E04']) {
      await admin.send('POST', '/api/values', { period: december().id, unit, indicator: code, value: 90, key: `e2e-board-${code}` });
      if (srv.app.race.standings().boards[key]) break;
    }
    expect(srv.app.race.standings().boards[key]).toBeDefined();
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await srv?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 90_000);

  it('a group that does not run the track: says so, offers its tracks, clears the trend pane', async () => {
    const p = await boardPage('zh-CN');
    // a unit's trend on the first group's 乡村振兴 board
    expect((await selected(p, 'track')).text).toBe('乡村振兴');
    await p.getByTestId('board-rows').focus();
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('Enter');
    await p.locator('.trend canvas').first().waitFor({ timeout: WAIT });

    await p.getByTestId('group').selectOption(dept().id, { timeout: 5000 });
    const empty = p.getByTestId('board-empty');
    await expect.poll(() => empty.getAttribute('data-reason'), { timeout: WAIT }).toBe('track-not-run');
    expect(await empty.locator('p').textContent()).toBe('县直部门组不参加“乡村振兴”赛道。');
    expect(await empty.getByTestId('fix-track').allTextContents()).toEqual(dept().tracks.map(trackName));
    // the selector is not blank: it names the track and marks it, and offers only the group's tracks
    expect(await selected(p, 'track')).toEqual({ value: 'rural', text: '乡村振兴（本组不参加）', disabled: true });
    expect(await enabledOptions(p, 'track')).toEqual(dept().tracks.map(trackName));
    // the previous unit's chart is gone
    expect(await p.locator('.trend').count()).toBe(0);
    expect(await p.locator('.side .note').textContent()).toContain('选择一行查看走势');
    await p.screenshot({ path: path.join(shots, 'board-track-not-run-zh.png') });

    await empty.getByTestId('fix-track').first().click();
    await p.getByTestId('board-rows').locator('.vrow').first().waitFor({ timeout: WAIT });
    expect((await selected(p, 'track')).value).toBe(dept().tracks[0]);
    expect(await p.getByTestId('board-rows').locator('.vrow').count()).toBe(dept().units.length);
  }, 90_000);

  it('a period with no data as of the publication shown: says so and offers the latest period with data', async () => {
    const p = await boardPage('zh-CN');
    await p.getByTestId('group').selectOption(dept().id, { timeout: 5000 });
    await p.getByTestId('track').selectOption('enterprise', { timeout: 5000 });
    // live: 12月 has a value, months without data are offered disabled
    await p.getByTestId('period').selectOption(december().id, { timeout: 5000 });
    await p.getByTestId('board-rows').locator('.vrow').first().waitFor({ timeout: WAIT });
    expect(await enabledOptions(p, 'period')).toEqual(scheme().season.periods.slice(0, 6).map((x) => x.name).concat(december().name));

    const asOf = p.getByTestId('as-of');
    expect(await asOf.locator('option').allTextContents()).toContain(`6月（版本 ${published}）`);
    await asOf.selectOption(`v${published}`, { timeout: 5000 });
    const empty = p.getByTestId('board-empty');
    await expect.poll(() => empty.getAttribute('data-reason'), { timeout: WAIT }).toBe('no-period-data');
    expect(await empty.locator('p').textContent()).toBe(`截至6月发布（版本 ${published}），12月还没有数据。`);
    expect((await selected(p, 'period')).text).toBe('12月（无数据）');
    await p.screenshot({ path: path.join(shots, 'board-as-of-zh.png') });

    // back to live: 12月 has its value there
    await empty.getByTestId('fix-live').click();
    await p.getByTestId('board-rows').locator('.vrow').first().waitFor({ timeout: WAIT });
    expect((await selected(p, 'as-of')).value).toBe('live');
    expect((await selected(p, 'period')).value).toBe(december().id);
    // or stay on the publication and show its latest period
    await asOf.selectOption(`v${published}`, { timeout: 5000 });
    await empty.getByTestId('fix-period').click();
    await p.getByTestId('board-rows').locator('.vrow').first().waitFor({ timeout: WAIT });
    expect((await selected(p, 'period')).value).toBe(june().id);
    expect((await selected(p, 'as-of')).value).toBe(`v${published}`);
  }, 90_000);

  it('in English: the same explanations, and no Chinese besides names', async () => {
    const p = await boardPage('en');
    const clean = async () => {
      let text = await p.locator('#app').innerText();
      for (const n of names()) text = text.split(n).join('');
      return text.split('\n').filter((l) => CJK.test(l));
    };
    expect(await clean()).toEqual([]);
    await p.getByTestId('group').selectOption(dept().id, { timeout: 5000 });
    const empty = p.getByTestId('board-empty');
    await expect.poll(() => empty.getAttribute('data-reason'), { timeout: WAIT }).toBe('track-not-run');
    expect(await empty.locator('p').textContent()).toBe('县直部门组 does not compete on the “乡村振兴” track.');
    expect(await clean()).toEqual([]);
    await p.screenshot({ path: path.join(shots, 'board-track-not-run-en.png') });

    await empty.getByTestId('fix-track').first().click();
    await p.getByTestId('period').selectOption(december().id, { timeout: 5000 });
    await p.getByTestId('as-of').selectOption(`v${published}`, { timeout: 5000 });
    await expect.poll(() => empty.getAttribute('data-reason'), { timeout: WAIT }).toBe('no-period-data');
    expect(await empty.locator('p').textContent()).toBe(`12月 has no data as of the 6月 publication (version ${published}).`);
    expect(await p.getByTestId('as-of').locator('option').allTextContents()).toContain(`6月 (version ${published})`);
    expect(await clean()).toEqual([]);
    await p.screenshot({ path: path.join(shots, 'board-as-of-en.png') });
  }, 90_000);

  it('the unit page: a deduction under a 容错 application reads 容错审核中, deductions are not green', async () => {
    const town = scheme().groups[0]!.units[0]!;
    for (const lang of ['zh-CN', 'en'] as const) {
      const p = await signedIn('unit', `/unit/${town}`, lang);
      const adjustments = p.getByTestId('adjustments');
      await adjustments.locator('.el-table__row').first().waitFor({ timeout: WAIT });
      const pending = lang === 'en' ? 'Tolerance under review' : '容错审核中';
      const row = adjustments.locator('.el-table__row').filter({ hasText: pending });
      expect(await row.count()).toBe(1);
      expect(await row.innerText()).not.toContain(lang === 'en' ? 'In force' : '有效');
      // the deductions total: red-ish, and a plain 0 (never "−0") when there are none
      const minus = p.locator('.totals .minus');
      const [r, g] = (await minus.evaluate((el) => getComputedStyle(el).color)).match(/\d+/g)!.map(Number) as [number, number];
      expect(r).toBeGreaterThan(g);
      expect(await minus.textContent()).not.toBe('−0');
      await p.screenshot({ path: path.join(shots, `unit-${lang}.png`), fullPage: true });
    }
  }, 90_000);

  it('the cadre page counts cadres, in both languages', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const p = await signedIn('leader', '/cadres', lang);
      await p.locator('.vrow').first().waitFor({ timeout: WAIT });
      const n = await p.locator('.vrow').count();
      expect(n).toBeGreaterThan(0);
      const foot = (await p.locator('.foot').textContent())!;
      expect(foot).toMatch(lang === 'en' ? /^\d+ cadres$/ : /^共 \d+ 名干部$/);
      // months after the demo's current one have no cadre board yet: offered disabled, marked
      const july = scheme().season.periods[6]!.name;
      expect(await enabledOptions(p, 'period')).not.toContain(july);
      expect(await p.getByTestId('period').locator('option').allTextContents()).toContain(lang === 'en' ? `${july} (no data)` : `${july}（无数据）`);
      await p.locator('.vrow').first().click();
      await p.locator('.detail .total').waitFor({ timeout: WAIT });
      if (lang === 'en') expect(await p.locator('.detail').innerText()).not.toMatch(/[（），：]/);
      await p.screenshot({ path: path.join(shots, `cadres-${lang}.png`) });
    }
    expect(errors).toEqual([]);
  }, 90_000);
});
