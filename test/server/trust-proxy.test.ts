/** SAIMA_TRUST_PROXY: behind a trusted proxy the client address (sign-in limits, logs) comes from X-Forwarded-For. */
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/ops/logger.ts';
import { client, startServer, type TestServer } from './helpers/server.ts';

describe('trust proxy', () => {
  let srv: TestServer | null = null;
  afterEach(async () => {
    await srv?.close();
    srv = null;
  });

  /** 10 wrong passwords from `a`, then one more from `a` and one from `b`: their statuses. */
  async function limitedFrom(a: string, b: string): Promise<[number, number]> {
    const c = client(srv!.url);
    const bad = (ip: string) => c.req('POST', '/api/session/login', { username: 'leader', password: 'wrong-password' }, { 'x-forwarded-for': ip });
    for (let i = 0; i < 10; i++) expect((await bad(a)).status).toBe(401);
    return [(await bad(a)).status, (await bad(b)).status];
  }

  it('trusted: each forwarded client has its own sign-in limit, and the log shows its address', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', stream: { write: (s: string) => void lines.push(s) } });
    srv = await startServer({ deps: { trustProxy: ['loopback'], logger } });
    expect(await limitedFrom('203.0.113.5', '203.0.113.6')).toEqual([429, 401]);
    const logins = lines.map((l) => JSON.parse(l)).filter((l) => l.req?.url === '/api/session/login');
    expect(logins.at(-1).req.remoteAddress).toBe('203.0.113.6');
  });

  it('not trusted (the default): X-Forwarded-For is ignored, so a forged header does not escape the limit', async () => {
    srv = await startServer();
    expect(await limitedFrom('203.0.113.5', '203.0.113.6')).toEqual([429, 429]);
  });
});
