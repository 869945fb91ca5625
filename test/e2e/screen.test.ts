/**
 * End to end in headless Chromium against the real server (createApp, SQLite in a temp dir,
 * demo county): the wall display shows the race, moves within a second of a submitted value,
 * rotates, renders hostile names as text, and resynchronises after being offline and after a
 * server restart — without reloading.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { boardKey, orderRows } from '../../shared/standings.ts';
import { hasChromium, launch } from './browser.ts';
import { adminClient, startRealServer, type RealServer } from './real-server.ts';

const XSS = '<img src=x onerror=alert(1)>';

/** `p`, or an error naming `what` after `ms`. */
function limit<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not done after ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

describe.skipIf(!hasChromium)('wall display end to end', () => {
  let dir = '';
  let srv: RealServer;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  let admin: Awaited<ReturnType<typeof adminClient>>;

  const scheme = () => srv.app.race.scheme()!;
  const version = () => srv.app.race.version;
  const screenVersion = async (): Promise<number> => Number((await page.getByTestId('version').textContent())?.replace(/\D/g, '') || -1);
  const waitVersion = (v: number, timeout = 15_000) =>
    page.waitForFunction((want) => document.querySelector('[data-testid=version]')?.textContent === `v${want}`, v, { timeout });

  /**
   * Submits a value that changes the score of the lowest (not vetoed) unit it can move on the board
   * on screen. The screen gets a patch only when its boards change, so a value that changes nothing
   * (a capped indicator already at its cap) is not enough: the next unit or indicator is tried.
   */
  async function moveLastUnit(): Promise<{ version: number; unit: string }> {
    const s = scheme();
    const group = s.groups[0]!;
    const track = s.tracks.find((t) => t.id === group.tracks[0])!;
    const period = s.season.currentPeriod!;
    const key = boardKey({ kind: 'track', period, track: track.id, group: group.id });
    const rows = orderRows(srv.app.race.standings().boards[key]!.rows).filter(([, r]) => !r.vetoed).reverse();
    const inds = track.indicators.filter((i) => i.method.kind !== 'grade' && i.method.kind !== 'deduct' && i.method.kind !== 'rank');
    for (const [unit, row] of rows)
      for (const ind of inds) {
        const value = ind.direction === 'higher' ? 1e6 : 0;
        const r = await admin.send<{ version: number }>('POST', '/api/values', { period, unit, indicator: ind.code, value, key: `e2e-${Date.now()}-${Math.random()}` });
        if (srv.app.race.standings().boards[key]!.rows[unit]!.score !== row.score) return { version: r.version, unit };
      }
    throw new Error(`moveLastUnit: no value moves a unit on ${key}`);
  }

  beforeAll(async () => {
    if (!existsSync(path.join(process.cwd(), 'dist/client/index.html'))) throw new Error('dist/client is missing: run `npm run build` before the end-to-end tests');
    dir = mkdtempSync(path.join(tmpdir(), 'saima-e2e-'));
    srv = await startRealServer(dir);
    admin = await adminClient(srv.url, srv.info);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const s = scheme();
    const g = s.groups[0]!;
    await page.goto(`${srv.url}/screen?token=${srv.info.displayToken}&interval=5&groups=${g.id}&tracks=${g.tracks.slice(0, 2).join(',')}`);
    await page.evaluate(() => ((window as unknown as { __loadMark: number }).__loadMark = 42));
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the demo race at the server version', async () => {
    await page.getByTestId('race-name').filter({ hasText: scheme().name }).waitFor({ timeout: 15_000 });
    await waitVersion(version());
    await page.locator('[data-bars]').waitFor();
    const bars = await page.locator('[data-bars]').getAttribute('data-bars');
    expect(bars?.split(',').length).toBeGreaterThan(2);
    expect(await page.getByTestId('conn').getAttribute('data-state')).toBe('live');
  });

  it('moves the bar race within a second of a value submitted through the API', async () => {
    // Stay on the first slide while measuring.
    await page.keyboard.press('Space');
    while ((await page.getByTestId('slide-title').textContent())?.includes(scheme().tracks.find((t) => t.id === scheme().groups[0]!.tracks[0])!.name) !== true) {
      await page.keyboard.press('ArrowRight');
    }
    const before = await page.locator('[data-bars]').getAttribute('data-bars');
    const t0 = Date.now();
    const { version: v, unit } = await moveLastUnit();
    await page.waitForFunction(
      ([b, u]) => {
        const now = document.querySelector('[data-bars]')?.getAttribute('data-bars');
        return now !== b && now?.includes(`${u}:`);
      },
      [before, unit] as const,
      { timeout: 1000 },
    );
    expect(Date.now() - t0).toBeLessThan(1000);
    await waitVersion(v, 1000);
    await page.keyboard.press('Space');
  });

  it('rotates through the tracks, each slide on a fresh chart', async () => {
    const first = await page.getByTestId('slide-title').textContent();
    const chart = await page.getByTestId('bar-race').elementHandle();
    await page.waitForFunction((f) => document.querySelector('[data-testid=slide-title]')?.textContent !== f, first, { timeout: 12_000 });
    // The previous slide's chart is gone rather than morphing its bars into the new board's.
    await page.waitForFunction((el) => !el?.isConnected, chart, { timeout: 1000 });
    await expect.poll(() => page.getByTestId('bar-race').count()).toBe(1);
  });

  it('renders a hostile unit name as text', async () => {
    const s = scheme();
    const unitId = s.groups[0]!.units[0]!;
    const unit = s.units.find((u) => u.id === unitId)!;
    const meta = await admin.get<{ schemeVersion: number }>('/api/meta');
    await admin.send('PUT', `/api/units/${unitId}`, { version: meta.schemeVersion, item: { ...unit, name: XSS } });
    const p2 = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    p2.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await p2.goto(`${srv.url}/screen?token=${srv.info.displayToken}&groups=${s.groups[0]!.id}&panels=lists,overall,lights`);
    await p2.getByText(XSS, { exact: true }).first().waitFor({ timeout: 15_000 });
    expect(await p2.locator('img[src="x"]').count()).toBe(0);
    await p2.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    await p2.close();
  });

  it('scales to 1366×768 and 3840×2160 without scrollbars', async () => {
    for (const [width, height] of [
      [1366, 768],
      [3840, 2160],
    ] as const) {
      const p = await browser.newPage({ viewport: { width, height } });
      await p.goto(`${srv.url}/screen?token=${srv.info.displayToken}`);
      await p.locator('[data-bars]').waitFor({ timeout: 15_000 });
      const fit = await p.evaluate(() => {
        const stage = document.querySelector('.stage')!.getBoundingClientRect();
        const el = document.scrollingElement!;
        return { scrollW: el.scrollWidth, scrollH: el.scrollHeight, w: innerWidth, h: innerHeight, stageW: stage.width, stageH: stage.height };
      });
      expect(fit.scrollW).toBeLessThanOrEqual(fit.w);
      expect(fit.scrollH).toBeLessThanOrEqual(fit.h);
      expect(Math.max(Math.abs(fit.stageW - width), Math.abs(fit.stageH - height))).toBeLessThan(2);
      await p.close();
    }
  });

  it('board: search, keyboard selection and trend for a signed-in leader', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const leader = srv.info.accounts.find((a) => a.username === 'leader')!;
    expect((await ctx.request.post(`${srv.url}/api/session/login`, { data: { username: leader.username, password: leader.password } })).ok()).toBe(true);
    const p = await ctx.newPage();
    await p.goto(`${srv.url}/board`);
    const rows = p.getByTestId('board-rows');
    await rows.locator('.vrow').first().waitFor({ timeout: 15_000 });
    const count = await rows.locator('.vrow').count();
    expect(count).toBeGreaterThan(2);
    const s = scheme();
    const second = s.units.find((u) => u.id === s.groups[0]!.units[1])!;
    await p.getByTestId('search').fill(second.name);
    await expect.poll(() => rows.locator('.vrow').count()).toBe(1);
    await p.getByTestId('search').fill('');
    await rows.focus();
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('Enter');
    await p.locator('.trend canvas').first().waitFor({ timeout: 5000 });
    await ctx.close();
  });

  it('returns to the server version after 10 s offline, without a reload', async () => {
    const ctx = page.context();
    await ctx.setOffline(true);
    await moveLastUnit();
    await page.waitForTimeout(10_000);
    // Really cut off: the change made while offline has not reached the screen.
    expect(await screenVersion()).toBeLessThan(version());
    await moveLastUnit();
    await ctx.setOffline(false);
    await waitVersion(version(), 30_000);
    expect(await page.evaluate(() => (window as unknown as { __loadMark?: number }).__loadMark)).toBe(42);
  }, 60_000);

  it('returns to the server version after the server restarts', async () => {
    const port = srv.port;
    // Bounded, so that a hang names its step rather than the test's timeout.
    await limit('closing the server', 10_000, srv.close());
    await page.getByTestId('conn').and(page.locator('[data-state=reconnecting]')).waitFor({ timeout: 10_000 });
    expect(await screenVersion()).toBeGreaterThan(0);
    srv = await limit('starting it again', 20_000, startRealServer(dir, { port }));
    admin = await adminClient(srv.url, srv.info);
    await limit('moving a unit', 10_000, moveLastUnit());
    await waitVersion(version(), 40_000);
    expect(await page.getByTestId('conn').getAttribute('data-state')).toBe('live');
    expect(await page.evaluate(() => (window as unknown as { __loadMark?: number }).__loadMark)).toBe(42);
  }, 90_000);
});
