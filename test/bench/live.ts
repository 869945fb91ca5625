/**
 * `npm run bench -- live [province|county]`: the live server under a sustained stream of value
 * submissions with 1,000 Socket.IO clients on loopback. Prints one JSON line. The baseline, in the
 * same run: a plain Socket.IO broadcast of the same bytes per update, no storage, no engine.
 * Clients live in two worker threads; the server and the load generator share the main thread.
 * Env: BENCH_CLIENTS (1000), BENCH_RATE (500/s), BENCH_SECONDS (10).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import express from 'express';
import { Server } from 'socket.io';
import { createApp } from '../../server/app.ts';
import { filterDiff, roomSet } from '../../server/live/room-filter.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { appendEvents } from '../../server/storage/events-repo.ts';
import { createEngine } from '../../shared/engine/index.ts';
import type { LogEvent } from '../../shared/events.ts';
import { makeBenchLog, makeBenchScheme, makeUpdates, SPECS, type BenchSize } from './fixtures.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Clients whose arrival times are recorded (all clients receive everything). */
const SAMPLE_EVERY = Math.max(1, Math.floor(CLIENTS / 100));
const abs = () => performance.timeOrigin + performance.now();

const pct = (xs: number[], q: number): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 100) / 100;
};

type Arrival = [from: number, to: number, at: number];

/** Worker threads do not inherit tsx's loader: register it, then load the TypeScript worker. */
const BOOT = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(new URL('./live-clients.ts', import.meta.url).href)}); })`;

/** Opens the clients in worker threads, so their parsing does not share the server's thread. */
async function openClients(url: string, rooms: string[], cookie: string, event: string, since: number | null = null) {
  const threads = 2;
  const per = Math.ceil(CLIENTS / threads);
  const workers = Array.from({ length: threads }, (_, t) => {
    const count = Math.max(0, Math.min(per, CLIENTS - t * per));
    return new Worker(BOOT, { eval: true, workerData: { url, count, offset: t * per, rooms, cookie, sampleEvery: SAMPLE_EVERY, event, since } });
  });
  await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => (w.once('message', () => resolve()), w.once('error', reject)))));
  return {
    /** Arrivals at the sampled clients; closes the clients. */
    async collect(): Promise<Arrival[]> {
      const parts = await Promise.all(
        workers.map((w) => new Promise<Arrival[]>((resolve) => (w.once('message', (m: { arrivals: Arrival[] }) => resolve(m.arrivals)), w.postMessage('collect')))),
      );
      await new Promise((r) => setTimeout(r, 200));
      await Promise.all(workers.map((w) => w.terminate()));
      return parts.flat();
    },
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
/** POST with a keep-alive pool (fetch opens a connection per concurrent request). */
function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; body: { seq?: number } }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data || '{}') as { seq?: number } }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Latency of every version at every sampled client: arrival of the patch covering it − send time. */
function latencies(sent: Map<number, number>, arrivals: Arrival[]): number[] {
  const out: number[] = [];
  for (const [from, to, at] of arrivals) for (let v = from + 1; v <= to; v++) if (sent.has(v)) out.push(at - sent.get(v)!);
  return out;
}

/** Sends request i at RATE per second for SECONDS (open loop, at most 512 in flight). */
async function stream(send: (i: number) => Promise<number | null>) {
  const sent = new Map<number, number>();
  let accepted = 0;
  let inflight = 0;
  let dropped = 0;
  const t0 = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < RATE * SECONDS; i++) {
    const wait = t0 + (i * 1000) / RATE - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (inflight > 512) {
      dropped++;
      continue;
    }
    inflight++;
    const at = abs();
    pending.push(
      send(i)
        .catch(() => null)
        .then((seq) => {
          inflight--;
          if (seq === null) return;
          accepted++;
          sent.set(seq, at);
        }),
    );
  }
  await Promise.all(pending);
  return { sent, accepted, dropped, seconds: (performance.now() - t0) / 1000 };
}

export async function runLive(size: BenchSize = (process.argv.includes('county') ? 'county' : 'province') as BenchSize): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saima-bench-'));
  process.env.SAIMA_FAST_HASH = '1';
  const scheme = makeBenchScheme(size);
  const history = makeBenchLog(scheme, SPECS[size].months);
  const setup = await openStorage({ dataDir: dir });
  const log: LogEvent[] = [{ type: 'scheme:changed', data: { scheme }, seq: 1, at: '2026-01-01T00:00:00.000Z', actor: 'bench' }, ...history.map((e) => ({ ...e, seq: e.seq + 1 }))];
  await setup.tx((trx) => appendEvents(trx, log));
  await setup.close();

  const tLoad = performance.now();
  const storage = await openStorage({ dataDir: dir });
  const app = await createApp({ storage, createEngine, log: () => undefined });
  const loadMs = Math.round(performance.now() - tLoad);
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  await app.users.createUser({ username: 'bench', password: 'bench-password', role: 'admin' }, 'bench');
  const loginRes = await fetch(`${url}/api/session/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: 'bench-password' }) });
  const cookie = (loginRes.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = ((await loginRes.json()) as { csrfToken: string }).csrfToken;

  const groups = scheme.groups.map((g) => `group:${g.id}`);
  const diffBytes: number[] = [];
  const fullBytes: number[] = [];
  app.race.onVersion((d) => {
    fullBytes.push(JSON.stringify(d).length);
    // What a client of the group that changed receives for this version.
    diffBytes.push(Math.max(...groups.map((g) => JSON.stringify(filterDiff(d, roomSet([g]))).length)));
  });
  // Clients join holding the current version: 1,000 province snapshots (1.6 MB each) over
  // sockets would measure the start-up, not the stream.
  const clients = await openClients(url, groups, cookie, 'standings:patch', size === 'province' ? app.race.version : null);

  const period = scheme.season.periods[SPECS[size].months - 1]!.id;
  const updates = makeUpdates(scheme, SPECS[size].months, RATE * SECONDS, 1, 7);
  const run = await stream(async (i) => {
    const u = updates[i]!;
    if (u.type !== 'value:recorded') return null;
    const res = await post(`${url}/api/values`, JSON.stringify({ ...u.data, period, key: `bench-${i}` }), { cookie, 'x-csrf-token': csrf });
    return res.status === 201 && res.body.seq ? res.body.seq : null;
  });
  await new Promise((r) => setTimeout(r, 1000));
  const latency = latencies(run.sent, await clients.collect());
  const snapshotBytes = JSON.stringify(app.race.standings()).length;
  const groupSnapshotBytes = JSON.stringify(filterDiff({ from: 0, to: 1, added: app.race.standings().boards }, roomSet([groups[0]!]))).length;
  const rss = Math.round(process.memoryUsage().rss / 1048576);
  await app.close();
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });

  // Baseline: a plain Socket.IO broadcast of the same bytes per update, nothing else.
  const pad = 'x'.repeat(Math.max(0, (pct(diffBytes, 0.5) ?? 200) - 20));
  const bApp = express();
  const bServer = http.createServer(bApp);
  const bIo = new Server(bServer);
  let bSeq = 0;
  bApp.post('/b', (_req, res) => {
    const to = ++bSeq;
    bIo.emit('b', { to, pad });
    res.json({ seq: to });
  });
  await new Promise<void>((r) => bServer.listen(0, '127.0.0.1', r));
  const bUrl = `http://127.0.0.1:${(bServer.address() as AddressInfo).port}`;
  const bClients = await openClients(bUrl, [], '', 'b');
  const bRun = await stream(async () => {
    const res = await post(`${bUrl}/b`, '{}');
    return res.body.seq ?? null;
  });
  await new Promise((r) => setTimeout(r, 1000));
  const bLatency = latencies(bRun.sent, await bClients.collect());
  await new Promise<void>((r) => void bIo.close(() => r()));

  const p99 = pct(latency, 0.99);
  const bP99 = pct(bLatency, 0.99);
  console.log(
    JSON.stringify({
      bench: 'live',
      scenario: size,
      clients: CLIENTS,
      target_updates_per_s: RATE,
      seconds: SECONDS,
      load_ms: loadMs,
      accepted: run.accepted,
      dropped: run.dropped,
      updates_per_s: Math.round(run.accepted / run.seconds),
      latency_p50_ms: pct(latency, 0.5),
      latency_p99_ms: p99,
      diff_bytes_median: pct(diffBytes, 0.5),
      diff_bytes_p99: pct(diffBytes, 0.99),
      diff_bytes_unfiltered_median: pct(fullBytes, 0.5),
      snapshot_bytes: snapshotBytes,
      group_snapshot_bytes: groupSnapshotBytes,
      rss_mb: rss,
      baseline_updates_per_s: Math.round(bRun.accepted / bRun.seconds),
      baseline_latency_p50_ms: pct(bLatency, 0.5),
      baseline_latency_p99_ms: bP99,
      latency_p99_ratio: p99 !== null && bP99 ? Math.round((p99 / bP99) * 100) / 100 : null,
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await runLive();
