/**
 * End to end in headless Chromium against the real server (demo county): the wall display's
 * layouts for the 20-unit 县直部门组 at 1920×1080 and 1366×768. Reads what is really drawn (the
 * charts' text elements, the DOM lists' rendered boxes) and checks that every visible name is
 * whole or keeps at least its first 4 characters, that the lights matrix pages with text of at
 * least 18 px at 1920 and names each track's rule, that the quad view fits the group's 2 tracks,
 * that the ticker opens with moves, and that a bad or missing token gets a clear notice while the
 * screen retries quietly. Screenshots go to ./screenshots/ (look at them).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launch } from './browser.ts';
import { boardKey, orderRows } from '../../shared/standings.ts';
import { adminClient, startRealServer, type RealServer } from './real-server.ts';
import { chartTexts, domNames, nameShown, type DrawnChart } from './screen-probe.ts';

const SIZES = [
  [1920, 1080],
  [1366, 768],
] as const;
const shots = path.resolve('screenshots');

describe.skipIf(!hasChromium)('wall display layouts for a 20-unit group', () => {
  let dir = '';
  let srv: RealServer;
  let browser: Browser;
  let names: Map<string, string>;
  const token = () => srv.info.displayToken ?? '';
  const dept = () => srv.app.race.scheme()!.groups.find((g) => g.units.length === 20)!;

  async function open(url: string, width: number, height: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(`${srv.url}${url}`);
    return page;
  }
  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(shots, `${name}.png`) });
  }
  /** Every bar's name is drawn on the chart, whole or with at least its first 4 characters. */
  function expectNamedBars(charts: DrawnChart[]): void {
    expect(charts.length).toBeGreaterThan(0);
    for (const c of charts) {
      expect(c.ids.length).toBeGreaterThan(0);
      for (const id of c.ids) {
        const name = names.get(id)!;
        expect(nameShown(name, c.texts), `bar of ${name} (${id}) drawn as one of ${JSON.stringify(c.texts)}`).toBe(true);
      }
    }
  }

  beforeAll(async () => {
    if (!existsSync(path.join(process.cwd(), 'dist/client/index.html'))) throw new Error('dist/client is missing: run `npm run build` before the end-to-end tests');
    mkdirSync(shots, { recursive: true });
    dir = mkdtempSync(path.join(tmpdir(), 'saima-e2e-layout-'));
    srv = await startRealServer(dir, { now: new Date('2026-10-20T08:00:00Z') });
    names = new Map(srv.app.race.scheme()!.units.map((u) => [u.id, u.name]));
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has a 20-unit group running 2 tracks in the demo', () => {
    expect(dept().units).toHaveLength(20);
    expect(dept().tracks).toHaveLength(2);
  });

  for (const [w, h] of SIZES) {
    it(`single view at ${w}×${h}: named bars, whole list names, paged lights with a legend`, async () => {
      const page = await open(`/screen?token=${token()}&groups=${dept().id}&interval=600`, w, h);
      await page.locator('[data-bars]').waitFor({ timeout: 15_000 });
      await page.getByTestId('lights-legend').waitFor();
      await page.waitForTimeout(2500);
      await shot(page, `e2e-dept-single-${w}`);
      expectNamedBars(await chartTexts(page, '[data-testid=bar-race]'));

      const lists = await domNames(page, '[data-testid=list-name]');
      expect(lists.length).toBeGreaterThanOrEqual(6);
      for (const n of lists) expect(n.whole || n.visibleChars >= 4, `list name ${n.text}`).toBe(true);

      const lights = await domNames(page, '[data-testid=lights-matrix] td, [data-testid=lights-matrix] th, [data-testid=lights-legend] li');
      const rows = await page.locator('[data-testid=lights-matrix] tbody tr').count();
      expect(rows).toBeGreaterThan(0);
      expect(rows).toBeLessThan(12);
      for (const n of lights) expect(n.whole, `lights text ${n.text}`).toBe(true);
      if (w === 1920) for (const n of lights) expect(n.fontPx, `lights text ${n.text}`).toBeGreaterThanOrEqual(18);
      expect(Number(await page.getByTestId('lights-matrix').getAttribute('data-pages'))).toBeGreaterThan(1);
      await expect.poll(() => page.getByTestId('lights-pager').textContent()).toMatch(/^1\/\d$/);
      const legend = (await page.getByTestId('lights-legend').textContent()) ?? '';
      for (const tr of dept().tracks) expect(legend).toContain(srv.app.race.scheme()!.tracks.find((t) => t.id === tr)!.name);
      expect(legend).toMatch(/名次|得分|序时进度/);
      await page.close();
    });

    it(`quad view at ${w}×${h}: one race per track the group runs, every bar named`, async () => {
      const page = await open(`/screen?token=${token()}&groups=${dept().id}&interval=600&view=quad`, w, h);
      await page.getByTestId('quad-race').first().waitFor({ timeout: 15_000 });
      await page.waitForTimeout(2500);
      await shot(page, `e2e-dept-quad-${w}`);
      expect(await page.getByTestId('quad-panel').count()).toBe(2);
      const title = (await page.getByTestId('slide-title').textContent()) ?? '';
      expect(title).not.toContain('四赛道');
      expect(title).toContain('2个赛道');
      // No empty bottom half: both races reach the bottom of the body.
      const boxes = await page.getByTestId('quad-panel').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom / innerHeight));
      for (const b of boxes) expect(b).toBeGreaterThan(0.85);
      const charts = await chartTexts(page, '[data-testid=quad-race]');
      expectNamedBars(charts);
      expect(charts.reduce((n, c) => n + c.ids.length, 0)).toBe(40);
      await page.close();
    });
  }

  it('lights pages turn over on their own', async () => {
    const page = await open(`/screen?token=${token()}&groups=${dept().id}&interval=12&panels=lights`, 1920, 1080);
    const m = page.getByTestId('lights-matrix');
    await m.waitFor({ timeout: 15_000 });
    const first = await page.locator('[data-testid=lights-matrix] td.name').first().textContent();
    await expect.poll(() => m.getAttribute('data-page'), { timeout: 8000 }).toBe('1');
    expect(await page.locator('[data-testid=lights-matrix] td.name').first().textContent()).not.toBe(first);
    await page.close();
  });

  it('English: black-list names shown, badges on one line, no Chinese left', async () => {
    const page = await open(`/screen?token=${token()}&groups=${dept().id}&interval=600&lang=en`, 1920, 1080);
    await page.locator('[data-bars]').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1500);
    await shot(page, 'e2e-dept-single-en');
    const black = await domNames(page, '[data-testid=black-list] [data-testid=list-name]');
    expect(black.length).toBeGreaterThan(0);
    for (const n of black) expect(n.whole && n.text.length > 0, `black list ${n.text}`).toBe(true);
    const tags = await page.locator('.tag').evaluateAll((els) => els.map((e) => ({ text: e.textContent, h: e.getBoundingClientRect().height, fs: parseFloat(getComputedStyle(e).fontSize) * (e.getBoundingClientRect().width / (e as HTMLElement).offsetWidth) })));
    expect(tags.length).toBeGreaterThan(0);
    for (const tg of tags) expect(tg.h, `badge ${tg.text}`).toBeLessThan(tg.fs * 2);
    const legend = (await page.getByTestId('lights-legend').textContent()) ?? '';
    const unitNames = [...names.values(), ...srv.app.race.scheme()!.tracks.map((t) => t.name)];
    const stripped = unitNames.reduce((s, n) => s.split(n).join(''), legend);
    expect(stripped).not.toMatch(/[\u4e00-\u9fff]/);
    await page.close();
  });

  it('the ticker opens with the latest moves, as changes', async () => {
    const page = await open(`/screen?token=${token()}&groups=${dept().id}&interval=600`, 1920, 1080);
    const items = page.locator('[data-testid=ticker-items] li');
    await items.first().waitFor({ timeout: 10_000 });
    const text = (await items.first().textContent()) ?? '';
    expect(text).toMatch(/[↑↓]\d+/);
    expect(text).not.toContain('得分');
    // Longer than the screen: it scrolls instead of being cut at the right edge.
    expect(await page.getByTestId('ticker').getAttribute('data-scrolls')).toBe('true');
    await page.close();
  });

  it('a live change reaches the ticker as a change (rank move, score delta)', async () => {
    const page = await open(`/screen?token=${token()}&groups=${dept().id}&interval=600`, 1920, 1080);
    await page.locator('[data-testid=ticker-items] li').first().waitFor({ timeout: 10_000 });
    const admin = await adminClient(srv.url, srv.info);
    const s = srv.app.race.scheme()!;
    const g = dept();
    const track = s.tracks.find((t) => t.id === g.tracks[0])!;
    const own = g.overrides?.[track.id]?.indicators;
    const inds = track.indicators.filter((i) => (!own || own.includes(i.code)) && !['grade', 'deduct', 'rank'].includes(i.method.kind));
    const period = s.season.currentPeriod!;
    const key = boardKey({ kind: 'track', period, track: track.id, group: g.id });
    const [unit, last] = orderRows(srv.app.race.standings().boards[key]!.rows).filter(([, r]) => !r.vetoed).at(-1)!;
    const before = { rank: last.rank, score: last.score };
    let moved = false;
    for (const ind of inds) {
      await admin.send('POST', '/api/values', { period, unit, indicator: ind.code, value: ind.direction === 'higher' ? 100 : 0, key: `e2e-layout-${ind.code}-${Date.now()}` });
      if (srv.app.race.standings().boards[key]!.rows[unit]!.score !== before.score) {
        moved = true;
        break;
      }
    }
    expect(moved).toBe(true);
    const first = page.locator('[data-testid=ticker-items] li').first();
    await expect.poll(() => first.textContent(), { timeout: 5000 }).toContain(names.get(unit)!);
    const text = (await first.textContent()) ?? '';
    expect(text).toMatch(/[+−]\d+\.\d{2} 分/);
    const after = srv.app.race.standings().boards[key]!.rows[unit]!;
    expect(text).toContain(after.rank < before.rank ? `↑${before.rank - after.rank} 第${after.rank}` : `第${after.rank}`);
    await page.close();
  });

  it('the replay header shows the frame date with its time, apart from the live clock', async () => {
    const page = await open(`/screen?token=${token()}&groups=${dept().id}&mode=replay&interval=600&speed=16`, 1920, 1080);
    const at = page.getByTestId('replay-at');
    await at.waitFor({ timeout: 30_000 });
    await expect.poll(() => at.textContent(), { timeout: 30_000 }).toMatch(/赛况时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await page.getByTestId('clock').textContent()).toContain('现在');
    await shot(page, 'e2e-replay');
    await page.close();
  }, 60_000);

  for (const [label, query, kind, words] of [
    ['a wrong token', 'token=sd_not-a-real-token', 'invalid', ['大屏链接无效', '组织部', '新建大屏链接']],
    ['a wrong token in English', 'token=sd_not-a-real-token&lang=en', 'invalid', ['not valid', 'organization department', 'new display link']],
    ['no token', '', 'missing', ['缺少大屏令牌', '组织部']],
  ] as const) {
    it(`${label}: a full-screen notice, quiet retries`, async () => {
      const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const page = await ctx.newPage();
      let metaCalls = 0;
      let handshakes = 0;
      page.on('request', (r) => {
        const u = new URL(r.url());
        if (u.pathname === '/api/meta') metaCalls++;
        if (u.pathname.startsWith('/socket.io') && !u.searchParams.has('sid')) handshakes++;
      });
      await page.goto(`${srv.url}/screen?interval=600&${query}`);
      const notice = page.getByTestId('access-notice');
      await notice.waitFor({ timeout: 10_000 });
      expect(await notice.getAttribute('data-kind')).toBe(kind);
      const text = (await notice.textContent()) ?? '';
      for (const w of words) expect(text).toContain(w);
      if (query.includes('lang=en')) expect(text).not.toMatch(/[\u4e00-\u9fff]/);
      const box = await notice.boundingBox();
      expect(box!.width).toBeGreaterThan(1900);
      expect(box!.height).toBeGreaterThan(1060);
      await shot(page, `e2e-access-${kind}${query.includes('lang=en') ? '-en' : ''}`);
      const start = { metaCalls, handshakes };
      await page.waitForTimeout(10_000);
      // Retrying, with backoff: a few attempts in ten seconds, not one every few hundred ms.
      if (kind === 'invalid') expect(metaCalls - start.metaCalls + handshakes - start.handshakes).toBeGreaterThan(0);
      expect(metaCalls - start.metaCalls).toBeLessThanOrEqual(6);
      expect(handshakes - start.handshakes).toBeLessThanOrEqual(6);
      expect(await notice.isVisible()).toBe(true);
      await ctx.close();
    }, 40_000);
  }
});
