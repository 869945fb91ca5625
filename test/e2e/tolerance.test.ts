/**
 * The 容错 (error tolerance) flow end to end in headless Chromium against the real server
 * (createApp, SQLite in a temp dir, demo county), through the UI a person would use:
 *
 * 1. The organization department records a deduction for the demo unit's town, big enough to
 *    drop it below its neighbour on one track; the wall display's bar race moves down.
 * 2. The unit signs in at /login, opens its workspace, sees the deduction in the breakdown, and
 *    files a 容错 application on it (三个区分开来 answers, explanation, an evidence file).
 * 3. The admin signs in, finds the case at /admin/review, accepts it for review, then accepts it
 *    with a decision reference and reasoning.
 * 4. Without any reload, the unit's page shows the appeal accepted and the deduction waived (the
 *    track's deductions back to 0, the score and rank restored), the standings API has the rank
 *    back, and the wall display's bar race has the town back in its place at the new version.
 * 5. The evidence file downloads for the admin (and the filing unit), and is refused (403) to
 *    another unit's user.
 *
 * A leader watches the review queue throughout: the new case and the decision appear there
 * without a reload, and the leader gets no decision form.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { boardKey, orderRows, type Standings } from '../../shared/standings.ts';
import { hasChromium, launch } from './browser.ts';
import { adminClient, startRealServer, type RealServer } from './real-server.ts';

const T = 120_000;
const WAIT = 30_000;

interface WsTrack {
  track: { id: string; name: string };
  rank: number | null;
  of: number | null;
  score: number | null;
  deductions: number;
  waived: number;
}
interface Workspace {
  version: number;
  unit: { id: string; name: string };
  tracks: WsTrack[];
}
interface AppealJson {
  id: string;
  status: string;
  evidence: Array<{ id: string; name: string; size: number }>;
}

/** As the unit workspace prints points (client/src/views/unit/standing-logic.ts fmtPoints). */
const fmt = (n: number): string => String(Math.round(n * 100) / 100);

describe.skipIf(!hasChromium)('容错 flow end to end', () => {
  let dir = '';
  let srv: RealServer;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof adminClient>>;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  // The case under test, filled in as the flow goes.
  let group = '';
  let town = '';
  let townName = '';
  let track = '';
  let period = '';
  let neighbour = '';
  let rankBefore = 0;
  let scoreBefore = 0;
  let points = 0;
  const adjustmentId = `adj-e2e-tolerance-${Date.now()}`;
  const reason = '端到端测试：项目审批材料逾期报送';
  const explanation = '该项目为全省首批试点，审批流程无先例可循，逾期系为等待上级政策口径，已整改。';
  const evidenceName = '容错证明材料.txt';
  const evidenceBytes = Buffer.from('证明：该试点项目经县政府常务会议研究同意。\n', 'utf8');
  const reference = '组干〔2026〕99号';
  const reasoning = '经核实，该事项属改革试点中的探索性失误，符合“三个区分开来”，予以免责。';
  let appeal: AppealJson | null = null;

  let screen: Page;
  let unitPage: Page;
  let adminPage: Page;
  /** A leader watching the review queue (read only): it must follow the case without reloading. */
  let leaderPage: Page;
  let leaderSubmitted = 0;
  let leaderAccepted = 0;
  const leaderRows = (status: string) =>
    leaderPage.locator('.queue .el-table__row').filter({ hasText: townName }).filter({ hasText: '容错免责' }).filter({ hasText: status });

  const account = (name: string) => {
    const a = srv.info.accounts.find((x) => x.username === name);
    if (!a) throw new Error(`demo account ${name} missing`);
    return a;
  };
  const trackBoard = (s: Standings = srv.app.race.standings()) => s.boards[boardKey({ kind: 'track', period, track, group })];
  const unitOrder = (s?: Standings) => orderRows(trackBoard(s)!.rows).map(([u]) => u);

  async function newContext(): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    contexts.push(ctx);
    return ctx;
  }
  function watchErrors(page: Page, who: string): void {
    page.on('pageerror', (e) => pageErrors.push(`${who}: ${e.message}`));
    page.on('dialog', (d) => {
      pageErrors.push(`${who}: dialog ${d.message()}`);
      void d.dismiss();
    });
  }

  /** Signs in through the /login form and lands on `next`. */
  async function signIn(username: string, password: string, next: string): Promise<Page> {
    const page = await (await newContext()).newPage();
    watchErrors(page, username);
    await page.goto(`${srv.url}/login?next=${encodeURIComponent(next)}`);
    await page.locator('input[name=username]').fill(username);
    await page.locator('input[name=password]').fill(password);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((u) => u.pathname === next, { timeout: WAIT });
    return page;
  }

  /** The `unit:score` list the wall display's bar race shows, as unit ids in bar order. */
  const screenOrder = async (): Promise<string[]> =>
    ((await screen.locator('[data-bars]').getAttribute('data-bars')) ?? '')
      .split(',')
      .filter(Boolean)
      .map((x) => x.split(':')[0]!);
  const waitScreen = async (version: number, order: string[]) => {
    await screen.waitForFunction(
      ([v, want]) =>
        document.querySelector('[data-testid=version]')?.textContent === `v${v}` &&
        (document.querySelector('[data-bars]')?.getAttribute('data-bars') ?? '')
          .split(',')
          .map((x) => x.split(':')[0])
          .join(',') === want,
      [version, order.join(',')] as const,
      { timeout: WAIT },
    );
  };

  /** A value of the breakdown's totals line (指标得分, 加分, 扣分, 已免责扣分, 赛道得分). */
  const total = (page: Page, label: string) =>
    page
      .locator('.breakdown .totals > div')
      .filter({ has: page.locator('dt').getByText(label, { exact: true }) })
      .locator('dd');
  const card = (id: string) => unitPage.getByTestId(`appeal-${id}`);

  beforeAll(async () => {
    if (!existsSync(path.join(process.cwd(), 'dist/client/index.html'))) throw new Error('dist/client is missing: run `npm run build` before the end-to-end tests');
    dir = mkdtempSync(path.join(tmpdir(), 'saima-e2e-tol-'));
    srv = await startRealServer(dir);
    admin = await adminClient(srv.url, srv.info);
    browser = await launch();

    const s = srv.app.race.scheme()!;
    period = s.season.currentPeriod!;
    expect(period).toBeTruthy();
    const me = account('unit');
    // The demo unit account belongs to the first group's first unit (server/bootstrap/demo-seed.ts).
    const users = await admin.get<{ items: Array<{ username: string; unit: string | null }> }>('/api/users');
    town = users.items.find((u) => u.username === me.username)!.unit!;
    expect(town).toBeTruthy();
    const g = s.groups.find((x) => x.units.includes(town))!;
    group = g.id;
    townName = s.units.find((u) => u.id === town)!.name;

    // The track where the smallest deduction drops the town below the unit right under it,
    // among tracks where it has no deduction yet this period (so the waiver brings it to 0).
    const ws = await admin.get<Workspace>(`/api/units/${town}/workspace?period=${period}`);
    let best: { track: string; gap: number; below: string; cap: number } | null = null;
    for (const tid of g.tracks) {
      const board = srv.app.race.standings().boards[boardKey({ kind: 'track', period, track: tid, group })];
      if (!board) continue;
      const rows = orderRows(board.rows);
      const i = rows.findIndex(([u]) => u === town);
      const below = rows[i + 1];
      const row = rows[i]?.[1];
      if (i < 0 || !below || !row || row.vetoed || below[1].vetoed) continue;
      if (ws.tracks.find((x) => x.track.id === tid)?.deductions !== 0) continue;
      const cap = s.tracks.find((x) => x.id === tid)!.deductionCap ?? 1000;
      const gap = row.score - below[1].score;
      if (gap + 1 > cap) continue;
      if (!best || gap < best.gap) best = { track: tid, gap, below: below[0], cap };
    }
    if (!best) throw new Error('no track where a deduction can move the demo town');
    track = best.track;
    neighbour = best.below;
    // Whole points, at least 1 more than the gap: the town ends strictly below its neighbour.
    points = Math.min(best.cap, Math.ceil(best.gap) + 1);
    const row = trackBoard()!.rows[town]!;
    rankBefore = row.rank;
    scoreBefore = row.score;

    // (c) The wall display of that group and track, open from before the deduction to the end.
    screen = await (await newContext()).newPage();
    await screen.setViewportSize({ width: 1920, height: 1080 });
    watchErrors(screen, 'screen');
    await screen.goto(`${srv.url}/screen?token=${srv.info.displayToken}&interval=3600&groups=${group}&tracks=${track}`);
    await screen.locator('[data-bars]').waitFor({ timeout: WAIT });
    await waitScreen(srv.app.race.version, unitOrder());
    await screen.evaluate(() => ((window as unknown as { __loadMark: number }).__loadMark = 1));
  }, T);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await srv?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(
    'a recorded deduction drops the town below its neighbour, on the API and on the wall display',
    async () => {
      const before = unitOrder();
      const at = before.indexOf(town);
      expect(before[at + 1]).toBe(neighbour);
      const r = await admin.send<{ version: number }>('POST', '/api/adjustments', { id: adjustmentId, period, unit: town, track, kind: 'deduction', points, reason });
      const st = await admin.get<Standings>('/api/standings');
      expect(st.version).toBeGreaterThanOrEqual(r.version);
      const rows = st.boards[boardKey({ kind: 'track', period, track, group })]!.rows;
      expect(rows[town]!.rank).toBeGreaterThan(rankBefore);
      expect(rows[neighbour]!.rank).toBeLessThan(rows[town]!.rank);
      expect(rows[town]!.score).toBeCloseTo(scoreBefore - points, 4);
      const after = unitOrder(st);
      expect(after.indexOf(town)).toBe(at + 1);
      // The bar race moves the town down one bar, live.
      await waitScreen(r.version, after);
      expect((await screenOrder()).indexOf(town)).toBe(at + 1);
    },
    T,
  );

  it(
    'the unit signs in, sees the deduction in its breakdown and files a 容错 application with evidence',
    async () => {
      // A leader opens the review queue first; the demo town already has an older case waiting.
      leaderPage = await signIn(account('leader').username, account('leader').password, '/admin/review');
      await leaderPage.locator('.ops-head').getByText('新申请和处理结果会自动刷新').waitFor({ timeout: WAIT });
      await leaderPage.locator('.queue .el-table__row').filter({ hasText: townName }).first().waitFor({ timeout: WAIT });
      leaderSubmitted = await leaderRows('已提交').count();
      leaderAccepted = await leaderRows('已采纳').count();

      unitPage = await signIn(account('unit').username, account('unit').password, `/unit/${town}`);
      await unitPage.getByRole('heading', { name: townName }).waitFor({ timeout: WAIT });
      await unitPage.evaluate(() => ((window as unknown as { __loadMark: number }).__loadMark = 2));
      await unitPage.getByTestId(`track-${track}`).click();
      const trackCard = unitPage.getByTestId(`track-${track}`);
      await expect.poll(() => trackCard.textContent(), { timeout: WAIT }).toContain(`第 ${rankBefore + 1} 名`);

      // The breakdown counts the deduction.
      await expect.poll(() => total(unitPage, '扣分').textContent(), { timeout: WAIT }).toBe(`−${fmt(points)}`);
      expect(await total(unitPage, '赛道得分').textContent()).toBe(fmt(scoreBefore - points));
      const item = unitPage.getByTestId('track-items').locator('li').filter({ hasText: reason });
      await expect.poll(() => item.textContent()).toContain(`−${fmt(points)}`);

      // 申请容错 on the deduction's row in the adjustments table.
      const row = unitPage.getByTestId('adjustments').locator('.el-table__row').filter({ hasText: reason });
      expect(await row.locator('.el-tag').filter({ hasText: '有效' }).count()).toBe(1);
      await row.getByRole('button', { name: '申请容错' }).click();

      const dialog = unitPage.getByRole('dialog', { name: '提出申诉' });
      await dialog.waitFor({ timeout: WAIT });
      // Opened as a 容错 application on exactly this deduction.
      expect(await dialog.locator('.el-radio-button.is-active').textContent()).toContain('容错申请');
      expect(await dialog.getByTestId('pick-target').textContent()).toContain(reason);
      for (const q of ['exploratory', 'notProhibited', 'publicInterest']) {
        await dialog.getByTestId(`q-${q}`).getByText('是', { exact: true }).click();
      }
      await dialog.getByPlaceholder('可对上述问题作补充说明（选填）').fill('省级试点文件附后。');
      await dialog.getByTestId('appeal-text').fill(explanation);
      await dialog.getByTestId('evidence-input').setInputFiles({ name: evidenceName, mimeType: 'text/plain', buffer: evidenceBytes });
      await dialog.locator('.uploader .list li').filter({ hasText: evidenceName }).filter({ hasNotText: '上传中' }).waitFor({ timeout: WAIT });
      expect(await dialog.locator('.uploader .problems').count()).toBe(0);

      const filed = unitPage.waitForResponse((r) => new URL(r.url()).pathname === '/api/appeals' && r.request().method() === 'POST', { timeout: WAIT });
      await dialog.getByTestId('appeal-submit').click();
      const res = await filed;
      expect(res.status()).toBe(201);
      appeal = (await res.json()) as AppealJson;
      expect(appeal.status).toBe('submitted');
      expect(appeal.evidence.map((e) => e.name)).toEqual([evidenceName]);
      await dialog.waitFor({ state: 'hidden', timeout: WAIT });

      // The case in the unit's list: 容错申请 on this deduction, 已提交, with its answers and file.
      const c = card(appeal.id);
      await c.waitFor({ timeout: WAIT });
      await expect.poll(() => c.locator('header .status').textContent(), { timeout: WAIT }).toBe('已提交');
      const text = (await c.textContent()) ?? '';
      expect(text).toContain('容错申请');
      expect(text).toContain(`扣分 ${fmt(points)} 分：${reason}`);
      expect(text).toContain(explanation);
      expect(await c.locator('.questions b.yes').count()).toBe(3);
      expect(await c.locator('.files a').filter({ hasText: evidenceName }).count()).toBe(1);
      // An open case: the deduction is no longer offered for another application.
      await expect.poll(() => row.getByRole('button', { name: '申请容错' }).count(), { timeout: WAIT }).toBe(0);
      // and it reads 容错审核中 (not 有效) until the decision
      await expect.poll(() => row.locator('.el-tag').filter({ hasText: '容错审核中' }).count(), { timeout: WAIT }).toBe(1);
      expect(await row.locator('.el-tag').filter({ hasText: '有效' }).count()).toBe(0);
      // The leader's queue shows the new case without a reload.
      await expect.poll(() => leaderRows('已提交').count(), { timeout: WAIT }).toBe(leaderSubmitted + 1);
    },
    T,
  );

  it(
    'the admin finds the case in the review queue, takes it under review and accepts it',
    async () => {
      expect(appeal).not.toBeNull();
      const id = appeal!.id;
      adminPage = await signIn(account('admin').username, account('admin').password, '/admin/review');
      const row = adminPage.locator('.queue .el-table__row').filter({ hasText: townName }).filter({ hasText: '容错免责' }).filter({ hasText: '已提交' });
      await row.first().waitFor({ timeout: WAIT });
      // The queue is newest first (the demo town also has an older case waiting); the detail's
      // explanation below proves it is the case just filed.
      await row.first().click();

      const detail = adminPage.locator('.detail');
      await detail.getByText(explanation).waitFor({ timeout: WAIT });
      const detailText = (await detail.textContent()) ?? '';
      expect(detailText).toContain(townName);
      expect(detailText).toContain(reason);
      expect(await detail.locator('.qs .el-tag').allTextContents()).toEqual(['是', '是', '是']);
      expect(await detail.locator('.ev a').filter({ hasText: evidenceName }).count()).toBe(1);

      // The evidence downloads from the case (a real download in the browser).
      const download = adminPage.waitForEvent('download', { timeout: WAIT });
      await detail.locator('.ev a').filter({ hasText: evidenceName }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe(evidenceName);
      expect(readFileSync((await file.path())!)).toEqual(evidenceBytes);

      // Step 1: 受理，进入审核 (the only action while submitted).
      // The page then reloads its queue twice: once after the PUT, once on the admin room's
      // notice (debounced). The decision is filled in once both have landed; a later reload must
      // not wipe it (checked below with the 刷新 button).
      await adminPage.locator('.ops-head').getByText('新申请和处理结果会自动刷新').waitFor({ timeout: WAIT });
      let reloads = 0;
      adminPage.on('requestfinished', (r) => {
        if (r.method() === 'GET' && new URL(r.url()).pathname === '/api/appeals') reloads++;
      });
      const form = detail.locator('form.decide');
      await form.getByText('受理，进入审核').click();
      const put = adminPage.waitForResponse((r) => new URL(r.url()).pathname === `/api/appeals/${id}` && r.request().method() === 'PUT', { timeout: WAIT });
      await form.getByRole('button', { name: '提交决定' }).click();
      expect((await put).status()).toBe(200);
      await detail.locator('.top .el-tag').filter({ hasText: '审核中' }).waitFor({ timeout: WAIT });
      await expect.poll(() => reloads, { timeout: WAIT }).toBeGreaterThanOrEqual(2);
      // Let the list settle (the table can show more than one loading mask while it reloads).
      await expect.poll(() => adminPage.locator('.queue .el-loading-mask:visible').count(), { timeout: WAIT }).toBe(0);
      await expect.poll(async () => (await admin.get<AppealJson>(`/api/appeals/${id}`)).status, { timeout: WAIT }).toBe('under_review');
      // The unit sees the step without reloading.
      await expect.poll(() => card(id).locator('header .status').textContent(), { timeout: WAIT }).toBe('审核中');

      // Step 2: 采纳（免责） with a decision reference and reasoning, confirmed.
      await form.getByText('采纳（免责）').click();
      await form.getByPlaceholder('如：组干〔2026〕12号').fill(reference);
      await form.getByPlaceholder('写明认定事实与依据').fill(reasoning);
      // A reload of the queue (another case arriving, or 刷新) keeps the half-filled decision.
      const reloaded = adminPage.waitForResponse((r) => new URL(r.url()).pathname === '/api/appeals' && r.request().method() === 'GET', { timeout: WAIT });
      await adminPage.locator('.ops-head').getByRole('button', { name: '刷新' }).click();
      await reloaded;
      await expect.poll(() => adminPage.locator('.queue .el-loading-mask:visible').count(), { timeout: WAIT }).toBe(0);
      expect(await form.locator('.el-radio.is-checked').textContent()).toBe('采纳（免责）');
      expect(await form.getByPlaceholder('如：组干〔2026〕12号').inputValue()).toBe(reference);
      await form.getByRole('button', { name: '提交决定' }).click();
      const box = adminPage.locator('.el-message-box');
      await box.waitFor({ timeout: WAIT });
      expect(await box.textContent()).toContain('已采纳');
      await box.getByRole('button', { name: '确定' }).click();
      await detail.locator('.top .el-tag').filter({ hasText: '已采纳' }).waitFor({ timeout: WAIT });
      await detail.getByText('此申请已办结。').waitFor({ timeout: WAIT });
      expect(await detail.textContent()).toContain(reference);
      const decided = await admin.get<AppealJson & { reference: string; decision: string }>(`/api/appeals/${id}`);
      expect(decided.status).toBe('accepted');
      expect(decided.reference).toBe(reference);
      expect(decided.decision).toBe(reasoning);
      // The leader's queue follows the decision without a reload (and offers no decision form).
      await expect.poll(() => leaderRows('已采纳').count(), { timeout: WAIT }).toBe(leaderAccepted + 1);
      expect(await leaderPage.locator('form.decide').count()).toBe(0);
    },
    T,
  );

  it(
    'without a reload the unit sees the waiver, the standings restore the rank and the bar race moves back',
    async () => {
      expect(appeal).not.toBeNull();
      const id = appeal!.id;
      const v = srv.app.race.version;

      // The unit's page, live: accepted, with the decision.
      await expect.poll(() => card(id).locator('header .status').textContent(), { timeout: WAIT }).toBe('已采纳');
      const decision = (await card(id).getByTestId('decision').textContent()) ?? '';
      expect(decision).toContain(reference);
      expect(decision).toContain(reasoning);

      // The deduction no longer counts: 扣分 back to 0, the points shown as waived, score and rank restored.
      await expect.poll(() => total(unitPage, '扣分').textContent(), { timeout: WAIT }).toBe('0');
      expect(await total(unitPage, '已免责扣分').textContent()).toBe(fmt(points));
      expect(await total(unitPage, '赛道得分').textContent()).toBe(fmt(scoreBefore));
      const item = unitPage.getByTestId('track-items').locator('li').filter({ hasText: reason });
      expect(await item.getAttribute('class')).toContain('off');
      expect(await item.locator('.state').textContent()).toBe('已容错免责');
      await expect.poll(() => unitPage.getByTestId(`track-${track}`).textContent(), { timeout: WAIT }).toContain(`第 ${rankBefore} 名`);
      expect(await unitPage.getByTestId(`track-${track}`).textContent()).toContain(`得分 ${fmt(scoreBefore)} /`);
      const row = unitPage.getByTestId('adjustments').locator('.el-table__row').filter({ hasText: reason });
      expect(await row.locator('.el-tag').filter({ hasText: '已容错免责' }).count()).toBe(1);
      expect(await row.textContent()).toContain(reference);
      expect(await row.getByRole('button', { name: '申请容错' }).count()).toBe(0);
      expect(await unitPage.evaluate(() => (window as unknown as { __loadMark?: number }).__loadMark)).toBe(2);

      // The server agrees: the unit's workspace and the standings.
      const ws = await admin.get<Workspace>(`/api/units/${town}/workspace?period=${period}`);
      const wt = ws.tracks.find((x) => x.track.id === track)!;
      expect(wt.deductions).toBe(0);
      expect(wt.waived).toBeCloseTo(points, 4);
      expect(wt.rank).toBe(rankBefore);
      const st = await admin.get<Standings>('/api/standings');
      const rows = st.boards[boardKey({ kind: 'track', period, track, group })]!.rows;
      expect(rows[town]!.rank).toBe(rankBefore);
      expect(rows[town]!.score).toBeCloseTo(scoreBefore, 4);
      expect(rows[neighbour]!.rank).toBeGreaterThan(rankBefore);

      // The wall display, open all along: the new version and the town back above its neighbour.
      const order = unitOrder(st);
      expect(order.indexOf(town)).toBe(order.indexOf(neighbour) - 1);
      await waitScreen(v, order);
      const bars = await screenOrder();
      expect(bars.indexOf(town)).toBe(bars.indexOf(neighbour) - 1);
      expect(await screen.getByTestId('conn').getAttribute('data-state')).toBe('live');
      expect(await screen.evaluate(() => (window as unknown as { __loadMark?: number }).__loadMark)).toBe(1);
    },
    T,
  );

  it(
    "the evidence file downloads for the admin and the unit, and is refused to another unit's user",
    async () => {
      expect(appeal).not.toBeNull();
      const url = `${srv.url}/api/evidence/${encodeURIComponent(appeal!.evidence[0]!.id)}`;
      const asAdmin = await adminPage.context().request.get(url);
      expect(asAdmin.status()).toBe(200);
      expect(await asAdmin.body()).toEqual(evidenceBytes);
      const asUnit = await unitPage.context().request.get(url);
      expect(asUnit.status()).toBe(200);

      const s = srv.app.race.scheme()!;
      const other = s.groups.find((g) => g.id === group)!.units.find((u) => u !== town)!;
      await admin.send('POST', '/api/users', { username: 'e2e-other-unit', password: 'other-unit-password', role: 'unit', unit: other });
      const ctx = await newContext();
      const login = await ctx.request.post(`${srv.url}/api/session/login`, { data: { username: 'e2e-other-unit', password: 'other-unit-password' } });
      expect(login.ok()).toBe(true);
      const asOther = await ctx.request.get(url);
      expect(asOther.status()).toBe(403);
      expect((await asOther.body()).includes(evidenceBytes)).toBe(false);
      // Nor the case itself.
      expect((await ctx.request.get(`${srv.url}/api/appeals/${encodeURIComponent(appeal!.id)}`)).status()).toBe(403);

      expect(pageErrors).toEqual([]);
    },
    T,
  );
});
