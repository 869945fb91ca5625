/**
 * `npm run screenshots`: starts the real server on a fresh temp data dir (demo county), opens
 * the wall display (single and quad view, replay), the board and the cadre rankings in
 * Chromium, and writes PNGs into ./screenshots/ (git-ignored). Needs `npm run build` first.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launch } from './browser.ts';
import { startRealServer } from './real-server.ts';

const out = path.resolve('screenshots');
mkdirSync(out, { recursive: true });
const dir = mkdtempSync(path.join(tmpdir(), 'saima-shots-'));
const srv = await startRealServer(dir, { now: new Date('2026-10-20T08:00:00Z') });
const browser = await launch();
const token = srv.info.displayToken ?? '';
const shots: string[] = [];

/** `login`: true signs in as the leader, a string as that demo account. */
async function shot(name: string, url: string, opts: { width?: number; height?: number; wait?: number; login?: boolean | string; fullPage?: boolean; act?: (p: Page) => Promise<void> } = {}): Promise<void> {
  const ctx = await browser.newContext({ viewport: { width: opts.width ?? 1920, height: opts.height ?? 1080 } });
  if (opts.login) {
    const who = typeof opts.login === 'string' ? opts.login : 'leader';
    const admin = srv.info.accounts.find((a) => a.username === who) ?? srv.info.accounts[0]!;
    const res = await ctx.request.post(`${srv.url}/api/session/login`, { data: { username: admin.username, password: admin.password } });
    if (!res.ok()) throw new Error(`login: ${res.status()}`);
  }
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[${name}] page error:`, e.message));
  await page.goto(`${srv.url}${url}`);
  await page.waitForTimeout(opts.wait ?? 3000);
  if (opts.act) await opts.act(page);
  const file = path.join(out, `${name}.png`);
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? false });
  shots.push(file);
  await ctx.close();
}

try {
  await shot('screen', `/screen?token=${token}&interval=600`);
  await shot('screen-depts', `/screen?token=${token}&interval=600&groups=${srv.app.race.scheme()!.groups.at(-1)!.id}&top=20`);
  await shot('screen-quad', `/screen?token=${token}&interval=600&view=quad`);
  await shot('screen-1366', `/screen?token=${token}&interval=600`, { width: 1366, height: 768 });
  await shot('screen-4k', `/screen?token=${token}&interval=600`, { width: 3840, height: 2160 });
  await shot('screen-replay', `/screen?token=${token}&mode=replay&interval=600&speed=4`, { wait: 12_000 });
  await shot('board', '/board', {
    login: true,
    act: async (p) => {
      await p.getByTestId('board-rows').focus();
      await p.keyboard.press('ArrowDown');
      await p.keyboard.press('Enter');
      await p.waitForTimeout(800);
    },
  });
  await shot('board-laptop', '/board', { login: true, width: 1366, height: 768 });
  await shot('cadres', '/cadres', {
    login: true,
    act: async (p) => {
      await p.locator('.vrow').first().click();
      await p.waitForTimeout(1000);
    },
  });
  // The unit workspace of the demo unit account (a town), as that unit sees it.
  const unitAccount = srv.info.accounts.find((a) => a.username === 'unit');
  if (unitAccount) {
    const res = await fetch(`${srv.url}/api/session/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: unitAccount.username, password: unitAccount.password }) });
    const town = ((await res.json()) as { user?: { unit?: string } }).user?.unit;
    if (town) await shot('unit', `/unit/${encodeURIComponent(town)}`, { login: 'unit', width: 1440, height: 900, fullPage: true });
  }
  // The console, as the organization department's admin sees it on a laptop.
  for (const page of ['review', 'data', 'scheme', 'org', 'publish', 'exports', 'audit']) {
    await shot(`admin-${page}`, `/admin/${page}`, { login: 'admin', width: 1440, height: 900 });
  }
  // a leader follows the review queue live (read only: no decision form)
  await shot('leader-review', '/admin/review', { login: 'leader', width: 1440, height: 900 });
  await shot('login', '/login', { width: 1440, height: 900, wait: 1000 });
  console.log(shots.join('\n'));
} finally {
  await browser.close();
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
}
