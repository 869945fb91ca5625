/**
 * Durability: SIGKILL the server while submissions are in flight, restart it on the same data
 * directory, and check that every acknowledged submission is there and that the standings equal
 * a fresh replay of the log by the reference engine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeStandings } from '../../shared/engine/index.ts';
import { LogEventSchema, type LogEvent } from '../../shared/events.ts';
import { kill, spawnServer, type Child } from './helpers/child.ts';
import { login } from './helpers/server.ts';
import { tinyScheme } from './helpers/tiny-scheme.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-crash-'));
const env = { SAIMA_ADMIN_PASSWORD: 'crash-test-password' };
let child: Child | null = null;

afterAll(async () => {
  if (child) await kill(child);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('durability', () => {
  it('keeps every acknowledged submission across a SIGKILL', async () => {
    child = await spawnServer(dir, env);
    let admin = await login(child.url, 'admin', env.SAIMA_ADMIN_PASSWORD);
    expect((await admin.req('PUT', '/api/scheme', { version: 0, scheme: tinyScheme() })).status).toBe(200);

    const acked = new Map<string, { seq: number; body: unknown }>();
    let stop = false;
    const units = ['t1', 't2', 't3', 't4'];
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const key = `w${w}-${i}`;
        const single = i % 3 !== 0;
        const items = single ? [{ key, period: 'm01', unit: units[i % 4]!, indicator: 'inv', value: 40 + ((i * 7 + w) % 60) }]
          : Array.from({ length: 20 }, (_, j) => ({ key: `${key}-${j}`, period: 'm02', unit: units[j % 4]!, indicator: 'hot', value: 50 + ((i + j) % 50) }));
        try {
          const r = single ? await admin.req('POST', '/api/values', items[0]) : await admin.req('POST', '/api/values/batch', { items });
          if (r.status !== 201) throw new Error(`unexpected ${r.status}`);
          const seqs: number[] = single ? [r.body.seq] : r.body.items.map((x: { seq: number }) => x.seq);
          items.forEach((it, j) => acked.set(it.key, { seq: seqs[j]!, body: it }));
        } catch {
          return; // the server died mid-request: not acknowledged
        }
      }
    };
    const workers = Array.from({ length: 6 }, (_, w) => worker(w));
    await new Promise((r) => setTimeout(r, 1500));
    await kill(child, 'SIGKILL');
    stop = true;
    await Promise.all(workers);
    expect(acked.size).toBeGreaterThan(20);

    child = await spawnServer(dir, env);
    admin = await login(child.url, 'admin', env.SAIMA_ADMIN_PASSWORD);
    const events: LogEvent[] = [];
    for (let since = 0; ; ) {
      const page = await admin.req('GET', `/api/events?since=${since}&limit=10000`);
      events.push(...page.body.events.map((e: unknown) => LogEventSchema.parse(e) as LogEvent));
      if (page.body.events.length < 10000) break;
      since = events[events.length - 1]!.seq;
    }
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const bySeq = new Map(events.map((e) => [e.seq, e]));
    for (const [key, { seq, body }] of acked) {
      const e = bySeq.get(seq);
      const { key: _k, ...data } = body as { key: string };
      expect(e?.data, key).toEqual(data);
    }
    // A retry of an acknowledged submission is recognised after the restart.
    const [someKey, some] = [...acked].find(([, a]) => (a.body as { period: string }).period === 'm01')!;
    const retry = await admin.req('POST', '/api/values', some.body);
    expect(retry.body, someKey).toMatchObject({ seq: some.seq, duplicate: true });

    const live = (await admin.req('GET', '/api/standings')).body;
    const first = events[0]!;
    if (first.type !== 'scheme:changed') throw new Error('the log starts with the scheme');
    expect(live).toEqual(computeStandings(first.data.scheme, events));
  }, 180_000);
});
