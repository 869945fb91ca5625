/**
 * What keeps the live server ahead of a sustained stream: submissions that arrive in separate
 * I/O callbacks still share one transaction, and broadcasts are spaced by their own cost.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPatchWindow } from '../../server/live/patch-window.ts';
import { createRaceService } from '../../server/services/race-service.ts';
import { openStorage, type Storage } from '../../server/storage/storage.ts';
import { createEngine } from '../../shared/engine/index.ts';
import { tinyScheme } from './helpers/tiny-scheme.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function race() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-tp-'));
  dirs.push(dir);
  const storage: Storage = await openStorage({ dataDir: dir });
  let transactions = 0;
  const counted: Storage = { ...storage, tx: (fn) => (transactions++, storage.tx(fn)) };
  const r = createRaceService({ storage: counted, createEngine, now: () => new Date('2026-02-01T00:00:00Z') });
  await r.load();
  await r.submit('admin', [{ body: { type: 'scheme:changed', data: { scheme: tinyScheme() } } }]);
  return { r, storage, transactions: () => transactions };
}

describe('group commit', () => {
  it('submissions arriving in separate callbacks of one event-loop turn share a transaction', async () => {
    const { r, storage, transactions } = await race();
    const before = transactions();
    // Immediates queued together run one after another in one phase, like the HTTP requests the
    // poll phase reads in one turn; microtasks (a whole SQLite transaction) run between them.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => new Promise((resolve) => setImmediate(() => resolve(r.submit('admin', [{ key: `k${i}`, body: { type: 'value:recorded', data: { period: 'm01', unit: 't1', indicator: 'inv', value: 50 + i } } }]))))),
    );
    expect(results).toHaveLength(20);
    expect(transactions() - before).toBe(1);
    expect(r.version).toBe(21);
    await storage.close();
  });
});

describe('patch window', () => {
  function fakeClock() {
    let t = 0;
    return { now: () => t, advance: (ms: number) => void (t += ms) };
  }

  it('sends an isolated version at once and spaces broadcasts by their measured cost', () => {
    const clock = fakeClock();
    const sent: number[] = [];
    let pending = false;
    const w = createPatchWindow(
      () => {
        if (!pending) return false;
        pending = false;
        sent.push(clock.now());
        clock.advance(40); // a broadcast to many sockets takes 40 ms
        return true;
      },
      { minMs: 30, now: clock.now },
    );
    pending = true;
    w.schedule();
    expect(sent).toEqual([0]);
    expect(w.gapMs).toBe(80);
    pending = true;
    w.schedule(); // 40 ms after the last broadcast started: held back until 80
    expect(sent).toEqual([0]);
    w.close();
    w.flush(); // a subscriber forces it out
    expect(sent).toEqual([0, 40]);
  });

  it('never waits longer than maxMs', () => {
    const clock = fakeClock();
    const w = createPatchWindow(() => (clock.advance(500), true), { minMs: 30, maxMs: 250, now: clock.now });
    w.flush();
    expect(w.gapMs).toBe(250);
    w.close();
  });

  it('0 ms sends every version alone', () => {
    let n = 0;
    const w = createPatchWindow(() => (n++, true), { minMs: 0, now: () => 0 });
    w.schedule();
    w.schedule();
    expect(n).toBe(2);
    expect(w.gapMs).toBe(0);
  });
});
