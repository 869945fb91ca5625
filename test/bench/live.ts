/**
 * `npm run bench -- live [province|county]`: the live server under a sustained stream of value
 * submissions with 1,000 Socket.IO connections on loopback. Prints one JSON line. The baseline, in
 * the same run and through the same clients and load generator: a plain Socket.IO server that
 * broadcasts the same bytes per update to every client, with no storage and no engine.
 *
 * Threads: the server (main), the load generator (one worker, keep-alive HTTP, open loop) and the
 * clients (two workers, raw WebSocket speaking the Socket.IO protocol) share the machine's cores.
 * `load_ms` is the first start (the whole log replayed, then a snapshot stored), `restart_ms` a
 * second start on the same data (the snapshot and the run's events after it).
 * Each server first gets a warm-up stream of BENCH_WARMUP seconds at the same rate (other values,
 * other keys) that is not measured: a server that has just started runs its code cold, and the
 * stream starting from idle builds a backlog that takes seconds to drain (`warmup_latency_p99_ms`
 * reports it). `latency_*` then covers every version of the measured BENCH_SECONDS;
 * `steady_latency_*` only the versions sent after its first BENCH_STEADY seconds.
 * `latency_parts_*` splits the latency at the server (see `watchServer`).
 * Env: BENCH_CLIENTS (1000), BENCH_RATE (500/s), BENCH_SECONDS (10), BENCH_WARMUP (3),
 * BENCH_STEADY (3), BENCH_BASELINE (0: skip), BENCH_PROFILE (dir: CPU profiles of the streams),
 * BENCH_HEAP (with BENCH_PROFILE, allocation sampling instead: 1 garbage included, 2 live objects only).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Session } from 'node:inspector/promises';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { Worker } from 'node:worker_threads';
import express from 'express';
import { Server } from 'socket.io';
import { createApp } from '../../server/app.ts';
import { filterDiff, roomSet, signatureRoom } from '../../server/live/room-filter.ts';
import { createPatchWindow } from '../../server/live/patch-window.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { appendEvents } from '../../server/storage/events-repo.ts';
import { createEngine } from '../../shared/engine/index.ts';
import type { LogEvent } from '../../shared/events.ts';
import { densify, isEmptyDiff } from '../../shared/standings.ts';
import { makeBenchLog, makeBenchScheme, makeUpdates, SPECS, type BenchSize } from './fixtures.ts';
import type { Arrival, ClientJob } from './live-clients.ts';
import type { LoadJob, LoadResult } from './live-load.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const STEADY = Number(process.env.BENCH_STEADY ?? 3);
/** Clients that decode their messages and record arrival times (the others only receive theirs). */
const SAMPLE_EVERY = Math.max(1, Math.floor(CLIENTS / 100));
/** How long to wait after the last reply for the last patches to arrive. */
const DRAIN_MS = 1500;

const pct = (xs: number[], q: number): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 100) / 100;
};

/** Worker threads do not inherit tsx's loader: register it, then load the TypeScript worker. */
const boot = (file: string) =>
  `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(new URL(file, import.meta.url).href)}); })`;

/** Opens the clients in two worker threads and waits until all are connected and subscribed. */
async function openClients(url: string, rooms: string[], cookie: string, event: string, since: number | null = null) {
  const threads = 2;
  const per = Math.ceil(CLIENTS / threads);
  const workers = Array.from({ length: threads }, (_, t) => {
    const job: ClientJob = { url, count: Math.max(0, Math.min(per, CLIENTS - t * per)), offset: t * per, rooms, cookie, sampleEvery: SAMPLE_EVERY, event, since };
    return new Worker(boot('./live-clients.ts'), { eval: true, workerData: job });
  });
  await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => (w.once('message', () => resolve()), w.once('error', reject)))));
  return {
    /** The arrivals so far (the warm-up stream's), forgotten; the clients stay connected. */
    async reset(): Promise<Arrival[]> {
      const parts = await Promise.all(
        workers.map((w) => new Promise<Arrival[]>((resolve) => (w.once('message', (m: { arrivals: Arrival[] }) => resolve(m.arrivals)), w.postMessage('reset')))),
      );
      return parts.flat();
    },
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

/**
 * BENCH_PROFILE=dir: a CPU profile of the main thread during each stream phase; with BENCH_HEAP=1
 * a sampled allocation profile instead (objects collected since included: where the garbage is
 * made), with BENCH_HEAP=2 one of the objects still live at the end (what the heap holds).
 */
async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return fn();
  const session = new Session();
  session.connect();
  const heap = process.env.BENCH_HEAP === '1' || process.env.BENCH_HEAP === '2';
  const garbage = process.env.BENCH_HEAP === '1';
  if (heap) await session.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: garbage, includeObjectsCollectedByMinorGC: garbage } as never);
  else {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  try {
    return await fn();
  } finally {
    fs.mkdirSync(dir, { recursive: true });
    if (heap) {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      fs.writeFileSync(path.join(dir, `${name}.heapprofile`), JSON.stringify(profile));
    } else {
      const { profile } = await session.post('Profiler.stop');
      fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    }
    session.disconnect();
  }
}

/**
 * A finished stream: what the load generator reports, and for each submission (by its index in
 * the bodies) the index of the client room of its unit; null when every client gets every version.
 */
type Run = LoadResult & { rooms: number[] | null };

/** When a stream's first request was sent. */
const startOf = (run: Run) => Math.min(...run.sent.map(([, at]) => at));

/** Appends `value` to the list of `key`. */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Runs the load generator thread to completion. */
function load(url: string, headers: Record<string, string>, bodies: string[], roomOfBody: ((body: string) => number) | null = null): Promise<Run> {
  const job: LoadJob = { url, headers, bodies, rate: RATE, maxInflight: 256 };
  const w = new Worker(boot('./live-load.ts'), { eval: true, workerData: job });
  const rooms = roomOfBody ? bodies.map(roomOfBody) : null;
  return new Promise((resolve, reject) => (w.once('message', (m: LoadResult) => void w.terminate().then(() => resolve({ ...m, rooms }))), w.once('error', reject)));
}

/**
 * Seq → the client rooms (indices) whose boards that version changes: a version that changes no
 * board of a room sends that room nothing (a value that moves no score, an indicator the unit is
 * not assessed on), so no client of that room waits for it.
 */
type Reach = Map<number, number[]>;

/**
 * Latency of every version at every sampled client whose room it changed (arrival of the message
 * covering it − send time), by the second of the run in which it was sent. The live server sends
 * a room nothing while its standings do not change, so a message's span (from, to] also covers
 * versions that did not change that room; those are not this client's. Without `reach` (the
 * baselines) every client gets every version.
 */
function latencies(run: Run, arrivals: Arrival[], reach: Reach | null): number[][] {
  const sent = new Map(run.sent.map(([seq, at]) => [seq, at]));
  const start = startOf(run);
  const out: number[][] = [];
  for (const [from, to, at, , room] of arrivals)
    for (let v = from + 1; v <= to; v++) {
      const s = sent.get(v);
      if (s !== undefined && (!reach || reach.get(v)?.includes(room))) (out[Math.floor((s - start) / 1000)] ??= []).push(at - s);
    }
  return out;
}

/** Latency percentiles and message sizes of one phase. */
function summary(run: Run, arrivals: Arrival[], reach: Reach | null) {
  const bySecond = latencies(run, arrivals, reach);
  const l = bySecond.flatMap((x) => x ?? []);
  const steady = bySecond.slice(STEADY).flatMap((x) => x ?? []);
  const bytes = arrivals.map((a) => a[3]);
  const perClient = arrivals.length / Math.max(1, Math.ceil(CLIENTS / SAMPLE_EVERY));
  return {
    updates_per_s: Math.round(run.accepted / run.seconds),
    accepted: run.accepted,
    dropped: run.dropped,
    p50: pct(l, 0.5),
    p99: pct(l, 0.99),
    steady_p50: pct(steady, 0.5),
    steady_p99: pct(steady, 0.99),
    p99_by_second: Array.from(bySecond, (x) => pct(x ?? [], 0.99)),
    messages_per_client_s: Math.round((perClient / run.seconds) * 10) / 10,
    message_bytes_median: pct(bytes, 0.5),
    message_bytes_p99: pct(bytes, 0.99),
  };
}

/**
 * Where a version's latency goes, from the live server's side: `request_commit` (the load
 * generator sends it → the server has committed and applied it: HTTP, queueing, the group
 * commit), `commit_send` (→ the server starts writing the patch carrying it to its group's room:
 * the patch window, the broadcast of other rooms before it) and `send_arrival` (→ the sampled
 * client of that room has it: the writes to the room's sockets before it, the kernel, the client).
 * Observed through the race's version listener and the Socket.IO adapter's broadcasts; the live
 * server may broadcast inside its own version listener, before this one sees the version, so a
 * version's commit time is the earlier of the two sightings.
 */
function watchServer(app: Awaited<ReturnType<typeof createApp>>, groups: string[]) {
  const now = () => performance.timeOrigin + performance.now();
  const commits = new Map<number, number>();
  const seen = (v: number, at: number) => {
    const c = commits.get(v);
    if (c === undefined || at < c) commits.set(v, at);
  };
  app.race.onVersion((d) => {
    const at = now();
    for (let v = d.from + 1; v <= d.to; v++) seen(v, at);
  });
  /** Per signature room: [from, to, start of the broadcast]. */
  const sends = new Map<string, Array<[number, number, number]>>();
  const adapter = app.live.io.of('/').adapter;
  const broadcast = adapter.broadcast.bind(adapter);
  adapter.broadcast = (packet, opts) => {
    const at = now();
    const [event, d] = (packet as { data?: [string, { from: number; to: number }] }).data ?? [];
    if (event === 'standings:patch' && d) {
      for (const room of opts.rooms) pushTo(sends, room, [d.from, d.to, at]);
      for (let v = d.from + 1; v <= d.to; v++) seen(v, at);
    }
    broadcast(packet, opts);
  };
  return {
    parts(run: Run, arrivals: Arrival[], reach: Reach) {
      const rc: number[] = [];
      const cs: number[] = [];
      const sa: number[] = [];
      const arrived = new Map<string, number[]>();
      for (const [, to, at, , room] of arrivals) pushTo(arrived, `${room}|${to}`, at);
      for (const [seq, at, i] of run.sent) {
        const c = commits.get(seq);
        if (c === undefined) continue;
        rc.push(c - at);
        // The patch to its unit's group room, or to the first room it changed; none if none.
        const changed = reach.get(seq) ?? [];
        const own = run.rooms?.[i] ?? -1;
        const room = changed.includes(own) ? own : changed[0];
        if (room === undefined) continue;
        const sent = sends.get(signatureRoom(roomSet([groups[room]!])))?.find(([f, t]) => f < seq && seq <= t);
        if (!sent) continue;
        cs.push(sent[2] - c);
        for (const a of arrived.get(`${room}|${sent[1]}`) ?? []) sa.push(a - sent[2]);
      }
      const at = (q: number) => ({ request_commit: pct(rc, q), commit_send: pct(cs, q), send_arrival: pct(sa, q) });
      return { p50: at(0.5), p99: at(0.99) };
    },
  };
}

/**
 * Garbage-collection pauses of the server's thread (the main thread: the clients and the load
 * generator run in workers, each with its own heap) while a stream runs: total and longest pause,
 * how many were full (mark-compact) collections, and the pause time by second of the stream, to
 * set beside `latency_p99_by_second_ms`.
 */
function watchGc() {
  const pauses: Array<{ start: number; ms: number; major: boolean }> = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      pauses.push({ start: performance.timeOrigin + e.startTime, ms: e.duration, major: kind === constants.NODE_PERFORMANCE_GC_MAJOR });
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  return {
    summary(run: Run) {
      obs.disconnect();
      const start = startOf(run);
      const mine = pauses.filter((p) => p.start >= start && p.start < start + run.seconds * 1000);
      const bySecond: number[] = Array.from({ length: Math.max(1, Math.round(run.seconds)) }, () => 0);
      for (const p of mine) bySecond[Math.min(bySecond.length - 1, Math.floor((p.start - start) / 1000))]! += p.ms;
      const r = (x: number) => Math.round(x * 10) / 10;
      return {
        gc_pause_total_ms: r(mine.reduce((a, p) => a + p.ms, 0)),
        gc_pause_max_ms: r(Math.max(0, ...mine.map((p) => p.ms))),
        gc_full_count: mine.filter((p) => p.major).length,
        gc_pause_by_second_ms: bySecond.map(r),
      };
    },
  };
}

/**
 * A plain Socket.IO server: each POST broadcasts a message of `bytes` to every client at once
 * (`windowMs` 0), or versions go out as one such message per patch window, the live server's
 * policy (`bytes` is then the live run's median message).
 */
async function baselineServer(bytes: number, windowMs: number) {
  const app = express();
  const server = http.createServer(app);
  const io = new Server(server, { serveClient: false });
  const pad = 'x'.repeat(Math.max(0, bytes - 30));
  let seq = 0;
  let from = 0;
  const patches = createPatchWindow(() => {
    if (from === seq) return false;
    io.emit('b', { from, to: seq, pad });
    from = seq;
    return true;
  }, { minMs: windowMs });
  app.post('/b', express.json(), (_req, res) => {
    ++seq;
    patches.schedule();
    res.status(201).json({ seq });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      patches.close();
      return new Promise<void>((r) => void io.close(() => r()));
    },
  };
}

/**
 * The warm-up stream: run, drained, its arrivals taken from the clients (which stay connected).
 * Null when BENCH_WARMUP is 0.
 */
async function warmUp(clients: { reset(): Promise<Arrival[]> }, stream: () => Promise<Run>): Promise<{ run: Run; arrivals: Arrival[] } | null> {
  if (WARMUP <= 0) return null;
  const run = await stream();
  await new Promise((r) => setTimeout(r, DRAIN_MS));
  return { run, arrivals: await clients.reset() };
}

/** Latency p99 of a warm-up stream. */
const warmP99 = (w: { run: Run; arrivals: Arrival[] } | null, reach: Reach | null) => (w ? pct(latencies(w.run, w.arrivals, reach).flatMap((x) => x ?? []), 0.99) : null);

async function runBaseline(bytes: number, windowMs: number, bodies: string[]) {
  const b = await baselineServer(bytes, windowMs);
  const clients = await openClients(b.url, [], '', 'b');
  const warm = await warmUp(clients, () => load(`${b.url}/b`, {}, bodies.slice(0, RATE * WARMUP)));
  const run = await profiled(`baseline-${windowMs}`, () => load(`${b.url}/b`, {}, bodies));
  await new Promise((r) => setTimeout(r, DRAIN_MS));
  const s = { ...summary(run, await clients.collect(), null), warmup_p99: warmP99(warm, null) };
  await b.close();
  return s;
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
  const groupIndex = new Map(scheme.groups.flatMap((g, i) => g.units.map((u) => [u, i] as const)));
  const roomOfBody = (body: string) => groupIndex.get((JSON.parse(body) as { unit: string }).unit) ?? -1;
  // Clients join holding the current version: 1,000 province snapshots (1.6 MB each) over
  // sockets would measure the start-up, not the stream.
  const clients = await openClients(url, groups, cookie, 'standings:patch', size === 'province' ? app.race.version : null);

  const period = scheme.season.periods[SPECS[size].months - 1]!.id;
  const stream = (n: number, seed: number, prefix: string) =>
    makeUpdates(scheme, SPECS[size].months, n, 1, seed).map((u, i) => JSON.stringify({ ...(u.data as object), period, key: `${prefix}-${i}` }));
  const bodies = stream(RATE * SECONDS, 7, 'bench');
  const headers = { cookie, 'x-csrf-token': csrf };
  const startVersion = app.race.version;
  const warm = await warmUp(clients, () => load(`${url}/api/values`, headers, stream(RATE * WARMUP, 11, 'warm'), roomOfBody));
  const firstVersion = app.race.version;
  const watch = watchServer(app, groups);
  const gc = watchGc();
  const run = await profiled('live', () => load(`${url}/api/values`, headers, bodies, roomOfBody));
  await new Promise((r) => setTimeout(r, DRAIN_MS));
  const arrivals = await clients.collect();
  const gcs = gc.summary(run);
  const rss = Math.round(process.memoryUsage().rss / 1048576);
  // The accepted events applied one at a time to a second engine (the server commits and applies
  // them in groups): which client rooms each one changes, and the diff bytes per update as a
  // client of the changed group gets them (in wire form: boards whose scores mostly moved carry
  // them densely).
  const accepted = await app.race.readEvents(startVersion, 1_000_000);
  const single = createEngine(scheme, log);
  const reach: Reach = new Map();
  const diffBytes: number[] = [];
  const fullBytes: number[] = [];
  let unchanged = 0;
  for (const e of accepted) {
    const d = single.apply(e);
    const wire = densify(d, (k) => single.boardScores(k));
    const perRoom = groups.map((g) => filterDiff(wire, roomSet([g])));
    reach.set(e.seq, perRoom.flatMap((f, i) => (isEmptyDiff(f) ? [] : [i])));
    if (e.seq <= firstVersion) continue; // the warm-up's
    if (!reach.get(e.seq)!.length) unchanged++;
    diffBytes.push(Math.max(...perRoom.map((f) => JSON.stringify(f).length)));
    fullBytes.push(JSON.stringify(d).length);
  }
  const live = summary(run, arrivals, reach);
  // The measure before session 8, for comparison: every version at its own unit's group, changed or
  // not (an unchanged one is then timed until that group's next change reaches its clients).
  const everyVersion = summary(run, arrivals, new Map(run.sent.map(([seq, , i]) => [seq, [run.rooms?.[i] ?? -1]])));
  const parts = watch.parts(run, arrivals, reach);
  const snapshotBytes = JSON.stringify(app.race.standings()).length;
  const groupSnapshotBytes = JSON.stringify(filterDiff({ from: 0, to: 1, added: app.race.standings().boards }, roomSet([groups[0]!]))).length;
  const final = app.race.engine!.standings();
  await app.close();
  await storage.close();

  // A restart: the first start replayed the whole log and stored a snapshot; this one reads the
  // snapshot and the run's events after it, and must arrive at the same standings.
  const tRestart = performance.now();
  const storage2 = await openStorage({ dataDir: dir });
  const app2 = await createApp({ storage: storage2, createEngine, log: () => undefined });
  const restartMs = Math.round(performance.now() - tRestart);
  const restartEqual = isDeepStrictEqual(app2.race.engine!.standings(), final);
  await app2.close();
  await storage2.close();
  fs.rmSync(dir, { recursive: true, force: true });

  // Baselines through the same clients and load generator, with the median diff's bytes.
  const none = { updates_per_s: null, dropped: null, p50: null, p99: null, steady_p50: null, steady_p99: null, messages_per_client_s: null, warmup_p99: null };
  const withBaseline = process.env.BENCH_BASELINE !== '0';
  const windowed = withBaseline ? await runBaseline(live.message_bytes_median ?? 300, 30, bodies) : none;
  const plain = withBaseline ? await runBaseline(pct(diffBytes, 0.5) ?? 300, 0, bodies) : none;

  console.log(
    JSON.stringify({
      bench: 'live',
      scenario: size,
      clients: CLIENTS,
      target_updates_per_s: RATE,
      seconds: SECONDS,
      load_ms: loadMs,
      restart_ms: restartMs,
      restart_equal: restartEqual,
      accepted: live.accepted,
      unchanged: unchanged,
      dropped: live.dropped,
      updates_per_s: live.updates_per_s,
      latency_p50_ms: live.p50,
      latency_p99_ms: live.p99,
      latency_p99_every_version_ms: everyVersion.p99,
      warmup_s: WARMUP,
      warmup_latency_p99_ms: warmP99(warm, reach),
      steady_after_s: STEADY,
      steady_latency_p50_ms: live.steady_p50,
      steady_latency_p99_ms: live.steady_p99,
      latency_p99_by_second_ms: live.p99_by_second,
      latency_parts_p50_ms: parts.p50,
      latency_parts_p99_ms: parts.p99,
      ...gcs,
      messages_per_client_s: live.messages_per_client_s,
      message_bytes_median: live.message_bytes_median,
      message_bytes_p99: live.message_bytes_p99,
      diff_bytes_median: pct(diffBytes, 0.5),
      diff_bytes_p99: pct(diffBytes, 0.99),
      diff_bytes_unfiltered_median: pct(fullBytes, 0.5),
      snapshot_bytes: snapshotBytes,
      group_snapshot_bytes: groupSnapshotBytes,
      rss_mb: rss,
      baseline_updates_per_s: windowed.updates_per_s,
      baseline_latency_p50_ms: windowed.p50,
      baseline_latency_p99_ms: windowed.p99,
      baseline_steady_latency_p99_ms: windowed.steady_p99,
      baseline_warmup_latency_p99_ms: windowed.warmup_p99,
      baseline_messages_per_client_s: windowed.messages_per_client_s,
      baseline_unbatched_updates_per_s: plain.updates_per_s,
      baseline_unbatched_dropped: plain.dropped,
      baseline_unbatched_latency_p50_ms: plain.p50,
      baseline_unbatched_latency_p99_ms: plain.p99,
      latency_p99_ratio: live.p99 !== null && windowed.p99 ? Math.round((live.p99 / windowed.p99) * 100) / 100 : null,
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await runLive();
