/**
 * The API reference at /api/docs in headless Chromium: Swagger UI loads from the server itself
 * under the CSP (no violations), lists the operations, and try-it works with the browser's
 * session: an admin-only GET answers 200 with data, and a POST that needs the CSRF header
 * (signing out) goes through, its token added by the page's request interceptor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launch } from './browser.ts';
import { PASSWORD, startServer, type TestServer } from '../server/helpers/server.ts';

describe.skipIf(!hasChromium)('API reference in the browser', () => {
  let srv: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    srv = await startServer();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  async function tryIt(page: Page, opId: string): Promise<{ status: string; body: string }> {
    const op = page.locator(`[id$="-${opId}"]`);
    await op.locator('.opblock-summary').first().click();
    await op.locator('button.try-out__btn').click();
    await op.locator('button.execute').click();
    const row = op.locator('.live-responses-table .response').first();
    await row.waitFor({ timeout: 20_000 });
    return { status: (await row.locator('.response-col_status').innerText()).trim(), body: await row.locator('.response-col_description').innerText() };
  }

  it('loads without CSP violations, lists the operations and runs calls with the session', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(srv.url) && !r.url().startsWith('data:')) external.push(r.url());
    });

    await page.goto(`${srv.url}/api/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.opblock').count()).toBe(srv.app.routes.length);
    expect(await page.locator('.info .title').innerText()).toContain('Saima 赛马 API');

    // Not signed in: the admin-only audit log is refused.
    const anonymous = await tryIt(page, 'get_api_audit');
    expect(anonymous.status).toBe('401');

    const login = await page.evaluate(async (password) => {
      const r = await fetch('/api/session/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
      return r.status;
    }, PASSWORD);
    expect(login).toBe(200);
    // Not a reload: the deep link of the first try-it would open that operation already.
    await page.goto(`${srv.url}/api/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    const audit = await tryIt(page, 'get_api_audit');
    expect(audit.status).toBe('200');
    expect(audit.body).toContain('"items"');

    const logout = await tryIt(page, 'post_api_session_logout');
    expect(logout.status, logout.body).toBe('200');
    const after = await page.evaluate(() => fetch('/api/session/me').then((r) => r.json()));
    expect(after.user.role).toBe('public');

    expect(external).toEqual([]);
    // The only error is the browser's report of the expected 401.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
  }, 120_000);
});
